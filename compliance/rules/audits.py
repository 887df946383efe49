"""Performance checks of an effective contract (履约监督, seed 001; R31; regulations.md §7).

Schedule: the enterprise supervision group checks every quarter, the industry or system level
every half-year, the federation every year, and the chiefs report to the workers' congress at
least once a year (R31) — every frequency is a profile setting. A check's due days are the
effective date plus whole periods (the Civil Code's corresponding day), up to the contract's end.

Score: five dimensions — parties, procedure, content, performance, effect — each 0–100, weighted
(weights are the federation's, summing to 100) and compared with a pass line (80 by default,
"80 points or more" passes: inclusive).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _

from compliance.rules.deadlines import add_months

DIMENSIONS = ("parties", "procedure", "content", "performance", "effect")


def due_days(*, start: dt.date, end: dt.date, every_months: int) -> Iterator[dt.date]:
    """Due days start + k×period (k ≥ 1) on or before `end`."""
    if every_months <= 0:
        return
    k = 1
    while (day := add_months(start, k * every_months)) <= end:
        yield day
        k += 1


def weighted_score(*, scores: Mapping[str, int], weights: Mapping[str, int]) -> Decimal:
    """The weighted total (0–100, two decimals)."""
    problems = [d for d in DIMENSIONS if not 0 <= scores[d] <= 100]
    if problems:
        raise ValueError(
            _("Scores are between 0 and 100: %(dims)s.") % {"dims": ", ".join(problems)}
        )
    total_weight = sum(weights[d] for d in DIMENSIONS)
    if total_weight != 100:
        raise ValueError(
            _("The five weights must add up to 100, not %(total)s.") % {"total": total_weight}
        )
    total = sum(Decimal(scores[d]) * Decimal(weights[d]) for d in DIMENSIONS) / Decimal(100)
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def passes(*, total: Decimal, pass_line: int) -> bool:
    return total >= pass_line
