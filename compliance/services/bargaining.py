"""Every write to a bargaining round, one function per step of the procedure (DOMAIN.md §4).

Transitions come from compliance.rules.procedure; deadlines from the federation's rule profile
(R1 reply, R16 submission, R20 review), each stored with the rule and legal source that produced
it; R3–R5 and R13–R14 are checked with the profile's numbers. Every change leaves a history row
with the user and the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from compliance.models import (
    BargainingRound,
    CongressVote,
    Contract,
    Department,
    DepartmentSubmission,
    Dispute,
    Enterprise,
    FilingSubmission,
    Instructor,
    Meeting,
    Representative,
    Review,
)
from compliance.rules import procedure
from compliance.rules.presets import Key
from compliance.rules.representatives import Representative as RepresentativeRule
from compliance.rules.representatives import (
    employee_representatives_approved,
    representatives_problems,
)
from compliance.rules.terms import renewal_due, term_problem
from compliance.rules.votes import congress_vote
from compliance.selectors.profile import current_profile, deadline_for
from compliance.services.contracts import contract_make_effective, renewal_problem
from compliance.services.history import save_with_history as _save

ACTION_LABELS = {
    "accept": gettext_lazy("record acceptance of the offer"),
    "refuse": gettext_lazy("record refusal of the offer"),
    "mark_no_reply": gettext_lazy("mark the offer as unanswered"),
    "set_representatives": gettext_lazy("set the representatives"),
    "record_meeting": gettext_lazy("record a meeting"),
    "publish_representatives": gettext_lazy("record the publication of the representatives"),
    "record_vacancy": gettext_lazy("record a vacant seat"),
    "fill_vacancy": gettext_lazy("fill a vacant seat"),
    "record_dispute": gettext_lazy("record a dispute for coordination"),
    "vote_passed": gettext_lazy("record the workers' congress vote"),
    "vote_failed": gettext_lazy("record the workers' congress vote"),
    "sign": gettext_lazy("record the signatures"),
    "instructor_approve": gettext_lazy("pass the instructor review"),
    "instructor_return": gettext_lazy("return the draft from instructor review"),
    "federation_approve": gettext_lazy("pass the federation review"),
    "federation_return": gettext_lazy("return the draft from federation review"),
    "submit": gettext_lazy("submit to the labour administration"),
    "object": gettext_lazy("record the department's objection"),
    "mark_effective": gettext_lazy("make the contract effective"),
    "record_receipt": gettext_lazy("record the department's receipt"),
    "request_materials": gettext_lazy("ask for missing materials"),
    "approve": gettext_lazy("approve the contract"),
}


class TransitionError(ValidationError):
    """A step that the round's current status does not allow; the message says why."""


def _transition(round_: BargainingRound, action: str) -> str:
    try:
        return procedure.target_of(action=action, status=round_.status)
    except ValueError:
        raise TransitionError(
            _("Cannot %(action)s: the round is at “%(status)s”.")
            % {"action": ACTION_LABELS[action], "status": round_.get_status_display()}
        ) from None


def _locked(round_id: int) -> BargainingRound:
    return BargainingRound.objects.select_for_update().select_related("enterprise").get(pk=round_id)


def round_allows(*, round_id: int, action: str) -> BargainingRound:
    """The round, locked for the transaction, when `action` is allowed at its status; else a
    TransitionError saying why (for steps recorded elsewhere that leave the status alone)."""
    round_ = _locked(round_id)
    _transition(round_, action)
    return round_


def _not_before(later: dt.date, earlier: dt.date | None, message: str) -> None:
    if earlier is not None and later < earlier:
        raise ValidationError(message)


