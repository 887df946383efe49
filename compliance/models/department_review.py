"""The labour administration's review online (issue 17 item 6): the departments a federation
submits contracts to (人社), their reviewers' accounts and invitations, each submission naming its
department, and the department's requests for missing materials.

A round's submission is a row of its own (DepartmentSubmission) rather than a column of the
round: a round submitted again after an objection has one row per submission, and the round's
history table (hashed by the audit chain) keeps its columns.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from compliance.models.bargaining import BargainingRound
from compliance.models.enterprise_accounts import Invitation


class Department(models.Model):
    """A department of the labour administration the federation submits contracts to, e.g.
    高新区人力资源和社会保障局."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Only active departments are offered on submission.")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("labour administration department")
        verbose_name_plural = _("labour administration departments")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ReviewerAccount(models.Model):
    """A reviewer of one department: no Wagtail admin access, no group; the review area checks
    this link on every request and shows only the rounds submitted to the department."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="reviewer_account",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="reviewers",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reviewer account")
        verbose_name_plural = _("reviewer accounts")
        ordering = ["department", "pk"]

    def __str__(self) -> str:
        return f"{self.department} · {self.user}"


class ReviewerInvitation(Invitation):
    """An invitation to open a reviewer account for one department."""

    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    account = models.ForeignKey(
        ReviewerAccount,
        verbose_name=_("account opened"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        verbose_name = _("reviewer invitation")
        verbose_name_plural = _("reviewer invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(used_at__isnull=True) | models.Q(revoked_at__isnull=True),
                name="reviewer_invitation_used_or_revoked_not_both",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department} · {self.email}"


class DepartmentSubmission(models.Model):
    """One submission of a round to a department (R16); the newest is the one under review."""

    round = models.ForeignKey(
        BargainingRound,
        verbose_name=_("bargaining round"),
        on_delete=models.CASCADE,
        related_name="department_submissions",
    )
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        related_name="submissions",
    )
    submitted_on = models.DateField(_("submitted on"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("submission to a department")
        verbose_name_plural = _("submissions to departments")
        ordering = ["-submitted_on", "-pk"]
        indexes = [models.Index(fields=["department", "-submitted_on"], name="submission_dept")]

    def __str__(self) -> str:
        return f"{self.round} → {self.department} ({self.submitted_on:%Y-%m-%d})"


class MaterialsRequest(models.Model):
    """The department asks for missing materials (R18) within the profile's days of submission;
    the federation records when it sent them."""

    submission = models.ForeignKey(
        DepartmentSubmission,
        verbose_name=pgettext_lazy("department review", "submission"),
        on_delete=models.CASCADE,
        related_name="materials_requests",
    )
    requested_on = models.DateField(_("requested on"))
    items = models.TextField(_("missing materials"), max_length=4000)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_on = models.DateField(_("materials sent on"), null=True, blank=True)
    sent_note = models.TextField(_("what was sent"), max_length=4000, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("request for missing materials")
        verbose_name_plural = _("requests for missing materials")
        ordering = ["-requested_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.submission.round} · {self.requested_on:%Y-%m-%d}"
