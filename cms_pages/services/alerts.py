"""Notice alerts (订阅提醒, issue 19 item 1): sign-up, double opt-in, matching, sending, removal.

Rules, in plain words:
- A reader saves the notice list's current filter (search words included) with an e-mail address
  and a frequency. Nothing but one confirmation message is sent until its link is followed; the
  link is signed, works once and expires after CONFIRM_HOURS; an unconfirmed alert is deleted
  then (alerts_purge_unconfirmed).
- Every message carries a one-click unsubscribe link (also in the List-Unsubscribe and
  List-Unsubscribe-Post headers, RFC 8058) and a link to the page listing the address's alerts.
  Links are signed with the federation's schema in the salt, so a link from one federation's
  message is refused by every other federation; a forged or altered link changes nothing.
- A listed notice first published after an alert was confirmed and matching its filter is sent
  once per alert: a delivery row, unique per alert and notice, is claimed before the message is
  sent (alerts_send_immediate); immediate alerts get it within a run of the beat task (every
  five minutes), weekly ones collect the week's deliveries in one digest. A notice withdrawn
  before its message goes out is left out.
- Personal data: the address is kept only to send alerts (cms_pages.models.alerts), and deleted
  with its last alert. It is never written to a log; links carry a random key, not the address.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.core.validators import validate_email
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Site

from cms_pages.models import (
    AlertDelivery,
    AlertRecipient,
    AlertWatermark,
    ContractNotice,
    NoticeAlert,
)
from cms_pages.selectors.alerts import (
    alert_description,
    alert_filters,
    alert_params,
    alerts_confirmed,
    alerts_matching,
    notices_first_published,
)
from cms_pages.selectors.home import notice_index_live
from portal.celery import queue_on_commit

CONFIRM_HOURS = 48
MAX_ALERTS_PER_ADDRESS = 20
DIGEST_DAYS = 7
# Notices are read from a little before the last run's end: a notice whose transaction committed
# after the run read past its first-publication time is still seen (the unique delivery row
# keeps it from being sent twice).
OVERLAP = dt.timedelta(minutes=10)
# The first run of a federation looks back this far.
FIRST_LOOKBACK = dt.timedelta(hours=1)
LANGUAGES = ("zh-hans", "en")


class Confirmation(Enum):
    PENDING = "pending"  # a genuine link not yet followed (alert_confirm_check)
    CONFIRMED = "confirmed"
    ALREADY = "already"  # the link was used before: nothing changes
    EXPIRED = "expired"  # older than CONFIRM_HOURS, or its alert was removed: nothing changes
    INVALID = "invalid"  # forged, altered, or from another federation


# --- signed links ---------------------------------------------------------------------------


def _signer(purpose: str) -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=f"cms_pages.alerts:{connection.schema_name}:{purpose}")


def confirm_token(alert: NoticeAlert) -> str:
    return _signer("confirm").sign_object({"a": alert.pk, "r": str(alert.recipient.key)})


def unsubscribe_token(alert: NoticeAlert) -> str:
    return _signer("unsubscribe").sign_object({"a": alert.pk, "r": str(alert.recipient.key)})


def manage_token(recipient: AlertRecipient) -> str:
    return _signer("manage").sign_object({"r": str(recipient.key)})


def _unsign(purpose: str, token: str, *, max_age: dt.timedelta | None = None) -> dict | None:
    """The token's payload; None when forged, altered or of another purpose or federation.
    SignatureExpired (a subclass of BadSignature) is left to the caller that gives a max_age."""
    try:
        payload = _signer(purpose).unsign_object(token, max_age=max_age)
    except signing.SignatureExpired:
        raise
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return payload if isinstance(payload, dict) else None


def recipient_by_manage_token(token: str) -> AlertRecipient | bool | None:
    """The address the link lists; False when the link is forged, None when the address has
    no alerts left (it was forgotten)."""
    payload = _unsign("manage", token)
    if payload is None:
        return False
    return AlertRecipient.objects.filter(key=payload.get("r")).first()


def alert_by_unsubscribe_token(token: str) -> NoticeAlert | bool | None:
    """The alert the link removes; False when the link is forged, None when the alert is gone
    (removed already)."""
    payload = _unsign("unsubscribe", token)
    if payload is None:
        return False
    return (
        NoticeAlert.objects.select_related("recipient")
        .filter(pk=payload.get("a"), recipient__key=payload.get("r"))
        .first()
    )


def address_key(email: str) -> str:
    """A digest of an address, for rate-limit counters (never the address itself)."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{email}".encode()).hexdigest()[:32]