def on_behalf_problems(*, offered_by: str, on_behalf: str, reason: str, by: str) -> None:
    """上代下 is the union side's act: refused on an employer's offer, and it needs its reason and
    who acted."""
    if not on_behalf:
        return
    errors = {}
    if offered_by != BargainingRound.OfferedBy.UNION:
        errors["on_behalf"] = _(
            "The federation acts for the enterprise union: the offer must be the union side's."
        )
    if not reason:
        errors["on_behalf_reason"] = _("Say why the federation acts for the enterprise union.")
    if not by.strip():
        errors["on_behalf_by"] = _("Name who acted for the enterprise union.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def round_set_on_behalf(
    *,
    round_id: int,
    on_behalf: str,
    on_behalf_reason: str = "",
    on_behalf_note: str = "",
    on_behalf_by: str = "",
    reason: str,
    user=None,
) -> BargainingRound:
    """Record (or correct) that the federation acts for the enterprise union on a round under
    way, e.g. when it takes over the whole round after the offer. The status is left alone."""
    round_ = _locked(round_id)
    if round_.status in procedure.ENDED:
        raise ValidationError(_("The round has ended; what was done in it stays as recorded."))
    on_behalf_problems(
        offered_by=round_.offered_by, on_behalf=on_behalf, reason=on_behalf_reason, by=on_behalf_by
    )
    round_.on_behalf = on_behalf
    round_.on_behalf_reason = on_behalf_reason if on_behalf else ""
    round_.on_behalf_note = on_behalf_note.strip() if on_behalf else ""
    round_.on_behalf_by = on_behalf_by.strip() if on_behalf else ""
    _save(round_, user=user, reason=reason)
    return round_


@transaction.atomic
def round_offer(
    *,
    enterprise: Enterprise,
    offered_by: str,
    offer_date: dt.date,
    received_date: dt.date | None = None,
    kind: str = "comprehensive",
    scope: str = "single",
    dual_offer: bool = False,
    campaign=None,
    instructor=None,
    covered: Sequence[Enterprise] = (),
    renews: Contract | None = None,
    on_behalf: str = "",
    on_behalf_reason: str = "",
    on_behalf_note: str = "",
    on_behalf_by: str = "",
    user=None,
    profile=None,
    calendar=None,
) -> BargainingRound:
    """Step 1: a written offer (要约). The reply deadline runs from receipt (R1).

    `on_behalf`: the federation made the offer, or runs the whole round, for a weak enterprise
    union (上代下, seeds 000/004), with why and who acted. The union side is the one acting, so
    the employer still owes its reply (R1/R2).

    `profile` and `calendar` may be passed in when many offers are made at once (campaigns).
    """
    received = received_date or offer_date
    _not_before(received, offer_date, _("An offer cannot be received before it was sent."))
    on_behalf_problems(
        offered_by=offered_by, on_behalf=on_behalf, reason=on_behalf_reason, by=on_behalf_by
    )
    deadline = deadline_for(key=Key.OFFER_REPLY, start=received, profile=profile, calendar=calendar)
    round_ = BargainingRound(
        enterprise=enterprise,
        offered_by=offered_by,
        offer_date=offer_date,
        offer_received_date=received,
        kind=kind,
        scope=scope,
        dual_offer=dual_offer,
        campaign=campaign,
        instructor=instructor,
        reply_due=deadline.due,
        reply_due_rule=deadline.explanation()[:300],
        renews=renews,
        on_behalf=on_behalf,
        on_behalf_reason=on_behalf_reason if on_behalf else "",
        on_behalf_note=on_behalf_note.strip() if on_behalf else "",
        on_behalf_by=on_behalf_by.strip() if on_behalf else "",
        created_by=user if getattr(user, "pk", None) else None,
    )
    reason = (
        _("Offer recorded, made by the federation for the enterprise union (上代下)")
        if on_behalf
        else _("Offer recorded")
    )
    _save(round_, user=user, reason=reason)
    if covered:
        round_.covered_enterprises.set(covered)
    return round_


@transaction.atomic
def round_offer_renewal(
    *, contract_id: int, offer_date: dt.date, user=None
) -> tuple[BargainingRound, bool]:
    """Start the renewal round of a contract whose renewal is due (R29): the union's written offer
    to the same enterprise, of the same kind and scope, naming the contract it renews. A renewal
    round already under way is returned instead of a second one (created is then False)."""
    contract = Contract.objects.select_for_update().select_related("enterprise").get(pk=contract_id)
    if contract.successors.filter(relation=Contract.Relation.RENEWAL).exists():
        raise ValidationError(_("This contract has already been renewed."))
    ongoing = contract.renewal_rounds.exclude(status__in=procedure.ENDED).order_by("-pk").first()
    if ongoing is not None:
        return ongoing, False
    if not renewal_due(
        status=contract.status, window_opens=contract.renewal_window_opens, today=offer_date
    ):
        raise ValidationError(
            _(
                "A renewal round starts once the renewal window opens or the contract has "
                "expired; this contract is “%(status)s”."
            )
            % {"status": contract.get_status_display()}
        )
    round_ = round_offer(
        enterprise=contract.enterprise,
        offered_by=BargainingRound.OfferedBy.UNION,
        offer_date=offer_date,
        kind=contract.kind,
        scope=contract.scope,
        covered=list(contract.covered_enterprises.all()),
        renews=contract,
        user=user,
    )
    return round_, True


