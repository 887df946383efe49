"""The daily deadline sweep of supervision letters: reminders before and on the deadline and
the overdue mark, each recorded exactly once, the next letter proposed, then the e-mails."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.models import (
    Letter,
    ReminderNotice,
    SupervisionCase,
)
from compliance.rules import escalation
from compliance.rules.presets import Key
from compliance.selectors.profile import current_profile
from compliance.services.history import save_with_history as _save
from compliance.services.notifications import notification_record, reminder_mail_domain
from compliance.services.supervision.letters import case_facts, federation_level
from tenants.models import Referral


def letters_sweep(*, today: dt.date) -> dict[str, int]:
    """Record reminders before and at each deadline, mark overdue letters once and propose the
    next letter. Idempotent: each reminder is a unique row, each mark a status change under lock."""
    lead = current_profile().period(Key.DEADLINE_REMINDER_LEAD).amount
    counts = {"before": 0, "at": 0, "overdue": 0}
    open_letters = (
        Letter.objects.filter(
            status=Letter.Status.ISSUED,
            case__status=SupervisionCase.Status.OPEN,
            due_on__lte=today + dt.timedelta(days=lead),
            # A copy received with a referred case is the federation below's letter; a case
            # referred upward is in the hands of the federation above.
            referred_copy=False,
        )
        .filter(
            Q(case__referred_to__isnull=True) | Q(case__referred_to__status=Referral.Status.CLOSED)
        )
        .values_list("pk", flat=True)
    )
    level = federation_level()
    for letter_id in open_letters:
        with transaction.atomic():
            letter = (
                Letter.objects.select_for_update(of=("self",))
                .select_related("case")
                .get(pk=letter_id)
            )
            if letter.status != Letter.Status.ISSUED:
                continue
            if today < letter.due_on:
                moment = ReminderNotice.Moment.BEFORE
            elif today == letter.due_on:
                moment = ReminderNotice.Moment.AT
            else:
                moment = ReminderNotice.Moment.OVERDUE
            _notice, created = ReminderNotice.objects.get_or_create(letter=letter, moment=moment)
            if not created:
                continue
            counts[moment] += 1
            if moment == ReminderNotice.Moment.OVERDUE:
                letter.status = Letter.Status.OVERDUE
                _save(letter, user=None, reason=_("No reply by %(due)s") % {"due": letter.due_on})
                case = SupervisionCase.objects.select_for_update().get(pk=letter.case_id)
                proposal = escalation.proposed_next(
                    letters=case_facts(case), federation_level=level, today=today
                )
                if proposal and case.proposed_next != proposal:
                    case.proposed_next = proposal
                    _save(case, user=None, reason=_("Next letter proposed"))
    return counts


def reminder_message_id(notice) -> str:
    """The reminder e-mail's Message-ID, the same on every attempt: the idempotency key that lets
    a mail server or client drop a copy sent again after a worker died mid-send."""
    return f"<reminder.{connection.schema_name}.{notice.pk}@{reminder_mail_domain()}>"


def reminders_send() -> int:
    """E-mail the recorded reminders not yet sent, each claimed under a row lock.

    The reminder itself is recorded exactly once (a unique row). Its e-mail is marked sent and
    handed to the mail server inside one transaction that commits right after the server accepts
    it: a worker killed before that leaves the reminder unsent, and it is sent on redelivery. SMTP
    is not transactional, so a kill between the server's acceptance and the commit sends it again
    with the same Message-ID (reminder_message_id), which receivers use to drop the copy."""
    sent = 0
    pending = ReminderNotice.objects.filter(sent_at__isnull=True).values_list("pk", flat=True)
    for notice_id in pending:
        with transaction.atomic():
            notice = (
                ReminderNotice.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("letter", "letter__case", "letter__case__supervisor")
                .filter(pk=notice_id, sent_at__isnull=True)
                .first()
            )
            if notice is None:
                continue
            # Marked first, so the only step after the hand-over is the commit itself.
            notice.sent_at = timezone.now()
            notice.save(update_fields=["sent_at"])
            letter, supervisor = notice.letter, notice.letter.case.supervisor
            if supervisor and supervisor.is_active:
                subject = _("%(moment)s: %(number)s, due %(due)s") % {
                    "moment": notice.get_moment_display(),
                    "number": letter.number,
                    "due": letter.due_on,
                }
                body = _(
                    "Letter %(number)s to %(addressee)s in case “%(case)s” is due on %(due)s "
                    "(%(rule)s). Status: %(status)s."
                ) % {
                    "number": letter.number,
                    "addressee": letter.addressee,
                    "case": letter.case.title,
                    "due": letter.due_on,
                    "rule": letter.due_rule or _("date set by the issuer"),
                    "status": letter.get_status_display(),
                }
                # Also once in the supervisor's notifications on the admin home (item 10).
                notification_record(
                    users=[supervisor],
                    text=subject,
                    link=reverse("supervision_cases:inspect", args=[letter.case_id]),
                    key=f"letter-reminder:{notice.pk}",
                )
                if supervisor.email:
                    EmailMessage(
                        subject,
                        body,
                        settings.DEFAULT_FROM_EMAIL,
                        [supervisor.email],
                        headers={"Message-ID": reminder_message_id(notice)},
                    ).send()
            sent += 1
    return sent
