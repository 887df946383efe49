"""The public notice (公示) of an award's shortlist: how long it must stay up.

R40 (平顶山 2019, 阜宁 2018 评选公示): nominees for an award are publicly notified for at least
five working days. The number and its unit come from the federation's rule profile
(`award_notice`, national preset: 5 working days), so a federation may ask for more.

- The notice period runs from its first day to its last day, both included: a notice from
  Monday to Friday of an ordinary week is up for five working days.
- Working days are those of the State Council calendar with the federation's own additions
  (compliance.rules.calendar): weekends and statutory holidays do not count, make-up working
  days do. A period that reaches into a year whose holiday calendar is not loaded cannot be
  counted and is refused, naming the year: a notice too short by a forgotten holiday would be
  void, so the count is never guessed.
- A period in calendar days counts every day; in months, it must reach the corresponding day
  (民法典 Art. 202) less one, as the start day is included.
- A notice is published forward: it starts no earlier than the day it is published, and no
  earlier than the date its eligibility check was made (the shortlist it shows). A notice whose
  days are already past would tell nobody in time to object.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from compliance.rules.calendar import CalendarGapError, WorkingCalendar
from compliance.rules.deadlines import Period, Unit, add_months

ONE_DAY = timedelta(days=1)
MAX_SEARCH_DAYS = 400


@dataclass(frozen=True)
class NoticeCheck:
    days: int  # days counted in the period, in the period's unit (months: calendar days)
    earliest_end: date  # the first last day that would make the period long enough
    problem: str  # empty when the period is long enough


def _working_days(*, starts_on: date, ends_on: date, calendar: WorkingCalendar) -> int:
    count, day = 0, starts_on
    while day <= ends_on:
        if calendar.is_working_day(day):  # raises CalendarGapError for an unloaded year
            count += 1
        day += ONE_DAY
    return count


def earliest_end(*, starts_on: date, period: Period, calendar: WorkingCalendar) -> date:
    """The earliest last day of a notice starting on `starts_on` that lasts `period`."""
    if period.unit is Unit.CALENDAR_DAYS:
        return starts_on + timedelta(days=max(period.amount, 1) - 1)
    if period.unit is Unit.MONTHS:
        return add_months(starts_on, period.amount) - ONE_DAY
    counted, day = 0, starts_on - ONE_DAY
    for _step in range(MAX_SEARCH_DAYS):
        day += ONE_DAY
        if calendar.is_working_day(day):
            counted += 1
            if counted >= period.amount:
                return day
    raise ValueError(period)


def notice_check(
    *, starts_on: date, ends_on: date, period: Period, calendar: WorkingCalendar
) -> NoticeCheck:
    """Whether a notice from `starts_on` to `ends_on` (inclusive) is long enough.

    A period reaching into a year without a loaded calendar gives a problem naming the year."""
    values = {"start": starts_on.isoformat(), "period": period.describe()}
    if ends_on < starts_on:
        return NoticeCheck(
            0,
            starts_on,
            _("The notice cannot end before it starts (%(start)s).") % values,
        )
    try:
        end = earliest_end(starts_on=starts_on, period=period, calendar=calendar)
        if period.unit is Unit.WORKING_DAYS:
            days = _working_days(starts_on=starts_on, ends_on=ends_on, calendar=calendar)
        else:
            days = (ends_on - starts_on).days + 1
    except CalendarGapError as gap:
        return NoticeCheck(
            0,
            starts_on,
            _(
                "The holiday calendar for %(year)s is not loaded, so the working days of this "
                "notice cannot be counted. Add that year's holidays and make-up working days "
                "under Holiday calendar, then publish again."
            )
            % {"year": gap.year},
        )
    if ends_on >= end:
        return NoticeCheck(days, end, "")
    values["end"] = end.isoformat()
    if period.unit is Unit.WORKING_DAYS:
        counted = ngettext(
            "This period has %(n)d working day.", "This period has %(n)d working days.", days
        ) % {"n": days}
    else:
        counted = ngettext("This period has %(n)d day.", "This period has %(n)d days.", days) % {
            "n": days
        }
    rule = (
        _(
            "A public notice must stay up for at least %(period)s; starting on %(start)s "
            "it may end on %(end)s at the earliest."
        )
        % values
    )
    return NoticeCheck(days, end, f"{counted} {rule}")


def notice_dates_problem(*, starts_on: date, today: date, checked_on: date) -> str:
    """Why a notice published (or moved) `today` may not start on `starts_on`, or ""."""
    if starts_on < checked_on:
        return _(
            "The notice cannot start before its eligibility check's date (%(checked)s): it "
            "shows that check's shortlist."
        ) % {"checked": checked_on.isoformat()}
    if starts_on < today:
        return _(
            "The notice cannot start in the past (before %(today)s): its days would be over "
            "before anyone could see it and object."
        ) % {"today": today.isoformat()}
    return ""
