"""The offer, the answer and the bargaining steps as the enterprise's own users enter them in the
enterprise area (issue 17 items 2 and 3). The rules stay in services.bargaining: each function
here checks who may act, calls the service that owns the step, stores what the round does not
hold, and notifies the people concerned, each event once (its `key`).

Who does what:
- Either side sends the written offer (要约书, R1/R2) to the other side of the same enterprise, or
  records the paper offer it already sent, with the scan. Online, the offer is received when
  sent, so the R1 reply deadline runs from that day. While a round of the enterprise is under
  way, no second offer is made.
- Only the other side answers: it accepts with its representatives (and may counter-propose a
  time and place) or refuses with a reason. A refusal, or silence past the deadline (the daily
  task), ends the round on the federation's feedback and exposure list (R1, R36).
- Each side enters its own representatives (R3/R4 are checked on that side as soon as it enters
  them; both sides together, equal numbers and nobody on both, once both have): the round's
  representatives are set when both sides' lists are known.
- Either side records the representatives' publication (R6), a meeting with its signed minutes
  (R9) and the signatures (R15, R28): both sides take part in each, and whoever holds the paper
  enters it. The workers' congress vote (R13/R14) and its resolution are the union side's: the
  congress is the employees' body and the union is its working body.
- Every step notifies the other side (a link to the round in the area) and the round's
  instructor (a link to the round in the back office).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from compliance.models import (
    BargainingRound,
    CongressVote,
    Contract,
    EnterpriseAccount,
    Instructor,
    Meeting,
    OnlineOffer,
    Representative,
    RoundDocument,
    Side,
)
from compliance.rules import procedure
from compliance.rules.presets import Key
from compliance.rules.representatives import Representative as RepresentativeRule
from compliance.rules.representatives import representatives_problems
from compliance.selectors.instructors import proposal_for_enterprise
from compliance.selectors.profile import current_profile
from compliance.services import bargaining
from compliance.services.history import save_with_history
from compliance.services.notifications import enterprise_users, notification_send
from compliance.services.uploads import round_add_document, upload_problem

# The side of the round's representatives each account side stands for.
REP_SIDE = {Side.UNION: Representative.Side.EMPLOYEE, Side.EMPLOYER: Representative.Side.EMPLOYER}


def other_side(side: str) -> str:
    return Side.EMPLOYER if side == Side.UNION else Side.UNION


def _account(user) -> EnterpriseAccount:
    account = EnterpriseAccount.objects.select_related("enterprise").filter(user=user).first()
    if account is None:
        raise PermissionDenied
    return account


def _round_of(account: EnterpriseAccount, round_id: int) -> BargainingRound:
    """The account's enterprise's round, locked; another enterprise's is not found."""
    round_ = (
        BargainingRound.objects.select_for_update(of=("self",))
        .select_related("enterprise", "instructor")
        .filter(pk=round_id, enterprise=account.enterprise)
        .first()
    )
    if round_ is None:
        raise BargainingRound.DoesNotExist
    return round_


def round_under_way(enterprise) -> BargainingRound | None:
    return (
        BargainingRound.objects.filter(enterprise=enterprise, status__in=procedure.UNDER_WAY)
        .order_by("-offer_date", "-pk")
        .first()
    )


def _offer_of(round_: BargainingRound) -> OnlineOffer:
    """The round's offer record; a round opened in the back office gets one on first use."""
    offer = OnlineOffer.objects.filter(round=round_).first()
    if offer is None:
        offer = OnlineOffer(
            round=round_,
            delivery=OnlineOffer.Delivery.PAPER,
            sender_side=round_.offered_by,
        )
    return offer


# --- notifications -----------------------------------------------------------------------------


def _notify(round_: BargainingRound, *, actor_side: str, event: str, text: str) -> None:
    """`text` to the other side (link to the area's round page) and to the round's instructor
    (link to the back office's round page), once per event."""
    key = f"round:{round_.pk}:{event}"
    notification_send(
        users=enterprise_users(round_.enterprise, other_side(actor_side)),
        text=text,
        link=reverse("enterprise_round", args=[round_.pk]),
        key=key,
    )
    instructor = round_.instructor
    if instructor is not None and instructor.user_id and instructor.user.is_active:
        notification_send(
            users=[instructor.user],
            text=text,
            link=reverse("bargaining_rounds:inspect", args=[round_.pk]),
            key=key,
        )


def _text(message: str, round_: BargainingRound, **values) -> str:
    with translation.override("zh-hans"):
        return _(message) % {"enterprise": round_.enterprise.name, **values}


