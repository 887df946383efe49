"""The one-vote veto (一票否决) for awards: every criterion on both sides of its boundary."""

import datetime as dt

import pytest
from django.utils import translation

from compliance.rules.veto import (
    CATALOGUE,
    CaseFacts,
    ContractFacts,
    CriterionSpec,
    Facts,
    Lookback,
    Record,
    Verdict,
    evaluate,
    in_window,
)

AS_OF = dt.date(2026, 6, 15)
VIOLATION_KINDS = (
    "wage_arrears",
    "unpaid_social_insurance",
    "safety_accident",
    "occupational_hazard",
    "mass_incident",
    "wage_bargaining_breach",
)
GOOD_CONTRACT = ContractFacts(
    id=7,
    title="2025—2027年度集体合同",
    passed_by_congress=True,
    filed_with_department=True,
    filed_with_federation=True,
)


def facts(**kwargs):
    values = {
        "union_established": True,
        "workers_congress": True,
        "contract": GOOD_CONTRACT,
        "last_year_report": True,
        "open_cases": (),
        "violations": (),
        "complete_kinds": frozenset(VIOLATION_KINDS),
    }
    values.update(kwargs)
    return Facts(**values)


def run(the_facts, *specs, as_of=AS_OF):
    specs = [CriterionSpec(spec) if isinstance(spec, str) else spec for spec in specs]
    with translation.override("en"):
        return evaluate(facts=the_facts, criteria=specs, as_of=as_of)


def one(the_facts, spec, as_of=AS_OF):
    overall, results = run(the_facts, spec, as_of=as_of)
    assert len(results) == 1
    assert overall == results[0].verdict
    return results[0]


def record(kind, on, id=1, description=""):
    return Record(kind=kind, id=id, occurred_on=on, description=description)


# The catalogue ---------------------------------------------------------------------------------


def test_catalogue_has_the_required_criteria_with_their_defaults():
    this_year = {"wage_arrears", "unpaid_social_insurance"}
    three_years = {"safety_accident", "occupational_hazard", "mass_incident"}
    ledger = {
        "no_union",
        "no_workers_congress",
        "no_effective_contract",
        "contract_not_filed",
        "no_performance_report",
        "open_case_letter",
    }
    assert this_year | three_years | ledger <= set(CATALOGUE)
    for code in this_year:
        assert CATALOGUE[code].default_lookback is Lookback.THIS_YEAR
    for code in three_years:
        assert CATALOGUE[code].default_lookback is Lookback.THREE_YEARS
    for code in this_year | three_years:
        assert CATALOGUE[code].violation_kind == code
    for code in ledger:
        assert CATALOGUE[code].violation_kind is None
    assert all(criterion.basis for criterion in CATALOGUE.values())


def test_result_names_the_criterion_label_and_basis():
    result = one(facts(), "no_union")
    assert result.code == "no_union"
    assert result.label == "no trade union"
    assert "五一劳动奖" in result.basis


# No workers' congress (R39) ---------------------------------------------------------------------

CONGRESS = "no_workers_congress"


def vote(on, round_id=31):
    return Record(kind="congress_vote", id=round_id, occurred_on=on)


def unknown(*votes):
    """The ledger does not know whether there is a congress; these votes are recorded."""
    return facts(workers_congress=None, congress_votes=votes)


def test_workers_congress_label_and_basis_name_r39():
    result = one(facts(workers_congress=True), CONGRESS)
    assert result.label == "no workers' congress"
    assert "五一劳动奖" in result.basis and "职代会" in result.basis


def test_the_ledger_saying_no_congress_vetoes_until_one_is_recorded():
    result = one(facts(workers_congress=False), CONGRESS)
    assert result.verdict is Verdict.VETOED
    assert result.record_ids == () and result.lapses_on is None
    assert "no workers' congress" in result.reason and "lapses when" in result.reason


