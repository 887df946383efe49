import datetime as dt

from compliance.rules.figure_days import day_problem, month_ends, quick_periods

TODAY = dt.date(2026, 2, 10)


def test_days_of_this_and_last_year_up_to_today_are_answered():
    assert day_problem(TODAY, today=TODAY) is None
    assert day_problem(dt.date(2025, 1, 1), today=TODAY) is None
    assert day_problem(dt.date(2024, 12, 31), today=TODAY)
    assert day_problem(TODAY + dt.timedelta(days=1), today=TODAY)


def test_quick_periods_end_on_the_periods_last_day():
    quick = {q.key: (q.day, q.period) for q in quick_periods(today=TODAY)}
    assert quick["last_month"] == (dt.date(2026, 1, 31), "month")
    assert quick["last_quarter"] == (dt.date(2025, 12, 31), "quarter")
    assert quick["last_year"] == (dt.date(2025, 12, 31), "year")
    assert quick["this_year"] == (TODAY, "year")
    # Every choice is a day the pages answer for.
    assert all(day_problem(day, today=TODAY) is None for day, _period in quick.values())


def test_month_ends_know_february():
    ends = month_ends(year=2028)
    assert len(ends) == 12 and ends[1] == dt.date(2028, 2, 29) and ends[-1] == dt.date(2028, 12, 31)
