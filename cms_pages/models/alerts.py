"""Notice alerts (订阅提醒, issue 19 item 1): a saved notice-list filter and an e-mail address.

Personal data: the e-mail address is the only personal datum, stored in plain text because the
alerts must be sent to it, and for nothing else. It lives in AlertRecipient, one row per address,
which is deleted with the address's last alert (cms_pages.services.alerts); links in messages
carry the recipient's random key, never the address, so the address appears in no URL or log.
The address is in no open data, export, admin list or log (the admin shows counts only).
"""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class AlertRecipient(models.Model):
    """An e-mail address holding at least one alert (deleted with its last alert)."""

    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    # Lower-cased; used only to send the alerts and to list them to their owner.
    email = models.EmailField(_("e-mail address"), unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("alert recipient")
        verbose_name_plural = _("alert recipients")

    def __str__(self) -> str:
        # Never the address: a recipient may end up in a log line or an error report.
        return f"recipient {self.pk}"


class NoticeAlert(models.Model):
    """A saved filter of the notice list, sent immediately or as a weekly digest once confirmed."""

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("Immediately")
        WEEKLY = "weekly", _("Weekly digest")

    recipient = models.ForeignKey(
        AlertRecipient, on_delete=models.CASCADE, related_name="alerts", verbose_name=_("recipient")
    )
    # The notice list's filter parameters as the reader set them (cms_pages.selectors.notices
    # FILTER_PARAMS without the sort), validated by the list's own form.
    filters = models.JSONField(_("filters"), default=dict)
    frequency = models.CharField(
        _("frequency"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE
    )
    created_at = models.DateTimeField(_("created at"))
    # Double opt-in: nothing but the confirmation message is sent before this is set.
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    last_digest_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notice alert")
        verbose_name_plural = _("notice alerts")
        indexes = [models.Index(fields=["confirmed_at"], name="notice_alert_confirmed")]

    def __str__(self) -> str:
        return f"alert {self.pk}"


class AlertDelivery(models.Model):
    """A notice matched by an alert: unique per alert and notice, so each is sent at most once."""

    alert = models.ForeignKey(NoticeAlert, on_delete=models.CASCADE, related_name="deliveries")
    notice = models.ForeignKey(
        "cms_pages.ContractNotice", on_delete=models.CASCADE, related_name="alert_deliveries"
    )
    matched_at = models.DateTimeField(_("matched at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("alert delivery")
        verbose_name_plural = _("alert deliveries")
        constraints = [
            models.UniqueConstraint(fields=["alert", "notice"], name="alert_delivery_once")
        ]
        indexes = [
            models.Index(
                fields=["alert"], condition=models.Q(sent_at__isnull=True), name="alert_unsent"
            ),
            models.Index(fields=["sent_at"], name="alert_delivery_sent"),
        ]

    def __str__(self) -> str:
        return f"alert {self.alert_id} / notice {self.notice_id}"


class AlertWatermark(models.Model):
    """How far the matching has read the notices' first publication times (one row)."""

    matched_until = models.DateTimeField()

    class Meta:
        verbose_name = _("alert watermark")

    def __str__(self) -> str:
        return str(self.matched_until)
