from datetime import date

import pytest
from django.utils import translation

from compliance.rules.deadlines import Period, Unit
from compliance.rules.terms import renewal_due, renewal_window_opens, term_problem


def test_exactly_one_year_is_accepted():
    assert term_problem(start=date(2026, 1, 1), end=date(2026, 12, 31)) is None


def test_one_day_short_of_a_year_is_rejected():
    with translation.override("en"):
        problem = term_problem(start=date(2026, 1, 1), end=date(2026, 12, 30))
    assert problem is not None
    assert "shorter than 1 year" in problem
    assert "2026-12-31" in problem


def test_exactly_three_years_is_accepted():
    assert term_problem(start=date(2026, 1, 1), end=date(2028, 12, 31)) is None


def test_one_day_over_three_years_is_rejected():
    with translation.override("en"):
        problem = term_problem(start=date(2026, 1, 1), end=date(2029, 1, 1))
    assert problem is not None
    assert "longer than 3 years" in problem
    assert "2028-12-31" in problem


def test_term_starting_mid_month_counts_both_ends():
    assert term_problem(start=date(2026, 7, 15), end=date(2027, 7, 14)) is None
    assert term_problem(start=date(2026, 7, 15), end=date(2027, 7, 13)) is not None


def test_term_starting_on_29_february_ends_on_28_february():
    assert term_problem(start=date(2024, 2, 29), end=date(2025, 2, 28)) is None
    assert term_problem(start=date(2024, 2, 29), end=date(2025, 2, 27)) is not None
    assert term_problem(start=date(2024, 2, 29), end=date(2027, 2, 28)) is None
    assert term_problem(start=date(2024, 2, 29), end=date(2027, 3, 1)) is not None


def test_end_before_start_is_rejected():
    with translation.override("en"):
        problem = term_problem(start=date(2026, 1, 1), end=date(2025, 12, 31))
    assert problem is not None
    assert "before it starts" in problem


def test_limits_are_parameters():
    # A wage contract limited to one year (山东 wage Art. 17 is ≤ 3; a tenant may narrow it).
    assert term_problem(start=date(2026, 1, 1), end=date(2026, 12, 31), max_years=1) is None
    assert term_problem(start=date(2026, 1, 1), end=date(2027, 1, 1), max_years=1) is not None
    with pytest.raises(ValueError):
        term_problem(start=date(2026, 1, 1), end=date(2026, 12, 31), min_years=3, max_years=1)


def test_renewal_window_opens_three_months_before_expiry():
    period = Period(3, Unit.MONTHS)
    assert renewal_window_opens(end=date(2026, 12, 31), period=period) == date(2026, 9, 30)
    assert renewal_window_opens(end=date(2027, 5, 31), period=period) == date(2027, 2, 28)
    assert renewal_window_opens(end=date(2026, 6, 15), period=period) == date(2026, 3, 15)


def test_renewal_window_opens_ninety_days_before_expiry_in_zhejiang():
    period = Period(90, Unit.CALENDAR_DAYS)
    assert renewal_window_opens(end=date(2026, 12, 31), period=period) == date(2026, 10, 2)


def test_renewal_window_in_working_days_is_rejected():
    with pytest.raises(ValueError):
        renewal_window_opens(end=date(2026, 12, 31), period=Period(10, Unit.WORKING_DAYS))


@pytest.mark.parametrize(
    ("status", "window_opens", "today", "due"),
    [
        ("effective", date(2026, 10, 1), date(2026, 9, 30), False),  # the day before the window
        ("effective", date(2026, 10, 1), date(2026, 10, 1), True),  # its first day (R29)
        ("effective", None, date(2026, 10, 1), False),
        ("expired", None, date(2026, 10, 1), True),
        ("terminated", date(2026, 10, 1), date(2027, 1, 1), False),
        ("superseded", date(2026, 10, 1), date(2027, 1, 1), False),
        ("draft", date(2026, 10, 1), date(2027, 1, 1), False),
    ],
)
def test_renewal_is_due_once_the_window_opens_or_the_contract_expired(
    status, window_opens, today, due
):
    assert renewal_due(status=status, window_opens=window_opens, today=today) is due
