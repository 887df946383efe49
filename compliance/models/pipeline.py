"""The bargaining pipeline's records (DOMAIN.md §9): the year's baseline survey (摸底调查) of each
unionised enterprise and its intent to bargain (意向, 协商预报)."""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from compliance.models.bargaining import Kind
from compliance.models.enterprises import Enterprise


class SurveyCategory(models.TextChoices):
    """Seed 003's classification of the unionised enterprises."""

    WILLING = "willing", _("Willing to bargain")
    UNWILLING = "unwilling", _("Unwilling (不愿谈)")
    AFRAID = "afraid", _("Afraid (不敢谈)")
    UNABLE = "unable", _("Unable (不会谈)")
    BARGAINING = "bargaining", _("Already bargaining")
    NOT_PERFORMED = "not_performed", _("Contract not performed (执行不到位)")


class SurveyReason(models.TextChoices):
    """The typical reasons seed 003 gives for the three "not" categories."""

    COST = "cost", _("Fears higher labour costs")
    FORMALITY = "formality", _("Sees bargaining as a formality")
    NO_NEED = "no_need", _("Sees no need: wages are set by the employer")
    RETALIATION = "retaliation", _("Workers fear retaliation")
    UNION_DEPENDENT = "union_dependent", _("The union chair depends on the employer")
    NO_KNOWLEDGE = "no_knowledge", _("Lacks knowledge of bargaining")
    NO_SKILL = "no_skill", _("Lacks bargaining skill")
    NO_DATA = "no_data", _("Has no data on the enterprise's business and wages")


# Which typical reasons belong to which category (the others take free text only).
REASONS_BY_CATEGORY = {
    SurveyCategory.UNWILLING: (SurveyReason.COST, SurveyReason.FORMALITY, SurveyReason.NO_NEED),
    SurveyCategory.AFRAID: (SurveyReason.RETALIATION, SurveyReason.UNION_DEPENDENT),
    SurveyCategory.UNABLE: (SurveyReason.NO_KNOWLEDGE, SurveyReason.NO_SKILL, SurveyReason.NO_DATA),
}


def validate_year(value: int) -> None:
    MinValueValidator(2000)(value)
    MaxValueValidator(2100)(value)


class BaselineSurvey(models.Model):
    """One unionised enterprise's classification in one year's baseline survey (摸底调查)."""

    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="surveys",
    )
    year = models.PositiveIntegerField(_("survey year"), validators=[validate_year])
    category = models.CharField(
        pgettext_lazy("survey", "category"),
        max_length=15,
        choices=SurveyCategory.choices,
        db_index=True,
    )
    reasons = ArrayField(
        models.CharField(max_length=20, choices=SurveyReason.choices),
        verbose_name=_("typical reasons"),
        default=list,
        blank=True,
    )
    notes = models.TextField(
        _("reasons noted"),
        blank=True,
        help_text=_("What the enterprise said, in the surveyor's words."),
    )
    surveyed_on = models.DateField(_("surveyed on"))
    surveyed_by = models.CharField(_("surveyed by"), max_length=100)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("baseline survey row")
        verbose_name_plural = _("baseline survey")
        ordering = ["-year", "enterprise__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year"],
                name="survey_once_a_year",
                violation_error_message=_(
                    "This enterprise is already in this year's survey: edit its row."
                ),
            )
        ]
        indexes = [models.Index(fields=["year", "category"], name="survey_year_category")]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.year} · {self.get_category_display()}"


class BargainingIntent(models.Model):
    """An enterprise's intent to bargain in a year, with the month it plans the offer for and the
    contract's kind: the forecast (协商预报, seed 002) lists them month by month."""

    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="intents",
    )
    year = models.PositiveIntegerField(_("year"), validators=[validate_year])
    planned_month = models.PositiveSmallIntegerField(
        _("planned month"),
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("The month (1–12) the offer is planned for."),
    )
    kind = models.CharField(
        _("topic (contract kind)"), max_length=15, choices=Kind.choices, default=Kind.COMPREHENSIVE
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_on = models.DateField(_("recorded on"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["recorded_by"])

    class Meta:
        verbose_name = _("intent to bargain")
        verbose_name_plural = _("intents to bargain")
        ordering = ["year", "planned_month", "enterprise__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year"],
                name="intent_once_a_year",
                violation_error_message=_(
                    "This enterprise's intent for this year is already recorded: edit it."
                ),
            )
        ]
        indexes = [models.Index(fields=["year", "planned_month"], name="intent_year_month")]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.year}-{self.planned_month:02d}"
