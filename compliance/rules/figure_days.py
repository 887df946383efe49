"""Which days the statistics pages answer for, and the one-click periods they offer (issue 16,
item 1): any day of the current and the previous calendar year up to today; "last month", "last
quarter", "last year" and "this year" set the day to the period's last day (today for the period
still running) and the period kind to match (compliance.rules.figures.PERIODS). Month ends of a
year are the days a chart of the year reads from the network channel."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


def earliest_day(*, today: dt.date) -> dt.date:
    """The first day the pages answer for: 1 January of the previous year."""
    return dt.date(today.year - 1, 1, 1)


def day_problem(day: dt.date, *, today: dt.date) -> str | None:
    """What is wrong with asking for `day`, or None."""
    if day > today:
        return str(_("Figures exist up to today: choose today or an earlier day."))
    if day < earliest_day(today=today):
        return str(
            _("Figures are shown for the current and the previous year: choose a day from %(day)s.")
            % {"day": earliest_day(today=today).isoformat()}
        )
    return None


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def month_ends(*, year: int) -> list[dt.date]:
    """The last day of each month of `year`."""
    return [month_end(year, month) for month in range(1, 13)]


@dataclass(frozen=True)
class QuickPeriod:
    key: str
    label: object
    day: dt.date
    period: str


def quick_periods(*, today: dt.date) -> tuple[QuickPeriod, ...]:
    """The one-click choices: each a day and a period kind."""
    first_of_month = today.replace(day=1)
    last_month_end = first_of_month - dt.timedelta(days=1)
    quarter_start = dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    last_quarter_end = quarter_start - dt.timedelta(days=1)
    return (
        QuickPeriod("this_month", _("This month"), today, "month"),
        QuickPeriod("last_month", _("Last month"), last_month_end, "month"),
        QuickPeriod("last_quarter", _("Last quarter"), last_quarter_end, "quarter"),
        QuickPeriod("this_year", _("This year"), today, "year"),
        QuickPeriod("last_year", _("Last year"), dt.date(today.year - 1, 12, 31), "year"),
        QuickPeriod("r12", _("Last twelve months"), today, "r12"),
    )
