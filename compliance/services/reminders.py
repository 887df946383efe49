"""Reminders of the bargaining and contract deadlines to the staff responsible, as the letters'
reminders are sent (services/supervision/deadlines.py): recorded once, then e-mailed once.

The deadlines: the reply to an offer (R1, `reply_due`), the submission of the signed contract
(R16, `submission_due`), the end of the labour administration's review period (R20/R21,
`review_due`), the publication to employees of a contract in force (R23: the profile's
`publish_effective` period from the day it took effect) and the renewal (R29: from the day the
renewal window opens until the term ends).

Each is reminded before its day (from `deadline_reminder_lead` days before; for a renewal, from
the day its window opens), on its day, and once after it (within OVERDUE_WITHIN days, so that a
deadline long past, such as an imported contract's, reminds nobody). One DeadlineReminder row per
deadline, due date and moment, under unique constraints: a task run twice records nothing twice,
and a due date that changes (a new signature after an objection) is reminded again. A deadline
met (a reply recorded, the contract submitted, the review ended or objected to, the contract
published, renewed or its renewal bargaining started) is reminded no more. The end of the review
period has no reminder after its day: the next day the portal makes the contract effective by
itself (R21), and the publication reminder takes over.

The reminder goes to the round's instructor when one with a portal account is assigned, else to
the clerk who opened the round; a contract without a round, or a round with neither, reminds the
federation's administrators. The e-mail is in the recipient's language first (Chinese unless
they chose English), then complete in the other; its subject is also recorded once in each
recipient's notifications (the admin home's list), marked e-mailed.
"""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from compliance.models import BargainingRound, Contract, DeadlineReminder
from compliance.rules.deadlines import Unit as PeriodUnit
from compliance.rules.presets import Key
from compliance.selectors.contracts import renewal_awaited
from compliance.selectors.profile import Profile, current_profile, deadline_for, working_calendar
from compliance.services.notifications import notification_record, reminder_mail_domain
from tenants.roles import ROLE_BY_KEY

Kind, Moment = DeadlineReminder.Kind, DeadlineReminder.Moment
S = BargainingRound.Status

# An overdue deadline is reminded on the first daily run after its day, if that comes this soon.
OVERDUE_WITHIN = dt.timedelta(days=30)

_AWAITING_SUBMISSION = (S.SIGNED, S.PRELIMINARY_REVIEWED, S.FEDERATION_APPROVED)
_ROUND_DEADLINES = {
    # kind: (statuses in which it runs, due field, rule text field, start field, profile key)
    Kind.OFFER_REPLY: (
        (S.OFFERED, S.NO_REPLY),  # a late acceptance is still possible (R1)
        "reply_due",
        "reply_due_rule",
        "offer_received_date",
        Key.OFFER_REPLY,
    ),
    Kind.SUBMISSION: (
        _AWAITING_SUBMISSION,
        "submission_due",
        "submission_due_rule",
        "signed_date",
        Key.SUBMIT_SIGNED,
    ),
    Kind.REVIEW_END: (
        (S.SUBMITTED,),
        "review_due",
        "review_due_rule",
        "received_date",
        Key.REVIEW_PERIOD,
    ),
}


class _Context:
    """What one run reads once: the profile, the working calendar, the reminder lead."""

    def __init__(self) -> None:
        self.profile: Profile = current_profile()
        self.calendar = working_calendar()
        lead = self.profile.period(Key.DEADLINE_REMINDER_LEAD).amount
        self.lead = dt.timedelta(days=lead)

    def publication(self, contract: Contract):
        return deadline_for(
            key=Key.PUBLISH_EFFECTIVE,
            start=contract.effective_on,
            profile=self.profile,
            calendar=self.calendar,
        )


def _due(kind: str, record, ctx: _Context) -> dt.date | None:
    """The deadline's due date, whether met or not."""
    if kind in _ROUND_DEADLINES:
        return getattr(record, _ROUND_DEADLINES[kind][1])
    if kind == Kind.PUBLICATION:
        return ctx.publication(record).due if record.effective_on else None
    return record.ends_on


