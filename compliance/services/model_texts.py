"""Writes to the federation's model texts (示范文本): the clauses by topic of each contract kind
that the pre-review compares contracts with (rules/similarity.py; seed 002, 照抄格式条款). Every
change keeps its history row with who made it and why."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from compliance.models import ModelClause
from compliance.services.history import save_with_history

MODEL_CLAUSE_FIELDS = ("kind", "order", "topic", "text")


@transaction.atomic
def model_clause_save(
    *, clause: ModelClause | None, data: dict, user=None, reason: str
) -> ModelClause:
    """Add a clause to a model text, or correct one; `reason` goes into its history (a
    correction's is the person's own). A number already taken in the kind's text is refused
    with a message, not a database error."""
    clause = clause or ModelClause()
    for name in MODEL_CLAUSE_FIELDS:
        if name in data:
            setattr(clause, name, data[name])
    save_with_history(clause, user=user, reason=reason)
    return clause


@transaction.atomic
def model_clause_delete(*, clause_id: int, user=None) -> None:
    """Take a clause out of its model text; its history is kept."""
    clause = ModelClause.objects.get(pk=clause_id)
    clause._history_user = user
    clause._change_reason = _("Deleted in the admin")
    clause.delete()
