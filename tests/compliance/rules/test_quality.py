from decimal import Decimal

import pytest

from compliance.rules import quality as q

FULL = q.ContractFacts(
    kind="comprehensive",
    has_union=True,
    has_round=True,
    representatives_published=True,
    chiefs_named=True,
    offer_answered_in_time=True,
    meetings=2,
    meetings_signed=2,
    congress_passed=True,
    submitted_in_time=True,
    published=True,
    topics=frozenset({"wages", "hours", "rest", "safety", "insurance"}),
    wage_figures=True,
    reports_due=1,
    reports_made=1,
    disputes=0,
    survey_answers=200,
    survey_aware=186,
    survey_satisfied=181,
)


def _score(key: str, facts: q.ContractFacts) -> int | None:
    return q.judge(q.ITEM_BY_KEY[key], facts).score


def test_the_table_has_five_dimensions_and_evaluator_items_in_some():
    dimensions = {item.dimension for item in q.ITEMS}
    assert dimensions == set(q.DIMENSIONS)
    assert {i.judged_by for i in q.ITEMS} == {q.RECORDS, q.EVALUATOR}
    assert len(q.ITEM_BY_KEY) == len(q.ITEMS)  # keys unique


def test_every_records_item_is_full_marks_on_a_clean_record():
    for item in q.ITEMS:
        if item.judged_by == q.RECORDS and item.key not in ("awareness", "satisfaction"):
            assert _score(item.key, FULL) == 100, item.key


def test_rates_are_their_percentage_rounded_half_up():
    assert _score("awareness", FULL) == 93  # 186/200
    assert _score("satisfaction", FULL) == 91  # 90.5 → 91


def test_without_a_round_the_procedure_items_pass_to_the_evaluator():
    facts = q.ContractFacts(kind="wages", has_union=True, has_round=False, congress_passed=True)
    assert _score("offer", facts) is None
    assert _score("minutes", facts) is None
    assert _score("no_disputes", facts) is None
    # The contract's own flag still tells the congress vote.
    assert _score("congress", facts) == 100


def test_no_survey_answers_and_no_report_due_cannot_be_judged():
    facts = q.ContractFacts(kind="comprehensive", has_union=True, has_round=False)
    assert _score("awareness", facts) is None
    assert _score("report", facts) is None


def test_minutes_score_is_the_share_signed_and_zero_without_meetings():
    facts = q.ContractFacts(
        kind="wages", has_union=True, has_round=True, meetings=4, meetings_signed=3
    )
    assert _score("minutes", facts) == 75
    none = q.ContractFacts(kind="wages", has_union=True, has_round=True)
    assert _score("minutes", none) == 0


def test_topics_score_the_share_covered_and_name_the_missing_ones():
    facts = q.ContractFacts(
        kind="comprehensive",
        has_union=True,
        has_round=False,
        topics=frozenset({"wages", "hours"}),
        topic_labels=(("rest", "休息休假"), ("safety", "劳动安全卫生")),
    )
    result = q.judge(q.ITEM_BY_KEY["topics"], facts)
    assert result.score == 40
    assert "休息休假" in result.basis and "劳动安全卫生" in result.basis
    assert "wages" not in result.basis


def test_a_special_contract_needs_only_its_own_topic_and_no_wage_figures():
    women = q.ContractFacts(
        kind="women", has_union=True, has_round=False, topics=frozenset({"women"})
    )
    assert _score("topics", women) == 100
    assert _score("wage_figures", women) == 100
    wage = q.ContractFacts(kind="wages", has_union=True, has_round=False)
    assert _score("wage_figures", wage) == 0


def test_letters_and_disputes_take_the_marks_away():
    facts = q.ContractFacts(
        kind="wages", has_union=True, has_round=True, letters_in_term=2, disputes=1
    )
    assert _score("no_letters", facts) == 0
    assert _score("no_disputes", facts) == 0


def test_dimension_scores_are_means_and_need_every_item():
    scores = {item.key: 100 for item in q.ITEMS}
    scores["women_represented"] = 0  # one of the four party items
    assert q.dimension_scores(scores)["parties"] == 75
    del scores["kept"]
    with pytest.raises(ValueError) as exc:
        q.dimension_scores(scores)
    assert exc.value.args[0] == ["kept"]


def test_the_pass_line_is_inclusive_and_the_weights_apply():
    scores = {item.key: 80 for item in q.ITEMS}
    weights = dict.fromkeys(q.DIMENSIONS, 20)
    _dims, total, passed = q.evaluation_total(scores=scores, weights=weights, pass_line=80)
    assert total == Decimal("80.00") and passed
    _d, total, passed = q.evaluation_total(scores=scores, weights=weights, pass_line=81)
    assert not passed
    scores.update({i.key: 0 for i in q.ITEMS if i.dimension == "effect"})
    skewed = {"parties": 10, "procedure": 10, "content": 10, "performance": 10, "effect": 60}
    _d, total, _p = q.evaluation_total(scores=scores, weights=skewed, pass_line=80)
    assert total == Decimal("32.00")


@pytest.mark.parametrize(
    ("total", "band"),
    [
        ("0", "0–59"),
        ("59.99", "0–59"),
        ("60", "60–69"),
        ("79.99", "70–79"),
        ("80", "80–89"),
        ("100", "90–100"),
    ],
)
def test_bands(total, band):
    assert q.band_of(Decimal(total)) == band


def test_distribution_counts_each_band_including_empty_ones():
    counts = q.distribution([Decimal("85"), Decimal("92.5"), Decimal("85.1"), Decimal("40")])
    assert counts == {"0–59": 1, "60–69": 0, "70–79": 0, "80–89": 2, "90–100": 1}