@transaction.atomic
def round_reply(
    *, round_id: int, accepted: bool, reply_date: dt.date, user=None
) -> BargainingRound:
    """Step 2: the other side's written reply (应约), or its refusal."""
    round_ = _locked(round_id)
    round_.status = _transition(round_, "accept" if accepted else "refuse")
    _not_before(reply_date, round_.offer_received_date, _("A reply cannot precede the offer."))
    round_.reply_date = reply_date
    _save(round_, user=user, reason=_("Offer accepted") if accepted else _("Offer refused"))
    return round_


@transaction.atomic
def round_mark_no_reply(*, round_id: int, today: dt.date, user=None) -> BargainingRound | None:
    """Silence past the reply deadline (R1) puts the round on the feedback and exposure list.

    Idempotent: a round already marked, answered or not yet overdue is left alone (None).
    """
    round_ = _locked(round_id)
    if round_.status != BargainingRound.Status.OFFERED or today <= round_.reply_due:
        return None
    round_.status = _transition(round_, "mark_no_reply")
    _save(round_, user=user, reason=_("No reply by %(due)s") % {"due": round_.reply_due})
    return round_


@transaction.atomic
def round_set_representatives(
    *,
    round_id: int,
    representatives: Sequence[dict[str, Any]],
    employee_approvals: int | None = None,
    chosen_on: dt.date | None = None,
    user=None,
) -> list[Representative]:
    """Steps 1–3: both sides' representatives, checked against R3 and R4 with the profile.

    Where the enterprise has no union, the employee representatives must be approved by half or
    more of its employees (R5); `employee_approvals` is that count. `chosen_on`, the day they
    were chosen, starts the period for publishing them (R6); a list set again replaces the
    previous one, its vacant seats included.
    """
    round_ = _locked(round_id)
    _transition(round_, "set_representatives")
    if not round_.enterprise.union_established:
        employees = round_.enterprise.employees
        if employee_approvals is None or not employee_representatives_approved(
            approvals=employee_approvals, employees=employees
        ):
            raise ValidationError(
                _(
                    "%(name)s has no union: its employee representatives need the approval of "
                    "at least half of its %(employees)s employees; record how many approved."
                )
                % {"name": round_.enterprise.name, "employees": employees}
            )
    profile = current_profile()
    sides = {"employee": [], "employer": []}
    for rep in representatives:
        sides[rep["side"]].append(
            RepresentativeRule(
                name=rep["name"],
                identity=rep["identity"],
                is_chief=rep.get("is_chief", False),
                is_outsider=rep.get("is_outsider", False),
            )
        )
    maximum = profile.count(Key.SIDE_MAXIMUM) or None
    problems = representatives_problems(
        employee_side=sides["employee"],
        employer_side=sides["employer"],
        minimum=profile.count(Key.SIDE_MINIMUM),
        maximum=maximum,
        employer_not_more_than_employee=profile.flag(Key.EMPLOYER_NOT_MORE),
        require_equal=not profile.flag(Key.EMPLOYER_NOT_MORE),
        outsider_max_fraction=profile.fraction(Key.OUTSIDER_MAX),
    )
    if problems:
        raise ValidationError([problem.message for problem in problems])
    for existing in round_.representatives.all():
        existing._history_user = user
        existing.delete()
    saved = []
    for rep in representatives:
        row = Representative(round=round_, **rep)
        _save(row, user=user, reason=_("Representatives set"))
        saved.append(row)
    if chosen_on is not None:
        _not_before(
            chosen_on, round_.offer_date, _("Representatives cannot be chosen before the offer.")
        )
        round_.representatives_chosen_on = chosen_on
    round_.employee_chief = next(r.name for r in saved if r.side == "employee" and r.is_chief)
    round_.employer_chief = next(r.name for r in saved if r.side == "employer" and r.is_chief)
    _save(round_, user=user, reason=_("Representatives set"))
    return saved


