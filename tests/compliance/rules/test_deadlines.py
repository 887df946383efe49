from datetime import date

import pytest
from django.utils import translation

from compliance.rules.calendar import WorkingCalendar
from compliance.rules.deadlines import (
    Deadline,
    Period,
    Unit,
    add_months,
    compute_deadline,
    days_remaining,
    status,
)

R1_BASIS = "《集体合同规定》第三十二条"
TWENTY_DAYS = Period(20, Unit.CALENDAR_DAYS)
TEN_WORKING_DAYS = Period(10, Unit.WORKING_DAYS)


@pytest.fixture(scope="module")
def calendar():
    return WorkingCalendar.from_file()


def deadline(calendar, start, period, rule="R1"):
    return compute_deadline(
        start=start, period=period, calendar=calendar, rule=rule, basis=R1_BASIS
    )


def test_start_day_is_not_counted(calendar):
    result = deadline(calendar, date(2026, 3, 2), Period(1, Unit.CALENDAR_DAYS))
    assert result.due == date(2026, 3, 3)  # Monday → Tuesday
    one_working_day = deadline(calendar, date(2026, 3, 2), Period(1, Unit.WORKING_DAYS))
    assert one_working_day.due == date(2026, 3, 3)


def test_twenty_calendar_days_ending_on_an_ordinary_weekday(calendar):
    result = deadline(calendar, date(2026, 3, 3), TWENTY_DAYS)
    assert result.due == date(2026, 3, 23)
    assert result.rolled_from is None
    assert not result.provisional
    assert result.rule == "R1"
    assert result.basis == R1_BASIS


def test_twenty_calendar_days_ending_on_a_saturday_move_to_monday(calendar):
    result = deadline(calendar, date(2026, 3, 1), TWENTY_DAYS)
    assert result.rolled_from == date(2026, 3, 21)
    assert result.due == date(2026, 3, 23)


def test_deadline_inside_the_2026_spring_festival_moves_to_the_next_working_day(calendar):
    result = deadline(calendar, date(2026, 1, 27), TWENTY_DAYS)
    assert result.rolled_from == date(2026, 2, 16)
    assert result.due == date(2026, 2, 24)
    assert result.rolled_over_holiday == "春节"


def test_deadline_on_the_last_day_before_the_spring_festival_stays(calendar):
    result = deadline(calendar, date(2026, 1, 24), TWENTY_DAYS)
    assert result.due == date(2026, 2, 13)  # Friday, a working day
    assert result.rolled_from is None


@pytest.mark.parametrize(
    ("start", "make_up_day"),
    [(date(2026, 1, 25), date(2026, 2, 14)), (date(2026, 2, 8), date(2026, 2, 28))],
)
def test_deadline_on_a_make_up_working_day_stays_there(calendar, start, make_up_day):
    result = deadline(calendar, start, TWENTY_DAYS)
    assert result.due == make_up_day
    assert result.rolled_from is None


def test_ten_working_days_across_the_2026_spring_festival(calendar):
    # Counted: 13 Feb, 14 Feb (make-up Saturday), 24–27 Feb, 28 Feb (make-up Saturday), 2–4 Mar.
    result = deadline(calendar, date(2026, 2, 12), TEN_WORKING_DAYS, rule="R1-zj")
    assert result.due == date(2026, 3, 4)
    assert result.rolled_from is None
    assert not result.provisional
    nine = deadline(calendar, date(2026, 2, 12), Period(9, Unit.WORKING_DAYS))
    assert nine.due == date(2026, 3, 3)


def test_make_up_saturday_counts_as_a_working_day(calendar):
    two = deadline(calendar, date(2026, 2, 26), Period(2, Unit.WORKING_DAYS))
    assert two.due == date(2026, 2, 28)
    three = deadline(calendar, date(2026, 2, 26), Period(3, Unit.WORKING_DAYS))
    assert three.due == date(2026, 3, 2)  # Sunday 1 March is skipped


def test_ordinary_saturday_does_not_count_as_a_working_day(calendar):
    result = deadline(calendar, date(2026, 3, 5), Period(2, Unit.WORKING_DAYS))
    assert result.due == date(2026, 3, 9)  # Friday 6 March, then Monday 9 March


def test_month_end_without_corresponding_day_is_the_last_day_of_the_month(calendar):
    result = deadline(calendar, date(2026, 1, 31), Period(1, Unit.MONTHS))
    # 28 February 2026 is a Saturday but a make-up working day, so it does not move.
    assert result.due == date(2026, 2, 28)
    assert result.rolled_from is None


def test_months_end_on_the_corresponding_day(calendar):
    result = deadline(calendar, date(2026, 3, 16), Period(3, Unit.MONTHS))
    assert result.due == date(2026, 6, 16)


