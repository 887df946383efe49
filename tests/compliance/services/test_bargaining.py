"""The bargaining procedure: every allowed and forbidden transition, and the history it leaves."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError

from compliance.models import BargainingRound, Contract, RuleParameter
from compliance.services import bargaining
from compliance.services.bargaining import TransitionError
from tests.factories import compliance as f
from tests.factories.records import TODAY, expired_contract

pytestmark = pytest.mark.usefixtures("in_a")

ALL_STATUSES = [s.value for s in BargainingRound.Status]


def _last_history(round_):
    return round_.history.order_by("-history_date", "-history_id").first()


def test_offer_computes_the_reply_deadline_with_its_rule():
    r = f.offered_round()
    assert r.status == "offered"
    assert r.reply_due == dt.date(2026, 3, 23)  # 20 days from Mon 2 March → Sun 22 → Mon 23
    assert "《集体合同规定》第三十二条" in r.reply_due_rule and "R1" not in r.reply_due_rule
    assert _last_history(r).history_type == "+"


def test_offer_received_later_counts_from_receipt():
    r = f.offered_round(received_date=dt.date(2026, 3, 4))
    assert r.reply_due == dt.date(2026, 3, 24)


def test_accept_moves_to_negotiating_with_history():
    r = f.offered_round()
    bargaining.round_reply(round_id=r.pk, accepted=True, reply_date=dt.date(2026, 3, 5))
    r.refresh_from_db()
    assert r.status == "negotiating"
    assert _last_history(r).history_change_reason
    assert _last_history(r).status == "negotiating"


def test_refuse_moves_to_refused():
    r = f.offered_round()
    bargaining.round_reply(round_id=r.pk, accepted=False, reply_date=dt.date(2026, 3, 5))
    r.refresh_from_db()
    assert r.status == "refused"
    assert _last_history(r).status == "refused"


def test_reply_before_the_offer_is_refused(english):
    r = f.offered_round()
    with pytest.raises(ValidationError, match="cannot precede"):
        bargaining.round_reply(round_id=r.pk, accepted=True, reply_date=dt.date(2026, 3, 1))


@pytest.mark.parametrize(
    ("today", "marked"), [(dt.date(2026, 3, 23), False), (dt.date(2026, 3, 24), True)]
)
def test_no_reply_is_marked_only_after_the_deadline_day(today, marked):
    r = f.offered_round()
    result = bargaining.round_mark_no_reply(round_id=r.pk, today=today)
    r.refresh_from_db()
    assert (result is not None) is marked
    assert r.status == ("no_reply" if marked else "offered")


def test_no_reply_is_marked_once():
    r = f.offered_round()
    assert bargaining.round_mark_no_reply(round_id=r.pk, today=dt.date(2026, 4, 1))
    assert bargaining.round_mark_no_reply(round_id=r.pk, today=dt.date(2026, 4, 2)) is None
    assert r.history.filter(status="no_reply").count() == 1


def test_late_acceptance_after_no_reply_opens_bargaining():
    r = f.offered_round()
    bargaining.round_mark_no_reply(round_id=r.pk, today=dt.date(2026, 4, 1))
    bargaining.round_reply(round_id=r.pk, accepted=True, reply_date=dt.date(2026, 4, 2))
    r.refresh_from_db()
    assert r.status == "negotiating"


def test_representatives_are_checked_against_the_profile(english):
    r = f.round_at("negotiating")
    two_a_side = [rep for rep in f.REPRESENTATIVES if rep["identity"] not in {"E3", "M3"}]
    with pytest.raises(ValidationError) as raised:
        bargaining.round_set_representatives(round_id=r.pk, representatives=two_a_side)
    assert "3" in " ".join(raised.value.messages)


def test_vote_needs_signed_minutes(english):
    r = f.offered_round()
    bargaining.round_reply(round_id=r.pk, accepted=True, reply_date=dt.date(2026, 3, 5))
    bargaining.round_set_representatives(round_id=r.pk, representatives=f.REPRESENTATIVES)
    bargaining.round_record_meeting(round_id=r.pk, held_on=dt.date(2026, 3, 6))
    with pytest.raises(ValidationError, match="minutes"):
        bargaining.round_record_vote(
            round_id=r.pk, held_on=dt.date(2026, 3, 9), total=30, present=25, in_favour=20
        )


def test_failed_vote_is_recorded_and_bargaining_goes_on(english):
    r = f.round_at("negotiating")
    vote = bargaining.round_record_vote(
        round_id=r.pk, held_on=dt.date(2026, 4, 8), total=30, present=19, in_favour=19
    )
    r.refresh_from_db()
    assert not vote.passed and r.status == "negotiating"
    assert "19 of 30" in vote.explanation and "20" in vote.explanation  # names the quorum
    assert r.votes.count() == 1


@pytest.mark.parametrize(("strict", "passed"), [("0", True), ("1", False)])
def test_exact_half_is_decided_by_the_profile(strict, passed):
    RuleParameter.objects.filter(key="approval_strict").update(value=strict)
    r = f.round_at("negotiating")
    vote = bargaining.round_record_vote(
        round_id=r.pk, held_on=dt.date(2026, 4, 8), total=30, present=20, in_favour=15
    )
    assert vote.passed is passed
    assert vote.exact_boundary


def test_signing_checks_the_term(english):
    r = f.round_at("voted")
    with pytest.raises(ValidationError):
        bargaining.round_sign(
            round_id=r.pk,
            signed_on=dt.date(2026, 4, 10),
            title="t",
            starts_on=dt.date(2026, 5, 1),
            ends_on=dt.date(2030, 4, 30),
            covered_employees=1,
        )
    r.refresh_from_db()
    assert r.status == "voted"  # nothing half-done
    assert not Contract.objects.filter(round=r).exists()


def test_signing_creates_the_draft_and_the_submission_deadline():
    r = f.round_at("signed")
    assert r.contract.status == "draft"
    assert r.submission_due == dt.date(2026, 4, 20)
    assert "《集体合同规定》第四十二条" in r.submission_due_rule
    assert "R16" not in r.submission_due_rule


def test_return_needs_comments(english):
    r = f.round_at("signed")
    with pytest.raises(ValidationError, match="what must change"):
        bargaining.round_review(
            round_id=r.pk, stage="instructor", approved=False, reviewed_on=dt.date(2026, 4, 13)
        )


@pytest.mark.parametrize(
    ("stage", "at"), [("instructor", "signed"), ("federation", "preliminary_reviewed")]
)
def test_return_from_review_goes_back_to_negotiating(stage, at):
    r = f.round_at(at)
    bargaining.round_review(
        round_id=r.pk,
        stage=stage,
        approved=False,
        comments="第五条工资增幅需明确",
        reviewed_on=dt.date(2026, 4, 13),
    )
    r.refresh_from_db()
    assert r.status == "negotiating"
    assert r.reviews.get(stage=stage).comments == "第五条工资增幅需明确"


def test_submission_records_timeliness_and_the_review_period():
    r = f.round_at("submitted")
    assert r.review_due == dt.date(2026, 4, 30)
    assert r.contract.status == "in_review"
    assert r.contract.submitted_in_time is True


def test_objection_sends_the_round_back_to_bargaining():
    r = f.round_at("submitted")
    bargaining.round_record_objection(
        round_id=r.pk, received_on=dt.date(2026, 4, 28), points="试用期条款违法"
    )
    r.refresh_from_db()
    assert r.status == "negotiating"
    assert r.contract.status == "draft"


def test_after_an_objection_the_round_is_voted_and_signed_again_on_the_same_draft():
    # Regression: signing again raised "集体合同 with this round already exists".
    r = f.round_at("submitted")
    draft = r.contract
    bargaining.round_record_objection(
        round_id=r.pk, received_on=dt.date(2026, 4, 28), points="试用期条款违法"
    )
    bargaining.round_record_vote(
        round_id=r.pk, held_on=dt.date(2026, 5, 6), total=30, present=25, in_favour=24
    )
    signed = bargaining.round_sign(
        round_id=r.pk,
        signed_on=dt.date(2026, 5, 8),
        title="修改后的集体合同",
        starts_on=dt.date(2026, 6, 1),
        ends_on=dt.date(2029, 5, 31),
        covered_employees=150,
    )
    assert signed.pk == draft.pk and signed.title == "修改后的集体合同"
    assert signed.signed_on == dt.date(2026, 5, 8) and signed.status == "draft"
    r.refresh_from_db()
    assert r.status == "signed" and r.submission_due > dt.date(2026, 5, 8)
    assert Contract.objects.filter(round=r).count() == 1
    assert "重新签字" in signed.history.first().history_change_reason or (
        "Signed again" in signed.history.first().history_change_reason
    )


def test_objection_after_the_review_period_has_no_effect(english):
    r = f.round_at("submitted")
    with pytest.raises(ValidationError, match="review period ended"):
        bargaining.round_record_objection(
            round_id=r.pk, received_on=dt.date(2026, 5, 1), points="x"
        )


@pytest.mark.parametrize(
    ("today", "effective"), [(dt.date(2026, 4, 30), False), (dt.date(2026, 5, 1), True)]
)
def test_silence_makes_the_contract_effective_after_the_review_period(today, effective):
    r = f.round_at("submitted")
    bargaining.round_mark_effective(round_id=r.pk, today=today)
    r.refresh_from_db()
    assert (r.status == "effective") is effective
    if effective:
        assert r.effective_date == dt.date(2026, 4, 30)
        assert "《集体合同规定》第四十五条" in r.effective_rule and "R21" not in r.effective_rule
        assert r.contract.status == "effective"
        assert r.contract.renewal_window_opens == dt.date(2029, 1, 30)


# The procedure as the statute and seed 003 describe it, written out here rather than read from
# compliance.rules.procedure, so that a wrong entry in the code's table fails this test.
EXPECTED = {
    ("accept", "offered"): "negotiating",
    ("accept", "no_reply"): "negotiating",  # R1: a late acceptance still opens bargaining
    ("refuse", "offered"): "refused",
    ("mark_no_reply", "offered"): "no_reply",
    ("set_representatives", "offered"): "offered",
    ("set_representatives", "negotiating"): "negotiating",
    ("record_meeting", "negotiating"): "negotiating",
    ("vote_passed", "negotiating"): "voted",
    ("vote_failed", "negotiating"): "negotiating",  # R13–R14: bargaining goes on
    ("sign", "voted"): "signed",
    ("instructor_approve", "signed"): "preliminary_reviewed",
    ("instructor_return", "signed"): "negotiating",
    ("federation_approve", "preliminary_reviewed"): "federation_approved",
    ("federation_return", "preliminary_reviewed"): "negotiating",
    ("submit", "federation_approved"): "submitted",
    ("object", "submitted"): "negotiating",
    ("mark_effective", "submitted"): "effective",
    # The department's review online (issue 17 item 6): receipt and a request for missing
    # materials leave the status; an approval makes the contract effective (R20).
    ("record_receipt", "submitted"): "submitted",
    ("request_materials", "submitted"): "submitted",
    ("approve", "submitted"): "effective",
    # R33: a dispute during bargaining goes to coordination; the status stays.
    ("record_dispute", "negotiating"): "negotiating",
    ("record_dispute", "voted"): "voted",
}
# R6 publication and R7 vacant seats: recorded at any status while the round is under way.
for _status in (
    "offered",
    "negotiating",
    "voted",
    "signed",
    "preliminary_reviewed",
    "federation_approved",
    "submitted",
):
    for _action in ("publish_representatives", "record_vacancy", "fill_vacancy"):
        EXPECTED[(_action, _status)] = _status


def test_every_action_of_the_service_is_in_the_expected_procedure():
    assert set(bargaining.ACTION_LABELS) == {action for action, _status in EXPECTED}


@pytest.mark.parametrize("status", ALL_STATUSES)
def test_each_action_leads_where_the_procedure_says_or_is_refused(status, english):
    r = BargainingRound(status=status)  # the procedure alone decides; no database needed
    for action in bargaining.ACTION_LABELS:
        expected = EXPECTED.get((action, status))
        if expected is not None:
            assert bargaining._transition(r, action) == expected, (action, status)
            continue
        with pytest.raises(TransitionError) as raised:
            bargaining._transition(r, action)
        assert "Cannot" in raised.value.messages[0]
        assert r.get_status_display() in raised.value.messages[0]


def test_a_step_through_the_service_leaves_the_state_and_its_history_row():
    r = f.offered_round()
    before = r.history.count()
    bargaining.round_reply(round_id=r.pk, accepted=True, reply_date=dt.date(2026, 3, 5))
    r.refresh_from_db()
    assert r.status == "negotiating"
    assert r.history.count() == before + 1
    assert _last_history(r).status == "negotiating"


def test_only_the_bargaining_service_assigns_the_round_status():
    """STYLE.md: a status field changes in one place only."""
    from pathlib import Path

    from django.conf import settings

    assignment = re.compile(r"\bround_?\.status\s*=(?!=)")  # not a comparison (==)
    offenders = []
    for path in Path(settings.BASE_DIR, "compliance").rglob("*.py"):
        if path.name == "bargaining.py" and path.parent.name == "services":
            continue
        if assignment.search(path.read_text()):
            offenders.append(str(path))
    assert offenders == []
    assert assignment.search("round_.status = 'x'") and not assignment.search("round_.status == x")


@pytest.mark.parametrize(("approvals", "ok"), [(None, False), (29, False), (30, True)])
def test_without_a_union_employee_representatives_need_half_the_employees(english, approvals, ok):
    r = f.offered_round(f.enterprise(employees=60, union_established=False, union_members=0))
    bargaining.round_reply(round_id=r.pk, accepted=True, reply_date=dt.date(2026, 3, 5))
    call = lambda: bargaining.round_set_representatives(  # noqa: E731
        round_id=r.pk, representatives=f.REPRESENTATIVES, employee_approvals=approvals
    )
    if ok:
        assert len(call()) == 6
    else:
        with pytest.raises(ValidationError, match="half of its"):
            call()


# --- Renewal rounds (R29) -------------------------------------------------------------------------


def _ready_to_sign(round_, *, replied_on=dt.date(2026, 3, 5)):
    """Take an offered round through the reply, the representatives, a meeting whose minutes all
    signed (five days later) and a passed vote (eleven days later): ready to sign."""
    bargaining.round_reply(round_id=round_.pk, accepted=True, reply_date=replied_on)
    bargaining.round_set_representatives(round_id=round_.pk, representatives=f.REPRESENTATIVES)
    bargaining.round_record_meeting(
        round_id=round_.pk, held_on=replied_on + dt.timedelta(days=5), minutes_signed_by_all=True
    )
    bargaining.round_record_vote(
        round_id=round_.pk,
        held_on=replied_on + dt.timedelta(days=11),
        total=30,
        present=25,
        in_favour=22,
    )
    return round_


def _sign(round_, **kwargs):
    return bargaining.round_sign(
        round_id=round_.pk,
        **{
            "signed_on": dt.date(2026, 3, 25),
            "title": "2026年度集体合同",
            "starts_on": dt.date(2026, 4, 1),
            "ends_on": dt.date(2029, 3, 31),
            "covered_employees": 150,
            **kwargs,
        },
    )


# A renewal round replied to on TODAY signs the contract that follows the expired one.
RENEWAL_TERM = {
    "signed_on": dt.date(2026, 12, 2),
    "title": "2027年度集体合同",
    "starts_on": dt.date(2027, 1, 1),
    "ends_on": dt.date(2029, 12, 31),
}


def test_a_renewal_round_is_offered_to_the_enterprise_and_its_contract_renews_the_old_one():
    old = expired_contract()
    round_, created = bargaining.round_offer_renewal(contract_id=old.pk, offer_date=TODAY)
    assert created and round_.renews == old and round_.enterprise == old.enterprise
    assert (round_.offered_by, round_.kind, round_.scope) == ("union", old.kind, old.scope)
    assert round_.offer_date == TODAY and round_.reply_due > TODAY
    new = _sign(_ready_to_sign(round_, replied_on=TODAY), **RENEWAL_TERM)
    assert (new.predecessor, new.relation) == (old, Contract.Relation.RENEWAL)
    with pytest.raises(ValidationError, match=r"该合同已续签|already been renewed"):
        bargaining.round_offer_renewal(contract_id=old.pk, offer_date=TODAY)


def test_a_round_not_started_as_a_renewal_may_name_the_contract_it_renews(english):
    # Issue 15: the sign step records the predecessor, so the renewal rate can see it.
    ent = f.enterprise()
    old = expired_contract(ent)
    other = expired_contract(f.enterprise(), title="他企业合同")
    round_ = _ready_to_sign(f.offered_round(ent))
    with pytest.raises(ValidationError, match="another enterprise"):
        _sign(round_, predecessor=other)
    new = _sign(round_, predecessor=old)
    assert (new.predecessor, new.relation) == (old, "renewal")
    second = _ready_to_sign(f.offered_round(ent))
    with pytest.raises(ValidationError, match="already renewed"):
        _sign(second, predecessor=old)


def test_an_explicit_none_records_no_renewal_even_for_a_renewal_round():
    old = expired_contract()
    round_, _created = bargaining.round_offer_renewal(contract_id=old.pk, offer_date=TODAY)
    new = _sign(_ready_to_sign(round_, replied_on=TODAY), **RENEWAL_TERM, predecessor=None)
    assert new.predecessor is None and new.relation == ""


def test_a_renewal_round_under_way_is_returned_not_started_twice():
    old = expired_contract()
    first, _created = bargaining.round_offer_renewal(contract_id=old.pk, offer_date=TODAY)
    again, created = bargaining.round_offer_renewal(contract_id=old.pk, offer_date=TODAY)
    assert (again, created) == (first, False)
    bargaining.round_reply(round_id=first.pk, accepted=False, reply_date=TODAY)  # refused
    third, created = bargaining.round_offer_renewal(contract_id=old.pk, offer_date=TODAY)
    assert created and third != first  # a refused offer ends that round: a new offer may follow


def test_a_renewal_round_waits_for_the_renewal_window(english):
    contract = f.round_at("effective").contract  # in force until 2029-04-30
    with pytest.raises(ValidationError, match="renewal window"):
        bargaining.round_offer_renewal(contract_id=contract.pk, offer_date=TODAY)
    opens = contract.renewal_window_opens
    round_, created = bargaining.round_offer_renewal(contract_id=contract.pk, offer_date=opens)
    assert created and round_.renews == contract