@transaction.atomic
def round_record_meeting(
    *,
    round_id: int,
    held_on: dt.date,
    place: str = "",
    summary: str = "",
    minutes_signed_by_all: bool = False,
    suspended_until: dt.date | None = None,
    user=None,
) -> Meeting:
    """Step 3: a negotiation meeting; its minutes must be signed by all present (R9)."""
    round_ = _locked(round_id)
    _transition(round_, "record_meeting")
    _not_before(held_on, round_.reply_date, _("A meeting cannot precede the reply to the offer."))
    if suspended_until is not None:
        _not_before(
            suspended_until, held_on, _("A suspension cannot end before the meeting that set it.")
        )
    meeting = Meeting(
        round=round_,
        held_on=held_on,
        place=place,
        summary=summary,
        minutes_signed_by_all=minutes_signed_by_all,
        suspended_until=suspended_until,
    )
    _save(meeting, user=user, reason=_("Meeting recorded"))
    return meeting


@transaction.atomic
def round_record_vote(
    *, round_id: int, held_on: dt.date, total: int, present: int, in_favour: int, user=None
) -> CongressVote:
    """Step 4: the workers' congress vote, judged by R13 (quorum) and R14 (approval)."""
    round_ = _locked(round_id)
    if not round_.representatives.exists():
        raise ValidationError(
            _("Set both sides' representatives before the workers' congress vote.")
        )
    if not round_.meetings.filter(minutes_signed_by_all=True).exists():
        raise ValidationError(
            _("Record at least one meeting whose minutes all present signed before the vote.")
        )
    profile = current_profile()
    result = congress_vote(
        total=total,
        present=present,
        in_favour=in_favour,
        quorum=profile.fraction(Key.CONGRESS_QUORUM),
        approval=profile.fraction(Key.CONGRESS_APPROVAL),
        approval_strict=profile.flag(Key.APPROVAL_STRICT),
    )
    round_.status = _transition(round_, "vote_passed" if result.passed else "vote_failed")
    vote = CongressVote(
        round=round_,
        held_on=held_on,
        total=total,
        present=present,
        in_favour=in_favour,
        passed=result.passed,
        exact_boundary=result.exact_boundary,
        explanation="\n".join(result.reasons),
    )
    reason = (
        _("Workers' congress passed the draft (%(vote)s)")
        if result.passed
        else _("Workers' congress did not pass the draft (%(vote)s)")
    ) % {"vote": vote.summary}
    _save(vote, user=user, reason=reason)
    _save(round_, user=user, reason=reason)
    return vote


_ROUND_RENEWS = object()  # round_sign's default: the contract the round renews, if any


@transaction.atomic
def round_sign(
    *,
    round_id: int,
    signed_on: dt.date,
    title: str,
    starts_on: dt.date,
    ends_on: dt.date,
    covered_employees: int,
    wage_growth_pct=None,
    minimum_wage=None,
    weekly_hours=None,
    predecessor: Contract | object | None = _ROUND_RENEWS,
    user=None,
) -> Contract:
    """Step 5: both chiefs sign (R15); the contract's term is checked (R28) and its draft created.

    `predecessor` is the contract this one renews; left out, a renewal round's contract renews
    the contract the round was started from (`renews`), and an explicit None records none.

    The submission deadline (R16) starts from the signatures.
    """
    round_ = _locked(round_id)
    round_.status = _transition(round_, "sign")
    last_vote = round_.votes.filter(passed=True).order_by("-held_on").first()
    _not_before(
        signed_on,
        last_vote.held_on if last_vote else None,
        _("The contract cannot be signed before the workers' congress passed it."),
    )
    profile = current_profile()
    problem = term_problem(
        start=starts_on,
        end=ends_on,
        min_years=profile.count(Key.TERM_MIN),
        max_years=profile.count(Key.TERM_MAX),
    )
    if problem:
        raise ValidationError(problem)
    deadline = deadline_for(key=Key.SUBMIT_SIGNED, start=signed_on, profile=profile)
    round_.signed_date = signed_on
    round_.submission_due = deadline.due
    round_.submission_due_rule = deadline.explanation()[:300]
    _save(round_, user=user, reason=_("Signed by both chief representatives"))
    if predecessor is _ROUND_RENEWS:
        predecessor = round_.renews
    # Signed again after the labour administration objected (R22): the round's draft is the
    # contract signed anew, not a second contract.
    contract = Contract.objects.filter(round=round_, status=Contract.Status.DRAFT).first()
    if predecessor is not None:
        problem = renewal_problem(
            enterprise_id=round_.enterprise_id,
            starts_on=starts_on,
            predecessor=predecessor,
            contract_id=contract.pk if contract else None,
        )
        if problem:
            raise ValidationError(problem)
    reason = _("Signed again after the objection") if contract else _("Draft created at signature")
    contract = contract or Contract(enterprise=round_.enterprise, round=round_)
    for field, value in {
        "title": title,
        "scope": round_.scope,
        "kind": round_.kind,
        "status": Contract.Status.DRAFT,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "covered_employees": covered_employees,
        "wage_growth_pct": wage_growth_pct,
        "minimum_wage": minimum_wage,
        "weekly_hours": weekly_hours,
        "passed_by_congress": True,
        "signed_on": signed_on,
        "predecessor": predecessor,
        "relation": Contract.Relation.RENEWAL if predecessor else "",
    }.items():
        setattr(contract, field, value)
    if not contract.key_terms:
        # The key terms the enterprise entered in its filing package (the latest version sent).
        submitted = (
            FilingSubmission.objects.filter(round=round_)
            .exclude(state=FilingSubmission.State.DRAFT)
            .order_by("-version")
            .values_list("key_terms", flat=True)
            .first()
        )
        contract.key_terms = submitted or {}
    _save(contract, user=user, reason=reason)
    covered = list(round_.covered_enterprises.all())
    if covered:
        contract.covered_enterprises.set(covered)
    return contract


