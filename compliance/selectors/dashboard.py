"""What the admin home shows: deadlines due soon or overdue, and contracts needing renewal."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, Q
from django.utils.translation import gettext as _

from compliance.models import BargainingRound, Contract
from compliance.rules.periods import State
from compliance.rules.presets import Key
from compliance.selectors.contracts import renewal_offers
from compliance.selectors.periods import due_periods
from compliance.selectors.profile import current_profile, deadline_for, working_calendar

_AWAITING_SUBMISSION = ("signed", "preliminary_reviewed", "federation_approved")


@dataclass(frozen=True)
class DueItem:
    what: str
    enterprise: str
    due: dt.date
    rule: str
    overdue: bool
    round_id: int | None = None
    contract_id: int | None = None
    letter_id: int | None = None


def deadlines(*, today: dt.date, soon_days: int = 7, limit: int = 50) -> list[DueItem]:
    """Open deadlines ending before today + soon_days, overdue first, and every contract whose
    renewal window is open, contracts awaiting publication (R23), and the periods of
    selectors.periods (R6, R7, R10, R24, R33). Sixteen queries at most, whatever the number of
    records (bench/bench_dashboard.py).

    A deadline met leaves the list: a reply given, a draft submitted, a renewal bargaining
    started (an offer to the enterprise since the renewal reminder, not refused or unanswered)."""
    horizon = today + dt.timedelta(days=soon_days)
    items: list[DueItem] = []
    rounds = BargainingRound.objects.select_related("enterprise")
    for r in rounds.filter(status="offered", reply_due__lte=horizon).order_by("reply_due")[:limit]:
        items.append(
            DueItem(
                _("Reply to the offer"),
                r.enterprise.name,
                r.reply_due,
                r.reply_due_rule,
                r.reply_due < today,
                round_id=r.pk,
            )
        )
    awaiting = rounds.filter(status__in=_AWAITING_SUBMISSION, submission_due__lte=horizon)
    for r in awaiting.order_by("submission_due")[:limit]:
        items.append(
            DueItem(
                _("Submission for review"),
                r.enterprise.name,
                r.submission_due,
                r.submission_due_rule,
                r.submission_due < today,
                round_id=r.pk,
            )
        )
    # A renewal is listed from the day its window opens (R29: three months before expiry by
    # default, 90 days in Zhejiang), not only in the last days before the term ends.
    renewals = (
        Contract.objects.select_related("enterprise")
        .filter(status="effective", renewal_window_opens__lte=today)
        .exclude(successors__relation=Contract.Relation.RENEWAL)
        .exclude(Exists(renewal_offers()))
        .order_by("ends_on")[:limit]
    )
    for c in renewals:
        items.append(
            DueItem(
                _("Renewal before expiry"),
                c.enterprise.name,
                c.ends_on,
                _(
                    "The renewal window opened on %(opens)s; send the renewal offer before the "
                    "term ends on %(end)s."
                )
                % {"opens": c.renewal_window_opens, "end": c.ends_on},
                c.ends_on < today,
                contract_id=c.pk,
            )
        )
    # Publication to the employees (R23): computed from the day each contract took effect. Only
    # contracts that came through a round: for one entered from the ledger the portal does not
    # know whether it was published before.
    unpublished = (
        Contract.objects.select_related("enterprise")
        .filter(status="effective", published_on__isnull=True, round__isnull=False)
        .exclude(effective_on=None)
        .order_by("effective_on")[:limit]
    )
    profile, calendar = None, None
    for c in unpublished:
        profile = profile or current_profile()
        calendar = calendar or working_calendar()
        deadline = deadline_for(
            key=Key.PUBLISH_EFFECTIVE, start=c.effective_on, profile=profile, calendar=calendar
        )
        if deadline.due > horizon:
            continue
        items.append(
            DueItem(
                _("Publication to the employees"),
                c.enterprise.name,
                deadline.due,
                deadline.explanation(),
                deadline.due < today,
                contract_id=c.pk,
            )
        )
    # The representatives' publication, vacant seats, the bargaining period and suspensions,
    # dispute coordination and notice-board postings cut short (R6, R7, R10, R24, R33).
    for line in due_periods(today=today, soon_days=soon_days, limit=limit):
        what = line.what
        if line.state is State.CUT_SHORT:
            what = _("%(what)s (cut short)") % {"what": what}
        items.append(
            DueItem(
                what,
                line.enterprise,
                line.due,
                line.explanation,
                line.state in (State.OVERDUE, State.CUT_SHORT),
                round_id=line.round_id,
                contract_id=line.contract_id,
            )
        )
    items.sort(key=lambda item: (not item.overdue, item.due))
    return items[:limit]


def expired_without_successor(*, limit: int = 50):
    return (
        Contract.objects.select_related("enterprise")
        .filter(status="expired")
        .exclude(successors__relation=Contract.Relation.RENEWAL)
        .order_by("-ends_on")[:limit]
    )


def exposure_list(*, today: dt.date, limit: int | None = None):
    """Refusals and silence past the reply deadline: the feedback and exposure list (反馈、曝光).

    Silence counts from the day after the reply deadline (R1), whether or not the daily sweep has
    marked the round "no reply" yet: the admin home already shows such an offer as overdue."""
    silent = Q(status=BargainingRound.Status.OFFERED, reply_due__lt=today)
    qs = (
        BargainingRound.objects.select_related("enterprise", "campaign")
        .filter(
            Q(status__in=(BargainingRound.Status.REFUSED, BargainingRound.Status.NO_REPLY)) | silent
        )
        .order_by("-reply_due", "-pk")
    )
    return qs[:limit] if limit else qs
