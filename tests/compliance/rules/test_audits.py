import datetime as dt
from decimal import Decimal

import pytest

from compliance.rules.audits import due_days, passes, weighted_score

EQUAL = dict.fromkeys(("parties", "procedure", "content", "performance", "effect"), 20)


def test_quarterly_due_days_up_to_the_end_of_term():
    days = list(due_days(start=dt.date(2026, 1, 31), end=dt.date(2026, 12, 31), every_months=3))
    # The corresponding day of each quarter; April and others have no 31st (Civil Code Art. 202).
    assert days == [dt.date(2026, 4, 30), dt.date(2026, 7, 31), dt.date(2026, 10, 31)]


def test_a_due_day_on_the_last_day_of_term_counts():
    assert list(due_days(start=dt.date(2026, 1, 1), end=dt.date(2027, 1, 1), every_months=12)) == [
        dt.date(2027, 1, 1)
    ]
    assert (
        list(due_days(start=dt.date(2026, 1, 1), end=dt.date(2026, 12, 31), every_months=12)) == []
    )


def test_zero_frequency_schedules_nothing():
    assert list(due_days(start=dt.date(2026, 1, 1), end=dt.date(2030, 1, 1), every_months=0)) == []


def test_weighted_score_and_the_inclusive_pass_line():
    scores = {"parties": 90, "procedure": 80, "content": 70, "performance": 80, "effect": 80}
    total = weighted_score(scores=scores, weights=EQUAL)
    assert total == Decimal("80.00")
    assert passes(total=total, pass_line=80)  # "80 points or more"
    assert not passes(total=Decimal("79.99"), pass_line=80)


def test_weights_change_the_result():
    scores = {"parties": 100, "procedure": 100, "content": 50, "performance": 50, "effect": 50}
    heavy = {"parties": 40, "procedure": 30, "content": 10, "performance": 10, "effect": 10}
    assert weighted_score(scores=scores, weights=heavy) == Decimal("85.00")
    assert weighted_score(scores=scores, weights=EQUAL) == Decimal("70.00")


def test_bad_scores_and_weights_are_refused():
    with pytest.raises(ValueError):
        weighted_score(scores={**dict.fromkeys(EQUAL, 50), "effect": 101}, weights=EQUAL)
    with pytest.raises(ValueError):
        weighted_score(scores=dict.fromkeys(EQUAL, 50), weights={**EQUAL, "effect": 30})
