"""Award eligibility: every nominee judged from the ledger in constant queries, stored as a
dated snapshot; unmatched nominees reported; missing data never vetoes silently."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.models import Award, AwardCriterion, CongressVote, ViolationRecord
from compliance.services.awards import Nominee, eligibility_check
from compliance.services.contracts import contract_register_existing
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")
AS_OF = dt.date(2026, 11, 21)


def _award(*codes, complete=()):
    award = Award.objects.create(name="五一劳动奖状", year=2027)
    for code in codes:
        AwardCriterion.objects.create(award=award, code=code, records_complete=code in complete)
    return award


def _with_contract(**kwargs):
    ent = f.enterprise(**kwargs)
    contract_register_existing(
        data={
            "enterprise": ent,
            "title": "集体合同",
            "starts_on": dt.date(2025, 1, 1),
            "ends_on": dt.date(2027, 12, 31),
            "passed_by_congress": True,
            "filed_with_department": True,
            "filing_number": f"甲工集备〔2025〕{ent.pk}号",
            "as_of": AS_OF,
        }
    )
    return ent


def _outcomes(run):
    return {r.credit_code: r for r in run.results.all()}


def test_outcomes_with_reasons_records_and_lapse_dates():
    award = _award(
        "no_union",
        "no_effective_contract",
        "wage_arrears",
        "safety_accident",
        complete=("wage_arrears", "safety_accident"),
    )
    good = _with_contract()
    arrears = _with_contract()
    record = ViolationRecord.objects.create(
        enterprise=arrears,
        kind="wage_arrears",
        occurred_on=dt.date(2026, 3, 1),
        description="拖欠3个月工资",
    )
    no_contract = f.enterprise()
    run = eligibility_check(
        award_id=award.pk,
        as_of=AS_OF,
        nominees=[
            Nominee(good.credit_code, row=2),
            Nominee(arrears.credit_code, row=3),
            Nominee(no_contract.credit_code, row=4),
            Nominee("91230803MA00000000", "不存在公司", 5),
        ],
    )
    results = _outcomes(run)
    assert results[good.credit_code].outcome == "eligible"
    vetoed = results[arrears.credit_code]
    assert vetoed.outcome == "vetoed" and vetoed.lapses_on == dt.date(2027, 1, 1)
    wage = next(c for c in vetoed.criteria if c["code"] == "wage_arrears")
    assert wage["records"] == [record.pk] and wage["verdict"] == "vetoed"
    assert results[no_contract.credit_code].outcome == "vetoed"
    assert results[no_contract.credit_code].lapses_on is None  # lapses only when remedied
    assert results["91230803MA00000000"].outcome == "unmatched"
    assert [r.row for r in run.results.all()] == [2, 3, 4, 5]


def test_missing_data_needs_review_not_a_veto():
    award = _award("safety_accident")  # records not declared complete
    ent = _with_contract()
    result = eligibility_check(
        award_id=award.pk, as_of=AS_OF, nominees=[Nominee(ent.credit_code)]
    ).results.get()
    assert result.outcome == "needs_review"


def test_the_snapshot_does_not_change_with_the_data():
    award = _award("wage_arrears", complete=("wage_arrears",))
    ent = _with_contract()
    run = eligibility_check(award_id=award.pk, as_of=AS_OF, nominees=[Nominee(ent.credit_code)])
    ViolationRecord.objects.create(
        enterprise=ent, kind="wage_arrears", occurred_on=dt.date(2026, 6, 1)
    )
    assert run.results.get().outcome == "eligible"
    later = eligibility_check(award_id=award.pk, as_of=AS_OF, nominees=[Nominee(ent.credit_code)])
    assert later.results.get().outcome == "vetoed"


def test_open_case_at_opinion_level_vetoes():
    from compliance.services import supervision as sv

    award = _award("open_case_letter")
    ent = _with_contract()
    case = sv.case_open(title="拒绝协商", source="complaint", opened_on=AS_OF, enterprise=ent)
    assert (
        eligibility_check(award_id=award.pk, as_of=AS_OF, nominees=[Nominee(ent.credit_code)])
        .results.get()
        .outcome
        == "eligible"
    )
    sv.letter_issue(
        case_id=case.pk,
        kind="opinion",
        issued_on=AS_OF,
        facts="x",
        legal_basis="y",
        actions=["整改"],
        signer="王",
        signer_title="主席",
    )
    assert (
        eligibility_check(award_id=award.pk, as_of=AS_OF, nominees=[Nominee(ent.credit_code)])
        .results.get()
        .outcome
        == "vetoed"
    )


def test_queries_do_not_depend_on_the_number_of_nominees():
    award = _award(
        "no_union",
        "no_workers_congress",
        "no_effective_contract",
        "contract_not_filed",
        "no_performance_report",
        "open_case_letter",
        "wage_arrears",
        "mass_incident",
    )

    def nominee():
        ent = _with_contract(workers_congress=None)
        _vote(ent, dt.date(2026, 5, 1))
        return Nominee(ent.credit_code)

    def queries(n):
        nominees = [nominee() for _ in range(n)]
        with CaptureQueriesContext(connection) as ctx:
            eligibility_check(award_id=award.pk, as_of=AS_OF, nominees=nominees)
        return len(ctx.captured_queries)

    queries(1)  # warm up: the first queries after another test may re-set the search path
    assert queries(2) == queries(12)


# No workers' congress (R39): the ledger's flag, or a congress vote in the enterprise's rounds ---


def _vote(ent, held_on, *, scope="single"):
    """A workers' congress vote on `held_on` in a round of `ent` (data only: the veto reads it)."""
    round_ = f.offered_round(ent, scope=scope)
    return CongressVote.objects.create(
        round=round_, held_on=held_on, total=45, present=41, in_favour=38, passed=True
    )


def _congress(ent):
    award = _award("no_workers_congress")
    result = eligibility_check(
        award_id=award.pk, as_of=AS_OF, nominees=[Nominee(ent.credit_code)]
    ).results.get()
    return result.outcome, result.criteria[0]


def test_the_ledger_says_no_congress_vetoes_and_yes_is_eligible():
    outcome, criterion = _congress(f.enterprise(workers_congress=False))
    assert outcome == "vetoed" and criterion["records"] == []
    yes = f.enterprise(workers_congress=True, workers_congress_last_held=dt.date(2026, 4, 20))
    outcome, criterion = _congress(yes)
    assert outcome == "eligible" and "2026-04-20" in criterion["reason"]
    assert "五一劳动奖" in criterion["basis"]


def test_an_unknown_congress_is_shown_by_a_vote_in_the_last_twelve_months():
    ent = f.enterprise(workers_congress=None)
    assert _congress(ent)[0] == "needs_review"
    _vote(ent, dt.date(2025, 11, 20))  # a day before the twelve months to AS_OF
    assert _congress(ent)[0] == "needs_review"
    inside = _vote(ent, dt.date(2025, 11, 21))
    outcome, criterion = _congress(ent)
    assert outcome == "eligible"
    assert criterion["records"] == [inside.round_id]
    assert "2025-11-21" in criterion["reason"]


def test_a_regional_rounds_vote_is_not_the_enterprises_congress():
    ent = f.enterprise(workers_congress=None)
    _vote(ent, dt.date(2026, 5, 1), scope="regional")
    assert _congress(ent)[0] == "needs_review"


def test_a_vote_against_the_ledgers_no_needs_review():
    ent = f.enterprise(workers_congress=False)
    vote = _vote(ent, dt.date(2026, 5, 1))
    outcome, criterion = _congress(ent)
    assert outcome == "needs_review" and criterion["records"] == [vote.round_id]
