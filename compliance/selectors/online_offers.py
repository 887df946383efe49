"""Reads of a bargaining round for the enterprise area and for the back office's round page:
the steps done (from the history: what, when, who, on which side), who entered each meeting,
vote and document, and what comes next."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from accounts.names import person_name
from compliance.models import (
    BargainingRound,
    CongressVote,
    EnterpriseAccount,
    Meeting,
    OnlineOffer,
    Representative,
    RoundDocument,
    Side,
)
from compliance.rules import procedure

STEPS_SHOWN = 60


@dataclass(frozen=True)
class Step:
    when: dt.datetime
    what: str
    who: str


def _who(users: dict, sides: dict, user_id: int | None) -> str:
    """The person and their side (an enterprise user) or the federation (a staff member)."""
    if user_id is None:
        return _("the portal")
    user = users.get(user_id)
    name = person_name(user) if user else ""
    side = sides.get(user_id)
    if side:
        return f"{name}（{side}）"
    return _("%(name)s (federation)") % {"name": name}


def _people(user_ids: set[int]) -> tuple[dict, dict]:
    accounts = EnterpriseAccount.objects.filter(user_id__in=user_ids).select_related("user")
    sides = {a.user_id: a.get_side_display() for a in accounts}
    users = {u.pk: u for u in get_user_model().objects.filter(pk__in=user_ids)}
    return users, sides


def round_steps(*, round_: BargainingRound) -> list[Step]:
    """The round's steps, oldest first: each change of the round (with its reason), each
    meeting, vote, document and offer record created. Five history queries and one of people."""
    rows = [
        (h.history_date, h.history_change_reason or "", h.history_user_id)
        for h in round_.history.order_by("history_date")[:STEPS_SHOWN]
    ]
    creations = (
        (Meeting, _("Meeting of %(day)s recorded"), "held_on"),
        (CongressVote, _("Workers' congress vote of %(day)s recorded"), "held_on"),
    )
    for model, text, field in creations:
        for h in model.history.filter(round_id=round_.pk, history_type="+"):
            rows.append(
                (h.history_date, text % {"day": getattr(h, field).isoformat()}, h.history_user_id)
            )
    for h in RoundDocument.history.filter(round_id=round_.pk, history_type="+"):
        kind = RoundDocument.Kind(h.kind).label
        rows.append((h.history_date, _("Uploaded: %(kind)s") % {"kind": kind}, h.history_user_id))
    for h in OnlineOffer.history.filter(round_id=round_.pk).exclude(history_type="-"):
        rows.append((h.history_date, h.history_change_reason or "", h.history_user_id))
    users, sides = _people({user for _w, _t, user in rows if user})
    steps = [Step(when, what, _who(users, sides, user)) for when, what, user in rows if what]
    steps.sort(key=lambda step: step.when)
    return steps[-STEPS_SHOWN:]


def entered_by(*, round_: BargainingRound) -> dict[str, dict[int, str]]:
    """Who entered each meeting, vote and document of the round ("meeting" → {pk: who}), for
    the back office's round page."""
    found: dict[str, dict[int, str]] = {"meeting": {}, "vote": {}, "document": {}}
    rows = []
    for key, model in (("meeting", Meeting), ("vote", CongressVote), ("document", RoundDocument)):
        for h in model.history.filter(round_id=round_.pk, history_type="+"):
            rows.append((key, h.id, h.history_user_id))
    users, sides = _people({user for _k, _i, user in rows if user})
    for key, pk, user in rows:
        found[key][pk] = _who(users, sides, user)
    return found


def representatives_by_side(*, round_: BargainingRound, offer: OnlineOffer | None) -> dict:
    """Each side's names: the round's sitting representatives once set, else the list the side
    entered (awaiting the other side's). Names and chiefs only: identity numbers stay hidden."""
    sides = {}
    rep_side = {
        Side.UNION: Representative.Side.EMPLOYEE,
        Side.EMPLOYER: Representative.Side.EMPLOYER,
    }
    sitting = list(round_.representatives.filter(left_on__isnull=True))
    for side, label in Side.choices:
        rows = [
            {"name": r.name, "is_chief": r.is_chief, "is_outsider": r.is_outsider}
            for r in sitting
            if r.side == rep_side[side]
        ]
        pending = not rows
        if not rows and offer is not None:
            rows = offer.representatives_of(side)
        sides[side] = {"label": label, "rows": rows, "pending": pending and bool(rows)}
    return sides


def next_steps(*, round_: BargainingRound, side: str) -> list[str]:
    """What the round waits for, in the words of the side reading it."""
    S = procedure
    status = round_.status
    due = round_.reply_due.isoformat()
    if status == S.OFFERED:
        if side == round_.offered_by:
            return [_("The other side answers the offer by %(due)s.") % {"due": due}]
        return [
            _(
                "Answer the offer by %(due)s: accept with your representatives, or refuse "
                "with a reason."
            )
            % {"due": due}
        ]
    if status in (S.REFUSED, S.NO_REPLY):
        text = [_("This round has ended; the federation has been told and may follow it up.")]
        if status == S.NO_REPLY and side != round_.offered_by:
            text.append(_("An acceptance is still possible."))
        return text
    if status == S.NEGOTIATING:
        steps = []
        reps = round_.representatives.exists()
        if not reps:
            steps.append(_("Both sides name their representatives."))
        elif not round_.representatives_published_on:
            steps.append(_("Publish the representatives to the employees and record the day."))
        if not round_.meetings.filter(minutes_signed_by_all=True).exists():
            steps.append(_("Hold the bargaining meetings and upload their signed minutes."))
        else:
            steps.append(
                _("When the draft is agreed, the union side records the workers' congress vote.")
            )
        return steps
    if status == S.VOTED:
        return [_("Both chief representatives sign the contract; record the signature.")]
    if status in (S.SIGNED, S.PRELIMINARY_REVIEWED, S.FEDERATION_APPROVED):
        return [_("The federation reviews the signed contract before it is submitted.")]
    if status == S.SUBMITTED:
        return [_("The labour administration reviews the contract.")]
    return [_("The contract is in force.")]


ROUNDS_ON_HOME = 10


def enterprise_rounds(*, enterprise) -> list[BargainingRound]:
    """The enterprise's latest rounds, newest first, for its home page (a round every few years:
    the latest ten are the history a person needs)."""
    return list(
        BargainingRound.objects.filter(enterprise=enterprise).order_by("-offer_date", "-pk")[
            :ROUNDS_ON_HOME
        ]
    )