@transaction.atomic
def round_review(
    *,
    round_id: int,
    stage: str,
    approved: bool,
    reviewed_on: dt.date,
    comments: str = "",
    user=None,
) -> Review:
    """Step 6: instructor preliminary review, then federation review; a return needs comments."""
    if stage not in (Review.Stage.INSTRUCTOR, Review.Stage.FEDERATION):
        raise ValidationError(_("Unknown review stage."))
    if not approved and not comments.strip():
        raise ValidationError(_("Say what must change when returning a draft."))
    round_ = _locked(round_id)
    if stage == Review.Stage.INSTRUCTOR and not may_review_as_instructor(user=user, round_=round_):
        raise ValidationError(
            _("This round's preliminary review is for its assigned instructor%(name)s.")
            % {"name": f"（{round_.instructor.name}）" if round_.instructor else ""}
        )
    action = f"{stage}_{'approve' if approved else 'return'}"
    round_.status = _transition(round_, action)
    review = Review(
        round=round_,
        stage=stage,
        reviewed_on=reviewed_on,
        comments=comments,
        reviewer=user,
        decision=Review.Decision.APPROVED if approved else Review.Decision.RETURNED,
    )
    reason = f"{review.get_stage_display()}: {review.get_decision_display()}"
    _save(review, user=user, reason=reason)
    _save(round_, user=user, reason=reason)
    return review


def may_review_as_instructor(*, user, round_: BargainingRound) -> bool:
    """The instructor review is the assigned instructor's (issue 15): an instructor reviews only
    the rounds assigned to them; whoever may change rounds (the federation's administrators)
    may review any, and reassigns them. No user: a system or test call."""
    if user is None or user.has_perm("compliance.change_bargaininground"):
        return True
    instructor = round_.instructor
    return instructor is not None and instructor.user_id == user.pk


@transaction.atomic
def round_assign_instructor(
    *, round_id: int, instructor: Instructor | None, reason: str, user=None
) -> BargainingRound:
    """Assign (or reassign) the round's instructor, with the reason kept in its history."""
    if not reason.strip():
        raise ValidationError(_("Say why the instructor changes."))
    round_ = _locked(round_id)
    if round_.status in procedure.ENDED:
        raise ValidationError(_("This round has ended."))
    if instructor is not None and not (
        instructor.active
        and (instructor.term_ends_on is None or instructor.term_ends_on >= timezone.localdate())
    ):
        raise ValidationError(
            _("%(name)s is no longer an active instructor.") % {"name": instructor.name}
        )
    round_.instructor = instructor
    name = instructor.name if instructor else _("nobody")
    _save(
        round_,
        user=user,
        reason=_("Instructor: %(name)s (%(reason)s)") % {"name": name, "reason": reason.strip()},
    )
    return round_


