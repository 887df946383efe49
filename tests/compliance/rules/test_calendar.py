import json
from datetime import date

import pytest
from django.utils import translation

from compliance.rules.calendar import (
    CalendarGapError,
    WorkingCalendar,
    official_calendar,
)


@pytest.fixture(scope="module")
def calendar():
    return WorkingCalendar.from_file()


@pytest.mark.parametrize("day", [date(2026, 2, 14), date(2026, 2, 28), date(2025, 1, 26)])
def test_make_up_saturday_or_sunday_is_a_working_day(calendar, day):
    assert day.weekday() >= 5
    assert calendar.is_working_day(day)


@pytest.mark.parametrize("day", [date(2026, 2, 16), date(2026, 10, 1), date(2025, 5, 5)])
def test_holiday_on_a_weekday_is_not_a_working_day(calendar, day):
    assert day.weekday() < 5
    assert not calendar.is_working_day(day)


def test_ordinary_weekend_is_not_a_working_day(calendar):
    assert not calendar.is_working_day(date(2026, 3, 7))  # Saturday
    assert not calendar.is_working_day(date(2026, 3, 8))  # Sunday


def test_ordinary_weekday_is_a_working_day(calendar):
    assert calendar.is_working_day(date(2026, 3, 9))  # Monday
    assert calendar.is_working_day(date(2026, 2, 24))  # first day after the Spring Festival


def test_holiday_name_is_known(calendar):
    assert calendar.holiday_name(date(2026, 2, 16)) == "春节"
    assert calendar.holiday_name(date(2026, 2, 24)) is None


def test_bundled_file_covers_2025_and_2026_only(calendar):
    assert calendar.years == frozenset({2025, 2026})
    assert calendar.covers(date(2026, 12, 31))
    assert not calendar.covers(date(2027, 1, 1))
    assert not calendar.covers(date(2024, 12, 31))


def test_bundled_file_lists_every_date_and_names_its_notices():
    from compliance.rules.calendar import DEFAULT_PATH

    data = json.loads(DEFAULT_PATH.read_text(encoding="utf-8"))
    assert any("国办发明电〔2024〕12号" in source for source in data["source"])
    assert any("国办发明电〔2025〕7号" in source for source in data["source"])
    assert len(data["years"]["2026"]["holidays"]) == 33  # 3 + 9 + 3 + 5 + 3 + 3 + 7
    assert len(data["years"]["2025"]["holidays"]) == 28  # 1 + 8 + 3 + 5 + 3 + 8
    for year in data["years"].values():
        for day, _name in year["workdays"]:
            assert date.fromisoformat(day).weekday() >= 5


def test_uncovered_year_raises_calendar_gap_error(calendar):
    with pytest.raises(CalendarGapError) as error:
        calendar.is_working_day(date(2027, 1, 4))
    assert error.value.year == 2027
    assert isinstance(error.value, ValueError)
    with translation.override("en"):
        assert "2027" in str(CalendarGapError(2027))
        assert "must be loaded" in str(CalendarGapError(2027))


def test_weekends_fallback_is_explicit_for_an_uncovered_year(calendar):
    assert calendar.is_working_day_assuming_weekends(date(2027, 1, 4))  # Monday
    assert not calendar.is_working_day_assuming_weekends(date(2027, 1, 2))  # Saturday
    # Inside a covered year the fallback still honours holidays and make-up days.
    assert not calendar.is_working_day_assuming_weekends(date(2026, 2, 16))
    assert calendar.is_working_day_assuming_weekends(date(2026, 2, 14))


def test_overrides_add_a_year_without_code_changes(calendar):
    extended = calendar.with_overrides(
        holidays={date(2027, 1, 1): "元旦"},
        workdays={date(2027, 1, 9): "测试调休"},
        years={2027},
    )
    assert extended.covers(date(2027, 6, 1))
    assert not extended.is_working_day(date(2027, 1, 1))  # Friday holiday
    assert extended.is_working_day(date(2027, 1, 9))  # Saturday make-up day
    assert extended.is_working_day(date(2027, 1, 4))
    assert extended.is_working_day(date(2026, 2, 14))  # the file's entries are kept
    with pytest.raises(CalendarGapError):
        calendar.is_working_day(date(2027, 1, 4))  # the original is unchanged


def test_override_wins_over_the_file_for_its_date(calendar):
    changed = calendar.with_overrides(
        workdays={date(2026, 2, 23): "改为工作日"}, holidays={date(2026, 2, 28): "改为休息"}
    )
    assert changed.is_working_day(date(2026, 2, 23))
    assert not changed.is_working_day(date(2026, 2, 28))


def test_a_date_cannot_be_both_holiday_and_workday():
    with pytest.raises(ValueError):
        WorkingCalendar(
            holidays={date(2026, 1, 1): "元旦"}, workdays={date(2026, 1, 1): "x"}, years={2026}
        )


def test_from_file_reads_another_path(tmp_path):
    path = tmp_path / "calendar.json"
    path.write_text(
        json.dumps({"years": {"2030": {"holidays": [["2030-01-01", "元旦"]], "workdays": []}}}),
        encoding="utf-8",
    )
    loaded = WorkingCalendar.from_file(path)
    assert loaded.years == frozenset({2030})
    assert not loaded.is_working_day(date(2030, 1, 1))


def test_from_file_rejects_a_date_filed_under_the_wrong_year(tmp_path):
    path = tmp_path / "calendar.json"
    path.write_text(
        json.dumps({"years": {"2030": {"holidays": [["2031-01-01", "元旦"]]}}}), encoding="utf-8"
    )
    with pytest.raises(ValueError):
        WorkingCalendar.from_file(path)


def test_official_calendar_is_loaded_once():
    assert official_calendar() is official_calendar()
    assert official_calendar().covers(date(2026, 1, 1))