def test_the_ledger_saying_a_congress_exists_is_eligible_and_names_its_last_session():
    result = one(facts(workers_congress=True, congress_last_held=dt.date(2026, 3, 15)), CONGRESS)
    assert result.verdict is Verdict.ELIGIBLE
    assert "records a workers' congress" in result.reason and "2026-03-15" in result.reason
    bare = one(facts(workers_congress=True), CONGRESS)
    assert bare.verdict is Verdict.ELIGIBLE and "last held" not in bare.reason


def test_unknown_congress_without_a_vote_needs_review_never_a_veto():
    result = one(facts(workers_congress=None), CONGRESS)
    assert result.verdict is Verdict.NEEDS_REVIEW
    assert result.record_ids == ()
    assert "not recorded" in result.reason and "2025-06-15" in result.reason


def test_unknown_congress_with_a_vote_on_the_first_day_of_the_window_is_eligible():
    """The window is the twelve months to the as-of date: its first day is the corresponding
    day a year back."""
    result = one(unknown(vote(dt.date(2025, 6, 15), round_id=31)), CONGRESS)
    assert result.verdict is Verdict.ELIGIBLE
    assert result.record_ids == (31,)
    assert "2025-06-15 in bargaining round #31" in result.reason


def test_a_vote_a_day_before_the_window_does_not_count():
    result = one(unknown(vote(dt.date(2025, 6, 14))), CONGRESS)
    assert result.verdict is Verdict.NEEDS_REVIEW
    assert result.record_ids == ()


def test_a_vote_on_the_as_of_day_counts_but_not_one_the_day_after():
    assert one(unknown(vote(AS_OF)), CONGRESS).verdict is Verdict.ELIGIBLE
    later = one(unknown(vote(AS_OF + dt.timedelta(days=1))), CONGRESS)
    assert later.verdict is Verdict.NEEDS_REVIEW


def test_the_congress_window_from_29_february_ends_on_28_february():
    as_of = dt.date(2028, 2, 29)
    inside = one(unknown(vote(dt.date(2027, 2, 28))), CONGRESS, as_of=as_of)
    assert inside.verdict is Verdict.ELIGIBLE
    outside = one(unknown(vote(dt.date(2027, 2, 27))), CONGRESS, as_of=as_of)
    assert outside.verdict is Verdict.NEEDS_REVIEW


def test_a_vote_contradicting_the_ledger_needs_review_instead_of_a_veto():
    result = one(
        facts(workers_congress=False, congress_votes=(vote(dt.date(2026, 4, 1), round_id=5),)),
        CONGRESS,
    )
    assert result.verdict is Verdict.NEEDS_REVIEW
    assert result.record_ids == (5,)
    assert "ledger says the enterprise has no workers' congress" in result.reason
    assert "2026-04-01 in bargaining round #5" in result.reason


def test_a_vote_outside_the_window_leaves_the_ledgers_no_a_veto():
    result = one(
        facts(workers_congress=False, congress_votes=(vote(dt.date(2025, 6, 14)),)), CONGRESS
    )
    assert result.verdict is Verdict.VETOED


def test_the_ledgers_yes_names_the_votes_too_each_round_once():
    votes = (vote(dt.date(2026, 4, 8), 9), vote(dt.date(2026, 4, 1), 9), vote(AS_OF, 12))
    result = one(facts(workers_congress=True, congress_votes=votes), CONGRESS)
    assert result.verdict is Verdict.ELIGIBLE
    assert result.record_ids == (9, 12)
    assert result.reason.index("2026-04-01") < result.reason.index("2026-04-08")


def test_the_congress_veto_decides_the_overall_verdict_beside_others():
    overall, results = run(facts(workers_congress=False), "no_union", CONGRESS)
    assert overall is Verdict.VETOED
    assert [r.verdict for r in results] == [Verdict.ELIGIBLE, Verdict.VETOED]


def test_congress_reasons_are_translated():
    with translation.override("zh-hans"):
        _overall, results = evaluate(
            facts=facts(workers_congress=False),
            criteria=[CriterionSpec(CONGRESS)],
            as_of=AS_OF,
        )
    assert results[0].label == "未建立职代会"
    assert "职代会" in results[0].reason