# --- representatives ---------------------------------------------------------------------------


def _clean_representatives(rows: Sequence[dict]) -> list[dict]:
    return [
        {
            "name": row["name"].strip(),
            "identity": "".join(row["identity"].split()),
            "is_chief": bool(row.get("is_chief")),
            "is_outsider": bool(row.get("is_outsider")),
        }
        for row in rows
        if row.get("name", "").strip()
    ]


def _rules(rows: Sequence[dict]) -> list[RepresentativeRule]:
    return [
        RepresentativeRule(
            name=r["name"],
            identity=r["identity"],
            is_chief=r["is_chief"],
            is_outsider=r["is_outsider"],
        )
        for r in rows
    ]


def side_problems(*, side: str, representatives: Sequence[dict]) -> list[str]:
    """R3/R4 on one side alone (size, one chief, no outsider chief, outsiders' share): what can
    be judged before the other side has named its own."""
    profile = current_profile()
    rep_side = REP_SIDE[side]
    rules = _rules(representatives)
    problems = representatives_problems(
        employee_side=rules if rep_side == Representative.Side.EMPLOYEE else [],
        employer_side=rules if rep_side == Representative.Side.EMPLOYER else [],
        minimum=profile.count(Key.SIDE_MINIMUM),
        maximum=profile.count(Key.SIDE_MAXIMUM) or None,
        employer_not_more_than_employee=False,
        require_equal=False,
        outsider_max_fraction=profile.fraction(Key.OUTSIDER_MAX),
    )
    messages = [p.message for p in problems if p.side == rep_side]
    identities = [r["identity"].upper() for r in representatives]
    if len(set(identities)) != len(identities):
        messages.append(_("The same staff or ID number is entered twice."))
    return messages


def side_representatives(round_: BargainingRound, side: str) -> list[dict]:
    """The side's list: the round's sitting representatives when set, else what the side
    entered."""
    return _current_list(round_, OnlineOffer.objects.filter(round=round_).first(), side)


def _current_list(round_: BargainingRound, offer: OnlineOffer | None, side: str) -> list[dict]:
    sitting = round_.representatives.filter(side=REP_SIDE[side], left_on__isnull=True)
    if sitting:
        return [
            {
                "name": r.name,
                "identity": r.identity,
                "is_chief": r.is_chief,
                "is_outsider": r.is_outsider,
            }
            for r in sitting
        ]
    return list(offer.representatives_of(side)) if offer else []


def _store_side(offer: OnlineOffer, side: str, rows: list[dict]) -> None:
    if side == Side.UNION:
        offer.union_representatives = rows
    else:
        offer.employer_representatives = rows


def _set_round_representatives(
    round_: BargainingRound, offer: OnlineOffer, *, side: str, rows: list[dict], day, user
) -> bool:
    """Both sides' lists known: they become the round's representatives (R3–R5 checked by
    round_set_representatives). True when set."""
    others = _current_list(round_, offer, other_side(side))
    if not others:
        return False
    combined = [{**r, "side": REP_SIDE[side]} for r in rows] + [
        {**r, "side": REP_SIDE[other_side(side)]} for r in others
    ]
    bargaining.round_set_representatives(
        round_id=round_.pk,
        representatives=combined,
        chosen_on=day,
        employee_approvals=None,
        user=user,
    )
    return True


@transaction.atomic
def side_representatives_set(
    *, user, round_id: int, representatives: Sequence[dict], today: dt.date
) -> bool:
    """The signed-in user's side names (or renames) its representatives. True when both sides'
    lists are now the round's representatives; False while the other side's is awaited."""
    account = _account(user)
    round_ = _round_of(account, round_id)
    rows = _clean_representatives(representatives)
    problems = side_problems(side=account.side, representatives=rows)
    if problems:
        raise ValidationError(problems)
    if round_.status not in (procedure.OFFERED, procedure.NEGOTIATING):
        raise ValidationError(
            _("Representatives are named while the offer awaits its answer or during bargaining.")
        )
    offer = _offer_of(round_)
    _store_side(offer, account.side, rows)
    save_with_history(offer, user=user, reason=_("Representatives entered by the enterprise"))
    both = round_.status == procedure.NEGOTIATING and _set_round_representatives(
        round_, offer, side=account.side, rows=rows, day=today, user=user
    )
    _notify(
        round_,
        actor_side=account.side,
        event=f"representatives:{account.side}:{offer.history.count()}",
        text=_text(
            gettext_noop("%(enterprise)s: the %(side)s named its bargaining representatives."),
            round_,
            side=account.get_side_display(),
        ),
    )
    return both