@transaction.atomic
def round_submit(
    *,
    round_id: int,
    submitted_on: dt.date,
    received_on: dt.date | None = None,
    department_id: int | None = None,
    user=None,
) -> BargainingRound:
    """Step 7: submission to the labour administration (R16), to the department named (whose
    reviewers then see it in the review area). The review period runs from receipt (R20), after
    which silence makes the contract effective (R21). Until the department records its receipt
    the period counts from the submission day: a department that never acknowledges cannot hold a
    contract back, and recording the receipt later counts the period again from that day."""
    round_ = _locked(round_id)
    round_.status = _transition(round_, "submit")
    _not_before(
        submitted_on, round_.signed_date, _("A contract cannot be submitted before signing.")
    )
    if received_on is not None:
        _not_before(
            received_on, submitted_on, _("The department cannot receive it before submission.")
        )
    department = None
    if department_id is not None:
        department = Department.objects.filter(pk=department_id, active=True).first()
        if department is None:
            raise ValidationError(_("Choose an active department to submit to."))
    deadline = deadline_for(key=Key.REVIEW_PERIOD, start=received_on or submitted_on)
    round_.submitted_date, round_.received_date = submitted_on, received_on
    round_.review_due, round_.review_due_rule = deadline.due, deadline.explanation()[:300]
    reason = (
        _("Submitted for review to %(department)s") % {"department": department.name}
        if department
        else _("Submitted for review")
    )
    _save(round_, user=user, reason=reason)
    if department is not None:
        submission = DepartmentSubmission(
            round=round_, department=department, submitted_on=submitted_on, submitted_by=user
        )
        _save(submission, user=user, reason=reason)
    contract = round_.contract
    contract.status = Contract.Status.IN_REVIEW
    contract.submitted_in_time = submitted_on <= round_.submission_due
    _save(contract, user=user, reason=reason)
    return round_


@transaction.atomic
def round_record_receipt(*, round_id: int, received_on: dt.date, user=None) -> BargainingRound:
    """受理: the department records the day it received the package; the review period (R20)
    is counted again from that day. Once per submission."""
    round_ = _locked(round_id)
    _transition(round_, "record_receipt")
    if round_.received_date is not None:
        raise ValidationError(
            _("The receipt was already recorded on %(day)s.") % {"day": round_.received_date}
        )
    _not_before(
        received_on, round_.submitted_date, _("The department cannot receive it before submission.")
    )
    deadline = deadline_for(key=Key.REVIEW_PERIOD, start=received_on)
    round_.received_date = received_on
    round_.review_due, round_.review_due_rule = deadline.due, deadline.explanation()[:300]
    _save(round_, user=user, reason=_("Receipt recorded by the labour administration"))
    return round_


@transaction.atomic
def round_approve(*, round_id: int, approved_on: dt.date, comments: str = "", user=None) -> Review:
    """The department approves within the review period (R20): the contract is effective on the
    approval day, without waiting for the period's end (R21)."""
    round_ = _locked(round_id)
    round_.status = _transition(round_, "approve")
    _not_before(
        approved_on,
        round_.received_date or round_.submitted_date,
        _("The approval cannot precede the submission or its receipt."),
    )
    if approved_on > round_.review_due:
        raise ValidationError(
            _(
                "The review period ended on %(due)s: the contract became effective by silence "
                "on that day."
            )
            % {"due": round_.review_due}
        )
    reason = _("Approved by the labour administration")
    review = Review(
        round=round_,
        stage=Review.Stage.DEPARTMENT,
        decision=Review.Decision.APPROVED,
        comments=comments,
        reviewed_on=approved_on,
        reviewer=user,
    )
    _save(review, user=user, reason=reason)
    round_.effective_date = approved_on
    round_.effective_rule = _("Approved by the labour administration on %(day)s.") % {
        "day": approved_on.isoformat()
    }
    _save(round_, user=user, reason=reason)
    contract_make_effective(contract=round_.contract, effective_on=approved_on, user=user)
    return review