def _open_due(kind: str, record, ctx: _Context) -> dt.date | None:
    """The due date of the deadline while it is still to be met, else None."""
    if kind in _ROUND_DEADLINES:
        is_open = record.status in _ROUND_DEADLINES[kind][0]
    elif kind == Kind.PUBLICATION:
        is_open = record.status == Contract.Status.EFFECTIVE and record.published_on is None
    else:
        is_open = renewal_awaited(Contract.objects.filter(pk=record.pk)).exists()
    return _due(kind, record, ctx) if is_open else None


def _moment(kind: str, record, due: dt.date, today: dt.date, ctx: _Context) -> str | None:
    if today > due:
        late = kind != Kind.REVIEW_END and today - due <= OVERDUE_WITHIN
        return Moment.OVERDUE if late else None
    if today == due:
        return Moment.AT
    starts = record.renewal_window_opens if kind == Kind.RENEWAL else due - ctx.lead
    return Moment.BEFORE if today >= starts else None


def _candidates(today: dt.date, ctx: _Context):
    """(kind, queryset) of the records whose deadline may be reminded today: bounded by the
    indexed due dates, so the daily run reads only the few near their day."""
    window = {"gte": today - OVERDUE_WITHIN, "lte": today + ctx.lead}
    for kind, (statuses, due_field, *_rest) in _ROUND_DEADLINES.items():
        rounds = BargainingRound.objects.filter(
            status__in=statuses,
            **{f"{due_field}__{op}": day for op, day in window.items()},
        )
        yield kind, rounds
    # The publication deadline is not stored: read contracts that took effect recently enough
    # for it to fall in the window, however long the profile's period.
    period = ctx.profile.period(Key.PUBLISH_EFFECTIVE)
    days_per_unit = {PeriodUnit.MONTHS: 31, PeriodUnit.WORKING_DAYS: 3}.get(period.unit, 1)
    # At most this long from the day it took effect to its due date (holidays included).
    longest = dt.timedelta(days=period.amount * days_per_unit + 15)
    unpublished = Contract.objects.filter(
        status=Contract.Status.EFFECTIVE,
        published_on__isnull=True,
        effective_on__gte=window["gte"] - longest,
        effective_on__lte=window["lte"],
    )
    yield Kind.PUBLICATION, unpublished
    renewals = renewal_awaited(
        Contract.objects.filter(renewal_window_opens__lte=today, ends_on__gte=window["gte"])
    )
    yield Kind.RENEWAL, renewals


def _responsible(round_: BargainingRound | None):
    """The round's instructor with a portal account, else the clerk who opened it, else None."""
    if round_ is None:
        return None
    instructor = round_.instructor
    people = (instructor.user if instructor and instructor.active else None, round_.created_by)
    return next((u for u in people if u is not None and u.is_active and u.email), None)


def bargaining_reminders_record(*, today: dt.date) -> dict[str, int]:
    """Record the reminders due today, each once. Idempotent: each reminder is a unique row,
    written with the record it reminds of locked and its deadline checked again."""
    ctx = _Context()
    counts = {f"reminders_{moment}": 0 for moment in Moment.values}
    for kind, candidates in _candidates(today, ctx):
        model = candidates.model
        owner = "round" if model is BargainingRound else "contract"
        # A first pass without locks: a record whose reminder of the day is already recorded (a
        # renewal window stays open for months) is neither locked nor written again.
        wanted = {}
        for record in candidates:
            due = _due(kind, record, ctx)
            moment = due and _moment(kind, record, due, today, ctx)
            if moment:
                wanted[(record.pk, due, moment)] = record.pk
        recorded = set(
            DeadlineReminder.objects.filter(
                kind=kind, **{f"{owner}_id__in": {pk for pk, _due, _m in wanted}}
            ).values_list(f"{owner}_id", "due_on", "moment")
        )
        for pk in sorted({pk for key, pk in wanted.items() if key not in recorded}):
            with transaction.atomic():
                record = model.objects.select_for_update(of=("self",)).get(pk=pk)
                due = _open_due(kind, record, ctx)
                moment = due and _moment(kind, record, due, today, ctx)
                if not moment:
                    continue
                _reminder, created = DeadlineReminder.objects.get_or_create(
                    kind=kind,
                    moment=moment,
                    due_on=due,
                    **{owner: record},
                    defaults={
                        "recipient": _responsible(record if owner == "round" else record.round)
                    },
                )
                if created:
                    counts[f"reminders_{moment}"] += 1
    return counts