def site_base_url() -> str:
    """The federation site's root address (no trailing slash), for links in messages."""
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    return site.root_url if site is not None else ""


# --- sign-up and removal --------------------------------------------------------------------


def normalize_email(email: str) -> str:
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError(
            {"email": _("Enter a valid e-mail address, for example name@example.com.")}
        ) from exc
    return email


@transaction.atomic
def alert_subscribe(
    *, email: str, params: dict, frequency: str, base_url: str, now: dt.datetime | None = None
) -> NoticeAlert:
    """Save an unconfirmed alert for `params` (the notice list's query) and queue its
    confirmation message. Raises ValidationError for a bad address, filter or frequency, or
    when the address already holds MAX_ALERTS_PER_ADDRESS alerts."""
    now = now or timezone.now()
    email = normalize_email(email)
    if frequency not in NoticeAlert.Frequency.values:
        raise ValidationError({"frequency": _("Choose how often to be alerted.")})
    saved = alert_params(params)
    _filters, errors = alert_filters(saved, today=timezone.localdate(now))
    if errors:
        raise ValidationError(
            {"filters": _("Correct the list's filters before saving them as an alert.")}
        )
    recipient, _created = AlertRecipient.objects.select_for_update().get_or_create(email=email)
    if recipient.alerts.count() >= MAX_ALERTS_PER_ADDRESS:
        raise ValidationError(
            {
                "email": _(
                    "This address already has %(limit)s alerts. Remove some from the page "
                    "listing your alerts before adding more."
                )
                % {"limit": MAX_ALERTS_PER_ADDRESS}
            }
        )
    alert = NoticeAlert.objects.create(
        recipient=recipient, filters=saved, frequency=frequency, created_at=now
    )
    queue_on_commit("cms_pages.tasks.alert_confirmation_send", alert.pk, base_url)
    return alert


def _confirming(token: str, *, lock: bool) -> tuple[Confirmation, NoticeAlert | None]:
    try:
        payload = _unsign("confirm", token, max_age=dt.timedelta(hours=CONFIRM_HOURS))
    except signing.SignatureExpired:
        return Confirmation.EXPIRED, None
    if payload is None:
        return Confirmation.INVALID, None
    alerts = NoticeAlert.objects.select_for_update() if lock else NoticeAlert.objects
    alert = alerts.filter(pk=payload.get("a"), recipient__key=payload.get("r")).first()
    if alert is None:
        return Confirmation.EXPIRED, None
    if alert.confirmed_at is not None:
        return Confirmation.ALREADY, alert
    return Confirmation.PENDING, alert


def alert_confirm_check(*, token: str) -> Confirmation:
    """What following the confirmation link would do, changing nothing (the page before the
    button: a mail scanner opening the link confirms nothing)."""
    return _confirming(token, lock=False)[0]


@transaction.atomic
def alert_confirm(*, token: str, now: dt.datetime | None = None) -> Confirmation:
    """Follow a confirmation link: confirm its alert once; a reused, expired or forged link
    changes nothing and says which it is."""
    outcome, alert = _confirming(token, lock=True)
    if outcome is not Confirmation.PENDING:
        return outcome
    alert.confirmed_at = now or timezone.now()
    alert.save(update_fields=["confirmed_at"])
    return Confirmation.CONFIRMED


def _forget_if_empty(recipient_id: int) -> None:
    """The address goes with its last alert."""
    AlertRecipient.objects.filter(pk=recipient_id, alerts__isnull=True).delete()


@transaction.atomic
def alert_remove(*, alert: NoticeAlert) -> None:
    recipient_id = alert.recipient_id
    alert.delete()
    _forget_if_empty(recipient_id)


@transaction.atomic
def alert_remove_of_recipient(*, recipient: AlertRecipient, alert_id: int) -> bool:
    """Remove one of `recipient`'s alerts (from the page listing them); False if not theirs."""
    alert = NoticeAlert.objects.filter(pk=alert_id, recipient=recipient).first()
    if alert is None:
        return False
    alert_remove(alert=alert)
    return True


@transaction.atomic
def recipient_forget(*, recipient: AlertRecipient) -> None:
    """Remove every alert of the address, and the address."""
    recipient.delete()


def manage_link_request(*, email: str, base_url: str) -> None:
    """E-mail the page listing the address's alerts, if it has any. The caller answers the same
    either way, so the form tells nobody whether an address has alerts."""
    email = normalize_email(email)
    recipient = AlertRecipient.objects.filter(email=email).first()
    if recipient is not None:
        queue_on_commit("cms_pages.tasks.alert_manage_link_send", recipient.pk, base_url)


