"""Judging the procedure's periods (rules/periods.py): in time, late, open, overdue, cut short,
each on both sides of its day; and the bounds the home page's queries rely on."""

import datetime as dt

import pytest

from compliance.rules.calendar import WorkingCalendar
from compliance.rules.deadlines import Period, Unit, compute_deadline
from compliance.rules.periods import (
    State,
    earliest_of,
    judge,
    judge_minimum,
    latest_start,
    longest_days,
    shortest_days,
)

DUE = dt.date(2026, 3, 27)
ONE = dt.timedelta(days=1)


def test_an_act_on_its_last_day_is_in_time_and_the_day_after_is_late():
    assert judge(due=DUE, done_on=DUE, today=DUE + 10 * ONE) is State.MET
    assert judge(due=DUE, done_on=DUE + ONE, today=DUE + 10 * ONE) is State.LATE


def test_an_act_not_done_is_due_soon_on_its_last_day_and_overdue_the_day_after():
    assert judge(due=DUE, done_on=None, today=DUE) is State.DUE_SOON
    assert judge(due=DUE, done_on=None, today=DUE + ONE) is State.OVERDUE
    assert judge(due=DUE, done_on=None, today=DUE - 7 * ONE) is State.DUE_SOON
    assert judge(due=DUE, done_on=None, today=DUE - 8 * ONE) is State.OPEN


def test_a_minimum_posting_must_run_through_its_last_day():
    assert judge_minimum(last_day=DUE, ended_on=DUE) is State.MET
    assert judge_minimum(last_day=DUE, ended_on=DUE - ONE) is State.CUT_SHORT
    assert judge_minimum(last_day=DUE, ended_on=None) is State.OPEN


def test_the_earliest_limit_that_applies_wins():
    assert earliest_of(None, None) is None
    assert earliest_of(DUE, None) == DUE
    assert earliest_of(DUE, DUE - ONE) == DUE - ONE


@pytest.mark.parametrize(
    "period",
    [
        Period(3, Unit.WORKING_DAYS),
        Period(5, Unit.WORKING_DAYS),
        Period(15, Unit.WORKING_DAYS),
        Period(5, Unit.CALENDAR_DAYS),
        Period(15, Unit.CALENDAR_DAYS),
        Period(60, Unit.CALENDAR_DAYS),
        Period(2, Unit.MONTHS),
    ],
)
def test_every_deadline_of_two_years_lies_within_the_bounds_the_queries_use(period):
    """The home page keeps only records started on or before latest_start(horizon): a deadline
    must never end sooner than shortest_days, nor later than longest_days (Spring Festival and
    National Day included)."""
    calendar = WorkingCalendar.from_file()
    start = dt.date(2025, 1, 1)
    while start < dt.date(2026, 12, 1):
        due = compute_deadline(start=start, period=period, calendar=calendar, rule="", basis="").due
        span = (due - start).days
        assert shortest_days(period) <= span <= longest_days(period), (start, period, span)
        assert latest_start(horizon=due, period=period) >= start
        start += ONE
