"""The periods of a round and a contract that the profile sets beside the reply, submission and
review deadlines (R6, R7, R10, R24, R33; rules/periods.py), for their pages and the admin home.

Each line says what is due, by when, what was done and when, and how the day was reached, in the
text the federation prints (never a rule id).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from itertools import islice

from django.db.models import DateField, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Least
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from compliance.models import (
    BargainingRound,
    CongressVote,
    Contract,
    Dispute,
    Meeting,
    Representative,
)
from compliance.rules.periods import (
    State,
    earliest_of,
    judge,
    judge_minimum,
    latest_start,
    longest_days,
    shortest_days,
)
from compliance.rules.presets import Key
from compliance.rules.procedure import ENDED, NEGOTIATING, NO_REPLY, OFFERED, REFUSED, UNDER_WAY
from compliance.selectors.profile import Profile, current_profile, deadline_for, working_calendar

STATE_LABELS = {
    State.MET: gettext_lazy("in time"),
    State.LATE: gettext_lazy("late"),
    State.OPEN: gettext_lazy("open"),
    State.DUE_SOON: gettext_lazy("due soon"),
    State.OVERDUE: gettext_lazy("overdue"),
    State.CUT_SHORT: gettext_lazy("cut short"),
}


@dataclass(frozen=True)
class PeriodLine:
    what: str
    due: dt.date | None
    done_on: dt.date | None
    state: State
    explanation: str
    round_id: int | None = None
    contract_id: int | None = None
    enterprise: str = ""

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def problem(self) -> bool:
        return self.state in (State.LATE, State.OVERDUE, State.CUT_SHORT)


class _Context:
    """The profile and calendar, read once and only when a period needs them."""

    def __init__(self, profile: Profile | None = None, calendar=None) -> None:
        self._profile, self._calendar = profile, calendar

    @property
    def profile(self) -> Profile:
        if self._profile is None:
            self._profile = current_profile()
        return self._profile

    def deadline(self, key: Key, start: dt.date):
        if self._calendar is None:
            self._calendar = working_calendar()
        return deadline_for(key=key, start=start, profile=self.profile, calendar=self._calendar)


def _join(*parts: str) -> str:
    """Sentences and clauses joined as one sentence (each part's own full stop dropped)."""
    separator, end = pgettext("list separator", "; "), pgettext("sentence end", ".")
    return separator.join(p.rstrip("。.") for p in parts if p) + end


# R6 -------------------------------------------------------------------------------------------


def _representatives_line(
    round_: BargainingRound, first_meeting: dt.date | None, ctx: _Context, today: dt.date
) -> PeriodLine | None:
    chosen = round_.representatives_chosen_on
    if chosen is None:
        return None
    what = _("Publication of the representatives")
    period = ctx.profile.period(Key.REPRESENTATIVES_PUBLISH)
    deadline = ctx.deadline(Key.REPRESENTATIVES_PUBLISH, chosen) if period.amount else None
    due = earliest_of(deadline.due if deadline else None, first_meeting)
    meeting_limit = (
        _("and no later than the first meeting, held on %(day)s") % {"day": first_meeting}
        if first_meeting
        else ""
    )
    if deadline is not None:
        explanation = _join(deadline.explanation(), meeting_limit)
    elif first_meeting:
        explanation = _join(_("Before bargaining starts"), meeting_limit)
    else:
        explanation = _join(
            _(
                "Before bargaining starts: no number of days is set, so the limit is the day of "
                "the first meeting"
            )
        )
    done = round_.representatives_published_on
    if due is None:
        state = State.MET if done else State.OPEN
    else:
        state = judge(due=due, done_on=done, today=today)
    return PeriodLine(what, due, done, state, explanation, round_id=round_.pk)


# R7 -------------------------------------------------------------------------------------------


def _vacancy_line(rep: Representative, ctx: _Context, today: dt.date) -> PeriodLine:
    deadline = ctx.deadline(Key.VACANCY_FILL, rep.left_on)
    replacement = getattr(rep, "replaced_by", None)
    done = replacement.joined_on if replacement is not None else None
    values = {"name": rep.name, "side": rep.get_side_display()}
    if replacement is None:
        what = _("Seat of %(name)s (%(side)s) filled") % values
    else:
        what = _("Seat of %(name)s (%(side)s) filled by %(newcomer)s") % {
            **values,
            "newcomer": replacement.name,
        }
    state = judge(due=deadline.due, done_on=done, today=today)
    return PeriodLine(
        what, deadline.due, done, state, deadline.explanation(), round_id=rep.round_id
    )


# R10 ------------------------------------------------------------------------------------------


def _bargaining_line(
    round_: BargainingRound, passed_on: dt.date | None, ctx: _Context, today: dt.date
) -> PeriodLine | None:
    if round_.reply_date is None or round_.status in (OFFERED, REFUSED, NO_REPLY):
        return None
    if not ctx.profile.period(Key.BARGAINING_PERIOD).amount:
        return None
    deadline = ctx.deadline(Key.BARGAINING_PERIOD, round_.reply_date)
    state = judge(due=deadline.due, done_on=passed_on, today=today)
    return PeriodLine(
        _("Bargaining completed (draft passed by the workers' congress)"),
        deadline.due,
        passed_on,
        state,
        deadline.explanation(),
        round_id=round_.pk,
    )


def _suspension_line(
    meeting: Meeting, resumed_on: dt.date | None, ctx: _Context, today: dt.date
) -> PeriodLine:
    until = meeting.suspended_until
    limit = None
    if ctx.profile.period(Key.SUSPENSION_MAX).amount:
        limit = ctx.deadline(Key.SUSPENSION_MAX, meeting.held_on)
    due = earliest_of(until, limit.due if limit else None)
    parts = [
        _("Suspended on %(held)s until %(until)s, as the two sides agreed")
        % {"held": meeting.held_on, "until": until}
    ]
    if limit is not None:
        parts.append(limit.explanation())
        if until > limit.due:
            parts.append(_("the agreed suspension runs past the longest one allowed"))
    explanation = _join(*parts)
    state = judge(due=due, done_on=resumed_on, today=today)
    return PeriodLine(
        _("Bargaining resumed after the suspension"),
        due,
        resumed_on,
        state,
        explanation,
        round_id=meeting.round_id,
    )


# R33 ------------------------------------------------------------------------------------------


def dispute_due(dispute: Dispute, ctx: _Context | None = None):
    """The coordination's last day and how it was reached: 30 days from acceptance, and with an
    extension up to 15 more counted from the end of the first period (profile numbers)."""
    ctx = ctx or _Context()
    first = ctx.deadline(Key.DISPUTE_COORDINATION, dispute.accepted_on)
    if not dispute.extended:
        return first.due, first.explanation()
    extension = ctx.deadline(Key.DISPUTE_EXTENSION, first.due)
    return extension.due, _join(
        first.explanation(),
        _("extended: %(extension)s") % {"extension": extension.explanation()},
    )


def _dispute_line(dispute: Dispute, ctx: _Context, today: dt.date) -> PeriodLine:
    due, explanation = dispute_due(dispute, ctx)
    state = judge(due=due, done_on=dispute.concluded_on, today=today)
    return PeriodLine(
        _("Coordination of the dispute accepted on %(day)s") % {"day": dispute.accepted_on},
        due,
        dispute.concluded_on,
        state,
        explanation,
        round_id=dispute.round_id,
    )


# Pages ----------------------------------------------------------------------------------------


def round_periods(round_: BargainingRound, *, today: dt.date) -> list[PeriodLine]:
    """Every period of the round that has started, in the order of the procedure."""
    ctx = _Context()
    meetings = list(round_.meetings.all())
    votes = list(round_.votes.all())
    first_meeting = min((m.held_on for m in meetings), default=None)
    passed_on = min((v.held_on for v in votes if v.passed), default=None)
    lines: list[PeriodLine] = []
    line = _representatives_line(round_, first_meeting, ctx, today)
    if line:
        lines.append(line)
    vacated = round_.representatives.filter(left_on__isnull=False).select_related("replaced_by")
    lines.extend(_vacancy_line(rep, ctx, today) for rep in vacated)
    line = _bargaining_line(round_, passed_on, ctx, today)
    if line:
        lines.append(line)
    sessions = sorted([m.held_on for m in meetings] + [v.held_on for v in votes])
    for meeting in meetings:
        if meeting.suspended_until is None:
            continue
        resumed = next((d for d in sessions if d > meeting.held_on), None)
        lines.append(_suspension_line(meeting, resumed, ctx, today))
    lines.extend(_dispute_line(d, ctx, today) for d in round_.disputes.all())
    return lines


def contract_posting(
    contract: Contract, *, today: dt.date, ctx: _Context | None = None
) -> PeriodLine | None:
    """The notice-board posting (R24): at least the profile's days from publication."""
    if contract.published_on is None:
        return None
    deadline = (ctx or _Context()).deadline(Key.NOTICE_POSTING, contract.published_on)
    return PeriodLine(
        _("Notice-board posting"),
        deadline.due,
        contract.posting_ends_on,
        judge_minimum(last_day=deadline.due, ended_on=contract.posting_ends_on),
        deadline.minimum_explanation(),
        contract_id=contract.pk,
    )


# The admin home -------------------------------------------------------------------------------


def due_periods(*, today: dt.date, soon_days: int = 7, limit: int = 50) -> list[PeriodLine]:
    """The periods above that are overdue or end within `soon_days`, and postings cut short, for
    the rounds under way and the contracts in force. Each kind is one query that keeps only the
    records whose period can end by then (rules.periods.latest_start), so the home page does not
    compute a deadline for every round. Each takes the `limit` records whose period can end
    earliest: with more overdue than the limit, the most overdue are the ones shown."""
    horizon = today + dt.timedelta(days=soon_days)
    ctx = _Context()
    lines: list[PeriodLine] = []
    open_rounds = BargainingRound.objects.filter(status__in=UNDER_WAY).select_related("enterprise")

    # R6: representatives chosen, not yet published.
    period = ctx.profile.period(Key.REPRESENTATIVES_PUBLISH)
    limit_q = Q(first_meeting__lte=horizon)
    earliest_end = F("first_meeting")
    if period.amount:
        limit_q |= Q(representatives_chosen_on__lte=latest_start(horizon=horizon, period=period))
        earliest_end = Least(
            "first_meeting", _plus_days("representatives_chosen_on", shortest_days(period))
        )
    # The first meeting as a subquery, not Min() over a join: a GROUP BY would aggregate every
    # waiting round's meetings before the limit applies.
    first_meeting = Meeting.objects.filter(round=OuterRef("pk")).order_by("held_on")
    waiting = open_rounds.filter(
        representatives_chosen_on__isnull=False, representatives_published_on__isnull=True
    ).annotate(first_meeting=Subquery(first_meeting.values("held_on")[:1]))
    for r in waiting.filter(limit_q).order_by(earliest_end.asc(), "pk")[:limit]:
        line = _representatives_line(r, r.first_meeting, ctx, today)
        if line:
            lines.append(_named(line, r.enterprise.name))

    # R7: seats vacant, not refilled.
    period = ctx.profile.period(Key.VACANCY_FILL)
    vacant = (
        Representative.objects.select_related("round__enterprise", "replaced_by")
        .filter(left_on__lte=latest_start(horizon=horizon, period=period), replaced_by__isnull=True)
        .exclude(round__status__in=ENDED)
        .order_by("left_on", "pk")
    )
    for rep in vacant[:limit]:
        lines.append(_named(_vacancy_line(rep, ctx, today), rep.round.enterprise.name))

    # R10: bargaining past its cap, and suspensions not resumed.
    period = ctx.profile.period(Key.BARGAINING_PERIOD)
    if period.amount:
        late = open_rounds.filter(
            status=NEGOTIATING, reply_date__lte=latest_start(horizon=horizon, period=period)
        ).order_by("reply_date", "pk")
        for r in late[:limit]:
            line = _bargaining_line(r, None, ctx, today)
            if line:
                lines.append(_named(line, r.enterprise.name))
    later = Meeting.objects.filter(round=OuterRef("round"), held_on__gt=OuterRef("held_on"))
    later_vote = CongressVote.objects.filter(
        round=OuterRef("round"), held_on__gt=OuterRef("held_on")
    )
    period = ctx.profile.period(Key.SUSPENSION_MAX)
    reach = Q(suspended_until__lte=horizon)
    earliest_end = F("suspended_until")
    if period.amount:
        reach |= Q(held_on__lte=latest_start(horizon=horizon, period=period))
        earliest_end = Least("suspended_until", _plus_days("held_on", shortest_days(period)))
    paused = (
        Meeting.objects.select_related("round__enterprise")
        .filter(reach, suspended_until__isnull=False, round__status=NEGOTIATING)
        .exclude(Exists(later))
        .exclude(Exists(later_vote))
        .order_by(earliest_end.asc(), "pk")
    )
    for meeting in paused[:limit]:
        lines.append(
            _named(_suspension_line(meeting, None, ctx, today), meeting.round.enterprise.name)
        )

    # R33: coordinations not concluded (oldest first: Dispute's ordering).
    period = ctx.profile.period(Key.DISPUTE_COORDINATION)
    open_disputes = Dispute.objects.select_related("round__enterprise").filter(
        concluded_on=None, accepted_on__lte=latest_start(horizon=horizon, period=period)
    )
    for dispute in open_disputes[:limit]:
        lines.append(_named(_dispute_line(dispute, ctx, today), dispute.round.enterprise.name))

    # R24: postings taken down before their last day, on contracts in force. One taken down
    # before the shortest span a posting can have is cut short whatever the calendar: SQL picks
    # those. One taken down within the days a rest day can add is judged on the calendar, in
    # order, until `limit` are found: judging only the first `limit` of those filled the list
    # with postings that ran long enough.
    period = ctx.profile.period(Key.NOTICE_POSTING)
    shortest = F("published_on") + dt.timedelta(days=shortest_days(period))
    posted = Contract.objects.filter(
        status=Contract.Status.EFFECTIVE,
        posting_ends_on__isnull=False,
        published_on__isnull=False,
    ).order_by("published_on", "pk")
    early = posted.filter(posting_ends_on__lt=shortest).values_list("pk", flat=True)[:limit]
    near = posted.filter(
        posting_ends_on__gte=shortest,
        posting_ends_on__lt=F("published_on") + dt.timedelta(days=longest_days(period)),
    ).values_list("pk", "published_on", "posting_ends_on")
    rolled = (
        pk
        for pk, published_on, ended_on in near.iterator(chunk_size=1000)
        if ended_on < ctx.deadline(Key.NOTICE_POSTING, published_on).due
    )
    taken_down = Contract.objects.select_related("enterprise").filter(
        pk__in=[*early, *islice(rolled, limit)]
    )
    for contract in taken_down:
        line = contract_posting(contract, today=today, ctx=ctx)
        if line and line.state is State.CUT_SHORT:
            lines.append(_named(line, contract.enterprise.name))

    return to_list(lines, today=today, horizon=horizon)[:limit]


def to_list(lines: list[PeriodLine], *, today: dt.date, horizon: dt.date) -> list[PeriodLine]:
    """The lines the admin home lists: overdue, cut short, or ending by `horizon`; the overdue
    and cut-short first, then by their last day."""
    shown = [
        line
        for line in lines
        if line.state in (State.OVERDUE, State.DUE_SOON, State.CUT_SHORT)
        and (line.due is None or line.due <= horizon or line.state is State.CUT_SHORT)
    ]
    shown.sort(key=lambda line: (line.state is State.DUE_SOON, line.due or today))
    return shown


def _named(line: PeriodLine, enterprise: str) -> PeriodLine:
    return replace(line, enterprise=enterprise)


def _plus_days(field: str, days: int) -> Cast:
    """The day `days` after `field`: with it a query orders the records by the earliest day their
    period can end (rules.periods.shortest_days), the order their deadlines fall in."""
    return Cast(F(field) + dt.timedelta(days=days), DateField())