# THIS_YEAR -------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["wage_arrears", "unpaid_social_insurance"])
def test_this_year_ignores_31_december_of_last_year(kind):
    result = one(facts(violations=(record(kind, dt.date(2025, 12, 31)),)), kind)
    assert result.verdict is Verdict.ELIGIBLE
    assert result.record_ids == ()
    assert result.lapses_on is None


@pytest.mark.parametrize("kind", ["wage_arrears", "unpaid_social_insurance"])
def test_this_year_counts_1_january_and_lapses_on_1_january_next_year(kind):
    found = record(kind, dt.date(2026, 1, 1), id=41, description="三月工资未发")
    result = one(facts(violations=(found,)), kind)
    assert result.verdict is Verdict.VETOED
    assert result.record_ids == (41,)
    assert result.lapses_on == dt.date(2027, 1, 1)
    assert "2026-01-01 三月工资未发" in result.reason
    assert "lapses on 2027-01-01" in result.reason


def test_this_year_counts_the_as_of_day_but_not_the_day_after():
    kind = "wage_arrears"
    on_the_day = one(facts(violations=(record(kind, AS_OF),)), kind)
    assert on_the_day.verdict is Verdict.VETOED
    later = one(facts(violations=(record(kind, AS_OF + dt.timedelta(days=1)),)), kind)
    assert later.verdict is Verdict.ELIGIBLE


def test_this_year_lists_every_record_oldest_first():
    kind = "wage_arrears"
    violations = (
        record(kind, dt.date(2026, 5, 1), id=3, description="五月"),
        record(kind, dt.date(2026, 2, 1), id=2, description="二月"),
        record(kind, dt.date(2025, 11, 1), id=1, description="去年"),
    )
    result = one(facts(violations=violations), kind)
    assert result.record_ids == (2, 3)
    assert "2026-02-01 二月; 2026-05-01 五月" in result.reason
    assert "去年" not in result.reason


# THREE_YEARS -----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["safety_accident", "occupational_hazard", "mass_incident"])
def test_three_years_excludes_the_day_before_the_day_three_years_before(kind):
    result = one(facts(violations=(record(kind, dt.date(2023, 6, 14)),)), kind)
    assert result.verdict is Verdict.ELIGIBLE
    assert result.record_ids == ()


@pytest.mark.parametrize("kind", ["safety_accident", "occupational_hazard", "mass_incident"])
def test_three_years_bars_through_the_corresponding_day_and_lapses_the_day_after(kind):
    # 民法典 Arts. 201-202: the period starts the day after the record; its last day is the
    # corresponding day three years on, on which the enterprise is still barred.
    found = record(kind, dt.date(2023, 6, 15), id=9, description="车间火灾")
    result = one(facts(violations=(found,)), kind)  # AS_OF is 2026-06-15, that last day
    assert result.verdict is Verdict.VETOED
    assert result.record_ids == (9,)
    assert result.lapses_on == dt.date(2026, 6, 16)
    assert "2023-06-15 车间火灾" in result.reason
    assert "run through 2026-06-15" in result.reason
    assert "lapses on 2026-06-16" in result.reason


def test_three_years_lapse_date_is_the_first_day_the_record_is_outside():
    found = record("safety_accident", dt.date(2023, 6, 16))
    lapse = one(facts(violations=(found,)), "safety_accident").lapses_on
    assert lapse == dt.date(2026, 6, 17)
    day_before = lapse - dt.timedelta(days=1)
    assert one(facts(violations=(found,)), "safety_accident", as_of=day_before).verdict is (
        Verdict.VETOED
    )
    assert one(facts(violations=(found,)), "safety_accident", as_of=lapse).verdict is (
        Verdict.ELIGIBLE
    )


def test_three_years_lapse_follows_the_latest_record_in_the_window():
    kind = "mass_incident"
    violations = (
        record(kind, dt.date(2024, 3, 10), id=1),
        record(kind, dt.date(2025, 8, 20), id=2),
        record(kind, dt.date(2023, 6, 14), id=3),  # outside the window, by one day
    )
    result = one(facts(violations=violations), kind)
    assert result.record_ids == (1, 2)
    assert result.lapses_on == dt.date(2028, 8, 21)