# --- the offer and its answer ------------------------------------------------------------------


def _refuse_second(enterprise) -> None:
    ongoing = round_under_way(enterprise)
    if ongoing is not None:
        raise ValidationError(
            _(
                "A bargaining round of this enterprise is already under way (offered on "
                "%(day)s, “%(status)s”): answer or continue it instead of making a new offer."
            )
            % {"day": ongoing.offer_date.isoformat(), "status": ongoing.get_status_display()},
            code="under_way",
            params={"round": ongoing.pk},
        )


def _instructor_for(enterprise) -> Instructor | None:
    proposed = proposal_for_enterprise(enterprise=enterprise).proposed
    return Instructor.objects.filter(pk=proposed).first() if proposed else None


@transaction.atomic
def offer_send(
    *,
    user,
    kind: str,
    proposed_at: dt.datetime,
    place: str,
    agenda: str,
    representatives: Sequence[dict],
    today: dt.date,
) -> OnlineOffer:
    """A written offer sent online to the other side (R2: time, place, agenda, the sender's
    representatives). It is received when sent: the R1 deadline runs from today."""
    account = _account(user)
    enterprise = account.enterprise
    _refuse_second(enterprise)
    if not agenda.strip():
        raise ValidationError(_("Say which topics the offer proposes to bargain on."))
    if timezone.localtime(proposed_at).date() < today:
        raise ValidationError(_("The proposed time has already passed."))
    rows = _clean_representatives(representatives)
    problems = side_problems(side=account.side, representatives=rows)
    if problems:
        raise ValidationError(problems)
    round_ = bargaining.round_offer(
        enterprise=enterprise,
        offered_by=account.side,
        offer_date=today,
        received_date=today,
        kind=kind,
        instructor=_instructor_for(enterprise),
        user=user,
    )
    offer = OnlineOffer(
        round=round_,
        delivery=OnlineOffer.Delivery.ONLINE,
        sender_side=account.side,
        sent_by=user,
        proposed_at=proposed_at,
        place=place.strip(),
        agenda=agenda.strip(),
    )
    _store_side(offer, account.side, rows)
    save_with_history(offer, user=user, reason=_("Offer sent in the enterprise area"))
    _notify(
        round_,
        actor_side=account.side,
        event="offer",
        text=_text(
            gettext_noop(
                "%(enterprise)s: the %(side)s sent a written offer to bargain; answer it by "
                "%(due)s."
            ),
            round_,
            side=account.get_side_display(),
            due=round_.reply_due.isoformat(),
        ),
    )
    return offer


@transaction.atomic
def offer_record_paper(
    *,
    user,
    kind: str,
    sent_on: dt.date,
    received_on: dt.date,
    scan,
    today: dt.date,
) -> OnlineOffer:
    """The paper offer the user's side already delivered, with its scan: the R1 deadline runs
    from the day the other side received it."""
    account = _account(user)
    enterprise = account.enterprise
    _refuse_second(enterprise)
    if received_on > today or sent_on > today:
        raise ValidationError(_("A paper offer already sent cannot be dated in the future."))
    _check_upload(scan)
    round_ = bargaining.round_offer(
        enterprise=enterprise,
        offered_by=account.side,
        offer_date=sent_on,
        received_date=received_on,
        kind=kind,
        instructor=_instructor_for(enterprise),
        user=user,
    )
    round_add_document(
        round_id=round_.pk, kind=RoundDocument.Kind.OFFER_LETTER, upload=scan, user=user
    )
    offer = OnlineOffer(
        round=round_,
        delivery=OnlineOffer.Delivery.PAPER,
        sender_side=account.side,
        sent_by=user,
    )
    save_with_history(offer, user=user, reason=_("Paper offer recorded in the enterprise area"))
    _notify(
        round_,
        actor_side=account.side,
        event="offer",
        text=_text(
            gettext_noop(
                "%(enterprise)s: the %(side)s recorded the written offer it delivered on "
                "%(day)s; the answer is due by %(due)s."
            ),
            round_,
            side=account.get_side_display(),
            day=received_on.isoformat(),
            due=round_.reply_due.isoformat(),
        ),
    )
    return offer