@transaction.atomic
def round_record_objection(
    *, round_id: int, received_on: dt.date, points: str, user=None
) -> Review:
    """R20/R22: an objection (审查意见书) sends the round back to bargaining."""
    if not points.strip():
        raise ValidationError(_("List the points of the objection."))
    round_ = _locked(round_id)
    round_.status = _transition(round_, "object")
    if received_on > round_.review_due:
        raise ValidationError(
            _("The review period ended on %(due)s; a later objection has no effect.")
            % {"due": round_.review_due}
        )
    review = Review(
        round=round_,
        stage=Review.Stage.DEPARTMENT,
        decision=Review.Decision.RETURNED,
        comments=points,
        reviewed_on=received_on,
        reviewer=user,
    )
    _save(review, user=user, reason=_("Objection by the labour administration"))
    _save(round_, user=user, reason=_("Objection by the labour administration"))
    contract = round_.contract
    contract.status = Contract.Status.DRAFT
    _save(contract, user=user, reason=_("Objection by the labour administration"))
    return review


@transaction.atomic
def round_mark_effective(*, round_id: int, today: dt.date, user=None) -> BargainingRound | None:
    """R21: no objection within the review period → the contract is effective on its last day.

    Run by the daily task; idempotent (a round not yet due or already effective is left alone).
    """
    round_ = _locked(round_id)
    if round_.status != BargainingRound.Status.SUBMITTED or today <= round_.review_due:
        return None
    round_.status = _transition(round_, "mark_effective")
    round_.effective_date = round_.review_due
    round_.effective_rule = _(
        "No objection within the review period: effective on its last day. %(rule)s"
    ) % {"rule": round_.review_due_rule}
    round_.effective_rule = round_.effective_rule[:300]
    _save(round_, user=user, reason=_("Effective by silence"))
    contract_make_effective(contract=round_.contract, effective_on=round_.review_due, user=user)
    return round_


# R6 and R7: the representatives published, a vacant seat recorded and filled ------------------


@transaction.atomic
def round_publish_representatives(
    *, round_id: int, published_on: dt.date, user=None
) -> BargainingRound:
    """The day the representatives were published to the employees (R6); the round's page and
    the admin home judge it against the profile's period and the first meeting."""
    round_ = _locked(round_id)
    _transition(round_, "publish_representatives")
    if not round_.representatives.exists():
        raise ValidationError(_("Set the representatives before recording their publication."))
    _not_before(
        published_on,
        round_.representatives_chosen_on,
        _("The representatives cannot be published before they were chosen."),
    )
    round_.representatives_published_on = published_on
    _save(round_, user=user, reason=_("Representatives published"))
    return round_


@transaction.atomic
def round_record_vacancy(
    *, round_id: int, representative: Representative, left_on: dt.date, left_reason: str, user=None
) -> Representative:
    """A representative's seat falls vacant (replaced, resigned, left, unable to serve): it must
    be filled within the profile's period (R7, 《集体合同规定》 Art. 31)."""
    round_ = _locked(round_id)
    _transition(round_, "record_vacancy")
    if representative.round_id != round_.pk:
        raise ValidationError(_("This representative belongs to another round."))
    if representative.left_on is not None:
        raise ValidationError(
            _("%(name)s's seat is already vacant since %(day)s.")
            % {"name": representative.name, "day": representative.left_on}
        )
    _not_before(
        left_on,
        representative.joined_on or round_.representatives_chosen_on,
        _("A seat cannot fall vacant before its representative took it."),
    )
    representative.left_on, representative.left_reason = left_on, left_reason
    _save(
        representative,
        user=user,
        reason=_("Seat vacant: %(reason)s") % {"reason": representative.get_left_reason_display()},
    )
    return representative


