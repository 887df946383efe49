"""The one way services save an audited record: validated, with the user and reason recorded
on its django-simple-history row."""

from __future__ import annotations

# simple-history's history_change_reason column is 100 characters.
REASON_LENGTH = 100


def save_with_history(obj, *, user, reason: str) -> None:
    obj._history_user = user
    obj._change_reason = reason[:REASON_LENGTH]
    obj.full_clean()
    obj.save()