def test_three_years_leap_day_record_is_barred_through_28_february():
    # 29 February has no corresponding day three years on: the month's last day (Art. 202).
    found = record("occupational_hazard", dt.date(2024, 2, 29))
    last = one(facts(violations=(found,)), "occupational_hazard", as_of=dt.date(2027, 2, 28))
    assert last.verdict is Verdict.VETOED
    assert last.lapses_on == dt.date(2027, 3, 1)
    after = one(facts(violations=(found,)), "occupational_hazard", as_of=dt.date(2027, 3, 1))
    assert after.verdict is Verdict.ELIGIBLE


def test_three_years_as_of_leap_day():
    kind = "safety_accident"
    as_of = dt.date(2028, 2, 29)
    # 2025-02-28's corresponding day is 2028-02-28: outside on the 29th; 2025-03-01 is inside.
    outside = one(facts(violations=(record(kind, dt.date(2025, 2, 28)),)), kind, as_of=as_of)
    inside = one(facts(violations=(record(kind, dt.date(2025, 3, 1)),)), kind, as_of=as_of)
    assert outside.verdict is Verdict.ELIGIBLE
    assert inside.verdict is Verdict.VETOED


def test_three_years_ignores_records_after_as_of():
    kind = "safety_accident"
    result = one(facts(violations=(record(kind, AS_OF + dt.timedelta(days=1)),)), kind)
    assert result.verdict is Verdict.ELIGIBLE


# SINCE -----------------------------------------------------------------------------------------


def since(code, day):
    return CriterionSpec(code, lookback=Lookback.SINCE, since=day)


def test_since_includes_its_first_day_and_has_no_lapse_date():
    kind = "safety_accident"
    found = record(kind, dt.date(2020, 5, 1), id=5, description="坍塌")
    result = one(facts(violations=(found,)), since(kind, dt.date(2020, 5, 1)))
    assert result.verdict is Verdict.VETOED
    assert result.record_ids == (5,)
    assert result.lapses_on is None
    assert "since 2020-05-01" in result.reason
    assert "does not lapse with time" in result.reason


def test_since_excludes_the_day_before():
    kind = "wage_arrears"
    found = record(kind, dt.date(2020, 4, 30))
    result = one(facts(violations=(found,)), since(kind, dt.date(2020, 5, 1)))
    assert result.verdict is Verdict.ELIGIBLE
    assert "No wage arrears recorded since 2020-05-01." in result.reason


def test_since_ignores_records_after_as_of():
    kind = "mass_incident"
    found = record(kind, AS_OF + dt.timedelta(days=1))
    result = one(facts(violations=(found,)), since(kind, dt.date(2020, 1, 1)))
    assert result.verdict is Verdict.ELIGIBLE


def test_lookback_override_this_year_for_a_three_year_kind():
    kind = "safety_accident"
    found = record(kind, dt.date(2025, 12, 31))
    default = one(facts(violations=(found,)), kind)
    overridden = one(facts(violations=(found,)), CriterionSpec(kind, lookback="this_year"))
    assert default.verdict is Verdict.VETOED
    assert overridden.verdict is Verdict.ELIGIBLE


def test_since_without_a_first_day_raises():
    with translation.override("en"), pytest.raises(ValueError, match="first day"):
        CriterionSpec("wage_arrears", lookback=Lookback.SINCE)


@pytest.mark.parametrize("lookback", [None, Lookback.THIS_YEAR, Lookback.THREE_YEARS])
def test_a_first_day_without_since_raises(lookback):
    with translation.override("en"), pytest.raises(ValueError, match="since"):
        CriterionSpec("wage_arrears", lookback=lookback, since=dt.date(2020, 1, 1))


def test_in_window_boundaries():
    three = Lookback.THREE_YEARS
    assert not in_window(occurred_on=dt.date(2023, 6, 14), lookback=three, as_of=AS_OF, since=None)
    assert in_window(occurred_on=dt.date(2023, 6, 15), lookback=three, as_of=AS_OF, since=None)
    assert in_window(occurred_on=AS_OF, lookback=Lookback.THIS_YEAR, as_of=AS_OF, since=None)


