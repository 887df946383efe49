"""The draft an enterprise submits for the instructor's pre-review (初审, issue 17 item 4), in
versions.

A round has numbered versions (FilingSubmission). The enterprise (either side: the union's officer
or the employer's contact, whoever holds the draft; the person is recorded) edits a draft version
and submits it; the round's assigned instructor returns it with comments (per check and per
clause) or passes it. A returned version stays as it was: the next version starts as a copy of it
and is edited in its place. A version once submitted is never changed by the enterprise again;
only the instructor's review fields are written, once, by the review.

How a review touches the round (compliance.services.prereview): when the round is SIGNED, passing
the version is the round's instructor review (round_review stage instructor, approved), and
returning it is the round's return (round_review approved=False: back to negotiating, as the
back office's return). A version submitted before the signatures is reviewed as a draft: the
comments reach the enterprise and the round's status does not change (`changed_round` records
which it was).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from compliance.models.bargaining import BargainingRound
from compliance.models.contracts import Clause
from compliance.models.imports import private_storage
from compliance.rules import filing_package as package


class FilingSubmission(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("submission state", "Draft")
        SUBMITTED = "submitted", _("Submitted for pre-review")
        RETURNED = "returned", _("Returned with comments")
        PASSED = "passed", _("Pre-review passed")

    round = models.ForeignKey(
        BargainingRound,
        verbose_name=_("bargaining round"),
        on_delete=models.CASCADE,
        related_name="submissions",
    )
    version = models.PositiveIntegerField(_("version"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.DRAFT, db_index=True
    )
    covered_employees = models.PositiveIntegerField(_("employees covered"), null=True, blank=True)
    wage_growth_pct = models.DecimalField(
        _("wage adjustment rate (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    last_year_average_wage = models.DecimalField(
        _("last year's average monthly wage (yuan)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
    )
    minimum_wage = models.DecimalField(
        _("minimum monthly wage (yuan)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    weekly_hours = models.DecimalField(
        _("weekly working hours"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    # The codebook's entered key terms (compliance.rules.codebook), copied to the contract at
    # signature when it has none of its own.
    key_terms = models.JSONField(_("key terms"), default=dict, db_default={}, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    # The instructor's review (三关: format, clauses, wording), written once by the review.
    format_ok = models.BooleanField(_("format"), null=True, blank=True)
    format_note = models.TextField(_("note on the format"), blank=True)
    clauses_ok = models.BooleanField(_("clauses"), null=True, blank=True)
    clauses_note = models.TextField(_("note on the clauses"), blank=True)
    wording_ok = models.BooleanField(_("wording"), null=True, blank=True)
    wording_note = models.TextField(_("note on the wording"), blank=True)
    review_comment = models.TextField(_("general comment"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    changed_round = models.BooleanField(_("decided the round's instructor review"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pre-review submission")
        verbose_name_plural = _("pre-review submissions")
        ordering = ["round", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["round", "version"], name="submission_version_unique"),
            # One version open at a time: a draft or one awaiting review.
            models.UniqueConstraint(
                fields=["round"],
                condition=models.Q(state__in=["draft", "submitted"]),
                name="submission_one_open",
                violation_error_message=_("This round already has a version in progress."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.round} · v{self.version}"

    @property
    def checks(self) -> list[tuple[str, object, bool | None, str]]:
        """(code, label, passed, note) of the three checks."""
        return [
            ("format", _("Format (格式规范)"), self.format_ok, self.format_note),
            ("clauses", _("Clauses (内容条款规范)"), self.clauses_ok, self.clauses_note),
            ("wording", _("Wording (文字表达规范)"), self.wording_ok, self.wording_note),
        ]


class SubmissionClause(models.Model):
    submission = models.ForeignKey(
        FilingSubmission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="clauses",
    )
    order = models.PositiveIntegerField(_("order"))
    topic = models.CharField(_("topic"), max_length=10, choices=Clause.Topic.choices)
    text = models.TextField(_("text"))
    comment = models.TextField(_("instructor's comment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("submitted clause")
        verbose_name_plural = _("submitted clauses")
        ordering = ["submission", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "order"], name="submission_clause_order_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.get_topic_display()}"


class PackageItem(models.Model):
    """One checklist item of the filing package with its file (rules/filing_package.py)."""

    class Item(models.TextChoices):
        TEXT = package.TEXT, _("Contract text (DOCX or PDF)")
        ACCOUNT = (
            package.ACCOUNT,
            _("Account of the bargaining, incl. the previous contract's performance"),
        )
        RESOLUTION = package.RESOLUTION, _("Workers' congress resolution with attendance and votes")
        CREDENTIALS = package.CREDENTIALS, _("Chief representatives' credentials")
        MINUTES = package.MINUTES, _("Minutes signed by both chiefs")
        OTHER = package.OTHER, _("Other material")

    submission = models.ForeignKey(
        FilingSubmission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="package",
    )
    item = models.CharField(_("item"), max_length=20, choices=Item.choices)
    file = models.FileField(_("file"), upload_to="prereview/%Y/", storage=private_storage)
    original_name = models.CharField(_("file name"), max_length=200)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("package item")
        verbose_name_plural = _("package items")
        ordering = ["submission", "item"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "item"], name="package_item_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_item_display()} ({self.original_name})"
