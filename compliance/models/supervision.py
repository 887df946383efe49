"""Supervision cases and the "一函两书" letters (DOMAIN.md §4; regulations.md §1, R41–R49)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from compliance.models.bargaining import BargainingRound
from compliance.models.contracts import Contract
from compliance.models.enterprises import Enterprise
from compliance.models.imports import private_storage
from compliance.rules import letters

# Built from the vocabulary (members REMINDER, OPINION …): its codes and labels are the choices.
LetterKind = models.TextChoices(
    "LetterKind", [(kind.code.upper(), (kind.code, kind.label)) for kind in letters.KINDS]
)


class SupervisionCase(models.Model):
    """A case against one enterprise, or an area-wide reminder to many (R47)."""

    class Source(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        INSPECTION = "inspection", _("Inspection")
        REFUSED_OFFER = "refused_offer", _("Refused bargaining offer")
        UNANSWERED_OFFER = "unanswered_offer", _("Unanswered bargaining offer")
        EXPIRED_CONTRACT = "expired_contract", _("Expired contract without a successor")
        AUDIT_FINDING = "audit_finding", _("Performance audit finding")
        AREA_WIDE = "area_wide", _("Area-wide reminder")
        REFERRED = "referred", _("Referred by a federation below")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    title = models.CharField(_("title"), max_length=200)
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supervision_cases",
    )
    area_wide = models.BooleanField(_("area-wide reminder"), default=False)
    addressees = models.ManyToManyField(
        Enterprise,
        verbose_name=_("addressed enterprises"),
        blank=True,
        related_name="area_reminders",
    )
    source = models.CharField(_("source"), max_length=20, choices=Source.choices)
    source_round = models.ForeignKey(
        BargainingRound,
        verbose_name=_("source bargaining round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervision_cases",
    )
    source_contract = models.ForeignKey(
        Contract,
        verbose_name=_("source contract"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervision_cases",
    )
    source_check = models.ForeignKey(
        "compliance.AuditCheck",
        verbose_name=_("source performance check"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    summary = models.TextField(_("summary"), blank=True)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible supervisor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="supervision_cases",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    opened_on = models.DateField(_("opened on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    proposed_next = models.CharField(
        _("proposed next letter"),
        max_length=20,
        choices=LetterKind.choices,
        blank=True,
        help_text=_("Proposed by the deadline task; the supervisor decides."),
    )
    # Referral to the federation above (services/supervision/referral.py): the child's case
    # points to the referral it was sent with, the parent's copy to the one it was received by.
    # No database constraint reaches from a federation's schema into the shared one: referrals
    # are never deleted, and a federation's schema stays free of the others' lifecycles.
    referred_to = models.ForeignKey(
        "tenants.Referral",
        verbose_name=_("referred to the federation above"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    referred_from = models.ForeignKey(
        "tenants.Referral",
        verbose_name=_("referred from the federation below"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    # The enterprise as the referring federation's ledger names it, when it is not in this
    # federation's ledger (every enterprise belongs to one ledger only: DOMAIN.md §7).
    referred_enterprise = models.CharField(
        _("enterprise (as referred)"), max_length=250, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("supervision case")
        verbose_name_plural = _("supervision cases")
        ordering = ["-opened_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(area_wide=True)
                | models.Q(enterprise__isnull=False)
                | models.Q(referred_from__isnull=False),
                name="case_has_an_enterprise_unless_area_wide",
                violation_error_message=_("A case concerns one enterprise unless it is area-wide."),
            )
        ]

    def __str__(self) -> str:
        return self.title


class Letter(models.Model):
    """One letter of the case: reminder, opinion, recommendation or rectification notice."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        REPLIED = "replied", _("Replied")
        OVERDUE = "overdue", _("Overdue without a reply")

    class Trigger(models.TextChoices):
        REFUSED = "refused", _("The employer refused to accept the opinion letter")
        NO_REPLY = "no_reply", _("No reply within the time limit")
        NOT_RECTIFIED = "not_rectified", _("Not rectified without good reason")

    class Delivery(models.TextChoices):
        IN_PERSON = "in_person", _("Delivered in person")
        POST = "post", _("Registered post")
        ELECTRONIC = "electronic", _("Electronic delivery")
        PUBLIC_NOTICE = "public_notice", _("Public notice")

    case = models.ForeignKey(
        SupervisionCase,
        on_delete=models.CASCADE,
        related_name="letters",
        verbose_name=_("supervision case"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=LetterKind.choices)
    number = models.CharField(_("document number"), max_length=40, unique=True)
    year = models.PositiveIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ISSUED, db_index=True
    )
    issued_on = models.DateField(_("issued on"))
    addressee = models.CharField(_("addressee"), max_length=200)
    facts = models.TextField(_("facts found"))
    legal_basis = models.TextField(_("legal basis"))
    required_actions = models.TextField(_("required actions"), blank=True)
    due_on = models.DateField(_("reply or rectification due"), db_index=True)
    # Printed in brackets after the due date: the period and the profile's printed legal basis,
    # empty when the issuer set the date (rules/letters.due_clause). Never a rule number.
    due_rule = models.CharField(_("deadline as printed"), max_length=300, blank=True)
    signer = models.CharField(_("signed by"), max_length=50, blank=True)
    signer_title = models.CharField(_("signer's title"), max_length=30, blank=True)
    copies_to = models.CharField(_("copies to"), max_length=300, blank=True)
    trigger = models.CharField(
        _("trigger (recommendation letters)"), max_length=15, choices=Trigger.choices, blank=True
    )
    department = models.CharField(_("receiving department"), max_length=100, blank=True)
    department_case_opened_on = models.DateField(
        _("department opened a case on"), null=True, blank=True
    )
    department_result = models.TextField(_("department's handling result"), blank=True)
    delivery_method = models.CharField(
        _("delivery method"), max_length=15, choices=Delivery.choices, blank=True
    )
    delivered_to = models.CharField(_("received by"), max_length=50, blank=True)
    delivered_on = models.DateField(_("delivered on"), null=True, blank=True)
    delivery_refused = models.BooleanField(_("the employer refused to accept it"), default=False)
    reply_text = models.TextField(_("employer's reply"), blank=True)
    replied_on = models.DateField(_("replied on"), null=True, blank=True)
    reply_token_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    reply_link_expires = models.DateTimeField(_("reply link expires"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A letter of the federation below, copied with a referred case: a read-only record under
    # the issuer's own number, outside this federation's numbering and deadline sweep.
    referred_copy = models.BooleanField(_("copy from the referring federation"), default=False)

    history = HistoricalRecords(excluded_fields=["reply_token_hash"])

    class Meta:
        verbose_name = _("letter")
        verbose_name_plural = _("letters")
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "year", "sequence"],
                condition=models.Q(referred_copy=False),
                name="letter_number_seq",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=letters.RECOMMENDATION.code) | ~models.Q(trigger=""),
                name="recommendation_has_a_trigger",
                violation_error_message=_("A recommendation letter records its trigger."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} {self.get_kind_display()}"