@transaction.atomic
def offer_answer(
    *,
    user,
    round_id: int,
    accepted: bool,
    today: dt.date,
    representatives: Sequence[dict] = (),
    counter_proposed_at: dt.datetime | None = None,
    counter_place: str = "",
    refusal_reason: str = "",
) -> OnlineOffer:
    """The other side's written answer (应约): acceptance with its representatives, or refusal
    with a reason. round_reply changes the status (R1: a late acceptance still opens bargaining;
    a refusal ends the round on the feedback and exposure list)."""
    account = _account(user)
    round_ = _round_of(account, round_id)
    if round_.offered_by == account.side:
        raise ValidationError(_("Only the side that received the offer answers it."))
    offer = _offer_of(round_)
    if accepted:
        rows = _clean_representatives(representatives)
        problems = side_problems(side=account.side, representatives=rows)
        if problems:
            raise ValidationError(problems)
        if (
            counter_proposed_at is not None
            and timezone.localtime(counter_proposed_at).date() < today
        ):
            raise ValidationError(_("The proposed time has already passed."))
    elif not refusal_reason.strip():
        raise ValidationError(_("Say why the offer is refused."))
    bargaining.round_reply(round_id=round_.pk, accepted=accepted, reply_date=today, user=user)
    round_.refresh_from_db()
    offer.answered_by, offer.answered_at = user, timezone.now()
    if accepted:
        _store_side(offer, account.side, rows)
        offer.counter_proposed_at, offer.counter_place = counter_proposed_at, counter_place.strip()
        save_with_history(offer, user=user, reason=_("Offer accepted in the enterprise area"))
        _set_round_representatives(
            round_, offer, side=account.side, rows=rows, day=today, user=user
        )
        text = _text(
            gettext_noop("%(enterprise)s: the %(side)s accepted the offer to bargain."),
            round_,
            side=account.get_side_display(),
        )
    else:
        offer.refusal_reason = refusal_reason.strip()
        save_with_history(offer, user=user, reason=_("Offer refused in the enterprise area"))
        text = _text(
            gettext_noop("%(enterprise)s: the %(side)s refused the offer to bargain: %(reason)s"),
            round_,
            side=account.get_side_display(),
            reason=offer.refusal_reason,
        )
    _notify(round_, actor_side=account.side, event="reply", text=text)
    return offer


# --- the steps ---------------------------------------------------------------------------------


def _check_upload(upload) -> None:
    if upload is None:
        raise ValidationError(_("Upload the file."))
    head = upload.read(2048)
    upload.seek(0)
    problem = upload_problem(name=upload.name, size=upload.size, head=head)
    if problem:
        raise ValidationError(problem)


@transaction.atomic
def step_publish_representatives(*, user, round_id: int, published_on: dt.date, today: dt.date):
    account = _account(user)
    round_ = _round_of(account, round_id)
    if published_on > today:
        raise ValidationError(_("A publication cannot be dated in the future."))
    bargaining.round_publish_representatives(
        round_id=round_.pk, published_on=published_on, user=user
    )
    _notify(
        round_,
        actor_side=account.side,
        event=f"published:{published_on.isoformat()}",
        text=_text(
            gettext_noop(
                "%(enterprise)s: the representatives were published to the employees on %(day)s."
            ),
            round_,
            day=published_on.isoformat(),
        ),
    )


@transaction.atomic
def step_record_meeting(
    *,
    user,
    round_id: int,
    held_on: dt.date,
    place: str,
    summary: str,
    minutes,
    today: dt.date,
    suspended_until: dt.date | None = None,
) -> Meeting:
    """A meeting whose minutes all present signed (R9), the signed minutes uploaded."""
    account = _account(user)
    round_ = _round_of(account, round_id)
    if held_on > today:
        raise ValidationError(_("A meeting cannot be recorded before it is held."))
    _check_upload(minutes)
    meeting = bargaining.round_record_meeting(
        round_id=round_.pk,
        held_on=held_on,
        place=place.strip(),
        summary=summary.strip(),
        minutes_signed_by_all=True,
        suspended_until=suspended_until,
        user=user,
    )
    round_add_document(
        round_id=round_.pk, kind=RoundDocument.Kind.MINUTES, upload=minutes, user=user
    )
    _notify(
        round_,
        actor_side=account.side,
        event=f"meeting:{meeting.pk}",
        text=_text(
            gettext_noop(
                "%(enterprise)s: a bargaining meeting of %(day)s was recorded with its signed "
                "minutes."
            ),
            round_,
            day=held_on.isoformat(),
        ),
    )
    return meeting