def deadline_reminder_message_id(reminder: DeadlineReminder) -> str:
    """The e-mail's Message-ID, the same on every attempt: the idempotency key that lets a mail
    server or client drop a copy sent again after a worker died mid-send."""
    return f"<deadline-reminder.{connection.schema_name}.{reminder.pk}@{reminder_mail_domain()}>"


def _administrators() -> list:
    admin_group = ROLE_BY_KEY["federation_admin"].name
    return list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=admin_group))
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def _language_of(user) -> str:
    """The language the person chose for the admin (Wagtail's profile), Chinese by default."""
    profile = getattr(user, "wagtail_userprofile", None)
    preferred = getattr(profile, "preferred_language", "") or ""
    return "en" if preferred.startswith("en") else "zh-hans"


def record_url(reminder: DeadlineReminder) -> str:
    """The absolute address of the round's or contract's page in the federation's admin: its
    primary domain, with the scheme and port of WAGTAILADMIN_BASE_URL."""
    if reminder.round_id:
        path = reverse("bargaining_rounds:inspect", args=[reminder.round_id])
    else:
        path = reverse("contracts:inspect", args=[reminder.contract_id])
    base = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    get_domain = getattr(connection.tenant, "get_primary_domain", None)
    domain = get_domain() if get_domain else None
    host = domain.domain if domain else base.hostname
    port = f":{base.port}" if base.port else ""
    return f"{base.scheme}://{host}{port}{path}"


def _basis(reminder: DeadlineReminder, record, ctx: _Context) -> str:
    """How the due date was reached and on what legal basis, in the active language: computed
    again from the profile when it still gives the recorded date, else the text stored with it."""
    kind = reminder.kind
    if kind in _ROUND_DEADLINES:
        _statuses, _due, rule_field, start_field, key = _ROUND_DEADLINES[kind]
        start = getattr(record, start_field)
        if start:
            deadline = deadline_for(
                key=key, start=start, profile=ctx.profile, calendar=ctx.calendar
            )
            if deadline.due == reminder.due_on:
                return deadline.explanation()
        return getattr(record, rule_field)
    if kind == Kind.PUBLICATION:
        return ctx.publication(record).explanation()
    parameter = ctx.profile.parameter(Key.RENEWAL_WINDOW)
    values = {
        "period": ctx.profile.period(Key.RENEWAL_WINDOW).describe(),
        "basis": parameter.basis,
        "opens": record.renewal_window_opens.isoformat(),
        "end": record.ends_on.isoformat(),
    }
    if parameter.basis:
        text = _(
            "The renewal window opens %(period)s before the term ends, under %(basis)s: it opened "
            "on %(opens)s, and the term ends on %(end)s"
        )
    else:
        text = _(
            "The renewal window opens %(period)s before the term ends (set in the federation's "
            "rule profile): it opened on %(opens)s, and the term ends on %(end)s"
        )
    return text % values


_ACTIONS = {
    Kind.OFFER_REPLY: lambda: _(
        "Record the other side's written reply; an offer left unanswered goes on the feedback "
        "and exposure list and may be taken up by supervision."
    ),
    Kind.SUBMISSION: lambda: _(
        "Submit the signed contract to the labour administration and record the submission."
    ),
    Kind.REVIEW_END: lambda: _(
        "Record the labour administration's objection if it made one; without an objection the "
        "contract takes effect by itself on the last day of the review period."
    ),
    Kind.PUBLICATION: lambda: _(
        "Publish the contract to the employees and record the day it was published."
    ),
    Kind.RENEWAL: lambda: _(
        "Start the renewal bargaining: send the renewal offer from the contract's page."
    ),
}