@transaction.atomic
def round_fill_vacancy(
    *,
    round_id: int,
    vacancy: Representative,
    name: str,
    identity: str,
    joined_on: dt.date,
    is_outsider: bool = False,
    user=None,
) -> Representative:
    """The new representative in a vacant seat, on the same side; a chief's seat makes the
    newcomer that side's chief. The side's composition is checked again (R3, R4)."""
    round_ = _locked(round_id)
    _transition(round_, "fill_vacancy")
    if vacancy.round_id != round_.pk or vacancy.left_on is None:
        raise ValidationError(_("Choose a vacant seat of this round."))
    if Representative.objects.filter(replaces=vacancy).exists():
        raise ValidationError(_("This seat has already been filled."))
    _not_before(joined_on, vacancy.left_on, _("A seat cannot be filled before it fell vacant."))
    if round_.representatives.filter(identity=identity, left_on__isnull=True).exists():
        raise ValidationError(_("This person already represents a side in this round."))
    if vacancy.is_chief and is_outsider:
        raise ValidationError(_("The chief representative may not be an outside expert."))
    newcomer = Representative(
        round=round_,
        side=vacancy.side,
        name=name,
        identity=identity,
        is_chief=vacancy.is_chief,
        is_outsider=is_outsider,
        joined_on=joined_on,
        replaces=vacancy,
    )
    sitting = [
        RepresentativeRule(
            name=r.name, identity=r.identity, is_chief=r.is_chief, is_outsider=r.is_outsider
        )
        for r in round_.representatives.filter(left_on__isnull=True, side=vacancy.side)
    ]
    sitting.append(
        RepresentativeRule(name=name, identity=identity, is_chief=False, is_outsider=is_outsider)
    )
    profile = current_profile()
    outsiders = sum(1 for r in sitting if r.is_outsider)
    if outsiders > profile.fraction(Key.OUTSIDER_MAX) * len(sitting):
        raise ValidationError(
            _("Outside experts would exceed %(share)s of the side's representatives.")
            % {"share": profile.fraction(Key.OUTSIDER_MAX)}
        )
    _save(
        newcomer,
        user=user,
        reason=_("Fills the seat of %(name)s") % {"name": vacancy.name},
    )
    if vacancy.is_chief:
        if vacancy.side == Representative.Side.EMPLOYEE:
            round_.employee_chief = name
        else:
            round_.employer_chief = name
        _save(round_, user=user, reason=_("Chief representative replaced"))
    return newcomer


# R33: a dispute during bargaining, coordinated by the labour administration -------------------


@transaction.atomic
def round_record_dispute(
    *,
    round_id: int,
    applicant: str,
    subject: str,
    applied_on: dt.date,
    accepted_on: dt.date,
    user=None,
) -> Dispute:
    """A dispute the department accepted for coordination (《集体合同规定》 Arts 49–52)."""
    round_ = _locked(round_id)
    _transition(round_, "record_dispute")
    _not_before(
        accepted_on, applied_on, _("A dispute cannot be accepted before it was applied for.")
    )
    dispute = Dispute(
        round=round_,
        applicant=applicant,
        subject=subject,
        applied_on=applied_on,
        accepted_on=accepted_on,
    )
    _save(dispute, user=user, reason=_("Dispute accepted for coordination"))
    return dispute


@transaction.atomic
def dispute_extend(*, dispute_id: int, reason: str, user=None) -> Dispute:
    """The one extension the rule allows (R33: up to 15 days, 30 in Chongqing)."""
    dispute = Dispute.objects.select_for_update().get(pk=dispute_id)
    if dispute.concluded_on is not None:
        raise ValidationError(_("This coordination has ended."))
    if dispute.extended:
        raise ValidationError(_("The coordination period can be extended only once."))
    if not reason.strip():
        raise ValidationError(_("Say why the coordination needs more time."))
    dispute.extended, dispute.extension_reason = True, reason.strip()
    _save(dispute, user=user, reason=_("Coordination extended: %(reason)s") % {"reason": reason})
    return dispute


@transaction.atomic
def dispute_conclude(
    *,
    dispute_id: int,
    concluded_on: dt.date,
    outcome: str,
    agreement_signed: bool = False,
    notes: str = "",
    user=None,
) -> Dispute:
    """The coordination's end: a settlement needs the 《协调处理协议书》 signed by the
    coordinators and both chief representatives (R34)."""
    dispute = Dispute.objects.select_for_update().get(pk=dispute_id)
    if dispute.concluded_on is not None:
        raise ValidationError(_("This coordination has already ended."))
    _not_before(
        concluded_on, dispute.accepted_on, _("A coordination cannot end before it was accepted.")
    )
    if outcome == Dispute.Outcome.AGREED and not agreement_signed:
        raise ValidationError(
            _(
                "A settled dispute ends with the coordination agreement signed by the "
                "coordinators and both chief representatives; tick it once it is signed."
            )
        )
    dispute.concluded_on, dispute.outcome = concluded_on, outcome
    dispute.agreement_signed, dispute.notes = agreement_signed, notes
    _save(dispute, user=user, reason=_("Coordination concluded"))
    return dispute
