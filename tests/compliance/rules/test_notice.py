"""R40: an award's public notice stays up for at least five working days, first and last day
included, counted on the State Council calendar; an unloaded year is refused, not guessed."""

from datetime import date

import pytest

from compliance.rules.calendar import official_calendar
from compliance.rules.deadlines import Period, Unit
from compliance.rules.notice import earliest_end, notice_check

FIVE = Period(5, Unit.WORKING_DAYS)


def check(start, end, period=FIVE):
    return notice_check(starts_on=start, ends_on=end, period=period, calendar=official_calendar())


@pytest.mark.usefixtures("english")
def test_monday_to_friday_is_five_working_days():
    result = check(date(2026, 11, 16), date(2026, 11, 20))
    assert result.problem == "" and result.days == 5


@pytest.mark.usefixtures("english")
def test_one_day_short_is_refused_naming_the_earliest_end():
    result = check(date(2026, 11, 16), date(2026, 11, 19))
    assert result.days == 4 and result.earliest_end == date(2026, 11, 20)
    assert "4 working days" in result.problem and "2026-11-20" in result.problem


def test_weekends_do_not_count():
    # Wednesday to the next Tuesday: Wed, Thu, Fri, Mon, Tue.
    assert check(date(2026, 11, 18), date(2026, 11, 24)).problem == ""
    assert check(date(2026, 11, 18), date(2026, 11, 23)).problem != ""


def test_national_day_holidays_do_not_count():
    start = date(2026, 9, 28)  # Mon, Tue, Wed, then 1–7 October off, then Thu 8, Fri 9
    assert earliest_end(starts_on=start, period=FIVE, calendar=official_calendar()) == date(
        2026, 10, 9
    )
    assert check(start, date(2026, 10, 8)).problem != ""
    assert check(start, date(2026, 10, 9)).problem == ""


def test_a_make_up_working_day_counts():
    start = date(2026, 10, 8)  # Thu 8, Fri 9, Sat 10 (调休上班), Mon 12, Tue 13
    assert check(start, date(2026, 10, 13)).problem == ""
    assert check(start, date(2026, 10, 12)).problem != ""


@pytest.mark.usefixtures("english")
def test_a_year_without_a_loaded_calendar_is_refused_not_guessed():
    result = check(date(2026, 12, 28), date(2027, 1, 8))
    assert "2027" in result.problem and "Holiday calendar" in result.problem


@pytest.mark.usefixtures("english")
def test_an_end_before_the_start_is_refused():
    assert "cannot end before" in check(date(2026, 11, 20), date(2026, 11, 16)).problem


def test_a_profile_in_calendar_days_counts_every_day():
    seven = Period(7, Unit.CALENDAR_DAYS)
    assert check(date(2026, 11, 16), date(2026, 11, 22), seven).problem == ""
    assert check(date(2026, 11, 16), date(2026, 11, 21), seven).problem != ""
