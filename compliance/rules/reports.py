"""Upward reports (上报, issue 16 item 5; DOMAIN.md §7): what a federation owes its parent, when,
and what its report holds.

- A parent chooses which kinds of report its children owe: monthly, quarterly, yearly. A period
  is named by its last day; a report is owed once its period has ended and is due a number of
  days after that end (10 unless the parent says otherwise). Not submitted by the end of the due
  day (a deadline ends at 24:00): late.
- A report holds one line per base count and one per indicator (rules/figures.py INDICATORS), each
  a numerator, for rates a denominator, and a note. Its figures are the federation's own on the
  period's last day, flows counted over the period's kind (month, quarter, year), plus the sum of
  its own children's accepted reports for the same period ("an accepted report's figures are what
  the parent's own report for the period sums"). Lines of the same key sum: they are counts.
- The state machine: draft → submitted; submitted → returned (with the parent's comment) or
  accepted; returned → submitted. Nothing leaves accepted. A transition not listed is refused.
"""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from compliance.rules.figures import INDICATORS, Figures, Ratio

KINDS = ("monthly", "quarterly", "yearly")
KIND_LABELS = {
    "monthly": _("Monthly"),
    "quarterly": _("Quarterly"),
    "yearly": _("Yearly"),
}
# The flows' period of each kind (rules/figures.py PERIODS).
KIND_PERIOD = {"monthly": "month", "quarterly": "quarter", "yearly": "year"}
DEFAULT_DUE_DAYS = 10

DRAFT, SUBMITTED, RETURNED, ACCEPTED = "draft", "submitted", "returned", "accepted"
TRANSITIONS = {
    "submit": ({DRAFT, RETURNED}, SUBMITTED),
    "return": ({SUBMITTED}, RETURNED),
    "accept": ({SUBMITTED}, ACCEPTED),
}


def transition(*, status: str, action: str) -> str | None:
    """The status `action` leads to from `status`, or None when it is not allowed."""
    allowed, target = TRANSITIONS[action]
    return target if status in allowed else None


def period_start_of(*, kind: str, period_end: dt.date) -> dt.date:
    if kind == "monthly":
        return period_end.replace(day=1)
    if kind == "quarterly":
        return dt.date(period_end.year, (period_end.month - 1) // 3 * 3 + 1, 1)
    if kind == "yearly":
        return dt.date(period_end.year, 1, 1)
    raise ValueError(f"unknown kind {kind!r}")


def period_end_of(*, kind: str, day: dt.date) -> dt.date:
    """The last day of the period of `kind` that holds `day`."""
    if kind == "monthly":
        return day.replace(day=monthrange(day.year, day.month)[1])
    if kind == "quarterly":
        month = (day.month - 1) // 3 * 3 + 3
        return dt.date(day.year, month, monthrange(day.year, month)[1])
    if kind == "yearly":
        return dt.date(day.year, 12, 31)
    raise ValueError(f"unknown kind {kind!r}")


def is_period_end(*, kind: str, day: dt.date) -> bool:
    return period_end_of(kind=kind, day=day) == day


def periods_owed(*, kind: str, starts_on: dt.date, today: dt.date, limit: int) -> list[dt.date]:
    """The last days of the periods of `kind` that have ended before `today` and end on or after
    `starts_on`, newest first, at most `limit` of them."""
    out: list[dt.date] = []
    end = period_end_of(kind=kind, day=today)
    while len(out) < limit:
        end = period_start_of(kind=kind, period_end=end) - dt.timedelta(days=1)
        if end < starts_on:
            break
        out.append(end)
    return out


def due_on(*, period_end: dt.date, due_days: int) -> dt.date:
    return period_end + dt.timedelta(days=due_days)


def is_late(*, due: dt.date, submitted_on: dt.date | None, today: dt.date) -> bool:
    """Late: submitted after the due day, or not submitted and the due day has passed."""
    if submitted_on is not None:
        return submitted_on > due
    return today > due


def period_label(*, kind: str, period_end: dt.date) -> str:
    """2026-11, 2026 Q4, 2026: the same in both languages."""
    if kind == "monthly":
        return f"{period_end.year}-{period_end.month:02d}"
    if kind == "quarterly":
        return f"{period_end.year} Q{(period_end.month - 1) // 3 + 1}"
    return str(period_end.year)


@dataclass(frozen=True)
class LineSpec:
    key: str
    label: str
    rate: bool  # a numerator over a denominator; else a count alone


# The base counts, then the indicators. A line's key is stable: submitted lines keep it.
BASE_LINES: tuple[LineSpec, ...] = (
    LineSpec("enterprises", _("Enterprises in the ledger"), False),
    LineSpec("unionised", _("Enterprises with a union"), False),
    LineSpec("unionised_covered", _("Unionised enterprises covered by a contract"), False),
    LineSpec("employees_covered", _("Employees covered by a contract"), False),
    LineSpec("key_enterprises", _("Key enterprises in the ledger"), False),
    LineSpec("in_force", _("Contracts in force"), False),
    LineSpec("expired", _("Contracts expired in the period"), False),
    LineSpec("renewed", _("… of which renewed"), False),
    LineSpec("signed", _("Contracts signed in the period that owe a submission"), False),
    LineSpec("instructor_count", _("Active instructors"), False),
)
INDICATOR_LINES: tuple[LineSpec, ...] = tuple(
    LineSpec(indicator.key, indicator.label, True) for indicator in INDICATORS
)
LINES: tuple[LineSpec, ...] = BASE_LINES + INDICATOR_LINES
LINE_BY_KEY = {line.key: line for line in LINES}
# Base lines whose Figures field has another name (the indicator "instructors" has that key).
_FIELDS = {"instructor_count": "instructors"}

Line = tuple[int, int | None]  # numerator, denominator (None for a count)


def lines_from_figures(*, segments: Mapping[tuple[str, str], Figures], kind: str) -> dict:
    """{key: (numerator, denominator)} of every line, from a {(dimension, segment): Figures}."""
    period = KIND_PERIOD[kind]
    everything = segments.get(("all", ""), Figures())
    out: dict[str, Line] = {}
    for line in BASE_LINES:
        if line.key in ("expired", "renewed", "signed"):
            out[line.key] = (getattr(everything, f"{line.key}_{period}"), None)
        else:
            out[line.key] = (getattr(everything, _FIELDS.get(line.key, line.key)), None)
    for indicator in INDICATORS:
        ratio = indicator.ratio(segments, period)
        out[indicator.key] = (ratio.numerator, ratio.denominator)
    return out


def lines_sum(items: Iterable[Mapping[str, Line]]) -> dict:
    """Lines of the same key summed, numerators with numerators, denominators with denominators
    (DOMAIN.md §7: rates are summed, never averaged). Keys unknown to LINES are dropped."""
    total: dict[str, list] = {line.key: [0, 0 if line.rate else None] for line in LINES}
    for lines in items:
        for key, (numerator, denominator) in lines.items():
            if key not in total:
                continue
            total[key][0] += numerator
            if total[key][1] is not None:
                total[key][1] += denominator or 0
    return {key: (value[0], value[1]) for key, value in total.items()}


def rate_percent(numerator: int, denominator: int | None):
    """The rate in percent to one decimal, None without a denominator."""
    if denominator is None:
        return None
    return Ratio(numerator, denominator).percent
