"""Performance supervision of effective contracts (履约监督; DOMAIN.md §4, R31, regulations §7)."""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from compliance.models.contracts import Contract

_SCORE = [MaxValueValidator(100)]


class AuditCheck(models.Model):
    """One scheduled check of one contract. The schedule creates each (contract, level, due day)
    once: a unique constraint, not luck."""

    class Level(models.TextChoices):
        ENTERPRISE = "enterprise", _("Enterprise supervision group (quarterly)")
        INDUSTRY = "industry", _("Industry or system level (half-yearly)")
        FEDERATION = "federation", _("Federation (yearly)")
        REPORT = "report", _("Performance report to the workers' congress")

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled: the contract ended")

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="audit_checks", verbose_name=_("contract")
    )
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    due_on = models.DateField(_("due on"), db_index=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.SCHEDULED,
        db_index=True,
    )
    done_on = models.DateField(_("checked on"), null=True, blank=True)
    checker = models.CharField(_("checked by"), max_length=100, blank=True)
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
    findings = models.TextField(_("findings"), blank=True)
    evidence = models.FileField(_("evidence"), upload_to="audits/%Y/", blank=True)
    case = models.ForeignKey(
        "compliance.SupervisionCase",
        verbose_name=_("supervision case opened"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_checks",
    )
    # The report to the workers' congress this check recorded (level "report"): the one fact the
    # report rate, the award veto and the check list all read (issue 15).
    report = models.OneToOneField(
        "compliance.PerformanceReport",
        verbose_name=_("performance report recorded"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_check",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("performance check")
        verbose_name_plural = _("performance checks")
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "level", "due_on"], name="audit_scheduled_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contract} · {self.get_level_display()} · {self.due_on:%Y-%m-%d}"