# Completeness ----------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", VIOLATION_KINDS)
def test_incomplete_kind_without_records_needs_review_not_veto(kind):
    result = one(facts(complete_kinds=frozenset()), kind)
    assert result.verdict is Verdict.NEEDS_REVIEW
    assert result.lapses_on is None
    assert "have not been confirmed complete" in result.reason


def test_incomplete_kind_with_only_out_of_window_records_needs_review():
    kind = "wage_arrears"
    old = record(kind, dt.date(2025, 12, 31))
    result = one(facts(violations=(old,), complete_kinds=frozenset()), kind)
    assert result.verdict is Verdict.NEEDS_REVIEW


def test_a_record_found_vetoes_even_when_the_kind_is_incomplete():
    kind = "mass_incident"
    found = record(kind, dt.date(2025, 1, 1), id=3)
    result = one(facts(violations=(found,), complete_kinds=frozenset()), kind)
    assert result.verdict is Verdict.VETOED
    assert result.record_ids == (3,)


def test_complete_kind_without_records_is_eligible():
    result = one(facts(), "unpaid_social_insurance")
    assert result.verdict is Verdict.ELIGIBLE
    assert result.reason == "No unpaid social insurance recorded in 2026."


def test_records_of_another_kind_are_ignored():
    other = record("wage_arrears", dt.date(2026, 3, 1))
    result = one(facts(violations=(other,)), "unpaid_social_insurance")
    assert result.verdict is Verdict.ELIGIBLE


# Ledger: union ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("established", "verdict"),
    [(True, Verdict.ELIGIBLE), (False, Verdict.VETOED), (None, Verdict.NEEDS_REVIEW)],
)
def test_no_union(established, verdict):
    result = one(facts(union_established=established), "no_union")
    assert result.verdict is verdict
    assert result.lapses_on is None


def test_no_union_veto_says_how_it_lapses():
    result = one(facts(union_established=False), "no_union")
    assert "lapses when a union is established" in result.reason


# Ledger: contract ------------------------------------------------------------------------------


def contract(**kwargs):
    values = {
        "id": 8,
        "title": "工资专项集体合同",
        "passed_by_congress": True,
        "filed_with_department": True,
        "filed_with_federation": True,
    }
    values.update(kwargs)
    return ContractFacts(**values)


def test_effective_contract_passed_by_congress_is_eligible():
    result = one(facts(contract=contract()), "no_effective_contract")
    assert result.verdict is Verdict.ELIGIBLE
    assert result.record_ids == (8,)


def test_no_contract_in_force_vetoes():
    result = one(facts(contract=None, last_year_report=None), "no_effective_contract")
    assert result.verdict is Verdict.VETOED
    assert result.lapses_on is None
    assert "No collective contract is in force on 2026-06-15" in result.reason
    assert "lapses when" in result.reason


def test_contract_not_passed_by_congress_vetoes_naming_it():
    result = one(facts(contract=contract(passed_by_congress=False)), "no_effective_contract")
    assert result.verdict is Verdict.VETOED
    assert result.record_ids == (8,)
    assert "“工资专项集体合同”, was not passed by the workers' congress" in result.reason


def test_contract_filed_with_both_is_eligible():
    result = one(facts(contract=contract()), "contract_not_filed")
    assert result.verdict is Verdict.ELIGIBLE


@pytest.mark.parametrize(
    ("department", "federation", "missing"),
    [
        (False, True, "not filed with the labour administration"),
        (True, False, "has no federation filing number"),
        (False, False, "filed with neither the labour administration nor the federation"),
    ],
)
def test_contract_not_filed_with_both_vetoes_naming_the_missing_filing(
    department, federation, missing
):
    the_contract = contract(filed_with_department=department, filed_with_federation=federation)
    result = one(facts(contract=the_contract), "contract_not_filed")
    assert result.verdict is Verdict.VETOED
    assert result.record_ids == (8,)
    assert result.lapses_on is None
    assert missing in result.reason
    assert "“工资专项集体合同”" in result.reason


