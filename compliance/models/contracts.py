from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from compliance.models.bargaining import BargainingRound, Kind, Scope
from compliance.models.enterprises import Enterprise
from compliance.models.imports import private_storage


class Contract(models.Model):
    """A collective contract (集体合同). Renewals and amendments are new rows pointing back."""

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("contract status", "Draft")
        IN_REVIEW = "in_review", _("In review")
        EFFECTIVE = "effective", _("Effective")
        EXPIRED = "expired", _("Expired")
        TERMINATED = "terminated", _("Terminated")
        SUPERSEDED = "superseded", _("Superseded by an amendment")

    class Relation(models.TextChoices):
        RENEWAL = "renewal", _("Renewal")
        AMENDMENT = "amendment", _("Amendment")

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="contracts"
    )
    covered_enterprises = models.ManyToManyField(
        Enterprise,
        verbose_name=_("covered enterprises"),
        blank=True,
        related_name="covering_contracts",
    )
    round = models.OneToOneField(
        BargainingRound,
        verbose_name=_("bargaining round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contract",
    )
    title = models.CharField(_("title"), max_length=200)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.SINGLE)
    kind = models.CharField(
        _("kind"), max_length=15, choices=Kind.choices, default=Kind.COMPREHENSIVE
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"), db_index=True)
    covered_employees = models.PositiveIntegerField(_("employees covered"), default=0)
    wage_growth_pct = models.DecimalField(
        _("wage growth (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    minimum_wage = models.DecimalField(
        _("minimum monthly wage (yuan)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    weekly_hours = models.DecimalField(
        _("weekly working hours"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    # The codebook's entered variables (compliance.rules.codebook), by code, validated there by
    # every writer; the three columns above are the codebook's column variables.
    key_terms = models.JSONField(_("key terms"), default=dict, db_default={}, blank=True)
    passed_by_congress = models.BooleanField(_("passed by the workers' congress"), default=False)
    submitted_in_time = models.BooleanField(
        _("submitted for review in time"), null=True, blank=True
    )
    signed_on = models.DateField(_("signed on"), null=True, blank=True, db_index=True)
    effective_on = models.DateField(_("effective on"), null=True, blank=True)
    filing_number = models.CharField(_("filing number"), max_length=40, blank=True, db_index=True)
    filed_on = models.DateField(_("filed with the federation on"), null=True, blank=True)
    filed_with_department = models.BooleanField(
        _("filed with the labour administration"), default=False
    )
    # Printed on the filing receipt; anyone checks it, with the filing number, on the public
    # verification page (compliance.rules.receipts). Given when the contract is filed.
    verification_code = models.CharField(
        _("receipt verification code"), max_length=14, blank=True, editable=False
    )
    published_on = models.DateField(_("published to employees on"), null=True, blank=True)
    posting_ends_on = models.DateField(
        _("notice-board posting taken down on"),
        null=True,
        blank=True,
        help_text=_("Empty while the contract is still posted."),
    )
    publish_publicly = models.BooleanField(_("publish a notice on the public site"), default=False)
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("predecessor"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="successors",
    )
    relation = models.CharField(
        _("relation to predecessor"), max_length=10, choices=Relation.choices, blank=True
    )
    renewal_window_opens = models.DateField(_("renewal window opens"), null=True, blank=True)
    renewal_reminded_on = models.DateField(_("renewal reminder sent on"), null=True, blank=True)
    ended_on = models.DateField(_("terminated on"), null=True, blank=True)
    end_reason = models.TextField(_("reason for termination"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("collective contract")
        verbose_name_plural = _("collective contracts")
        ordering = ["-starts_on", "-pk"]
        indexes = [
            models.Index(fields=["status", "ends_on"]),
            # Amendments are rare: a tiny index makes "not superseded by an amendment" cheap.
            models.Index(
                fields=["predecessor"],
                condition=models.Q(relation="amendment"),
                name="contract_amendments",
            ),
            # Signed but not yet submitted: the few the statistics read directly.
            models.Index(
                fields=["signed_on"],
                condition=models.Q(submitted_in_time__isnull=True),
                name="contract_unsubmitted",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="contract_ends_after_start",
                violation_error_message=_("A contract's term cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["filing_number"],
                condition=~models.Q(filing_number=""),
                name="contract_filing_number_unique",
            ),
            models.UniqueConstraint(
                fields=["verification_code"],
                condition=~models.Q(verification_code=""),
                name="contract_verification_code_unique",
            ),
            models.UniqueConstraint(
                fields=["predecessor"],
                condition=models.Q(relation="renewal"),
                name="contract_renewed_once",
                violation_error_message=_("This contract has already been renewed."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Clause(models.Model):
    class Topic(models.TextChoices):
        WAGES = "wages", _("Wages")
        HOURS = "hours", _("Working hours")
        REST = "rest", _("Rest and leave")
        SAFETY = "safety", _("Safety and health")
        TRAINING = "training", _("Training")
        INSURANCE = "insurance", _("Insurance and welfare")
        WOMEN = "women", _("Women workers")
        OTHER = "other", _("Other")

    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="clauses", verbose_name=_("contract")
    )
    order = models.PositiveIntegerField(_("order"))
    topic = models.CharField(_("topic"), max_length=10, choices=Topic.choices)
    text = models.TextField(_("text"))
    is_business_secret = models.BooleanField(_("business secret (never published)"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")
        ordering = ["contract", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "order"],
                name="clause_order_unique",
                violation_error_message=_(
                    "This contract already has a clause with this number: choose another."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.get_topic_display()}"


class ContractAttachment(models.Model):
    contract = models.ForeignKey(
        Contract, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("contract")
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="contracts/%Y/")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class PerformanceReport(models.Model):
    """The annual report on the contract's performance to the workers' congress (R31)."""

    contract = models.ForeignKey(
        Contract,
        on_delete=models.CASCADE,
        related_name="performance_reports",
        verbose_name=_("contract"),
    )
    year = models.PositiveIntegerField(_("year reported on"))
    reported_on = models.DateField(_("reported to the workers' congress on"))
    # Private: served only by the contract's admin page (tenant-checked), never under /media/.
    document = models.FileField(
        _("report"), upload_to="reports/%Y/", blank=True, storage=private_storage
    )
    minutes = models.FileField(
        _("minutes of the workers' congress"),
        upload_to="reports/%Y/",
        blank=True,
        storage=private_storage,
    )
    # Who entered the fact: a clerk in the back office, or the enterprise itself in its area.
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_enterprise = models.BooleanField(_("submitted by the enterprise"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("performance report")
        verbose_name_plural = _("performance reports")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["contract", "year"], name="one_report_per_contract_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.contract} · {self.year}"
