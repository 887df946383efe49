"""The bargaining procedure as a transition table (DOMAIN.md §4; R1, R13–R16, R20–R22).

Each action names the statuses it may start from and the status it leads to. Services consult
this table and nothing else; a status field changes only in compliance.services.bargaining.
"""

from __future__ import annotations

from dataclasses import dataclass

OFFERED = "offered"
REFUSED = "refused"
NO_REPLY = "no_reply"
NEGOTIATING = "negotiating"
VOTED = "voted"
SIGNED = "signed"
PRELIMINARY_REVIEWED = "preliminary_reviewed"
FEDERATION_APPROVED = "federation_approved"
SUBMITTED = "submitted"
EFFECTIVE = "effective"

# A round no longer under way: ended by the other side, or finished with its contract in force.
ENDED = frozenset({REFUSED, NO_REPLY, EFFECTIVE})

# A round still under way: every status but the ended ones.
UNDER_WAY = frozenset(
    {OFFERED, NEGOTIATING, VOTED, SIGNED, PRELIMINARY_REVIEWED, FEDERATION_APPROVED, SUBMITTED}
)

# The deadline that runs while a round is at each status (R1 reply, R16 submission, R20 review):
# the round's field that holds it.
DEADLINE_FIELD = {
    OFFERED: "reply_due",
    SIGNED: "submission_due",
    PRELIMINARY_REVIEWED: "submission_due",
    FEDERATION_APPROVED: "submission_due",
    SUBMITTED: "review_due",
}


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str | None  # None: the action records something without changing the status


TRANSITIONS: dict[str, Transition] = {
    # R1: the other side answers the written offer; a late acceptance still opens bargaining.
    "accept": Transition(frozenset({OFFERED, NO_REPLY}), NEGOTIATING),
    "refuse": Transition(frozenset({OFFERED}), REFUSED),
    "mark_no_reply": Transition(frozenset({OFFERED}), NO_REPLY),
    # R3–R9: representatives and meetings, before and during negotiation.
    "set_representatives": Transition(frozenset({OFFERED, NEGOTIATING}), None),
    "record_meeting": Transition(frozenset({NEGOTIATING}), None),
    # R6 publication and R7 a vacant seat refilled: while the round is under way.
    "publish_representatives": Transition(UNDER_WAY, None),
    "record_vacancy": Transition(UNDER_WAY, None),
    "fill_vacancy": Transition(UNDER_WAY, None),
    # R33: a dispute during bargaining goes to the labour administration for coordination.
    "record_dispute": Transition(frozenset({NEGOTIATING, VOTED}), None),
    # R13–R14: a failed vote is recorded and bargaining goes on.
    "vote_passed": Transition(frozenset({NEGOTIATING}), VOTED),
    "vote_failed": Transition(frozenset({NEGOTIATING}), None),
    # R15: both chief representatives sign.
    "sign": Transition(frozenset({VOTED}), SIGNED),
    # The federation's own quality gates before filing (seed 003).
    "instructor_approve": Transition(frozenset({SIGNED}), PRELIMINARY_REVIEWED),
    "instructor_return": Transition(frozenset({SIGNED}), NEGOTIATING),
    "federation_approve": Transition(frozenset({PRELIMINARY_REVIEWED}), FEDERATION_APPROVED),
    "federation_return": Transition(frozenset({PRELIMINARY_REVIEWED}), NEGOTIATING),
    # R16, R20–R22: submission, objection back to bargaining, or effect by silence.
    "submit": Transition(frozenset({FEDERATION_APPROVED}), SUBMITTED),
    "object": Transition(frozenset({SUBMITTED}), NEGOTIATING),
    "mark_effective": Transition(frozenset({SUBMITTED}), EFFECTIVE),
    # The department's review online (issue 17 item 6): receipt (受理), a request for missing
    # materials (R18) and an approval within the review period, before silence would (R21).
    "record_receipt": Transition(frozenset({SUBMITTED}), None),
    "request_materials": Transition(frozenset({SUBMITTED}), None),
    "approve": Transition(frozenset({SUBMITTED}), EFFECTIVE),
}


def target_of(*, action: str, status: str) -> str | None:
    """The status `action` leads to from `status`; raise ValueError when it is not allowed."""
    transition = TRANSITIONS[action]
    if status not in transition.sources:
        raise ValueError(action, status)
    return transition.target if transition.target is not None else status
