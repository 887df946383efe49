"""The quality and effectiveness evaluation of a contract (集体协商质效评估; rules/quality.py)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from compliance.models.contracts import Contract

_SCORE = [MaxValueValidator(100)]


class QualityEvaluation(models.Model):
    """One evaluation of one contract: items judged from the records when it is started, the rest
    scored by the evaluator, then finalised — the dimension scores, the weighted total and the
    verdict are fixed from then on."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("evaluation status", "In progress")
        FINAL = "final", pgettext_lazy("evaluation status", "Finalised")

    class Method(models.TextChoices):
        SELF = "self", _("Self-assessment by the enterprise")
        FILES = "files", _("File review")
        INTERVIEWS = "interviews", pgettext_lazy("evaluation method", "Interviews")
        QUESTIONNAIRES = "questionnaires", _("Questionnaires to both sides' representatives")

    contract = models.ForeignKey(
        Contract,
        on_delete=models.CASCADE,
        related_name="quality_evaluations",
        verbose_name=_("contract"),
    )
    year = models.PositiveSmallIntegerField(_("year evaluated"), db_index=True)
    evaluated_on = models.DateField(_("evaluated on"))
    evaluator = models.CharField(_("evaluated by"), max_length=100)
    methods = models.JSONField(_("methods"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    score_parties = models.PositiveSmallIntegerField(
        _("parties"), null=True, blank=True, validators=_SCORE
    )
    score_procedure = models.PositiveSmallIntegerField(
        _("procedure"), null=True, blank=True, validators=_SCORE
    )
    score_content = models.PositiveSmallIntegerField(
        pgettext_lazy("audit dimension", "content"), null=True, blank=True, validators=_SCORE
    )
    score_performance = models.PositiveSmallIntegerField(
        _("performance"), null=True, blank=True, validators=_SCORE
    )
    score_effect = models.PositiveSmallIntegerField(
        _("effect"), null=True, blank=True, validators=_SCORE
    )
    total = models.DecimalField(
        _("weighted score"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    # The weights and pass line the total was computed with, as the profile said that day.
    weights = models.CharField(_("weights applied"), max_length=40, blank=True)
    pass_line = models.PositiveSmallIntegerField(_("pass line applied"), null=True, blank=True)
    comment = models.TextField(_("overall comment"), blank=True)
    finalised_on = models.DateField(_("finalised on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quality evaluation")
        verbose_name_plural = _("quality evaluations")
        ordering = ["-evaluated_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "year"],
                name="quality_evaluation_once_a_year",
                violation_error_message=_("This contract already has an evaluation for that year."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.contract} · {self.year}"


class QualityItemScore(models.Model):
    """One item of an evaluation: its score, where it came from, and the evidence."""

    class Source(models.TextChoices):
        RECORDS = "records", _("Judged from the records")
        EVALUATOR = "evaluator", _("Scored by the evaluator")
        OVERRIDDEN = "overridden", _("Records' judgement overridden by the evaluator")

    evaluation = models.ForeignKey(
        QualityEvaluation,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("quality evaluation"),
    )
    item = models.CharField(_("item"), max_length=30)
    dimension = models.CharField(_("dimension"), max_length=12)
    score = models.PositiveSmallIntegerField(
        pgettext_lazy("evaluation item", "score"), null=True, blank=True, validators=_SCORE
    )
    source = models.CharField(
        pgettext_lazy("evaluation item", "source"), max_length=10, choices=Source.choices
    )
    # What the records said when the item was judged (kept when the evaluator overrides it), in
    # both languages: the page shows the reader's.
    basis = models.TextField(_("what the records say"), blank=True)
    basis_en = models.TextField(_("what the records say (English)"), blank=True)
    note = models.TextField(_("evaluator's note"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to="quality/%Y/", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evaluation item")
        verbose_name_plural = _("evaluation items")
        ordering = ["evaluation", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["evaluation", "item"], name="quality_item_once")
        ]

    def __str__(self) -> str:
        return f"{self.evaluation} · {self.item}"

    def basis_in(self, language: str) -> str:
        return self.basis_en if language.startswith("en") and self.basis_en else self.basis