def alerts_purge_unconfirmed(*, now: dt.datetime | None = None) -> int:
    """Delete alerts whose confirmation link expired unused, and addresses left with none."""
    now = now or timezone.now()
    with transaction.atomic():
        stale = NoticeAlert.objects.filter(
            confirmed_at__isnull=True, created_at__lt=now - dt.timedelta(hours=CONFIRM_HOURS)
        )
        count, _by_model = stale.delete()
        AlertRecipient.objects.filter(alerts__isnull=True).delete()
    return count


# --- messages -------------------------------------------------------------------------------


def _links(alert: NoticeAlert, base_url: str) -> dict:
    return {
        "unsubscribe_url": base_url
        + reverse("notice_alert_unsubscribe", args=[unsubscribe_token(alert)]),
        "manage_url": base_url
        + reverse("notice_alert_manage", args=[manage_token(alert.recipient)]),
    }


def _render(template: str, context: dict, *, filters: dict | None = None) -> str:
    """The message in Chinese, then in English (the saved filter described in each)."""
    parts = []
    for language in LANGUAGES:
        with translation.override(language):
            if filters is not None:
                context = {**context, "description": alert_description(filters)}
            parts.append(render_to_string(template, context).strip())
    return "\n\n----------------------------------------\n\n".join(parts)


def _subject(zh: str, en: str) -> str:
    return f"{zh} / {en}"


def _send(*, to: str, subject: str, body: str, unsubscribe_url: str | None = None) -> None:
    headers = {"Auto-Submitted": "auto-generated"}
    if unsubscribe_url:
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [to], headers=headers).send()


def alert_confirmation_send(*, alert_id: int, base_url: str) -> bool:
    """Send the one message an unconfirmed alert may receive: its confirmation link."""
    alert = (
        NoticeAlert.objects.select_related("recipient")
        .filter(pk=alert_id, confirmed_at__isnull=True)
        .first()
    )
    if alert is None:
        return False
    context = {
        "confirm_url": base_url + reverse("notice_alert_confirm", args=[confirm_token(alert)]),
        "hours": CONFIRM_HOURS,
        "alert": alert,
        **_links(alert, base_url),
    }
    _send(
        to=alert.recipient.email,
        subject=_subject("请确认您的合同公示订阅提醒", "Confirm your contract notice alert"),
        body=_render("cms_pages/alerts/email_confirm.txt", context, filters=alert.filters),
        unsubscribe_url=context["unsubscribe_url"],
    )
    return True


def alert_manage_link_send(*, recipient_id: int, base_url: str) -> bool:
    recipient = AlertRecipient.objects.filter(pk=recipient_id).first()
    if recipient is None:
        return False
    manage_url = base_url + reverse("notice_alert_manage", args=[manage_token(recipient)])
    _send(
        to=recipient.email,
        subject=_subject("您的合同公示订阅提醒", "Your contract notice alerts"),
        body=_render("cms_pages/alerts/email_manage.txt", {"manage_url": manage_url}),
    )
    return True


@dataclass(frozen=True)
class RunResult:
    matched: int  # new delivery rows
    messages: int  # messages sent


def alerts_match(*, now: dt.datetime | None = None) -> int:
    """Record a delivery for every confirmed alert and every listed notice first published since
    the last run that its filter matches; return how many new rows. Runs again harmlessly."""
    now = now or timezone.now()
    with transaction.atomic():
        watermark = AlertWatermark.objects.select_for_update().first()
        after = (watermark.matched_until - OVERLAP) if watermark else now - FIRST_LOOKBACK
        notices = notices_first_published(after=after, until=now)
        matches = alerts_matching(
            alerts=alerts_confirmed(), notices=notices, today=timezone.localdate(now)
        )
        pairs = [
            (alert_id, notice_id)
            for alert_id, notice_ids in matches.items()
            for notice_id in notice_ids
        ]
        created = _deliveries_insert(pairs, now) if pairs else 0
        if watermark is None:
            AlertWatermark.objects.create(matched_until=now)
        else:
            watermark.matched_until = now
            watermark.save(update_fields=["matched_until"])
    return created


def _deliveries_insert(pairs: list[tuple[int, int]], now: dt.datetime) -> int:
    """Insert the (alert, notice) rows not there yet, in one statement; how many were new."""
    alert_ids, notice_ids = zip(*pairs, strict=True)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {AlertDelivery._meta.db_table} (alert_id, notice_id, matched_at)"  # noqa: S608
            " SELECT a, n, %s FROM unnest(%s::bigint[], %s::bigint[]) AS u(a, n)"
            " ON CONFLICT DO NOTHING",
            [now, list(alert_ids), list(notice_ids)],
        )
        return cursor.rowcount


