"""Reads of the monthly bargaining meeting (月例会, seed 003): next month's proposed invitations,
the monthly progress report for the chair's meeting (主席办公会) and this month's pipeline for the
admin home.

The proposal follows seed 003's "完成一批，补充一批，指导一批，落实一批": enterprises guided this
month, or absent, are invited again, as are those just brought into the pipeline (added), who are
to be guided next; key unionised enterprises (100+ employees or the other key
marks) with no contract in force, no round under way and never invited are added; those that
completed this month are not invited again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _

from compliance.models import BargainingRound, Contract, Enterprise, Invitation, MonthlyMeeting
from compliance.models.monthly_meetings import Action, Attendance, Outcome
from compliance.rules.procedure import ENDED
from compliance.selectors.campaigns import KEY_ENTERPRISE
from compliance.selectors.statistics import effective_on

# About thirty enterprises a month (seed 003): new ones are ticked up to this many invitations.
INVITATIONS_A_MONTH = 30
# Rounds acted for by the federation (上代下).
ON_BEHALF = ~Q(on_behalf="")


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def next_month(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def previous_month(month: dt.date) -> dt.date:
    return (month.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def month_end(month: dt.date) -> dt.date:
    return next_month(month) - dt.timedelta(days=1)


def in_scope_without_contract(*, as_of: dt.date):
    """Unionised key enterprises with no contract in force on `as_of` and no round under way."""
    in_force = Contract.objects.filter(effective_on(as_of))
    return (
        Enterprise.objects.filter(KEY_ENTERPRISE, union_established=True)
        .exclude(Exists(in_force.filter(enterprise=OuterRef("pk"))))
        .exclude(Exists(in_force.filter(covered_enterprises=OuterRef("pk"))))
        .exclude(
            Exists(
                BargainingRound.objects.exclude(status__in=ENDED).filter(enterprise=OuterRef("pk"))
            )
        )
    )


@dataclass
class Proposed:
    enterprise: Enterprise
    reasons: list[str] = field(default_factory=list)
    ticked: bool = True


def meeting_proposal(*, meeting: MonthlyMeeting, as_of: dt.date) -> list[Proposed]:
    """Next month's invitations proposed from `meeting`: who and why, the ones to tick first."""
    month = f"{meeting.month:%Y-%m}"
    invitations = list(
        meeting.invitations.select_related("enterprise").order_by("enterprise__name")
    )
    completed = {i.enterprise_id for i in invitations if i.outcome == Outcome.COMPLETED}
    proposed: dict[int, Proposed] = {}
    for invitation in invitations:
        if invitation.enterprise_id in completed:
            continue
        reasons = []
        if invitation.outcome == Outcome.GUIDED:
            reasons.append(_("Guided at the %(month)s meeting, still working") % {"month": month})
        if invitation.outcome == Outcome.ADDED:
            reasons.append(
                _("Brought into the pipeline at the %(month)s meeting, to be guided")
                % {"month": month}
            )
        if invitation.attendance == Attendance.ABSENT:
            reasons.append(_("Absent from the %(month)s meeting") % {"month": month})
        if invitation.action == Action.SECOND_OFFER:
            reasons.append(_("A second offer was asked for in %(month)s") % {"month": month})
        if reasons:
            proposed[invitation.enterprise_id] = Proposed(invitation.enterprise, reasons)
    never_invited = (
        in_scope_without_contract(as_of=as_of)
        .exclude(Exists(Invitation.objects.filter(enterprise=OuterRef("pk"))))
        .exclude(pk__in=completed)
        .order_by("-employees", "name")
    )
    room = INVITATIONS_A_MONTH - len(proposed)
    for enterprise in never_invited:
        if enterprise.pk in proposed:
            continue
        proposed[enterprise.pk] = Proposed(
            enterprise,
            [
                _(
                    "Key enterprise (%(employees)s employees) with no contract in force and no "
                    "round under way, not invited yet"
                )
                % {"employees": enterprise.employees}
            ],
            ticked=room > 0,
        )
        room -= 1
    return list(proposed.values())


def meeting_counts(*, meeting: MonthlyMeeting) -> dict[str, int]:
    """Invited, attended and each outcome at one meeting (one query)."""
    counts = meeting.invitations.aggregate(
        invited=Count("pk"),
        attended=Count("pk", filter=Q(attendance__in=(Attendance.CAME, Attendance.DELEGATE))),
        absent=Count("pk", filter=Q(attendance=Attendance.ABSENT)),
        second_offers=Count("pk", filter=Q(action=Action.SECOND_OFFER)),
        **{o.value: Count("pk", filter=Q(outcome=o.value)) for o in Outcome},
    )
    return counts