def test_months_crossing_into_an_unloaded_year_are_provisional(calendar):
    result = deadline(calendar, date(2026, 11, 30), Period(3, Unit.MONTHS))
    assert result.provisional
    assert result.rolled_from == date(2027, 2, 28)  # Sunday, weekends-only assumption
    assert result.due == date(2027, 3, 1)
    with translation.override("en"):
        assert "provisional" in result.explanation()


def test_months_ending_inside_the_loaded_year_are_not_provisional(calendar):
    result = deadline(calendar, date(2026, 9, 30), Period(3, Unit.MONTHS))
    assert result.due == date(2026, 12, 30)
    assert not result.provisional
    with translation.override("en"):
        assert "provisional" not in result.explanation()


def test_working_days_crossing_into_an_unloaded_year_are_provisional(calendar):
    result = deadline(calendar, date(2026, 12, 24), TEN_WORKING_DAYS)
    assert result.provisional
    assert result.due == date(2027, 1, 7)
    assert not deadline(calendar, date(2026, 12, 10), TEN_WORKING_DAYS).provisional


def test_explanation_names_the_rule_the_source_and_the_move(calendar):
    with translation.override("en"):
        text = deadline(calendar, date(2026, 1, 27), TWENTY_DAYS).explanation()
    assert "20 calendar days from 2026-01-27 (start day not counted)" in text
    assert "under 《集体合同规定》第三十二条" in text
    assert "R1" not in text  # the internal rule id is never printed
    assert "2026-02-16" in text
    assert "春节" in text
    assert "next working day" in text
    assert "2026-02-24" in text


def test_explanation_of_an_unmoved_deadline_does_not_mention_a_move(calendar):
    with translation.override("en"):
        text = deadline(calendar, date(2026, 3, 3), TWENTY_DAYS).explanation()
    assert "next working day" not in text
    assert text.startswith("Due 2026-03-23:")


def test_explanation_of_a_weekend_move_says_rest_day(calendar):
    with translation.override("en"):
        text = deadline(calendar, date(2026, 3, 1), TWENTY_DAYS).explanation()
    assert "fell on a rest day" in text


def test_period_accepts_the_stored_unit_value_and_rejects_negative_amounts():
    assert Period(10, "working_days").unit is Unit.WORKING_DAYS
    with pytest.raises(ValueError):
        Period(-1, Unit.CALENDAR_DAYS)
    with pytest.raises(ValueError):
        Period(10, "fortnights")


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 31), -3, date(2026, 9, 30)),
        (date(2026, 3, 15), 12, date(2027, 3, 15)),
        (date(2026, 1, 15), -1, date(2025, 12, 15)),
    ],
)
def test_add_months(start, months, expected):
    assert add_months(start, months) == expected


def _due(day):
    return Deadline(start=date(2026, 1, 1), due=day, period=TWENTY_DAYS, rule="R1", basis=R1_BASIS)


def test_due_today_is_due_soon_not_overdue():
    today = date(2026, 3, 23)
    assert days_remaining(deadline=_due(today), today=today) == 0
    assert status(deadline=_due(today), today=today) == "due_soon"


def test_due_yesterday_is_overdue():
    today = date(2026, 3, 23)
    assert days_remaining(deadline=_due(date(2026, 3, 22)), today=today) == -1
    assert status(deadline=_due(date(2026, 3, 22)), today=today) == "overdue"


def test_due_in_seven_days_is_due_soon_and_in_eight_is_open():
    today = date(2026, 3, 23)
    assert status(deadline=_due(date(2026, 3, 30)), today=today, soon_days=7) == "due_soon"
    assert status(deadline=_due(date(2026, 3, 31)), today=today, soon_days=7) == "open"
    assert days_remaining(deadline=_due(date(2026, 3, 31)), today=today) == 8


def test_explanation_marks_the_national_rule_and_a_number_no_statute_sets(calendar):
    national = compute_deadline(
        start=date(2026, 3, 3),
        period=TWENTY_DAYS,
        calendar=calendar,
        rule="R1",
        basis=R1_BASIS,
        national_default=True,
    )
    portal_default = compute_deadline(
        start=date(2026, 3, 3), period=TWENTY_DAYS, calendar=calendar, rule="R45", basis=""
    )
    with translation.override("zh-hans"):
        assert national.explanation().endswith(
            "依据《集体合同规定》第三十二条（全国性规定；本省无另行规定）。"
        )
        assert portal_default.explanation() == (
            "截止日期2026-03-23：自2026-03-03起20个自然日（起始日不计入）；"
            "该期限无法定标准，由本会规则配置设定。"
        )
