"""What the statistics pages show (issue 16, items 1 and 3): the federation's own figures on a day
by one dimension, computed live from its ledger (compliance.selectors.segments), and the roll-up
of the federations beneath it, read from the network channel only (compliance.selectors.network:
never a child's schema). Each is a table of rows of summable figures, the headline indicators
and the coverage rate at each month end of the day's year (from the published rows, with gaps
where none was published)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from compliance.models import Ownership
from compliance.rules.figure_days import month_ends
from compliance.rules.figures import (
    DESIGNATED_SEGMENTS,
    INDICATORS,
    KEY_SEGMENTS,
    SIZE_SEGMENTS,
    Figures,
    Ratio,
)
from compliance.selectors.network import is_beneath, network_figures, network_series
from compliance.selectors.presentation import segment_label
from compliance.selectors.segments import Segments, segment_figures
from tenants.models import Federation

_FIXED_ORDER = {
    "ownership": tuple(Ownership.values),
    "size": SIZE_SEGMENTS,
    "designated": DESIGNATED_SEGMENTS,
    "key": KEY_SEGMENTS,
}


@dataclass(frozen=True)
class Row:
    label: str
    figures: Figures
    kind: str  # "segment", "child", "own" or "total"
    federation: Federation | None = None  # a child's row: the child
    federations: int = 0  # a child's row: the federations of its subtree …
    published: int = 0  # … that published figures for the day


@dataclass(frozen=True)
class MonthPoint:
    day: dt.date
    coverage: Ratio | None  # None: nothing published for that month end


@dataclass(frozen=True)
class Statistics:
    day: dt.date
    period: str
    dimension: str
    headline: tuple[tuple[str, Ratio], ...]  # every indicator (compliance.rules.figures)
    rows: tuple[Row, ...]  # the dimension's segments
    months: tuple[MonthPoint, ...]
    # The roll-up only: by child, the federation's own and the total over the subtree.
    branches: tuple[Row, ...] = ()
    federations: int = 0
    published: int = 0


def _segment_order(dimension: str, segment: str):
    fixed = _FIXED_ORDER.get(dimension)
    if fixed and segment in fixed:
        return (0, fixed.index(segment), segment)
    return (0 if segment else 1, 0, segment)


def segment_rows(dimension: str, segments) -> tuple[Row, ...]:
    """The rows of one dimension's segments, in the dimension's own order (codes, or the fixed
    order of ownership, size …), an unrecorded segment last."""
    items = sorted(segments, key=lambda item: _segment_order(dimension, item[0]))
    return tuple(
        Row(label=segment_label(dimension, segment), figures=figures, kind="segment")
        for segment, figures in items
    )


def _headline(segments: Segments, period: str) -> tuple[tuple[str, Ratio], ...]:
    return tuple((str(i.label), i.ratio(segments, period)) for i in INDICATORS)


def _months(*, federation: Federation, day: dt.date, today: dt.date, subtree: bool):
    days = [d for d in month_ends(year=day.year) if d <= today]
    if not days:
        return ()
    published = dict(network_series(federation=federation, days=days, subtree=subtree))
    return tuple(MonthPoint(d, published[d].coverage() if d in published else None) for d in days)


def own_statistics(
    *, federation: Federation, day: dt.date, period: str, dimension: str, today: dt.date
) -> Statistics:
    """The federation's own figures on `day`, live from its ledger (run in its schema)."""
    segments = segment_figures(as_of=day)
    if dimension == "all":
        rows = (Row(segment_label("all", ""), segments.get(("all", ""), Figures()), "segment"),)
    else:
        rows = segment_rows(dimension, [(s, f) for (d, s), f in segments.items() if d == dimension])
    return Statistics(
        day=day,
        period=period,
        dimension=dimension,
        headline=_headline(segments, period),
        rows=rows,
        months=_months(federation=federation, day=day, today=today, subtree=False),
    )


def network_statistics(
    *, federation: Federation, day: dt.date, period: str, dimension: str, today: dt.date
) -> Statistics:
    """The figures of `federation` and every federation beneath it on `day`, by child and summed
    over the subtree, from the network channel alone."""
    view = network_figures(federation=federation, day=day, dimension=dimension)
    segments: Segments = {("all", ""): view.total}
    segments.update({(dimension, s): f for s, f in view.segments if dimension != "all"})
    # The headline's indicators of a segment of their own (100+, state-owned) need that
    # dimension's sums: one more read of the channel each, whatever the size of the subtree.
    for needed in sorted({i.dimension for i in INDICATORS} - {"all", dimension}):
        extra = network_figures(federation=federation, day=day, dimension=needed)
        segments.update({(needed, s): f for s, f in extra.segments})
    branches = tuple(
        Row(
            label=branch.federation.display_name,
            figures=branch.figures,
            kind="child",
            federation=branch.federation,
            federations=branch.federations,
            published=branch.published,
        )
        for branch in view.branches
    )
    own = Row(
        federation.display_name,
        view.own,
        "own",
        federation=federation,
        federations=1,
        published=int(view.own_published),
    )
    total = Row(
        segment_label("all", ""),
        view.total,
        "total",
        federations=view.federations,
        published=view.published,
    )
    rows = (
        segment_rows(dimension, view.segments)
        if dimension != "all"
        else (Row(segment_label("all", ""), view.total, "segment"),)
    )
    return Statistics(
        day=day,
        period=period,
        dimension=dimension,
        headline=_headline(segments, period),
        rows=rows,
        months=_months(federation=federation, day=day, today=today, subtree=True),
        branches=(*branches, own, total),
        federations=view.federations,
        published=view.published,
    )


def federation_beneath(*, federation_id: int, viewer: Federation) -> Federation | None:
    """The federation `federation_id` when it lies beneath `viewer` (a child, grandchild …),
    else None: a viewer sees nothing of a federation that is not beneath it."""
    if not is_beneath(federation_id=federation_id, ancestor_id=viewer.pk):
        return None
    return Federation.objects.filter(pk=federation_id).first()


def path_from(*, viewer: Federation, target: Federation) -> list[Federation]:
    """The federations from `viewer`'s child down to `target` (beneath it), for the breadcrumb."""
    path = [target]
    current = target
    while current.parent_id and current.parent_id != viewer.pk:
        current = Federation.objects.get(pk=current.parent_id)
        path.append(current)
    return list(reversed(path))
