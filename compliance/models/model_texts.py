from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from compliance.models.bargaining import Kind
from compliance.models.contracts import Clause


class ModelClause(models.Model):
    """One clause of the federation's model text (示范文本) of a contract kind: the model text of
    a kind is its clauses in order. The pre-review measures how much of a contract's clause is
    copied from the model text of its kind (rules/similarity.py)."""

    kind = models.CharField(_("contract kind"), max_length=15, choices=Kind.choices)
    order = models.PositiveIntegerField(_("order"))
    topic = models.CharField(_("topic"), max_length=10, choices=Clause.Topic.choices)
    text = models.TextField(_("text"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("model-text clause")
        verbose_name_plural = _("model texts")
        ordering = ["kind", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "order"],
                name="model_clause_order_unique",
                violation_error_message=_(
                    "The model text of this kind already has a clause with this number: "
                    "choose another."
                ),
            )
        ]
        indexes = [models.Index(fields=["kind", "topic"], name="model_clause_kind_topic")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.order}. {self.get_topic_display()}"
