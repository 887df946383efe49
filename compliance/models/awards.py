"""Award eligibility under the one-vote veto (一票否决; DOMAIN.md §4, R37–R40)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from compliance.models.enterprises import Enterprise
from compliance.rules.veto import CATALOGUE, Lookback, Verdict

CRITERION_CHOICES = [(code, criterion.label) for code, criterion in CATALOGUE.items()]
VIOLATION_KINDS = [
    (code, criterion.label) for code, criterion in CATALOGUE.items() if criterion.violation_kind
]


class Award(models.Model):
    """An award the committee checks nominees for, e.g. 五一劳动奖状 2027."""

    name = models.CharField(_("name"), max_length=100)
    year = models.PositiveIntegerField(_("year"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award")
        verbose_name_plural = _("awards")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class AwardCriterion(models.Model):
    award = models.ForeignKey(Award, on_delete=models.CASCADE, related_name="criteria")
    code = models.CharField(_("criterion"), max_length=30, choices=CRITERION_CHOICES)
    lookback = models.CharField(
        _("look-back"),
        max_length=15,
        blank=True,
        choices=[(v.value, v.value) for v in Lookback],
        help_text=_("Empty: the catalogue's default."),
    )
    since = models.DateField(_("since"), null=True, blank=True)
    records_complete = models.BooleanField(
        _("records of this kind are complete for the look-back"),
        default=False,
        help_text=_("Without it, finding no record means 'needs review', not 'eligible'."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("veto criterion")
        verbose_name_plural = _("veto criteria")
        constraints = [
            models.UniqueConstraint(fields=["award", "code"], name="award_criterion_once")
        ]

    def __str__(self) -> str:
        return self.get_code_display()


class ViolationRecord(models.Model):
    """A record the veto reads: wage arrears, unpaid social insurance, safety accident,
    occupational hazard, mass incident, wage-bargaining breach."""

    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="violations",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=VIOLATION_KINDS, db_index=True)
    occurred_on = models.DateField(_("occurred on"), db_index=True)
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(_("source"), max_length=100, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("violation record")
        verbose_name_plural = _("violation records")
        ordering = ["-occurred_on"]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_kind_display()} · {self.occurred_on}"


class EligibilityRun(models.Model):
    """A dated snapshot of checking nominees: its results never change when the data does."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="runs")
    as_of = models.DateField(_("as of"))
    created_at = models.DateTimeField(_("checked at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    nominees = models.PositiveIntegerField(_("nominees"), default=0)

    class Meta:
        verbose_name = _("eligibility check")
        verbose_name_plural = _("eligibility checks")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.award} · {self.as_of}"


class EligibilityResult(models.Model):
    class Outcome(models.TextChoices):
        ELIGIBLE = Verdict.ELIGIBLE.value, _("Eligible")
        VETOED = Verdict.VETOED.value, _("Vetoed")
        NEEDS_REVIEW = Verdict.NEEDS_REVIEW.value, _("Needs review")
        UNMATCHED = "unmatched", _("Not in the ledger")

    run = models.ForeignKey(EligibilityRun, on_delete=models.CASCADE, related_name="results")
    row = models.PositiveIntegerField(_("row"), null=True, blank=True)
    credit_code = models.CharField(_("unified social credit code"), max_length=18)
    name = models.CharField(_("name"), max_length=200)
    enterprise = models.ForeignKey(
        Enterprise, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=15, choices=Outcome.choices)
    lapses_on = models.DateField(_("veto lapses on"), null=True, blank=True)
    criteria = models.JSONField(_("criteria"), default=list)

    class Meta:
        verbose_name = _("eligibility result")
        verbose_name_plural = _("eligibility results")
        ordering = ["run", "row", "pk"]

    def __str__(self) -> str:
        return f"{self.name}: {self.get_outcome_display()}"
