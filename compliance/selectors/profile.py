"""Reading the rule profile and the working-day calendar of the current federation."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property, lru_cache

from compliance.models import CalendarDay, RuleParameter
from compliance.rules.calendar import WorkingCalendar
from compliance.rules.deadlines import Deadline, Period, compute_deadline
from compliance.rules.deadlines import Unit as PeriodUnit
from compliance.rules.presets import NATIONAL, PRESETS, Key, Parameter, Unit


@dataclass(frozen=True)
class Profile:
    """The federation's parameters; a missing one (a parameter added after the profile was
    written) falls back to the preset the profile came from."""

    parameters: dict[str, Parameter]
    presets: dict[str, str] = field(default_factory=dict)  # key → the preset its row came from

    @cached_property
    def preset(self) -> str:
        """The preset most of the profile's rows came from (national for an empty profile)."""
        counts = Counter(p for p in self.presets.values() if p in PRESETS)
        return counts.most_common(1)[0][0] if counts else "national"

    def parameter(self, key: Key) -> Parameter:
        return self.parameters.get(key.value) or PRESETS[self.preset][key]

    def national_default(self, key: Key) -> bool:
        """Whether a province's preset left this number at the national rule, unedited."""
        preset = self.presets.get(key.value, self.preset)
        return preset != "national" and self.parameter(key) == NATIONAL[key]

    def period(self, key: Key) -> Period:
        p = self.parameter(key)
        return Period(int(p.value), PeriodUnit(p.unit.value))

    def fraction(self, key: Key) -> Fraction:
        return Fraction(self.parameter(key).value)

    def flag(self, key: Key) -> bool:
        return self.parameter(key).value.strip() == "1"

    def count(self, key: Key) -> int:
        return int(self.parameter(key).value)


def current_profile() -> Profile:
    rows = list(RuleParameter.objects.all())
    return Profile(
        {
            row.key: Parameter(row.value, Unit(row.unit), row.rule, row.source, row.basis)
            for row in rows
        },
        {row.key: row.preset for row in rows},
    )


@lru_cache(maxsize=1)
def _official_calendar() -> WorkingCalendar:
    return WorkingCalendar.from_file()


def working_calendar() -> WorkingCalendar:
    """The official calendar from the data file, plus the days administrators added."""
    holidays, workdays, years = {}, {}, set()
    for day in CalendarDay.objects.all():
        target = holidays if day.kind == CalendarDay.Kind.HOLIDAY else workdays
        target[day.date] = day.name
        if day.covers_year:
            years.add(day.date.year)
    calendar = _official_calendar()
    if not (holidays or workdays):
        return calendar
    return calendar.with_overrides(holidays=holidays, workdays=workdays, years=frozenset(years))


def deadline_for(*, key: Key, start, profile: Profile | None = None, calendar=None) -> Deadline:
    """The deadline that parameter `key` sets from `start`, naming its rule and legal source."""
    profile = profile or current_profile()
    parameter = profile.parameter(key)
    return compute_deadline(
        start=start,
        period=profile.period(key),
        calendar=calendar or working_calendar(),
        rule=parameter.rule,
        basis=parameter.basis,
        national_default=profile.national_default(key),
    )