def _text(reminder: DeadlineReminder, record, ctx: _Context, *, why: str, url: str):
    """The subject and body in the active language."""
    values = {
        "what": reminder.get_kind_display(),
        "enterprise": record.enterprise.name,
        "due": reminder.due_on.isoformat(),
    }
    if reminder.moment == Moment.BEFORE:
        opening = _("The deadline “%(what)s” of %(enterprise)s falls on %(due)s.")
    elif reminder.moment == Moment.AT:
        opening = _("Today, %(due)s, is the last day of “%(what)s” of %(enterprise)s.")
    else:
        opening = _("The deadline “%(what)s” of %(enterprise)s passed on %(due)s and is not met.")
    subject = _("%(moment)s: %(what)s, %(enterprise)s, due %(due)s") % {
        **values,
        "moment": reminder.get_moment_display(),
    }
    if reminder.round_id:
        label = _("Bargaining round: %(record)s") % {"record": record}
    else:
        label = _("Collective contract: %(record)s") % {"record": record}
    lines = [
        opening % values,
        label,
        _("Deadline: %(basis)s.") % {"basis": _basis(reminder, record, ctx).rstrip("。.")},
        _ACTIONS[reminder.kind](),
        _("Open it in the portal: %(url)s") % {"url": url},
        why,
    ]
    return subject, "\n".join(lines)


def _why(recipient, record) -> str:
    round_ = record if isinstance(record, BargainingRound) else record.round
    if recipient is None:
        return _(
            "You receive this as an administrator of the federation: nobody responsible for "
            "this record has a portal account with an e-mail address."
        )
    instructor = round_.instructor if round_ else None
    if instructor and instructor.user_id == recipient.pk:
        return _("You receive this as the bargaining round's instructor.")
    return _("You receive this as the person who opened the bargaining round.")


def _mail(reminder: DeadlineReminder, record, ctx: _Context) -> tuple[list, EmailMessage]:
    recipient = reminder.recipient
    if recipient is not None and recipient.is_active and recipient.email:
        people = [recipient]
    else:
        recipient, people = None, _administrators()
    first = _language_of(recipient) if recipient else "zh-hans"
    url = record_url(reminder)
    parts = []
    for language in (first, "en" if first != "en" else "zh-hans"):
        with translation.override(language):
            parts.append(_text(reminder, record, ctx, why=_why(recipient, record), url=url))
    message = EmailMessage(
        parts[0][0],
        f"{parts[0][1]}\n\n————————\n\n{parts[1][1]}",
        settings.DEFAULT_FROM_EMAIL,
        [person.email for person in people],
        headers={"Message-ID": deadline_reminder_message_id(reminder)},
    )
    return people, message


def bargaining_reminders_send() -> int:
    """E-mail the recorded reminders not yet sent, each claimed under a row lock; returns how
    many e-mails went out.

    As for the letters' reminders: the reminder is marked sent and handed to the mail server in
    one transaction that commits right after the server accepts it, so a worker killed before
    that leaves it unsent and it is sent on redelivery; a kill between acceptance and commit sends
    it again with the same Message-ID, which receivers use to drop the copy. A reminder whose
    deadline was met or moved before its e-mail went out is closed without one."""
    ctx = _Context()
    sent = 0
    pending = DeadlineReminder.objects.filter(sent_at__isnull=True).values_list("pk", flat=True)
    for reminder_id in pending:
        with transaction.atomic():
            reminder = (
                DeadlineReminder.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related(
                    "recipient",
                    "round__enterprise",
                    "round__instructor",
                    "contract__enterprise",
                    "contract__round__instructor",
                )
                .filter(pk=reminder_id, sent_at__isnull=True)
                .first()
            )
            if reminder is None:
                continue
            record = reminder.round or reminder.contract
            message = None
            if _open_due(reminder.kind, record, ctx) == reminder.due_on:
                people, message = _mail(reminder, record, ctx)
                reminder.sent_to = "\n".join(message.to)
                # The same reminder in each person's list on the admin home (item 10), once.
                notification_record(
                    users=people,
                    text=message.subject,
                    link=urlsplit(record_url(reminder)).path,
                    key=f"reminder:{reminder.pk}",
                )
            # Marked first, so the only step after the hand-over is the commit itself.
            reminder.sent_at = timezone.now()
            reminder.save(update_fields=["sent_at", "sent_to"])
            if message is not None and message.to:
                message.send()
                sent += 1
    return sent
