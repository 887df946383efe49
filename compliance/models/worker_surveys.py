"""Workers' voice (DOMAIN.md §9, issue 18 item 8): surveys of an effective contract's workers,
their one-time codes and anonymous answers, and the employee representatives' inspections
(职工代表巡视). The rules are in compliance.rules.worker_surveys."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from compliance.models.contracts import Contract


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    BASICALLY = "basically", _("Basically satisfied")
    NOT_SATISFIED = "not", _("Not satisfied")


class WorkerSurvey(models.Model):
    """A survey of one contract's workers, answered on the federation's public site through its
    link (the poster's QR code)."""

    class Mode(models.TextChoices):
        CODES = "codes", _("One-time codes printed by the enterprise")
        SHARED = "shared", _("One code for the contract, with a rate limit")

    class Status(models.TextChoices):
        OPEN = "open", pgettext_lazy("survey status", "Open")
        CLOSED = "closed", pgettext_lazy("survey status", "Closed")

    contract = models.ForeignKey(
        Contract,
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="worker_surveys",
    )
    mode = models.CharField(
        _("how workers prove they may answer"), max_length=8, choices=Mode.choices
    )
    status = models.CharField(
        pgettext_lazy("survey", "status"),
        max_length=8,
        choices=Status.choices,
        default=Status.OPEN,
    )
    # The public link's random part; also keys the one-time codes' hashes.
    token = models.CharField(_("link token"), max_length=32, unique=True, editable=False)
    # Printed on the poster for everyone, so it is no secret worth hashing.
    shared_code = models.CharField(_("code for the contract"), max_length=12, blank=True)
    codes_issued = models.PositiveIntegerField(_("one-time codes issued"), default=0)
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("workers' survey")
        verbose_name_plural = _("workers' surveys")
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract"],
                condition=models.Q(status="open"),
                name="worker_survey_one_open",
                violation_error_message=_("This contract already has an open survey."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.contract} ({self.opened_on:%Y-%m-%d})"


class SurveyCode(models.Model):
    """A one-time code: its keyed hash and whether it was used, nothing else (no time, no link
    to the answer it allowed)."""

    survey = models.ForeignKey(
        WorkerSurvey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="codes"
    )
    code_hash = models.CharField(_("code hash"), max_length=64, unique=True, editable=False)
    used = models.BooleanField(_("used"), default=False)

    class Meta:
        verbose_name = _("one-time survey code")
        verbose_name_plural = _("one-time survey codes")

    def __str__(self) -> str:
        return f"{self.survey_id}: {self.code_hash[:8]}"


class SurveyAnswer(models.Model):
    """One worker's anonymous answer: no address, no browser, no code, only the day."""

    survey = models.ForeignKey(
        WorkerSurvey, verbose_name=_("survey"), on_delete=models.PROTECT, related_name="answers"
    )
    answered_on = models.DateField(_("answered on"), db_index=True)
    knows_contract = models.BooleanField(_("knows the contract exists"))
    terms_asked = models.PositiveSmallIntegerField(_("topics asked"), default=0)
    terms_right = models.PositiveSmallIntegerField(_("topics placed right"), default=0)
    bargaining = models.CharField(
        _("satisfaction with the bargaining"), max_length=10, choices=Satisfaction.choices
    )
    result = models.CharField(
        _("satisfaction with the result"), max_length=10, choices=Satisfaction.choices
    )

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(terms_right__lte=models.F("terms_asked")),
                name="survey_answer_terms_within",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.survey_id} {self.answered_on:%Y-%m-%d}"


class RepresentativeInspection(models.Model):
    """An inspection by employee representatives of how the contract is carried out
    (职工代表巡视, seeds 000/001)."""

    contract = models.ForeignKey(
        Contract,
        verbose_name=_("contract"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    inspected_on = models.DateField(_("inspected on"))
    representatives = models.CharField(_("employee representatives"), max_length=300)
    subject = models.CharField(_("what was inspected"), max_length=300)
    findings = models.TextField(_("findings"))
    follow_up = models.TextField(_("follow-up"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("employee representatives' inspection")
        verbose_name_plural = _("employee representatives' inspections")
        ordering = ["-inspected_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.contract} {self.inspected_on:%Y-%m-%d}"