def test_contract_not_filed_with_no_contract_in_force_vetoes():
    result = one(facts(contract=None, last_year_report=None), "contract_not_filed")
    assert result.verdict is Verdict.VETOED
    assert "so none is filed" in result.reason


@pytest.mark.parametrize(
    ("report", "verdict"),
    [(True, Verdict.ELIGIBLE), (False, Verdict.VETOED), (None, Verdict.NEEDS_REVIEW)],
)
def test_performance_report(report, verdict):
    result = one(facts(last_year_report=report), "no_performance_report")
    assert result.verdict is verdict
    assert result.lapses_on is None


def test_missing_performance_report_names_last_year():
    result = one(facts(last_year_report=False), "no_performance_report")
    assert "(2025) is not recorded" in result.reason
    assert result.record_ids == (7,)


def test_no_contract_last_year_needs_review():
    result = one(facts(contract=None, last_year_report=None), "no_performance_report")
    assert result.reason.startswith("No contract in the ledger covered last year")
    assert "check by hand" in result.reason  # a verdict of review asks for one
    assert result.record_ids == ()


def test_every_needs_review_reason_asks_for_a_check_in_chinese_too():
    with translation.override("zh-hans"):
        _overall, (result,) = evaluate(
            facts=facts(contract=None, last_year_report=None),
            criteria=[CriterionSpec("no_performance_report")],
            as_of=AS_OF,
        )
    assert "人工核实" in result.reason and "无需" not in result.reason


# Ledger: open supervision cases ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("letter", "verdict"),
    [
        ("", Verdict.ELIGIBLE),
        ("reminder", Verdict.ELIGIBLE),
        ("rectification", Verdict.ELIGIBLE),
        ("opinion", Verdict.VETOED),
        ("recommendation", Verdict.VETOED),
    ],
)
def test_open_case_at_each_letter_level(letter, verdict):
    case = CaseFacts(id=30, title="拖延工资协商", highest_letter=letter)
    result = one(facts(open_cases=(case,)), "open_case_letter")
    assert result.verdict is verdict
    assert result.lapses_on is None
    assert result.record_ids == ((30,) if verdict is Verdict.VETOED else ())


def test_open_cases_veto_names_only_the_vetoing_cases():
    cases = (
        CaseFacts(id=1, title="甲案", highest_letter="reminder"),
        CaseFacts(id=2, title="乙案", highest_letter="opinion"),
        CaseFacts(id=3, title="丙案", highest_letter="recommendation"),
    )
    result = one(facts(open_cases=cases), "open_case_letter")
    assert result.record_ids == (2, 3)
    assert "“乙案” (opinion letter); “丙案” (recommendation letter)" in result.reason
    assert "甲案" not in result.reason
    assert "lapses when they are closed" in result.reason


def test_no_open_cases_is_eligible():
    assert one(facts(), "open_case_letter").verdict is Verdict.ELIGIBLE


# Overall verdict -------------------------------------------------------------------------------


def test_empty_criteria_is_eligible():
    assert run(facts()) == (Verdict.ELIGIBLE, [])


def test_all_clear_is_eligible():
    overall, results = run(facts(), *CATALOGUE)
    assert overall is Verdict.ELIGIBLE
    assert [result.code for result in results] == list(CATALOGUE)


def test_needs_review_beats_eligible():
    overall, _ = run(facts(union_established=None), "no_union", "wage_arrears")
    assert overall is Verdict.NEEDS_REVIEW


def test_veto_beats_needs_review():
    the_facts = facts(
        union_established=None,
        complete_kinds=frozenset(),
        violations=(record("wage_arrears", dt.date(2026, 2, 1)),),
    )
    overall, results = run(the_facts, "no_union", "unpaid_social_insurance", "wage_arrears")
    assert overall is Verdict.VETOED
    assert [result.verdict for result in results] == [
        Verdict.NEEDS_REVIEW,
        Verdict.NEEDS_REVIEW,
        Verdict.VETOED,
    ]


def test_unknown_code_raises_naming_it():
    with pytest.raises(ValueError, match="no_such_rule"):
        run(facts(), "no_union", "no_such_rule")
