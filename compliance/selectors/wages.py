"""Wage highlights (工资集体协商情况, issue 19 item 4).

`wage_figures_compute` counts the current federation's own wage contracts for a quarter (one
query, in its schema); `compliance.services.wages` stores the result in the shared schema
(tenants.WageFigure). Everything else reads only those stored rows: `wage_highlights` merges a
federation's and its whole subtree's rows (compliance.rules.wages: histograms add, medians do
not), so a parent's page never reads a child's schema. Three queries whatever the subtree's size
or the number of contracts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Max

from compliance.models import Contract, Kind
from compliance.rules.wages import Spread, increase_key, merge, quarter_bounds, spread
from compliance.selectors.network import DESCENDANTS
from compliance.selectors.presentation import segment_label
from tenants.models import Federation, WageFigure, WageGeneration

DIMENSIONS = ("all", "industry", "ownership", "region")
PERIODS = ("quarter", "year")
# The figures an editor can insert in a report (cms_pages' live-figure block).
FIGURES = (
    "contracts",
    "employees_covered",
    "median",
    "lower_quartile",
    "upper_quartile",
    "minimum",
    "maximum",
)


@dataclass
class Counts:
    contracts: int = 0
    employees_covered: int = 0
    increases: dict[str, int] = field(default_factory=dict)


def wage_figures_compute(*, year: int, quarter: int) -> dict[tuple[str, str, str], Counts]:
    """The current federation's wage contracts signed in the quarter ("quarter") and from
    1 January to the quarter's end ("year"), by (period, dimension, segment). A contract counts
    in its own enterprise's segments (a regional contract in its lead enterprise's), as the
    network figures do; drafts are not signed."""
    first, last = quarter_bounds(year, quarter)
    rows = (
        Contract.objects.filter(
            kind=Kind.WAGES,
            signed_on__gte=dt.date(year, 1, 1),
            signed_on__lte=last,
        )
        .exclude(status=Contract.Status.DRAFT)
        .values_list(
            "signed_on",
            "covered_employees",
            "wage_growth_pct",
            "enterprise__industry",
            "enterprise__ownership",
            "enterprise__region_code",
        )
    )
    out: dict[tuple[str, str, str], Counts] = {}
    for period in PERIODS:
        out[(period, "all", "")] = Counts()
    for signed_on, employees, growth, industry, ownership, region in rows.iterator():
        periods = ("quarter", "year") if signed_on >= first else ("year",)
        segments = (
            ("all", ""),
            ("industry", industry or ""),
            ("ownership", ownership or ""),
            ("region", region or ""),
        )
        for period in periods:
            for dimension, segment in segments:
                counts = out.setdefault((period, dimension, segment), Counts())
                counts.contracts += 1
                counts.employees_covered += employees or 0
                if growth is not None:
                    key = increase_key(growth)
                    counts.increases[key] = counts.increases.get(key, 0) + 1
    return out


@dataclass(frozen=True)
class SegmentRow:
    dimension: str
    segment: str
    label: str
    contracts: int
    employees_covered: int
    increases: dict[str, int]
    spread: Spread

    def value(self, figure: str) -> int | Decimal | None:
        if figure in ("contracts", "employees_covered"):
            return getattr(self, figure)
        return getattr(self.spread, figure)


@dataclass(frozen=True)
class PeriodFigures:
    period: str
    total: SegmentRow
    by_dimension: dict[str, list[SegmentRow]]


@dataclass(frozen=True)
class Highlights:
    """A federation's (and its subtree's) stored wage figures for one quarter."""

    federation: Federation
    year: int
    quarter: int
    first_day: dt.date
    last_day: dt.date
    generated_at: dt.datetime | None  # the latest generation in the subtree; None: never
    federations: int  # the federation and every federation beneath it
    published: int  # how many of them have figures for the quarter
    periods: dict[str, PeriodFigures]

    @property
    def generated(self) -> bool:
        return self.generated_at is not None

    def row(self, *, period: str, dimension: str, segment: str) -> SegmentRow | None:
        figures = self.periods[period]
        if dimension == "all":
            return figures.total
        for row in figures.by_dimension.get(dimension, []):
            if row.segment == segment:
                return row
        return None


def subtree_ids(federation: Federation) -> list[int]:
    """The federation and every federation beneath it (one query)."""
    with connection.cursor() as cursor:
        cursor.execute(f"{DESCENDANTS} SELECT id FROM tree", {"me": federation.pk})  # noqa: S608
        return [federation.pk, *(row[0] for row in cursor.fetchall())]


def _row(dimension: str, segment: str, rows: list[WageFigure]) -> SegmentRow:
    increases = merge(row.increases for row in rows)
    return SegmentRow(
        dimension=dimension,
        segment=segment,
        label=segment_label(dimension, segment),
        contracts=sum(row.contracts for row in rows),
        employees_covered=sum(row.employees_covered for row in rows),
        increases=increases,
        spread=spread(increases),
    )


def wage_highlights(*, federation: Federation, year: int, quarter: int) -> Highlights:
    """The quarter's stored figures of `federation` and its subtree, merged (three queries)."""
    ids = subtree_ids(federation)
    rows = list(
        WageFigure.objects.filter(federation_id__in=ids, year=year, quarter=quarter).only(
            "federation_id",
            "period",
            "dimension",
            "segment",
            "contracts",
            "employees_covered",
            "increases",
            "generated_at",
        )
    )
    grouped: dict[tuple[str, str, str], list[WageFigure]] = {}
    for row in rows:
        grouped.setdefault((row.period, row.dimension, row.segment), []).append(row)
    periods = {}
    for period in PERIODS:
        by_dimension: dict[str, list[SegmentRow]] = {}
        for dimension in DIMENSIONS[1:]:
            segments = sorted(
                segment for (p, d, segment) in grouped if p == period and d == dimension
            )
            by_dimension[dimension] = sorted(
                (_row(dimension, s, grouped[(period, dimension, s)]) for s in segments),
                key=lambda r: (-r.contracts, r.segment),
            )
        periods[period] = PeriodFigures(
            period=period,
            total=_row("all", "", grouped.get((period, "all", ""), [])),
            by_dimension=by_dimension,
        )
    first, last = quarter_bounds(year, quarter)
    published = {row.federation_id for row in rows}
    return Highlights(
        federation=federation,
        year=year,
        quarter=quarter,
        first_day=first,
        last_day=last,
        generated_at=max((row.generated_at for row in rows), default=None),
        federations=len(ids),
        published=len(published),
        periods=periods,
    )


def wage_quarters(*, federation: Federation) -> list[tuple[int, int]]:
    """The quarters for which the federation or any federation beneath it stored figures,
    newest first (two queries)."""
    ids = subtree_ids(federation)
    return list(
        WageFigure.objects.filter(federation_id__in=ids)
        .values_list("year", "quarter")
        .distinct()
        .order_by("-year", "-quarter")
    )


def wage_generations(*, federation: Federation, limit: int = 50) -> list[WageGeneration]:
    """The federation's own generations of figures, newest first."""
    return list(WageGeneration.objects.filter(federation=federation)[:limit])


def wage_generated_quarters(*, federation: Federation) -> dict[tuple[int, int], dt.datetime]:
    """When each quarter of the federation's own figures was last generated."""
    return {
        (row["year"], row["quarter"]): row["last"]
        for row in WageGeneration.objects.filter(federation=federation)
        .values("year", "quarter")
        .annotate(last=Max("generated_at"))
    }
