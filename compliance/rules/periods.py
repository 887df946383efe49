"""Judging the periods of the procedure against what was done (R6, R7, R10, R24, R33).

The deadline engine (rules/deadlines.py) says when a period ends; this module says whether the
act it asks for came in time, is still open, or is overdue, and for the minimum periods (a
notice-board posting of at least 15 days, R24) whether it was cut short. Pure functions of dates:
the selectors read the records and the profile, the templates print the result.

- R6: the representatives are published before bargaining: within the profile's period after
  they were chosen (山东 5 days, 河南 3 working days) and, in any case, no later than the day of the
  first meeting. A profile value of 0 keeps only the second limit (北京 Art. 11 sets no number).
  The same day as the first meeting counts as before it: the portal records days, not hours, and
  does not report a breach it cannot prove.
- R7: a vacant seat is filled within 15 days of the day it fell vacant.
- R10: bargaining ends (the workers' congress passes the draft) within the profile's period after
  the offer was accepted, where a province caps it (山东 wage 60 days, 河南 wage 2 months); a
  suspension lasts no longer than the profile allows (北京 60 days, 重庆 30 days).
- R24: a posting stays up for at least 15 days from the day it was put up.
- R33: the coordination of a dispute ends within 30 days of its acceptance (重庆 60), extendable
  once by up to 15 days (重庆 30) counted from the end of the first period.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from compliance.rules.deadlines import Period, Unit


class State(StrEnum):
    MET = "met"  # done on or before the due day
    LATE = "late"  # done, after the due day
    OPEN = "open"  # not done, due later than the warning horizon
    DUE_SOON = "due_soon"  # not done, due within the horizon (the due day included)
    OVERDUE = "overdue"  # not done, the due day has passed
    CUT_SHORT = "cut_short"  # a minimum period (R24) ended before its last day


def judge(*, due: date, done_on: date | None, today: date, soon_days: int = 7) -> State:
    """Whether an act due on `due` came in time (a deadline ends at 24:00 of its last day)."""
    if done_on is not None:
        return State.MET if done_on <= due else State.LATE
    if today > due:
        return State.OVERDUE
    if (due - today).days <= soon_days:
        return State.DUE_SOON
    return State.OPEN


def judge_minimum(*, last_day: date, ended_on: date | None) -> State:
    """A minimum period (R24): met once it ran through `last_day`; cut short if it ended before.
    Still running (no end recorded) is open."""
    if ended_on is None:
        return State.OPEN
    return State.MET if ended_on >= last_day else State.CUT_SHORT


def earliest_of(*days: date | None) -> date | None:
    """The earliest of the limits that apply (None where none does)."""
    known = [d for d in days if d is not None]
    return min(known) if known else None


def shortest_days(period: Period) -> int:
    """The fewest calendar days `period` can span: a lower bound that lets a query pick the
    records whose deadline may fall before a day without computing every deadline (working days
    and holiday roll-overs only lengthen a period; a month has at least 28 days)."""
    if period.unit is Unit.MONTHS:
        return 28 * period.amount
    return period.amount


def longest_days(period: Period) -> int:
    """The most calendar days `period` can span: a working day is at most the next but one after
    a weekend, every month has at most 31 days, and a last day that falls in the longest run of
    holidays (Spring Festival, eight days with the weekend) moves past it."""
    if period.unit is Unit.MONTHS:
        days = 31 * period.amount
    elif period.unit is Unit.WORKING_DAYS:
        days = 7 * period.amount // 5 + 2 + 9 * (period.amount // 5 + 1)
    else:
        days = period.amount
    return days + 10


def latest_start(*, horizon: date, period: Period) -> date:
    """Records started after this day cannot have a deadline on or before `horizon`."""
    return horizon - timedelta(days=shortest_days(period))
