"""Wage highlights (工资集体协商情况, issue 19 item 4): the spread of the wage increases agreed in
wage contracts (工资专项集体合同), summed over segments and federations.

Medians cannot be summed, so what crosses federations is a histogram of the agreed increases:
the increase in hundredths of a percent (the contract's own precision, so no value is rounded)
mapped to how many contracts agreed it. Merging two histograms adds their counts; the median,
quartiles, minimum and maximum of the merged histogram are exactly those of all the contracts
together. Quartiles are interpolated between ranks like Excel's QUARTILE.INC (and numpy's
default), so a reader can check a figure against the downloaded workbook.

A quarter's figures count the wage contracts signed in the quarter and those signed from
1 January to the quarter's end; the quarterly task computes the quarter that has just ended.
The seed 004 target (yearly wage growth of 8–12 %) is the reference band the page draws.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

# Seed 004: 在岗职工年工资收入增长率达到8-12%.
GUIDELINE_BAND = (Decimal("8"), Decimal("12"))
HUNDREDTH = Decimal("0.01")


def increase_key(value: Decimal) -> str:
    """The histogram key of an increase: 3.5 % -> "350"."""
    return str(int((value / HUNDREDTH).to_integral_value()))


def key_value(key: str) -> Decimal:
    return (Decimal(int(key)) * HUNDREDTH).quantize(HUNDREDTH)


def merge(histograms: Iterable[Mapping[str, int]]) -> dict[str, int]:
    """The histogram of all the contracts the given histograms count."""
    merged: dict[str, int] = {}
    for histogram in histograms:
        for key, count in histogram.items():
            merged[key] = merged.get(key, 0) + int(count)
    return merged


@dataclass(frozen=True)
class Spread:
    """The agreed increases of `count` contracts (percent, two decimals)."""

    count: int
    minimum: Decimal | None = None
    lower_quartile: Decimal | None = None
    median: Decimal | None = None
    upper_quartile: Decimal | None = None
    maximum: Decimal | None = None

    @property
    def empty(self) -> bool:
        return self.count == 0


def _at(sorted_counts: list[tuple[Decimal, int]], rank: int) -> Decimal:
    """The value at 0-based `rank` of the expanded, sorted list."""
    seen = 0
    for value, count in sorted_counts:
        seen += count
        if rank < seen:
            return value
    raise IndexError(rank)


def quantile(sorted_counts: list[tuple[Decimal, int]], total: int, q: Decimal) -> Decimal:
    position = (total - 1) * q
    lower = int(position)
    fraction = position - lower
    low = _at(sorted_counts, lower)
    if fraction == 0:
        return low
    high = _at(sorted_counts, lower + 1)
    return (low + (high - low) * fraction).quantize(HUNDREDTH, rounding=ROUND_HALF_UP)


def spread(histogram: Mapping[str, int]) -> Spread:
    """Minimum, quartiles, median and maximum of a histogram of increases."""
    counts = sorted((key_value(key), int(n)) for key, n in histogram.items() if int(n) > 0)
    total = sum(n for _value, n in counts)
    if not total:
        return Spread(count=0)
    return Spread(
        count=total,
        minimum=counts[0][0],
        lower_quartile=quantile(counts, total, Decimal("0.25")),
        median=quantile(counts, total, Decimal("0.5")),
        upper_quartile=quantile(counts, total, Decimal("0.75")),
        maximum=counts[-1][0],
    )


def quarter_bounds(year: int, quarter: int) -> tuple[dt.date, dt.date]:
    """The first and last day of a calendar quarter."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"no quarter {quarter}")
    first = dt.date(year, 3 * quarter - 2, 1)
    last = (
        dt.date(year, 12, 31)
        if quarter == 4
        else dt.date(year, 3 * quarter + 1, 1) - dt.timedelta(days=1)
    )
    return first, last


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1


def previous_quarter(day: dt.date) -> tuple[int, int]:
    """The last quarter that ended before `day`: what the quarterly task computes."""
    year, quarter = quarter_of(day)
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


def quarters_offered(*, today: dt.date) -> list[tuple[int, int]]:
    """The quarters an administrator may (re)generate: those of the current and previous year up
    to the current one (running to date), newest first."""
    year, quarter = quarter_of(today)
    out = [(year, q) for q in range(quarter, 0, -1)]
    return out + [(year - 1, q) for q in range(4, 0, -1)]


def quarter_problem(year: int, quarter: int, *, today: dt.date) -> str | None:
    if (year, quarter) not in quarters_offered(today=today):
        return _(
            "Wage figures are generated for the quarters of this year and the last, up to the"
            " current one."
        )
    return None
