from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from compliance.models.enterprises import Enterprise
from compliance.rules.votes import vote_summary
from tenants.regions import area_code_problem


class Scope(models.TextChoices):
    SINGLE = "single", _("Single enterprise")
    REGIONAL = "regional", _("Regional")
    INDUSTRY = "industry", _("Industry")


class Kind(models.TextChoices):
    COMPREHENSIVE = "comprehensive", _("Comprehensive")
    WAGES = "wages", _("Special: wages")
    WOMEN = "women", _("Special: women workers' protection")
    SAFETY = "safety", _("Special: labour safety and health")


def validate_areas(codes: list[str]) -> None:
    problems = [
        gettext("%(code)s: %(problem)s") % {"code": code, "problem": problem}
        for code in codes
        if (problem := area_code_problem(code))
    ]
    if problems:
        raise ValidationError(problems)


class Instructor(models.Model):
    """A bargaining instructor (集体协商指导员) in the federation's registry, and the areas
    (分片包干) whose enterprises' rounds they are proposed for."""

    name = models.CharField(_("name"), max_length=50)
    organisation = models.CharField(_("organisation"), max_length=100, blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("portal account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="instructor",
    )
    active = models.BooleanField(pgettext_lazy("instructor", "active"), default=True)
    # County-level region codes, matched exactly against Enterprise.region_code.
    areas = ArrayField(
        models.CharField(max_length=6),
        verbose_name=_("areas"),
        default=list,
        blank=True,
        validators=[validate_areas],
        help_text=_(
            "The region codes of the counties, districts or development zones this instructor "
            "covers (分片包干), separated by commas or spaces, e.g. 230803, 230804. A new round "
            "with an enterprise there proposes this instructor."
        ),
    )

    # The appointment (聘任): a term from the appointing document; renewed or ended by
    # compliance.services.instructors, each with its reason in the history. An instructor whose
    # term has ended is not proposed for new rounds. Empty for instructors entered before
    # appointments were recorded (issue 18): they keep being proposed while active.
    appointed_on = models.DateField(_("appointed on"), null=True, blank=True)
    term_ends_on = models.DateField(_("term ends on"), null=True, blank=True)
    appointment_document = models.CharField(
        _("appointing document number"), max_length=60, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bargaining instructor")
        verbose_name_plural = _("bargaining instructors")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Campaign(models.Model):
    """An offer campaign (要约行动月/季): offers to many enterprises in one date range."""

    name = models.CharField(_("name"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    include_all_unionised = models.BooleanField(
        _("include every unionised enterprise"),
        default=False,
        help_text=_("Otherwise only key enterprises without an effective contract."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("offer campaign")
        verbose_name_plural = _("offer campaigns")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="campaign_ends_after_start",
                violation_error_message=_("A campaign cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class BargainingRound(models.Model):
    """One run of the legal procedure (集体协商) towards one collective contract."""

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offer sent, awaiting reply")
        REFUSED = "refused", _("Offer refused")
        NO_REPLY = "no_reply", _("No reply by the deadline")
        NEGOTIATING = "negotiating", _("Negotiating")
        VOTED = "voted", _("Passed by the workers' congress")
        SIGNED = "signed", _("Signed by both chiefs")
        PRELIMINARY_REVIEWED = "preliminary_reviewed", _("Instructor review passed")
        FEDERATION_APPROVED = "federation_approved", _("Federation review passed")
        SUBMITTED = "submitted", _("Submitted to the labour administration")
        EFFECTIVE = "effective", _("Contract effective")

    class OfferedBy(models.TextChoices):
        UNION = "union", _("Trade union")
        EMPLOYER = "employer", _("Employer")

    class OnBehalf(models.TextChoices):
        """上代下 (seeds 000/004): the federation acts for a weak enterprise union."""

        OFFER = "offer", _("The federation made the offer for the enterprise union")
        ROUND = "round", _("The federation runs the whole round for the enterprise union")

    class OnBehalfReason(models.TextChoices):
        WEAK_UNION = "weak_union", _("The enterprise union is too weak to bargain")
        NO_CHAIR = "no_chair", _("The enterprise union has no chair")
        AFRAID = "afraid", _("The enterprise union dare not make the offer")
        OTHER = "other", _("Other reason")

    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="rounds",
        help_text=_("For regional and industry bargaining: the lead enterprise or association."),
    )
    covered_enterprises = models.ManyToManyField(
        Enterprise,
        verbose_name=_("covered enterprises"),
        blank=True,
        related_name="covering_rounds",
    )
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.SINGLE)
    kind = models.CharField(
        _("kind"), max_length=15, choices=Kind.choices, default=Kind.COMPREHENSIVE
    )
    campaign = models.ForeignKey(
        Campaign,
        verbose_name=_("campaign"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rounds",
    )
    instructor = models.ForeignKey(
        Instructor,
        verbose_name=_("instructor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rounds",
    )
    status = models.CharField(
        _("status"), max_length=25, choices=Status.choices, default=Status.OFFERED, db_index=True
    )
    # A renewal round names the contract it renews: its contract, once signed, is that one's
    # renewal (R29), and the contract's page finds the round already under way.
    renews = models.ForeignKey(
        "compliance.Contract",
        verbose_name=_("renews the contract"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="renewal_rounds",
    )

    # 1. Offer (要约) and 2. response (应约)
    offered_by = models.CharField(_("offered by"), max_length=10, choices=OfferedBy.choices)
    dual_offer = models.BooleanField(
        _("dual offer (双要约)"),
        default=False,
        help_text=_("The upper-level union offers together with the workplace union."),
    )
    # 上代下: the federation offered (or runs the round) for the enterprise union. The employer
    # still owes its reply (R1/R2): the union side is the one acting.
    on_behalf = models.CharField(
        _("federation acts for the enterprise union (上代下)"),
        max_length=10,
        choices=OnBehalf.choices,
        blank=True,
        help_text=_("Only for an offer by the union side; leave empty when the union acts itself."),
    )
    on_behalf_reason = models.CharField(
        _("why the federation acts for it"),
        max_length=12,
        choices=OnBehalfReason.choices,
        blank=True,
    )
    on_behalf_note = models.CharField(_("details of the reason"), max_length=200, blank=True)
    on_behalf_by = models.CharField(
        _("acting for the union"),
        max_length=100,
        blank=True,
        help_text=_(
            "Who acted for the enterprise union: the person or department of the federation."
        ),
    )
    offer_date = models.DateField(_("offer date"))
    offer_received_date = models.DateField(_("offer received on"))
    reply_due = models.DateField(_("reply due"), db_index=True)
    reply_due_rule = models.CharField(_("reply deadline rule"), max_length=300)
    reply_date = models.DateField(_("reply date"), null=True, blank=True)

    # 3. Representatives, published to the employees before bargaining (R6)
    representatives_chosen_on = models.DateField(
        _("representatives chosen on"), null=True, blank=True
    )
    representatives_published_on = models.DateField(
        _("representatives published on"), null=True, blank=True
    )

    # 5. Signature
    signed_date = models.DateField(_("signed on"), null=True, blank=True)
    employee_chief = models.CharField(_("employee side chief"), max_length=50, blank=True)
    employer_chief = models.CharField(_("employer side chief"), max_length=50, blank=True)
    submission_due = models.DateField(_("submission due"), null=True, blank=True, db_index=True)
    submission_due_rule = models.CharField(
        _("submission deadline rule"), max_length=300, blank=True
    )

    # 7. Submission (送审) and review by the labour administration
    submitted_date = models.DateField(_("submitted on"), null=True, blank=True)
    received_date = models.DateField(_("received by the department on"), null=True, blank=True)
    review_due = models.DateField(_("review period ends"), null=True, blank=True, db_index=True)
    review_due_rule = models.CharField(_("review period rule"), max_length=300, blank=True)
    effective_date = models.DateField(_("effective on"), null=True, blank=True)
    effective_rule = models.CharField(_("how it became effective"), max_length=300, blank=True)

    # The clerk who recorded the offer: reminded of the round's deadlines when no instructor
    # with a portal account is assigned.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # created_by is kept out of the history table: it never changes after the offer (whose history
    # row names the same user), and a new history column would change every existing row's
    # jsonb, which the audit chain hashes (migration 0010).
    history = HistoricalRecords(excluded_fields=["created_by"])

    class Meta:
        verbose_name = _("bargaining round")
        verbose_name_plural = _("bargaining rounds")
        ordering = ["-offer_date", "-pk"]
        permissions = [("review_bargaininground", _("Can review drafts as an instructor"))]
        # The admin home's open offers by reply day, without walking the finished rounds.
        indexes = [models.Index(fields=["status", "reply_due"], name="round_status_reply_due")]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_kind_display()} · {self.offer_date:%Y-%m-%d}"

    @property
    def current_deadline(self) -> tuple[str, object, str] | None:
        """The deadline of the step the round waits for: (what, day, rule), or None when no
        deadline runs (bargaining, or the procedure ended)."""
        S = self.Status
        if self.status == S.OFFERED:
            return _("Reply to the offer"), self.reply_due, self.reply_due_rule
        awaiting_submission = (S.SIGNED, S.PRELIMINARY_REVIEWED, S.FEDERATION_APPROVED)
        if self.status in awaiting_submission and self.submission_due:
            return _("Submission for review"), self.submission_due, self.submission_due_rule
        if self.status == S.SUBMITTED and self.review_due:
            return _("End of the review period"), self.review_due, self.review_due_rule
        return None


class LeftReason(models.TextChoices):
    REPLACED = "replaced", _("Replaced by the side that appointed them")
    RESIGNED = "resigned", _("Resigned")
    LEFT_EMPLOYER = "left_employer", _("Left the enterprise")
    FORCE_MAJEURE = "force_majeure", _("Unable to serve (force majeure)")


class Representative(models.Model):
    class Side(models.TextChoices):
        EMPLOYEE = "employee", _("Employee side")
        EMPLOYER = "employer", _("Employer side")

    round = models.ForeignKey(
        BargainingRound,
        on_delete=models.CASCADE,
        related_name="representatives",
        verbose_name=_("bargaining round"),
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    name = models.CharField(_("name"), max_length=50)
    identity = models.CharField(
        _("staff or ID number"),
        max_length=40,
        help_text=_("Used only to check that nobody sits on both sides; never published."),
    )
    is_chief = models.BooleanField(_("chief representative"), default=False)
    is_outsider = models.BooleanField(_("outside expert"), default=False)
    # A seat that fell vacant (R7: filled within 15 days) and the representative who took it.
    joined_on = models.DateField(
        _("joined on"), null=True, blank=True, help_text=_("Recorded for a replacement.")
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    left_reason = models.CharField(
        _("why the seat fell vacant"), max_length=15, choices=LeftReason.choices, blank=True
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaced_by",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")
        ordering = ["side", "-is_chief", "name"]
        # The few vacant seats, for the admin home's vacancies (R7).
        indexes = [
            models.Index(
                fields=["left_on"], condition=models.Q(left_on__isnull=False), name="seat_vacant"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "identity"], name="representative_once_per_round"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    """A bargaining meeting (协商会议) with its minutes, signed by everyone present (R9)."""

    round = models.ForeignKey(
        BargainingRound,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name=_("bargaining round"),
    )
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    minutes_signed_by_all = models.BooleanField(_("minutes signed by all present"), default=False)
    suspended_until = models.DateField(_("suspended until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["held_on"]
        # The few suspended meetings, for the admin home's suspensions (R10).
        indexes = [
            models.Index(
                fields=["suspended_until"],
                condition=models.Q(suspended_until__isnull=False),
                name="meeting_suspended",
            )
        ]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.place}".strip()


class CongressVote(models.Model):
    """A workers' congress (职代会) vote on the draft, judged by R13 and R14 when recorded."""

    round = models.ForeignKey(
        BargainingRound,
        on_delete=models.CASCADE,
        related_name="votes",
        verbose_name=_("bargaining round"),
    )
    held_on = models.DateField(_("held on"))
    total = models.PositiveIntegerField(_("representatives in total"))
    present = models.PositiveIntegerField(_("present"))
    in_favour = models.PositiveIntegerField(_("in favour"))
    passed = models.BooleanField(_("passed"))
    exact_boundary = models.BooleanField(_("decided by the exact-half rule"), default=False)
    explanation = models.TextField(_("explanation"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("workers' congress vote")
        verbose_name_plural = _("workers' congress votes")
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.summary}"

    @property
    def summary(self) -> str:
        return vote_summary(total=self.total, present=self.present, in_favour=self.in_favour)


class Review(models.Model):
    """A review of the signed draft: instructor preliminary review, then the federation's."""

    class Stage(models.TextChoices):
        INSTRUCTOR = "instructor", _("Instructor preliminary review (初审)")
        FEDERATION = "federation", _("Federation review (审核)")
        DEPARTMENT = "department", _("Labour administration review (审查)")

    class Decision(models.TextChoices):
        APPROVED = "approved", pgettext_lazy("review", "Approved")
        RETURNED = "returned", _("Returned with comments")

    round = models.ForeignKey(
        BargainingRound,
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("bargaining round"),
    )
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    comments = models.TextField(pgettext_lazy("review", "comments"), blank=True)
    reviewed_on = models.DateField(_("reviewed on"))
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        ordering = ["reviewed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()}: {self.get_decision_display()}"


class RoundDocument(models.Model):
    """A document of the ledger (台账): offer letter, reply, minutes, resolution, contract text."""

    class Kind(models.TextChoices):
        OFFER_LETTER = "offer_letter", _("Offer letter (要约书)")
        REPLY = "reply", _("Reply (应约书)")
        MINUTES = "minutes", _("Meeting minutes")
        RESOLUTION = "resolution", _("Workers' congress resolution")
        CONTRACT_TEXT = "contract_text", _("Contract text")
        OBJECTION = "objection", _("Objection (审查意见书)")
        OTHER = "other", _("Other")

    round = models.ForeignKey(
        BargainingRound,
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("bargaining round"),
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="ledger/%Y/")
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("uploaded by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ledger document")
        verbose_name_plural = _("ledger documents")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.file.name})"


class Dispute(models.Model):
    """A dispute during bargaining handed to the labour administration for coordination
    (协调处理, 《集体合同规定》 Arts 49–54): finished within 30 days of acceptance, extendable by 15
    (R33, the rule profile's numbers), ending in a 《协调处理协议书》 signed by the coordinators
    and both chief representatives (R34)."""

    class Applicant(models.TextChoices):
        UNION = "union", _("The employee side")
        EMPLOYER = "employer", _("The employer side")
        BOTH = "both", _("Both sides")
        DEPARTMENT = "department", _("The labour administration of its own motion")

    class Outcome(models.TextChoices):
        AGREED = "agreed", _("Settled: coordination agreement signed")
        PARTLY = "partly", _("Partly settled: issues left open")
        NOT_SETTLED = "not_settled", _("Not settled")

    round = models.ForeignKey(
        BargainingRound,
        on_delete=models.CASCADE,
        related_name="disputes",
        verbose_name=_("bargaining round"),
    )
    applicant = models.CharField(_("applied by"), max_length=12, choices=Applicant.choices)
    subject = models.TextField(_("what the dispute is about"))
    applied_on = models.DateField(_("applied on"))
    accepted_on = models.DateField(_("accepted by the department on"))
    extended = models.BooleanField(_("coordination period extended"), default=False)
    extension_reason = models.CharField(_("reason for the extension"), max_length=200, blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices, blank=True)
    agreement_signed = models.BooleanField(
        _("agreement signed by the coordinators and both chief representatives"), default=False
    )
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bargaining dispute")
        verbose_name_plural = _("bargaining disputes")
        ordering = ["accepted_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(accepted_on__gte=models.F("applied_on")),
                name="dispute_accepted_after_application",
                violation_error_message=_(
                    "A dispute cannot be accepted before it was applied for."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(concluded_on__isnull=True)
                | models.Q(concluded_on__gte=models.F("accepted_on")),
                name="dispute_concluded_after_acceptance",
                violation_error_message=_("A coordination cannot end before it was accepted."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.accepted_on:%Y-%m-%d} {self.get_applicant_display()}"
