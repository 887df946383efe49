"""Award eligibility under the one-vote veto (一票否决; DOMAIN.md §4, R37–R40)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from compliance.models.enterprises import Enterprise
from compliance.models.imports import private_storage
from compliance.rules.veto import CATALOGUE, Lookback, Verdict

# The catalogue's labels are msgids (gettext_noop): translated lazily here for display.
CRITERION_CHOICES = [(code, _(criterion.label)) for code, criterion in CATALOGUE.items()]
VIOLATION_KINDS = [
    (code, _(criterion.label)) for code, criterion in CATALOGUE.items() if criterion.violation_kind
]
LOOKBACK_CHOICES = [
    (Lookback.THIS_YEAR.value, _("this year")),
    (Lookback.THREE_YEARS.value, _("three years")),
    (Lookback.SINCE.value, _("since a date")),
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
    award = models.ForeignKey(
        Award, on_delete=models.CASCADE, related_name="criteria", verbose_name=_("award")
    )
    code = models.CharField(_("criterion"), max_length=30, choices=CRITERION_CHOICES)
    lookback = models.CharField(
        _("look-back"),
        max_length=15,
        blank=True,
        choices=LOOKBACK_CHOICES,
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
    reference = models.CharField(
        _("document number"),
        max_length=60,
        blank=True,
        help_text=_(
            "The number of the decision or report, if any. Two records of one kind on one day "
            "need different numbers."
        ),
    )
    description = models.TextField(_("description"), blank=True)
    source = models.CharField(
        pgettext_lazy("violation record", "source"),
        max_length=100,
        blank=True,
        help_text=_("Who reported it, e.g. the labour inspection or the emergency bureau."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("violation record")
        verbose_name_plural = _("violation records")
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            # What makes an import idempotent: the same record imported twice is one record.
            models.UniqueConstraint(
                fields=["enterprise", "kind", "occurred_on", "reference"],
                name="violation_record_once",
                violation_error_message=_(
                    "This enterprise already has a record of this type on this day with this "
                    "document number. Give the new record its own number."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_kind_display()} · {self.occurred_on}"


class EligibilityRun(models.Model):
    """A dated snapshot of checking nominees: its results never change when the data does.

    A nomination list uploaded in the admin is a run that a Celery task carries out
    (compliance.tasks.eligibility_run): queued, running, then done or failed. Only
    compliance.services.awards sets the status."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", pgettext_lazy("eligibility check", "Done")
        FAILED = "failed", pgettext_lazy("eligibility check", "Failed")

    award = models.ForeignKey(
        Award, verbose_name=_("award"), on_delete=models.PROTECT, related_name="runs"
    )
    status = models.CharField(
        pgettext_lazy("eligibility check", "status"),
        max_length=8,
        choices=Status.choices,
        default=Status.DONE,
    )
    file = models.FileField(
        _("file"), upload_to="nominations/%Y/%m/", storage=private_storage, blank=True
    )
    file_name = models.CharField(_("nomination list"), max_length=255, blank=True)
    language = models.CharField(_("language"), max_length=10, blank=True)
    message = models.TextField(_("message"), blank=True)
    eligible = models.PositiveIntegerField(_("eligible"), default=0)
    vetoed = models.PositiveIntegerField(_("vetoed"), default=0)
    needs_review = models.PositiveIntegerField(_("needs review"), default=0)
    unmatched = models.PositiveIntegerField(_("not in the ledger"), default=0)
    finished_at = models.DateTimeField(
        pgettext_lazy("eligibility check", "finished at"), null=True, blank=True
    )
    as_of = models.DateField(_("as of"))
    created_at = models.DateTimeField(_("checked at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("run by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    nominees = models.PositiveIntegerField(_("nominees"), default=0)

    class Meta:
        verbose_name = _("eligibility check")
        verbose_name_plural = _("eligibility checks")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.award} · {self.as_of}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class EligibilityResult(models.Model):
    class Outcome(models.TextChoices):
        ELIGIBLE = Verdict.ELIGIBLE.value, _("Eligible")
        VETOED = Verdict.VETOED.value, _("Vetoed")
        NEEDS_REVIEW = Verdict.NEEDS_REVIEW.value, _("Needs review")
        UNMATCHED = "unmatched", _("Not in the ledger")

    run = models.ForeignKey(
        EligibilityRun,
        on_delete=models.CASCADE,
        related_name="results",
        verbose_name=_("eligibility check"),
    )
    row = models.PositiveIntegerField(_("row"), null=True, blank=True)
    credit_code = models.CharField(_("unified social credit code"), max_length=18)
    name = models.CharField(_("name"), max_length=200)
    enterprise = models.ForeignKey(
        Enterprise,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("enterprise"),
    )
    outcome = models.CharField(_("outcome"), max_length=15, choices=Outcome.choices)
    lapses_on = models.DateField(_("veto lapses on"), null=True, blank=True)
    criteria = models.JSONField(_("criteria"), default=list)
    note = models.TextField(_("note"), blank=True)  # why an unmatched row matched nothing

    class Meta:
        verbose_name = _("eligibility result")
        verbose_name_plural = _("eligibility results")
        ordering = ["run", "row", "pk"]

    def __str__(self) -> str:
        return f"{self.name}: {self.get_outcome_display()}"


class AwardNotice(models.Model):
    """The public notice (公示) of an eligibility check's shortlist: its eligible nominees, on
    the federation's site for at least the profile's notice period (R40: five working days).
    Only compliance.services.notices sets the status."""

    class Status(models.TextChoices):
        PUBLISHED = "published", pgettext_lazy("award notice", "Published")
        WITHDRAWN = "withdrawn", pgettext_lazy("award notice", "Withdrawn")

    run = models.ForeignKey(
        EligibilityRun,
        verbose_name=_("eligibility check"),
        on_delete=models.PROTECT,
        related_name="notices",
    )
    title = models.CharField(pgettext_lazy("notice", "title"), max_length=200)
    body = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("Shown above the list: what the award is and how nominees were chosen."),
    )
    contact = models.TextField(
        _("objections to"),
        blank=True,
        help_text=_("Where and how the public may object during the notice period."),
    )
    # The English version for visitors reading the site in English; each falls back to Chinese.
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    body_en = models.TextField(_("introduction (English)"), blank=True)
    contact_en = models.TextField(_("objections to (English)"), blank=True)
    starts_on = models.DateField(_("notice from"))
    ends_on = models.DateField(_("notice until"))
    status = models.CharField(
        pgettext_lazy("notice", "status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PUBLISHED,
    )
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award public notice")
        verbose_name_plural = _("award public notices")
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return self.title
