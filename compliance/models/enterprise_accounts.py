"""The enterprise's side of the portal (issue 17): its users, their invitations, their
notifications and the ledger corrections they ask for.

The link between a user and an enterprise lives here, not in accounts/: auth is in both the
shared and the federation schemas, while the ledger (Enterprise) exists only in a federation's.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from compliance.models.enterprises import Enterprise


class Side(models.TextChoices):
    UNION = "union", _("Enterprise union (工会方)")
    EMPLOYER = "employer", _("Employer (企业行政方)")


class EnterpriseAccount(models.Model):
    """A user of the enterprise area: one enterprise each, on one side. Such a user has no
    Wagtail admin access and no group; the enterprise area checks this link on every request."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="enterprise_account",
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="accounts",
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enterprise account")
        verbose_name_plural = _("enterprise accounts")
        ordering = ["enterprise", "side", "pk"]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.get_side_display()} · {self.user}"


class Invitation(models.Model):
    """An invitation to open an account (enterprise user, department reviewer): sent to one
    e-mail address, valid until it expires, used once, revocable while pending. Only the token's
    SHA-256 is stored. The concrete models add what the account is bound to."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("invitation", "Pending")
        USED = "used", pgettext_lazy("invitation", "Used")
        EXPIRED = "expired", pgettext_lazy("invitation", "Expired")
        REVOKED = "revoked", pgettext_lazy("invitation", "Revoked")

    email = models.EmailField(_("e-mail address"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires at"))
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True

    def status_at(self, now) -> str:
        if self.used_at is not None:
            return self.Status.USED
        if self.revoked_at is not None:
            return self.Status.REVOKED
        if self.expires_at <= now:
            return self.Status.EXPIRED
        return self.Status.PENDING


class EnterpriseInvitation(Invitation):
    """An invitation to open an enterprise account: bound to one enterprise and side."""

    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    account = models.ForeignKey(
        EnterpriseAccount,
        verbose_name=_("account opened"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        verbose_name = _("enterprise invitation")
        verbose_name_plural = _("enterprise invitations")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(used_at__isnull=True) | models.Q(revoked_at__isnull=True),
                name="invitation_used_or_revoked_not_both",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.email}"


class Notification(models.Model):
    """A line in a person's list of notifications, e-mailed once (`emailed_at`).

    `key` names the event (e.g. "round:12:reply"): a person gets one notification per key, however
    often the code that noticed the event runs (a retried task, a page submitted twice)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    text = models.CharField(_("text"), max_length=500)
    link = models.CharField(_("link"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)
    key = models.CharField(_("notification event"), max_length=120, blank=True, editable=False)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_new")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "key"],
                condition=~models.Q(key=""),
                name="notification_once_per_event",
            )
        ]

    def __str__(self) -> str:
        return self.text


class LedgerCorrection(models.Model):
    """An enterprise's request to correct its ledger entry (issue 17 item 1). `changes` maps each
    field asked for to the value asked (JSON: numbers, booleans); staff accept it (the change is
    applied through enterprise_save with this request as the reason) or refuse it with a reason."""

    class Status(models.TextChoices):
        PENDING = "pending", pgettext_lazy("correction", "Pending")
        ACCEPTED = "accepted", pgettext_lazy("correction", "Accepted")
        REFUSED = "refused", pgettext_lazy("correction", "Refused")

    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changes = models.JSONField(_("changes asked for"))
    note = models.TextField(_("note"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("asked at"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    refusal_reason = models.TextField(_("reason for refusing"), blank=True, max_length=2000)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ledger correction")
        verbose_name_plural = _("ledger corrections")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.enterprise} · {self.created_at:%Y-%m-%d}"
