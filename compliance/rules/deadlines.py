"""Statutory deadlines: counting a period from a start date on the working-day calendar.

Counting follows 民法典 Arts 201–203 (regulations.md §9, "Day counting"; shared/DOMAIN.md §3):

- Art. 201: the start day is not counted. "20 days from 2 March" ends on 22 March; one calendar
  day from a Monday is the Tuesday.
- Art. 202: a period in months ends on the corresponding day of the final month; when that month
  has no such day (31 January + 1 month) it ends on the month's last day (28 February).
- Art. 203: when the last day of a calendar-day or month period is a statutory holiday or a rest
  day, the deadline moves to the next working day. A deadline ends at 24:00 of its last day, so a
  deadline due today is not yet overdue.
- Working-day periods (e.g. R1 Zhejiang: 10 working days) end on the n-th working day after the
  start: weekends and statutory holidays are skipped, make-up working days (调休) count. They
  never need moving.

Every deadline records the rule (R-number) and legal source that produced it, e.g. R1 《集体合同
规定》 Art. 32 (20 calendar days), R16 Art. 42 (10 days), R20 Art. 45 (15 days), R43 浙江监督条例
Art. 22 (15 working days). When a date needed lies in a year whose official calendar is not
loaded, the deadline is still computed with weekends as the only rest days and marked
provisional, so that the user is warned instead of shown an error.
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Literal

from django.utils.translation import gettext, ngettext, pgettext

from compliance.rules.calendar import WorkingCalendar

ONE_DAY = timedelta(days=1)


class Unit(StrEnum):
    CALENDAR_DAYS = "calendar_days"
    WORKING_DAYS = "working_days"
    MONTHS = "months"


@dataclass(frozen=True)
class Period:
    amount: int
    unit: Unit

    def __post_init__(self) -> None:
        if isinstance(self.amount, bool) or not isinstance(self.amount, int) or self.amount < 0:
            raise ValueError(
                gettext("A period must be a whole number of days or months, not %(amount)r.")
                % {"amount": self.amount}
            )
        # Accept the stored string value ("working_days") as well as the member.
        object.__setattr__(self, "unit", Unit(self.unit))

    def describe(self) -> str:
        """E.g. "20 calendar days", "10 working days", "3 months" (translated)."""
        if self.unit is Unit.CALENDAR_DAYS:
            text = ngettext("%(n)d calendar day", "%(n)d calendar days", self.amount)
        elif self.unit is Unit.WORKING_DAYS:
            text = ngettext("%(n)d working day", "%(n)d working days", self.amount)
        else:
            text = ngettext("%(n)d month", "%(n)d months", self.amount)
        return text % {"n": self.amount}


@dataclass(frozen=True)
class Deadline:
    start: date
    due: date
    period: Period
    rule: str  # the internal rule id (regulations.md), never printed
    basis: str  # the legal basis the federation prints ("" where no statute sets the number)
    rolled_from: date | None = None
    provisional: bool = False
    # Name of the statutory holiday the raw last day fell on ("" for an ordinary rest day).
    rolled_over_holiday: str = ""

    # The profile's number is the national rule's, in a federation whose preset is a province's
    # that has no number of its own for it.
    national_default: bool = False

    def _values(self) -> dict[str, str]:
        return {
            "due": self.due.isoformat(),
            "period": self.period.describe(),
            "start": self.start.isoformat(),
            "basis": self.basis,
        }

    def explanation(self) -> str:
        """One translated sentence saying how the due date was reached and on what legal basis
        (the text the federation prints, never a rule id or a research note)."""
        values = self._values()
        if self.period.unit is Unit.WORKING_DAYS:
            text = gettext(
                "Due %(due)s: %(period)s after %(start)s (start day not counted; weekends and "
                "statutory holidays skipped, make-up working days counted)"
            )
        elif self.period.unit is Unit.MONTHS:
            text = gettext(
                "Due %(due)s: %(period)s from %(start)s (ending on the corresponding day of the "
                "final month)"
            )
        else:
            text = gettext("Due %(due)s: %(period)s from %(start)s (start day not counted)")
        return self._sentence(text % values)

    def minimum_explanation(self) -> str:
        """The same for a minimum period (a posting of at least 15 days, R24): the last day it
        must still run on, rather than a day something is due by."""
        return self._sentence(
            gettext("Runs at least %(period)s from %(start)s, through %(due)s") % self._values()
        )

    def _sentence(self, head: str) -> str:
        values = self._values()
        parts = [head]
        if not self.basis:
            parts.append(
                gettext("no statute fixes this number: it is set in the federation's rule profile")
            )
        elif self.national_default:
            parts.append(
                gettext("under %(basis)s, the national rule (no provincial rule sets this number)")
                % values
            )
        else:
            parts.append(gettext("under %(basis)s") % values)
        if self.rolled_from is not None:
            raw = {"raw": self.rolled_from.isoformat(), "holiday": self.rolled_over_holiday}
            if self.rolled_over_holiday:
                parts.append(
                    gettext(
                        "the last day, %(raw)s, fell on a statutory holiday (%(holiday)s) and "
                        "moves to the next working day"
                    )
                    % raw
                )
            else:
                parts.append(
                    gettext(
                        "the last day, %(raw)s, fell on a rest day and moves to the next "
                        "working day"
                    )
                    % raw
                )
        if self.provisional:
            parts.append(
                gettext(
                    "provisional: the official holiday calendar for part of this period is not "
                    "loaded, so only weekends were treated as rest days; check again once it is"
                )
            )
        return pgettext("list separator", "; ").join(parts) + pgettext("sentence end", ".")


def add_months(d: date, months: int) -> date:
    """The corresponding day `months` later (or earlier, if negative); the month's last day when
    that month has no such day (民法典 Art. 202)."""
    index = d.year * 12 + (d.month - 1) + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(d.day, monthrange(year, month)[1]))


class _Counter:
    """Asks the calendar about days, falling back to weekends-only outside the covered years."""

    def __init__(self, calendar: WorkingCalendar) -> None:
        self.calendar = calendar
        self.provisional = False

    def is_working_day(self, d: date) -> bool:
        if not self.calendar.covers(d):
            self.provisional = True
        return self.calendar.is_working_day_assuming_weekends(d)


def compute_deadline(
    *,
    start: date,
    period: Period,
    calendar: WorkingCalendar,
    rule: str,
    basis: str,
    national_default: bool = False,
) -> Deadline:
    """The deadline `period` after `start` under 民法典 Arts 201–203 (see the module docstring)."""
    counter = _Counter(calendar)
    if period.unit is Unit.WORKING_DAYS:
        due = start
        counted = 0
        while counted < period.amount:
            due += ONE_DAY
            if counter.is_working_day(due):
                counted += 1
        return Deadline(
            start=start,
            due=due,
            period=period,
            rule=rule,
            basis=basis,
            national_default=national_default,
            provisional=counter.provisional,
        )

    if period.unit is Unit.MONTHS:
        raw = add_months(start, period.amount)
    else:
        raw = start + timedelta(days=period.amount)
    due = raw
    while not counter.is_working_day(due):
        due += ONE_DAY
    rolled = due != raw
    return Deadline(
        start=start,
        due=due,
        period=period,
        rule=rule,
        basis=basis,
        national_default=national_default,
        rolled_from=raw if rolled else None,
        provisional=counter.provisional,
        rolled_over_holiday=(calendar.holiday_name(raw) or "") if rolled else "",
    )


def days_remaining(*, deadline: Deadline, today: date) -> int:
    """Days left until the due date: 0 when due today, negative when overdue."""
    return (deadline.due - today).days


def status(
    *, deadline: Deadline, today: date, soon_days: int = 7
) -> Literal["overdue", "due_soon", "open"]:
    """overdue after the due date; due_soon from `soon_days` before it up to and including the due
    date itself (it ends at 24:00); open before that."""
    remaining = days_remaining(deadline=deadline, today=today)
    if remaining < 0:
        return "overdue"
    if remaining <= soon_days:
        return "due_soon"
    return "open"