class RectificationItem(models.Model):
    """One required action of a letter or rectification notice, with its own outcome."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        RECTIFIED = "rectified", _("Rectified (整改到位)")
        NOT_RECTIFIED = "not_rectified", _("Not rectified (未整改)")
        CANNOT = "cannot", _("Cannot be rectified (无法整改)")

    case = models.ForeignKey(
        SupervisionCase,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("supervision case"),
    )
    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, related_name="items", verbose_name=_("letter")
    )
    order = models.PositiveIntegerField(_("order"))
    text = models.TextField(_("required action"))
    outcome = models.CharField(
        _("outcome"),
        max_length=15,
        choices=Outcome.choices,
        default=Outcome.PENDING,
        db_index=True,
    )
    outcome_note = models.TextField(_("verification note"), blank=True)
    good_reason = models.BooleanField(_("good reason for not rectifying"), default=False)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    employer_response = models.TextField(_("employer's response"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rectification item")
        verbose_name_plural = _("rectification items")
        ordering = ["letter", "order"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "order"], name="item_order_unique")
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.text[:40]}"


class ItemEvidence(models.Model):
    """Evidence for an item: uploaded by staff or by the employer through the reply link."""

    item = models.ForeignKey(
        RectificationItem,
        on_delete=models.CASCADE,
        related_name="evidence",
        verbose_name=_("rectification item"),
    )
    # Private: never under /media/; served only by the case and reply views (tenant-checked).
    file = models.FileField(_("file"), upload_to="evidence/%Y/", storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=200)
    from_employer = models.BooleanField(_("uploaded by the employer"), default=False)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class LetterTemplate(models.Model):
    """The federation's own wording of a letter kind (provinces prescribe their own formats).

    `body` is a Django template; it sees `letter`, `case`, `federation`, `items`.
    """

    kind = models.CharField(_("kind"), max_length=20, choices=LetterKind.choices, unique=True)
    title = models.CharField(_("title"), max_length=100)
    number_prefix = models.CharField(
        _("number prefix"),
        max_length=10,
        help_text=_("Between the federation's short name and the year, e.g. 工监函."),
    )
    body = models.TextField(_("body"))
    closing = models.CharField(_("closing line"), max_length=50, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        ordering = ["kind"]

    def __str__(self) -> str:
        return self.title


class ReminderNotice(models.Model):
    """A deadline reminder to the supervisor, recorded once (outbox): the unique constraint makes
    a repeated or restarted task unable to remind twice."""

    class Moment(models.TextChoices):
        BEFORE = "before", _("Before the deadline")
        AT = "at", _("On the deadline")
        OVERDUE = "overdue", _("Overdue")

    letter = models.ForeignKey(
        Letter, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("letter")
    )
    moment = models.CharField(max_length=10, choices=Moment.choices)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        constraints = [
            models.UniqueConstraint(fields=["letter", "moment"], name="remind_once_per_moment")
        ]

    def __str__(self) -> str:
        return f"{self.letter} · {self.get_moment_display()}"
