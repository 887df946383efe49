from decimal import Decimal

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_tenants.models import DomainMixin, TenantMixin

from tenants.regions import region_code_problem


def validate_region_code(value: str) -> None:
    problem = region_code_problem(value)
    if problem:
        raise ValidationError(problem)


class Federation(TenantMixin):
    """A trade-union federation (总工会): one tenant, one PostgreSQL schema."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Provincial federation")
        CITY = "city", _("City federation")
        COUNTY = "county", _("County or district federation")
        ZONE = "zone", _("Development-zone federation")

    name = models.CharField(_("name (Chinese)"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    short_name = models.CharField(
        _("short name"),
        max_length=10,
        help_text=_("Used in document numbers, e.g. 佳 in 佳工函〔2026〕3号."),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    region_code = models.CharField(
        _("region code (GB/T 2260)"), max_length=6, validators=[validate_region_code]
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent federation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # The rule profile's preset it was created from (compliance.rules.presets), kept here so that
    # the console shows it without reading the federation's schema; empty for federations created
    # before it was recorded. Its administrators may have changed values since.
    rule_preset = models.CharField(_("rule preset"), max_length=20, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # The release whose default groups, parameters and letter templates `migrate_platform` last
    # brought this federation up to (tenants.fleet.release_digest); it skips the federation
    # while this matches and its migrations equal the template's.
    platform_synced = models.CharField(max_length=64, blank=True, editable=False)

    # Schemas are created by tenants.services.federation_create, inside its transaction.
    auto_create_schema = True
    auto_drop_schema = False

    def create_schema(self, check_if_exists=False, sync_schema=True, verbosity=1):
        """Clone the template with tenants.clone (time independent of the fleet's size) instead
        of the library's clone_schema, and without its `migrate --fake` pass: the migration
        records come with the clone."""
        from django.conf import settings
        from django.db import connection
        from django_tenants.utils import schema_exists

        from tenants.clone import schema_clone

        if not sync_schema or not schema_exists(settings.TENANT_BASE_SCHEMA):
            return super().create_schema(check_if_exists, sync_schema, verbosity)
        if check_if_exists and schema_exists(self.schema_name):
            return False
        try:
            schema_clone(source=settings.TENANT_BASE_SCHEMA, dest=self.schema_name)
        finally:
            # The clone set the search path itself: make django-tenants set it again.
            connection.search_path_set_schemas = None
            connection.set_schema_to_public()
        return True

    class Meta:
        verbose_name = _("federation")
        verbose_name_plural = _("federations")
        ordering = ["region_code", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the visitor's language: the English name when reading English and one is
        recorded, else the Chinese name."""
        if self.name_en and (translation.get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class Domain(DomainMixin):
    """A host name that serves one federation's site and admin."""

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")

    def __str__(self) -> str:
        return self.domain


class NetworkFigure(models.Model):
    """One federation's figures for one segment on one day, published to the shared schema so
    that the federations above can sum them (DOMAIN.md §7). Figures, never records: every column
    besides the keys is a count (compliance.rules.figures.Figures), and the segment is a code
    from a fixed vocabulary (a region code, an industry section …). A test holds the columns to
    that."""

    federation = models.ForeignKey(
        Federation, on_delete=models.CASCADE, related_name="figures", verbose_name=_("federation")
    )
    day = models.DateField(_("day"))
    dimension = models.CharField(_("dimension"), max_length=12)
    segment = models.CharField(_("segment"), max_length=12, blank=True)
    published_at = models.DateTimeField(_("published at"))
    enterprises = models.PositiveIntegerField(default=0)
    unionised = models.PositiveIntegerField(default=0)
    key_enterprises = models.PositiveIntegerField(default=0)
    unionised_covered = models.PositiveIntegerField(default=0)
    employees_covered = models.BigIntegerField(default=0)
    key_covered = models.PositiveIntegerField(default=0)
    in_force = models.PositiveIntegerField(default=0)
    reported = models.PositiveIntegerField(default=0)
    expired_r12 = models.PositiveIntegerField(default=0)
    renewed_r12 = models.PositiveIntegerField(default=0)
    signed_r12 = models.PositiveIntegerField(default=0)
    in_time_r12 = models.PositiveIntegerField(default=0)
    expired_year = models.PositiveIntegerField(default=0)
    renewed_year = models.PositiveIntegerField(default=0)
    signed_year = models.PositiveIntegerField(default=0)
    in_time_year = models.PositiveIntegerField(default=0)
    expired_quarter = models.PositiveIntegerField(default=0)
    renewed_quarter = models.PositiveIntegerField(default=0)
    signed_quarter = models.PositiveIntegerField(default=0)
    in_time_quarter = models.PositiveIntegerField(default=0)
    expired_month = models.PositiveIntegerField(default=0)
    renewed_month = models.PositiveIntegerField(default=0)
    signed_month = models.PositiveIntegerField(default=0)
    in_time_month = models.PositiveIntegerField(default=0)
    instructors = models.PositiveIntegerField(default=0)
    instructors_meeting_target = models.PositiveIntegerField(default=0)
    whole_rounds = models.PositiveIntegerField(default=0)
    survey_answers = models.PositiveIntegerField(default=0)
    survey_aware = models.PositiveIntegerField(default=0)
    survey_satisfied = models.PositiveIntegerField(default=0)
    funnel_in_scope = models.PositiveIntegerField(default=0)
    funnel_surveyed = models.PositiveIntegerField(default=0)
    funnel_intent = models.PositiveIntegerField(default=0)
    funnel_offered = models.PositiveIntegerField(default=0)
    funnel_signed = models.PositiveIntegerField(default=0)
    funnel_filed = models.PositiveIntegerField(default=0)
    funnel_published = models.PositiveIntegerField(default=0)
    forecast = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("published figure")
        verbose_name_plural = _("published figures")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "dimension", "federation", "segment"], name="figure_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.federation_id} {self.day} {self.dimension}:{self.segment}"


class FigureChange(models.Model):
    """A note that a federation's figures moved from `since` on, appended by database triggers in
    the federation's schema (compliance migration 0024) and consumed by the publisher. Append
    only, so writers in one federation never wait on each other."""

    schema_name = models.CharField(max_length=63, db_index=True)
    since = models.DateField()
    noted_at = models.DateTimeField()

    class Meta:
        verbose_name = _("change of figures")
        verbose_name_plural = _("changes of figures")

    def __str__(self) -> str:
        return f"{self.schema_name} since {self.since}"


class Referral(models.Model):
    """A supervision case referred by a federation to the one above (报请上级工会, DOMAIN.md §7).

    Kept in the shared schema because it is what crosses between the two federations, and only
    that: the cases, letters and files stay in each federation's schema (the parent holds its
    own copy). The child reads the parent's actions here, never in the parent's schema. Its
    status and outcome are written by compliance.services.supervision.referral only.
    """

    class Status(models.TextChoices):
        REFERRED = "referred", _("Referred")
        RECEIVED = "received", _("Received by the federation above")
        ACTED = "acted", _("The federation above has acted")
        CLOSED = "closed", _("Closed by the federation above")

    child = models.ForeignKey(
        Federation,
        verbose_name=_("referring federation"),
        on_delete=models.PROTECT,
        related_name="referrals_sent",
    )
    parent = models.ForeignKey(
        Federation,
        verbose_name=_("receiving federation"),
        on_delete=models.PROTECT,
        related_name="referrals_received",
    )
    child_case_id = models.PositiveBigIntegerField(_("referring federation's case"))
    child_case_title = models.CharField(_("case title"), max_length=200)
    parent_case_id = models.PositiveBigIntegerField(
        _("receiving federation's case"), null=True, blank=True
    )
    reason = models.CharField(_("reason for the referral"), max_length=500)
    referred_at = models.DateTimeField(_("referred at"))
    # A name, not a user: users live in each federation's schema.
    referred_by = models.CharField(_("referred by"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REFERRED
    )
    # What the parent did, as the child may read it.
    letter_kind = models.CharField(
        _("letter issued by the federation above"), max_length=20, blank=True
    )
    letter_number = models.CharField(_("its document number"), max_length=40, blank=True)
    letter_issued_on = models.DateField(_("issued on"), null=True, blank=True)
    department = models.CharField(_("receiving department"), max_length=100, blank=True)
    department_case_opened_on = models.DateField(
        _("department opened a case on"), null=True, blank=True
    )
    department_result = models.TextField(_("department's handling result"), blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-referred_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "child_case_id"],
                condition=~models.Q(status="closed"),
                name="one_open_referral_per_case",
                violation_error_message=_("This case has already been referred."),
            ),
            models.CheckConstraint(
                condition=~models.Q(child=models.F("parent")),
                name="referral_goes_to_another_federation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.child} → {self.parent}: {self.child_case_title}"


TARGET_MIN = Decimal("0")
TARGET_MAX = Decimal("100")


class Target(models.Model):
    """A federation's yearly target for one indicator, in percent (DOMAIN.md §7): its own
    (scope "own") or the default it sets for every federation beneath it (scope "beneath"),
    which a federation beneath follows until it sets its own. The indicator is a key of
    compliance.rules.figures.INDICATORS, kept as text so that the survey rates can join later.
    Users are per schema, so who set it is kept as a name. Every change appends a TargetChange."""

    class Scope(models.TextChoices):
        OWN = "own", _("Our target")
        BENEATH = "beneath", _("Default for the federations beneath")

    federation = models.ForeignKey(
        Federation, on_delete=models.CASCADE, related_name="targets", verbose_name=_("federation")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    indicator = models.CharField(_("indicator"), max_length=32)
    scope = models.CharField(_("scope"), max_length=8, choices=Scope.choices)
    value = models.DecimalField(
        _("target (%)"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(TARGET_MIN), MaxValueValidator(TARGET_MAX)],
    )
    set_by = models.CharField(_("set by"), max_length=150)
    set_at = models.DateTimeField(_("set at"))

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "year", "indicator", "scope"], name="target_once"
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=TARGET_MIN, value__lte=TARGET_MAX),
                name="target_within_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.federation_id} {self.year} {self.indicator} {self.scope}: {self.value}%"


class TargetChange(models.Model):
    """One change of a target, append only: the value before and after (empty: no target), who
    made it, when and why. The shared schema has no simple-history (a per-federation app here),
    so targets keep this small trail of their own."""

    federation = models.ForeignKey(
        Federation,
        on_delete=models.CASCADE,
        related_name="target_changes",
        verbose_name=_("federation"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    indicator = models.CharField(_("indicator"), max_length=32)
    scope = models.CharField(_("scope"), max_length=8, choices=Target.Scope.choices)
    before = models.DecimalField(_("before"), max_digits=4, decimal_places=1, null=True)
    after = models.DecimalField(_("after"), max_digits=4, decimal_places=1, null=True)
    changed_by = models.CharField(_("changed by"), max_length=150)
    changed_at = models.DateTimeField(_("changed at"), db_index=True)
    reason = models.CharField(_("reason"), max_length=500)

    class Meta:
        verbose_name = _("change of a target")
        verbose_name_plural = _("changes of targets")
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.federation_id} {self.year} {self.indicator} {self.scope}"


class ReportKind(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class ReportRequirement(models.Model):
    """A kind of upward report (上报) a federation requires of its children, due `due_days` after
    each period's end, for the periods that end on or after `starts_on` (issue 16 item 5)."""

    federation = models.ForeignKey(
        Federation,
        on_delete=models.CASCADE,
        related_name="report_requirements",
        verbose_name=_("federation"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    due_days = models.PositiveSmallIntegerField(_("due days after the period's end"), default=10)
    starts_on = models.DateField(_("first period ending on or after"))

    class Meta:
        verbose_name = _("report requirement")
        verbose_name_plural = _("report requirements")
        constraints = [
            models.UniqueConstraint(fields=["federation", "kind"], name="report_kind_once")
        ]

    def __str__(self) -> str:
        return f"{self.federation_id} {self.kind}"


class UpwardReport(models.Model):
    """One federation's report to its parent for one period (named by its last day). Its
    status changes only in compliance.services.reports; every change leaves a ReportEvent."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", pgettext_lazy("upward report", "Submitted")
        RETURNED = "returned", _("Returned")
        ACCEPTED = "accepted", _("Accepted")

    federation = models.ForeignKey(
        Federation,
        on_delete=models.CASCADE,
        related_name="upward_reports",
        verbose_name=_("federation"),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ReportKind.choices)
    period_end = models.DateField(_("period ending"))
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    submitted_on = models.DateField(_("first submitted on"), null=True, blank=True)
    comment = models.TextField(_("parent's comment"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("upward report")
        verbose_name_plural = _("upward reports")
        ordering = ["-period_end", "kind", "federation_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "kind", "period_end"], name="report_once_a_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.federation_id} {self.kind} {self.period_end}"


class ReportSubmission(models.Model):
    """A frozen copy of a report as submitted: its lines were copied at submission and are never
    changed afterwards, whatever the channel's figures do. `included` names the children whose
    accepted reports were summed into it and `missing` those that were not."""

    report = models.ForeignKey(UpwardReport, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveSmallIntegerField()
    submitted_at = models.DateTimeField()
    submitted_by = models.CharField(max_length=150)
    included = models.JSONField(default=list)
    missing = models.JSONField(default=list)

    class Meta:
        ordering = ["report_id", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="submission_numbered")
        ]

    def __str__(self) -> str:
        return f"{self.report_id} #{self.number}"


class ReportLine(models.Model):
    """A line of a report: of its draft (submission empty: the note as typed so far) or of one
    frozen submission."""

    report = models.ForeignKey(UpwardReport, on_delete=models.CASCADE, related_name="lines")
    submission = models.ForeignKey(
        ReportSubmission, null=True, blank=True, on_delete=models.CASCADE, related_name="lines"
    )
    position = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=30)
    numerator = models.BigIntegerField(default=0)
    denominator = models.BigIntegerField(null=True, blank=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "submission", "key"],
                name="report_line_once",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.report_id} {self.key}"


class ReportEvent(models.Model):
    """Who did what to a report and when: opened, submitted, returned (with the comment),
    accepted. By display name: the shared schema cannot point at a federation's users."""

    report = models.ForeignKey(UpwardReport, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10)
    actor = models.CharField(max_length=150)
    actor_federation = models.ForeignKey(Federation, on_delete=models.CASCADE, related_name="+")
    at = models.DateTimeField()
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.report_id} {self.action} {self.at}"


class NetworkNotice(models.Model):
    """A published contract notice as the network channel carries it (issue 19 item 5): a copy
    of a federation's `cms_pages.ContractNotice`, which is already redacted (personal data
    masked, business-secret clauses left out), so that the federations above and the platform
    can search it without reading the federation's schema (DOMAIN.md §6–7).

    Only these columns cross, each copied from the notice (never from the contract), and only
    while the notice is listed: a withdrawn notice's row is deleted
    (`cms_pages.services.network_notices`). `path` is the notice's address on its federation's
    own site; results link there, by the federation's primary domain."""

    federation = models.ForeignKey(
        Federation,
        on_delete=models.CASCADE,
        related_name="network_notices",
        verbose_name=_("federation"),
    )
    public_id = models.UUIDField(_("public id"), unique=True)
    path = models.CharField(_("address on the federation's site"), max_length=200)
    title = models.CharField(pgettext_lazy("notice", "title"), max_length=200)
    employer = models.CharField(_("employer party"), max_length=200)
    union = models.CharField(_("union party"), max_length=220)
    # Codes of compliance's vocabularies (Scope, Kind, Contract.Status, Industry): the shared
    # schema cannot import them; the pages label them.
    scope = models.CharField(_("scope"), max_length=10)
    kind = models.CharField(_("kind"), max_length=15)
    status = models.CharField(pgettext_lazy("notice", "status"), max_length=12)
    industry = models.CharField(_("industry (GB/T 4754)"), max_length=1)
    region_code = models.CharField(_("region code (GB/T 2260)"), max_length=6)
    year = models.PositiveSmallIntegerField(_("year in force"))
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    in_force_from = models.DateField(_("in force from"))
    in_force_until = models.DateField(_("in force until"))
    published_on = models.DateField(_("published on"))
    covered_employees = models.PositiveIntegerField(_("employees covered"), default=0)
    body_text = models.TextField(_("searchable text"), blank=True)
    search = SearchVectorField(null=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("notice in the network channel")
        verbose_name_plural = _("notices in the network channel")
        ordering = ["-in_force_from", "-id"]
        indexes = [
            GinIndex(fields=["search"], name="network_notice_search"),
            # The region's federations (a subtree) are a list of ids: one index range each.
            models.Index(
                fields=["federation", "-in_force_from", "-id"], name="network_notice_federation"
            ),
            models.Index(fields=["-in_force_from", "-id"], name="network_notice_newest"),
            models.Index(fields=["ends_on", "id"], name="network_notice_ends"),
            models.Index(fields=["-covered_employees", "-id"], name="network_notice_employees"),
        ]

    def __str__(self) -> str:
        return self.title


class WageFigure(models.Model):
    """One federation's wage-contract figures (工资集体协商情况) for one quarter: the wage contracts
    signed in the quarter or in the year to its end, in one segment (issue 19 item 4). Figures,
    never records: counts, and the agreed increases as a histogram keyed by the increase in
    hundredths of a percent (the contract's own precision), so that a parent merges its subtree's
    histograms and reads exact medians and quartiles without any enterprise's name crossing."""

    class Period(models.TextChoices):
        QUARTER = "quarter", _("In the quarter")
        YEAR = "year", _("Year to the quarter's end")

    federation = models.ForeignKey(
        Federation,
        on_delete=models.CASCADE,
        related_name="wage_figures",
        verbose_name=_("federation"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    period = models.CharField(_("period"), max_length=8, choices=Period.choices)
    dimension = models.CharField(_("dimension"), max_length=12)
    segment = models.CharField(_("segment"), max_length=12, blank=True)
    contracts = models.PositiveIntegerField(default=0)
    employees_covered = models.BigIntegerField(default=0)
    # {"350": 4}: four contracts agreed an increase of 3.50 %. Contracts that state none are
    # counted in `contracts` only.
    increases = models.JSONField(default=dict)
    generated_at = models.DateTimeField(_("generated at"))

    class Meta:
        verbose_name = _("wage figure")
        verbose_name_plural = _("wage figures")
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "year", "quarter", "period", "dimension", "segment"],
                name="wage_figure_once",
            ),
            models.CheckConstraint(
                condition=models.Q(quarter__gte=1, quarter__lte=4), name="wage_figure_quarter"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.federation_id} {self.year}Q{self.quarter} {self.period} {self.dimension}"


class WageGeneration(models.Model):
    """Each time a federation's wage figures for a quarter were computed: by the quarterly task
    or by an administrator (named: users are per schema). Appended, never changed."""

    class Trigger(models.TextChoices):
        SCHEDULED = "scheduled", _("Quarterly task")
        MANUAL = "manual", _("Regenerated by an administrator")

    federation = models.ForeignKey(
        Federation,
        on_delete=models.CASCADE,
        related_name="wage_generations",
        verbose_name=_("federation"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"))
    trigger = models.CharField(_("trigger"), max_length=10, choices=Trigger.choices)
    generated_by = models.CharField(_("generated by"), max_length=150, blank=True)
    generated_at = models.DateTimeField(_("generated at"), db_index=True)
    contracts = models.PositiveIntegerField(_("wage contracts in the quarter"), default=0)

    class Meta:
        verbose_name = _("generation of wage figures")
        verbose_name_plural = _("generations of wage figures")
        ordering = ["-generated_at", "-id"]
        indexes = [models.Index(fields=["federation", "year", "quarter"])]

    def __str__(self) -> str:
        return f"{self.federation_id} {self.year}Q{self.quarter} {self.generated_at:%Y-%m-%d}"
