"""The working-day calendar of mainland China, as published by the State Council.

Rules encoded here (shared/DOMAIN.md §3; regulations.md §9, day counting):

- A working day is Monday to Friday, except a statutory holiday (法定节假日), plus every make-up
  working day (调休上班日) that the State Council moves onto a Saturday or Sunday. Working-day
  periods (R1 Zhejiang/Henan/Hangzhou, R11, R23 Zhejiang, R30, R40, R43 …) count on this calendar,
  and a deadline that falls on a day off moves to the next working day (民法典 Art. 203).
- The calendar is published once a year by the General Office of the State Council (国务院办公厅
  关于部分节假日安排的通知). The bundled file compliance/data/holidays_cn.json holds the
  notices for 2025 (国办发明电〔2024〕12号) and 2026 (国办发明电〔2025〕7号), every date listed
  individually.
- A year the calendar does not cover is never silently guessed: `is_working_day` raises
  `CalendarGapError` naming the year. Callers that accept an approximation call
  `is_working_day_assuming_weekends` explicitly (weekends are rest days, no holidays are known).
- The calendar must be updatable without a code change: `with_overrides` merges further entries
  (the admin-editable table) on top of the bundled file; an override wins over the file for the
  same date.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path

from django.utils.translation import gettext

DEFAULT_PATH = Path(__file__).resolve().parent.parent / "data" / "holidays_cn.json"


class CalendarGapError(ValueError):
    """A date falls in a year whose official holiday calendar is not loaded."""

    def __init__(self, year: int) -> None:
        self.year = year
        super().__init__(
            gettext(
                "No official holiday calendar is loaded for %(year)s: the State Council's holiday "
                "calendar for %(year)s must be loaded before working days in that year can be "
                "counted."
            )
            % {"year": year}
        )


class WorkingCalendar:
    """Statutory holidays and make-up working days for a known set of years.

    `holidays` and `workdays` map a date to its name (e.g. 春节, 春节调休); `years` lists the years
    whose official calendar is complete. Entries outside `years` are still honoured by
    `is_working_day_assuming_weekends`, but those years are not "covered".
    """

    __slots__ = ("_holidays", "_workdays", "_years")

    def __init__(
        self,
        *,
        holidays: Mapping[date, str],
        workdays: Mapping[date, str],
        years: Iterable[int],
    ) -> None:
        both = sorted(set(holidays) & set(workdays))
        if both:
            raise ValueError(
                gettext("%(date)s is listed both as a holiday and as a make-up working day.")
                % {"date": both[0].isoformat()}
            )
        self._holidays: dict[date, str] = dict(holidays)
        self._workdays: dict[date, str] = dict(workdays)
        self._years: frozenset[int] = frozenset(years)

    # -- construction ----------------------------------------------------------------------

    @classmethod
    def from_file(cls, path: str | Path | None = None) -> WorkingCalendar:
        """Load the JSON calendar (by default compliance/data/holidays_cn.json)."""
        with open(path or DEFAULT_PATH, encoding="utf-8") as handle:
            data = json.load(handle)
        holidays: dict[date, str] = {}
        workdays: dict[date, str] = {}
        years: set[int] = set()
        for year_key, entries in data["years"].items():
            year = int(year_key)
            years.add(year)
            for target, key in ((holidays, "holidays"), (workdays, "workdays")):
                for day_text, name in entries.get(key, []):
                    day = date.fromisoformat(day_text)
                    if day.year != year:
                        raise ValueError(
                            gettext("%(date)s is filed under the year %(year)s.")
                            % {"date": day_text, "year": year}
                        )
                    target[day] = name
        return cls(holidays=holidays, workdays=workdays, years=years)

    def with_overrides(
        self,
        *,
        holidays: Mapping[date, str] | None = None,
        workdays: Mapping[date, str] | None = None,
        years: Iterable[int] = (),
    ) -> WorkingCalendar:
        """A new calendar with extra entries on top of this one; an override wins for its date.

        A date may not be both an override holiday and an override working day. Pass `years`
        once the overrides hold a year's complete official calendar.
        """
        holidays = dict(holidays or {})
        workdays = dict(workdays or {})
        merged_holidays = {d: n for d, n in self._holidays.items() if d not in workdays}
        merged_workdays = {d: n for d, n in self._workdays.items() if d not in holidays}
        merged_holidays.update(holidays)
        merged_workdays.update(workdays)
        return WorkingCalendar(
            holidays=merged_holidays,
            workdays=merged_workdays,
            years=self._years | frozenset(years),
        )

    # -- queries ---------------------------------------------------------------------------

    @property
    def years(self) -> frozenset[int]:
        return self._years

    def covers(self, d: date) -> bool:
        """Whether the official calendar for d's year is loaded."""
        return d.year in self._years

    def holiday_name(self, d: date) -> str | None:
        """The name of the statutory holiday on d (e.g. 春节), or None."""
        return self._holidays.get(d)

    def is_working_day(self, d: date) -> bool:
        """Make-up working day → True; holiday → False; otherwise Monday to Friday.

        Raises CalendarGapError when d's year is not covered.
        """
        if not self.covers(d):
            raise CalendarGapError(d.year)
        return self.is_working_day_assuming_weekends(d)

    def is_working_day_assuming_weekends(self, d: date) -> bool:
        """Like is_working_day, but for an uncovered year only weekends count as rest days."""
        if d in self._workdays:
            return True
        if d in self._holidays:
            return False
        return d.weekday() < 5

    def __repr__(self) -> str:
        return (
            f"WorkingCalendar(years={sorted(self._years)}, holidays={len(self._holidays)}, "
            f"workdays={len(self._workdays)})"
        )


@functools.cache
def official_calendar() -> WorkingCalendar:
    """The bundled calendar, loaded once per process (merge the admin table with with_overrides)."""
    return WorkingCalendar.from_file()
