"""Notifications to the enterprise's users (issue 17 item 10): each one a row in the person's
list on the enterprise area's home page and one e-mail.

`notification_send` records one Notification per recipient and e-mails it at once, marking it
e-mailed in the same transaction (as the deadline reminders do, services/reminders.py): a
notification is recorded exactly once per call and recipient, and its e-mail carries a
Message-ID made from its row, so a copy sent twice is dropped by the receiver. A mail server
that refuses leaves the notification in the list, not e-mailed (`emailed_at` empty), and the
change that caused it stands. With a `key` (the event's name, e.g. "round:12:reply") a person
is notified of an event once, however often the caller runs: a repeated call records and sends
nothing more. `enterprise_users` and `round_people` name the people concerned.
"""

from __future__ import annotations

import logging
import smtplib
from collections.abc import Iterable
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from compliance.models import Notification

TEXT_LENGTH = 500
KEY_LENGTH = 120  # Notification.key

logger = logging.getLogger("compliance.notifications")


def reminder_mail_domain() -> str:
    """The domain of the Message-IDs of the portal's own e-mails (the sender's)."""
    return settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "localhost"


def site_url(path: str) -> str:
    """The absolute address of `path` on the federation's primary domain, with the scheme and
    port of WAGTAILADMIN_BASE_URL (as the reminders' links)."""
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    get_domain = getattr(connection.tenant, "get_primary_domain", None)
    domain = get_domain() if get_domain else None
    host = domain.domain if domain else base.hostname
    port = f":{base.port}" if base.port else ""
    return f"{base.scheme}://{host}{port}{path}"


def notification_message_id(notification: Notification) -> str:
    return f"<notification-{connection.schema_name}-{notification.pk}@{reminder_mail_domain()}>"


def enterprise_users(enterprise, side: str | None = None) -> list:
    """The active users of the enterprise's accounts (of one side, when given)."""
    accounts = enterprise.accounts.select_related("user").filter(user__is_active=True)
    if side:
        accounts = accounts.filter(side=side)
    return [account.user for account in accounts]


def round_people(round_, *, side: str | None = None, instructor: bool = True) -> list:
    """The people a bargaining round's events concern: the enterprise's users (of one side, when
    given) and the round's instructor when they have a portal account."""
    users = enterprise_users(round_.enterprise, side)
    if instructor and round_.instructor_id and round_.instructor.user_id:
        users.append(round_.instructor.user)
    return users


def _not_yet_notified(users: Iterable, key: str) -> list:
    """The users (each once) without a notification of the event `key` (all, without a key)."""
    users = {user.pk: user for user in users}
    if key:
        known = Notification.objects.filter(recipient__in=list(users), key=key)
        for pk in known.values_list("recipient_id", flat=True):
            users.pop(pk, None)
    return list(users.values())


@transaction.atomic
def notification_send(
    *, users: Iterable, text: str, link: str = "", key: str = ""
) -> list[Notification]:
    """Record `text` (with a link to where it is dealt with) for each user and e-mail it; with a
    `key`, only for the users not yet notified of that event."""
    key = key[:KEY_LENGTH]
    sent = []
    for user in _not_yet_notified(users, key):
        try:
            with transaction.atomic():  # a savepoint: a concurrent call may hold this event
                notification = Notification.objects.create(
                    recipient=user, text=text[:TEXT_LENGTH], link=link, key=key
                )
        except IntegrityError:
            continue  # notified of this event meanwhile (the unique key), by another call
        if user.is_active and user.email:
            with translation.override("zh-hans"):
                subject = _("Notification from %(federation)s") % {
                    "federation": getattr(connection.tenant, "name", "")
                }
                body = text
                if link:
                    body += "\n\n" + _("Open it in the portal: %(url)s") % {"url": site_url(link)}
            try:
                EmailMessage(
                    subject,
                    body,
                    settings.DEFAULT_FROM_EMAIL,
                    [user.email],
                    headers={"Message-ID": notification_message_id(notification)},
                ).send()
            except (OSError, smtplib.SMTPException):
                # The notification stays in the person's list; `emailed_at` stays empty.
                logger.warning("notification %s not e-mailed", notification.pk, exc_info=True)
            else:
                notification.emailed_at = timezone.now()
                notification.save(update_fields=["emailed_at"])
        sent.append(notification)
    return sent


def notification_record(*, users: Iterable, text: str, link: str = "", key: str) -> int:
    """Record a notification already e-mailed by its caller (a deadline reminder sends its own
    message), once per user and `key`; returns how many it found not yet notified."""
    key = key[:KEY_LENGTH]
    users = _not_yet_notified(users, key)
    now = timezone.now()
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=user, text=text[:TEXT_LENGTH], link=link, key=key, emailed_at=now
            )
            for user in users
        ],
        ignore_conflicts=True,  # a concurrent call for the same event recorded it first
    )
    return len(users)


def notifications_mark_read(*, user, ids: Iterable[int]) -> int:
    """Mark the user's own notifications read; others' ids are ignored."""
    unread = Notification.objects.filter(recipient=user, pk__in=list(ids), read_at__isnull=True)
    count = 0
    for notification in unread:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        count += 1
    return count