@transaction.atomic
def step_record_vote(
    *,
    user,
    round_id: int,
    held_on: dt.date,
    total: int,
    present: int,
    in_favour: int,
    resolution,
    today: dt.date,
) -> CongressVote:
    """The workers' congress vote, the union side's to record (R13/R14 judge it), with the
    resolution uploaded."""
    account = _account(user)
    if account.side != Side.UNION:
        raise ValidationError(_("The union side records the workers' congress vote."))
    round_ = _round_of(account, round_id)
    if held_on > today:
        raise ValidationError(_("A vote cannot be recorded before it is held."))
    if present > total or in_favour > present:
        raise ValidationError(
            _("Those present cannot exceed the total, nor those in favour those present.")
        )
    _check_upload(resolution)
    vote = bargaining.round_record_vote(
        round_id=round_.pk,
        held_on=held_on,
        total=total,
        present=present,
        in_favour=in_favour,
        user=user,
    )
    round_add_document(
        round_id=round_.pk, kind=RoundDocument.Kind.RESOLUTION, upload=resolution, user=user
    )
    with translation.override("zh-hans"):
        outcome = _("passed") if vote.passed else _("not passed")
    _notify(
        round_,
        actor_side=account.side,
        event=f"vote:{vote.pk}",
        text=_text(
            gettext_noop(
                "%(enterprise)s: the workers' congress of %(day)s voted (%(vote)s): %(outcome)s."
            ),
            round_,
            day=held_on.isoformat(),
            vote=vote.summary,
            outcome=outcome,
        ),
    )
    return vote


@transaction.atomic
def step_sign(
    *,
    user,
    round_id: int,
    signed_on: dt.date,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    covered_employees: int,
    wage_growth_pct=None,
    minimum_wage=None,
    weekly_hours=None,
    today: dt.date,
) -> Contract:
    account = _account(user)
    round_ = _round_of(account, round_id)
    if signed_on > today:
        raise ValidationError(_("Signatures cannot be recorded before they are made."))
    if covered_employees > round_.enterprise.employees:
        raise ValidationError(
            _("The contract cannot cover more than the enterprise's %(n)s employees.")
            % {"n": round_.enterprise.employees}
        )
    contract = bargaining.round_sign(
        round_id=round_.pk,
        signed_on=signed_on,
        title=title.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        covered_employees=covered_employees,
        wage_growth_pct=wage_growth_pct,
        minimum_wage=minimum_wage,
        weekly_hours=weekly_hours,
        user=user,
    )
    round_.refresh_from_db()
    _notify(
        round_,
        actor_side=account.side,
        event=f"signed:{signed_on.isoformat()}",
        text=_text(
            gettext_noop(
                "%(enterprise)s: both chief representatives signed the contract on %(day)s; "
                "submit it by %(due)s."
            ),
            round_,
            day=signed_on.isoformat(),
            due=round_.submission_due.isoformat() if round_.submission_due else "—",
        ),
    )
    return contract


# --- reminders of the answer owed (R1) ---------------------------------------------------------


def offer_reminders_send(*, today: dt.date) -> int:
    """Remind the side that owes the answer to an offer: from the reminder lead before the R1
    deadline, on its day, and once it has passed. One notification per round, moment and
    person (its key), however often the daily task runs."""
    lead = dt.timedelta(days=current_profile().period(Key.DEADLINE_REMINDER_LEAD).amount)
    rounds = (
        BargainingRound.objects.filter(
            status__in=(procedure.OFFERED, procedure.NO_REPLY),
            reply_due__gte=today - dt.timedelta(days=1),
            reply_due__lte=today + lead,
        )
        .filter(enterprise__accounts__isnull=False)
        .distinct()
        .select_related("enterprise")
    )
    sent = 0
    for round_ in rounds:
        if round_.status == procedure.OFFERED and today < round_.reply_due:
            moment, message = (
                "before",
                gettext_noop(
                    "%(enterprise)s: the written offer to bargain awaits your answer, due by "
                    "%(due)s."
                ),
            )
        elif round_.status == procedure.OFFERED and today == round_.reply_due:
            moment, message = (
                "due",
                gettext_noop(
                    "%(enterprise)s: today, %(due)s, is the last day to answer the offer to "
                    "bargain."
                ),
            )
        elif round_.status == procedure.NO_REPLY:
            moment, message = (
                "overdue",
                gettext_noop(
                    "%(enterprise)s: the offer to bargain was not answered by %(due)s; the round "
                    "is on the federation's feedback list. An acceptance is still possible."
                ),
            )
        else:
            continue
        users = enterprise_users(round_.enterprise, other_side(round_.offered_by))
        sent += len(
            notification_send(
                users=users,
                text=_text(message, round_, due=round_.reply_due.isoformat()),
                link=reverse("enterprise_round", args=[round_.pk]),
                key=f"round:{round_.pk}:reply-reminder:{moment}:{round_.reply_due.isoformat()}",
            )
        )
    return sent
