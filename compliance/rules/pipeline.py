"""The bargaining pipeline (DOMAIN.md §9, seed 003): the funnel from the unionised enterprises to
the published contracts, and its conversion rates.

Stages, in order (seed 003's figures: 716 unionised → 102 with 100+ employees → 51 with intent →
9 signed):

1. unionised — the enterprise has a union (已建会);
2. in scope — … and must bargain on its own: 100+ employees or a key enterprise (seed 000);
3. surveyed — … and the year's baseline survey (摸底调查) classified it;
4. intent — … and it intends to bargain that year (意向, 协商预报);
5. offered — a round of the enterprise with an offer (要约) that year;
6. signed — … signed by both chiefs that year;
7. filed — … submitted to the labour administration (送审), or effective;
8. published — … its contract published to the employees (公示).

An enterprise stands at the furthest stage it reached: a later stage implies the earlier ones
(an enterprise that signed had the intent, whether or not a clerk recorded it), except the two
gates, unionised and in scope, that an enterprise never passes by bargaining. So every stage
counts the enterprises at it or beyond, each stage is at most the one before, and the enterprises
"stuck" at a stage are those standing exactly there.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

STAGES = ("unionised", "in_scope", "surveyed", "intent", "offered", "signed", "filed", "published")
STAGE_LABELS = {
    "unionised": _("Unionised"),
    "in_scope": _("In scope (100+ employees or key)"),
    "surveyed": pgettext_lazy("pipeline stage", "Surveyed"),
    "intent": pgettext_lazy("pipeline stage", "Intent to bargain"),
    "offered": pgettext_lazy("pipeline stage", "Offered"),
    "signed": pgettext_lazy("pipeline stage", "Signed"),
    "filed": pgettext_lazy("pipeline stage", "Filed"),
    "published": pgettext_lazy("pipeline stage", "Published"),
}
# The network figure field that carries each stage's count (the first is Figures.unionised).
STAGE_FIELDS = {
    "unionised": "unionised",
    **{stage: f"funnel_{stage}" for stage in STAGES[1:]},
}
# Months ahead (the current month included) the forecast (协商预报) looks.
FORECAST_MONTHS = 3


@dataclass(frozen=True)
class Step:
    stage: str
    index: int
    count: int  # enterprises at this stage or beyond
    stuck: int  # … at this stage and not the next
    rate: Decimal | None  # count as a share of the previous stage's, in percent

    @property
    def label(self) -> str:
        return str(STAGE_LABELS[self.stage])


def percent(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    value = Decimal(numerator * 100) / Decimal(denominator)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def funnel_steps(counts: dict[str, int]) -> tuple[Step, ...]:
    """The funnel from each stage's count (enterprises at the stage or beyond)."""
    values = [int(counts.get(stage, 0)) for stage in STAGES]
    steps = []
    for index, stage in enumerate(STAGES):
        following = values[index + 1] if index + 1 < len(values) else 0
        steps.append(
            Step(
                stage=stage,
                index=index,
                count=values[index],
                stuck=values[index] - following,
                rate=None if index == 0 else percent(values[index], values[index - 1]),
            )
        )
    return tuple(steps)


def forecast_months(
    *, year: int, month: int, months: int = FORECAST_MONTHS
) -> list[tuple[int, int]]:
    """(year, month) of the `months` months starting with year-month."""
    out = []
    for offset in range(months):
        index = year * 12 + month - 1 + offset
        out.append((index // 12, index % 12 + 1))
    return out