def _claim(alert_id: int, now: dt.datetime) -> list[int]:
    """Mark the alert's unsent deliveries of listed notices as sent, atomically (a concurrent
    run claims none of them); return their notice ids."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AlertDelivery._meta.db_table} d SET sent_at = %s"  # noqa: S608
            f" FROM {ContractNotice._meta.db_table} n"
            " WHERE d.alert_id = %s AND d.sent_at IS NULL AND n.id = d.notice_id"
            " AND n.withdrawn_at IS NULL RETURNING d.notice_id",
            [now, alert_id],
        )
        return sorted(row[0] for row in cursor.fetchall())


def _release(alert_id: int, notice_ids: list[int], now: dt.datetime) -> None:
    AlertDelivery.objects.filter(alert_id=alert_id, notice_id__in=notice_ids, sent_at=now).update(
        sent_at=None
    )


def _notice_items(notice_ids: list[int], base_url: str) -> list[dict]:
    index = notice_index_live()
    parts = index.get_url_parts() if index is not None else None
    prefix = base_url + (parts[2] if parts else "/notices/")
    notices = (
        ContractNotice.objects.filter(pk__in=notice_ids, withdrawn_at__isnull=True)
        .only("public_id", "title", "employer", "in_force_from", "published_on")
        .order_by("-in_force_from", "-id")
    )
    return [{"notice": n, "url": f"{prefix}{n.public_id}/"} for n in notices]


def _deliver(alert: NoticeAlert, *, now: dt.datetime, base_url: str, digest: bool) -> bool:
    """Claim and send the alert's unsent deliveries in one message; False if there were none."""
    with transaction.atomic():
        notice_ids = _claim(alert.pk, now)
    if not notice_ids:
        return False
    try:
        items = _notice_items(notice_ids, base_url)
        links = _links(alert, base_url)
        context = {
            "alert": alert,
            "items": items,
            "digest": digest,
            **links,
        }
        _send(
            to=alert.recipient.email,
            subject=_subject("合同公示周报", "Weekly contract notices")
            if digest
            else _subject("新的集体合同公示", "New contract notice"),
            body=_render("cms_pages/alerts/email_notices.txt", context, filters=alert.filters),
            unsubscribe_url=links["unsubscribe_url"],
        )
    except Exception:
        # Not sent: the deliveries go back to the queue for the next run.
        _release(alert.pk, notice_ids, now)
        raise
    return True


def alerts_send_immediate(*, now: dt.datetime | None = None, base_url: str = "") -> int:
    """One message per immediate alert holding its unsent deliveries; how many were sent."""
    now = now or timezone.now()
    base_url = base_url or site_base_url()
    alerts = (
        NoticeAlert.objects.select_related("recipient")
        .filter(
            frequency=NoticeAlert.Frequency.IMMEDIATE,
            confirmed_at__isnull=False,
            deliveries__sent_at__isnull=True,
        )
        .distinct()
    )
    return sum(_deliver(alert, now=now, base_url=base_url, digest=False) for alert in alerts)


def alerts_send_digests(*, now: dt.datetime | None = None, base_url: str = "") -> int:
    """The weekly digest of every weekly alert whose week has passed; how many were sent."""
    now = now or timezone.now()
    base_url = base_url or site_base_url()
    week_ago = now - dt.timedelta(days=DIGEST_DAYS)
    due = NoticeAlert.objects.select_related("recipient").filter(
        frequency=NoticeAlert.Frequency.WEEKLY, confirmed_at__lte=week_ago
    )
    due = due.filter(last_digest_at__isnull=True) | due.filter(last_digest_at__lte=week_ago)
    sent = 0
    for alert in due:
        sent += _deliver(alert, now=now, base_url=base_url, digest=True)
        alert.last_digest_at = now
        alert.save(update_fields=["last_digest_at"])
    return sent


def alerts_run(*, now: dt.datetime | None = None) -> RunResult:
    """The beat task's work in one federation: purge, match, send."""
    now = now or timezone.now()
    alerts_purge_unconfirmed(now=now)
    matched = alerts_match(now=now)
    base_url = site_base_url()
    messages = alerts_send_immediate(now=now, base_url=base_url)
    messages += alerts_send_digests(now=now, base_url=base_url)
    return RunResult(matched=matched, messages=messages)