# The rows of the progress report, in order: (key, label).
def report_rows() -> list[tuple[str, str]]:
    return [
        ("meetings", _("Monthly meetings held")),
        ("invited", _("Enterprises invited")),
        ("attended", _("Enterprises that came or sent someone")),
        ("absent", _("Enterprises absent")),
        *((o.value, _("Outcome: %(outcome)s") % {"outcome": o.label}) for o in Outcome),
        ("second_offers", _("Second offers asked for")),
        ("offers", _("Offers sent")),
        ("on_behalf", _("Offers made by the federation for an enterprise union (上代下)")),
        ("signed", _("Rounds signed")),
        ("filed", _("Contracts filed")),
    ]


def _figures(start: dt.date, end: dt.date) -> dict[str, int]:
    meetings = MonthlyMeeting.objects.filter(month__gte=start, month__lte=end)
    figures = Invitation.objects.filter(meeting__in=meetings).aggregate(
        invited=Count("pk"),
        attended=Count("pk", filter=Q(attendance__in=(Attendance.CAME, Attendance.DELEGATE))),
        absent=Count("pk", filter=Q(attendance=Attendance.ABSENT)),
        second_offers=Count("pk", filter=Q(action=Action.SECOND_OFFER)),
        **{o.value: Count("pk", filter=Q(outcome=o.value)) for o in Outcome},
    )
    figures["meetings"] = meetings.count()
    figures.update(
        BargainingRound.objects.aggregate(
            offers=Count("pk", filter=Q(offer_date__gte=start, offer_date__lte=end)),
            on_behalf=Count("pk", filter=ON_BEHALF & Q(offer_date__gte=start, offer_date__lte=end)),
            signed=Count("pk", filter=Q(signed_date__gte=start, signed_date__lte=end)),
        )
    )
    figures["filed"] = Contract.objects.filter(filed_on__gte=start, filed_on__lte=end).count()
    return figures


@dataclass
class ReportRow:
    key: str
    label: str
    month: int
    previous: int
    change: int
    year_to_date: int


@dataclass
class ProgressReport:
    month: dt.date
    previous: dt.date
    rows: list[ReportRow]
    meeting: MonthlyMeeting | None


def progress_report(*, month: dt.date) -> ProgressReport:
    """The month's figures beside the previous month's and the year's up to the month's end."""
    month = first_of_month(month)
    previous = previous_month(month)
    this = _figures(month, month_end(month))
    before = _figures(previous, month_end(previous))
    year = _figures(month.replace(month=1), month_end(month))
    rows = [
        ReportRow(key, label, this[key], before[key], this[key] - before[key], year[key])
        for key, label in report_rows()
    ]
    return ProgressReport(
        month=month,
        previous=previous,
        rows=rows,
        meeting=MonthlyMeeting.objects.filter(month=month).first(),
    )


def report_months() -> list[dt.date]:
    """Months that have a meeting, newest first, for the report's month chooser."""
    return list(MonthlyMeeting.objects.order_by("-month").values_list("month", flat=True)[:36])


@dataclass
class Pipeline:
    month: dt.date
    month_end: dt.date
    meeting: MonthlyMeeting | None
    counts: dict[str, int]
    awaiting_reply: int
    signed_this_month: int


def this_months_pipeline(*, today: dt.date) -> Pipeline:
    """The admin home's panel: this month's meeting and its outcomes so far, offers awaiting a
    reply and rounds signed this month."""
    month = first_of_month(today)
    meeting = MonthlyMeeting.objects.filter(month=month).first()
    rounds = BargainingRound.objects.aggregate(
        awaiting=Count("pk", filter=Q(status=BargainingRound.Status.OFFERED)),
        signed=Count("pk", filter=Q(signed_date__gte=month, signed_date__lte=month_end(month))),
    )
    return Pipeline(
        month=month,
        month_end=month_end(month),
        meeting=meeting,
        counts=meeting_counts(meeting=meeting) if meeting else {},
        awaiting_reply=rounds["awaiting"],
        signed_this_month=rounds["signed"],
    )


def on_behalf_this_year(*, today: dt.date) -> int:
    """Rounds offered this year in which the federation acts for the enterprise union (上代下)."""
    return BargainingRound.objects.filter(ON_BEHALF, offer_date__year=today.year).count()


def invitation_history(*, enterprise_id: int):
    """An enterprise's invitations, newest meeting first."""
    return (
        Invitation.objects.filter(enterprise_id=enterprise_id)
        .select_related("meeting")
        .order_by("-meeting__month")
    )
