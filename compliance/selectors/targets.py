"""Targets (DOMAIN.md §7): the target in force for a federation, the federation's progress against
its own, and its children against theirs.

The target in force for federation F, year Y and indicator K is F's own target for (Y, K) if it
set one, else the default ("beneath") set by the nearest federation above F that set one, else
none. One recursive query resolves it for any number of federations.

Progress is measured on the year to the day for the flows (renewal and submission rates): the
targets are yearly. A federation's own progress is read live from its own schema
(segment_figures); its children's from the network channel (tenants.NetworkFigure) on the latest
day published on or before the day, never from their schemas. A child's row shows its region:
the child and every federation beneath it, summed (DOMAIN.md §7: a child's target is for its own
region, and its defaults reach its subtree).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import connection

from compliance.rules.figures import (
    FIGURE_FIELDS,
    INDICATOR_BY_KEY,
    INDICATORS,
    Figures,
    Indicator,
    Ratio,
)
from compliance.selectors.network import DESCENDANTS
from compliance.selectors.segments import segment_figures
from tenants.models import Federation, Target, TargetChange

PERIOD = "year"  # the period a yearly target's flows are measured on

_RESOLVE_SQL = """
WITH RECURSIVE up(fed, id, parent_id, depth) AS (
    SELECT id, id, parent_id, 0 FROM tenants_federation WHERE id = ANY(%(feds)s)
    UNION ALL
    SELECT up.fed, f.id, f.parent_id, up.depth + 1
    FROM tenants_federation f JOIN up ON f.id = up.parent_id
)
SELECT DISTINCT ON (up.fed, t.indicator)
    up.fed, t.indicator, t.value, up.depth, f.id, f.name, f.name_en
FROM up
JOIN tenants_target t ON t.federation_id = up.id AND t.year = %(year)s
    AND ((up.depth = 0 AND t.scope = 'own') OR (up.depth > 0 AND t.scope = 'beneath'))
JOIN tenants_federation f ON f.id = up.id
ORDER BY up.fed, t.indicator, up.depth
"""
_LATEST_DAY_SQL = f"""{DESCENDANTS}
SELECT max(n.day) FROM tree JOIN tenants_networkfigure n
    ON n.federation_id = tree.id AND n.dimension = 'all' AND n.day <= %(day)s
"""  # noqa: S608 (constant text)
_SUMS = ", ".join(f"sum(n.{name})" for name in FIGURE_FIELDS)
_BRANCH_SEGMENTS_SQL = f"""{DESCENDANTS}
SELECT tree.root, n.dimension, n.segment, {_SUMS}
FROM tree JOIN tenants_networkfigure n
    ON n.federation_id = tree.id AND n.day = %(day)s
    AND (n.dimension, n.segment) IN (SELECT * FROM unnest(%(dims)s::text[], %(segs)s::text[]))
GROUP BY tree.root, n.dimension, n.segment
"""  # noqa: S608 (put together from constant column names, never from input)


@dataclass(frozen=True)
class TargetInForce:
    value: Decimal
    source: Federation  # the federation that set it (only id and names loaded)
    inherited: bool  # a default set above, not the federation's own


@dataclass(frozen=True)
class Progress:
    indicator: Indicator
    ratio: Ratio
    target: TargetInForce | None

    @property
    def shortfall(self) -> Decimal | None:
        """How many points the value lies below the target (negative: ahead)."""
        if self.target is None or self.ratio.percent is None:
            return None
        return self.target.value - self.ratio.percent

    @property
    def behind(self) -> bool:
        return self.shortfall is not None and self.shortfall > 0


@dataclass(frozen=True)
class ChildRow(Progress):
    federation: Federation | None = None


def target_years(*, today: dt.date) -> tuple[int, int]:
    """The years a federation sets targets for: this one and the next."""
    return (today.year, today.year + 1)


def targets_in_force(
    *, federation_ids: list[int], year: int
) -> dict[int, dict[str, TargetInForce]]:
    """{federation id: {indicator key: target in force}} for `year`, in one query."""
    result: dict[int, dict[str, TargetInForce]] = {pk: {} for pk in federation_ids}
    if not federation_ids:
        return result
    with connection.cursor() as cursor:
        cursor.execute(_RESOLVE_SQL, {"feds": list(federation_ids), "year": year})
        for fed, indicator, value, depth, source_id, name, name_en in cursor.fetchall():
            source = Federation(id=source_id, name=name, name_en=name_en)
            result[fed][indicator] = TargetInForce(value=value, source=source, inherited=depth > 0)
    return result


def targets_set_by(*, federation: Federation, year: int) -> dict[tuple[str, str], Decimal]:
    """The targets `federation` itself set for `year`: {(indicator, scope): value}."""
    return {
        (t.indicator, t.scope): t.value
        for t in Target.objects.filter(federation=federation, year=year)
    }


def target_changes(*, federation: Federation, limit: int = 20) -> list[TargetChange]:
    return list(TargetChange.objects.filter(federation=federation)[:limit])


def own_progress(*, federation: Federation, as_of: dt.date) -> list[Progress]:
    """Each indicator's value today, live from the federation's own schema, against its target
    in force for the year."""
    segments = segment_figures(as_of=as_of)
    targets = targets_in_force(federation_ids=[federation.pk], year=as_of.year)[federation.pk]
    return [
        Progress(
            indicator=indicator,
            ratio=indicator.ratio(segments, PERIOD),
            target=targets.get(indicator.key),
        )
        for indicator in INDICATORS
    ]


def _figures(values) -> Figures:
    return Figures(**{name: int(v or 0) for name, v in zip(FIGURE_FIELDS, values, strict=True)})


def _sort_key(row: ChildRow):
    """Behind first (largest shortfall first), then those on or ahead of target, then those
    without a target or without figures; by name within each."""
    shortfall = row.shortfall
    rank = (0, -shortfall) if shortfall is not None else (1, Decimal(0))
    return (*rank, row.federation.region_code, row.federation.name, row.indicator.key)


def children_against_targets(
    *, federation: Federation, as_of: dt.date, indicator: str = ""
) -> tuple[dt.date | None, list[ChildRow]]:
    """Each child of `federation` (its region: the child and its subtree, summed) against its
    target in force, for `indicator` or every indicator; behind first. Four queries whatever
    the number of children. Returns the day the figures are of (None: nothing published)."""
    indicators = [INDICATOR_BY_KEY[indicator]] if indicator else list(INDICATORS)
    children = list(Federation.objects.filter(parent=federation).order_by("region_code", "name"))
    if not children:
        return None, []
    params = {"me": federation.pk, "day": as_of}
    branch: dict[int, dict[tuple[str, str], Figures]] = {c.pk: {} for c in children}
    with connection.cursor() as cursor:
        cursor.execute(_LATEST_DAY_SQL, params)
        day = cursor.fetchone()[0]
        if day is not None:
            wanted = sorted({(i.dimension, i.segment) for i in indicators})
            cursor.execute(
                _BRANCH_SEGMENTS_SQL,
                {
                    **params,
                    "day": day,
                    "dims": [d for d, _s in wanted],
                    "segs": [s for _d, s in wanted],
                },
            )
            for root, dimension, segment, *values in cursor.fetchall():
                branch[root][(dimension, segment)] = _figures(values)
    targets = targets_in_force(federation_ids=[c.pk for c in children], year=as_of.year)
    rows = [
        ChildRow(
            federation=child,
            indicator=ind,
            ratio=ind.ratio(branch[child.pk], PERIOD),
            target=targets[child.pk].get(ind.key),
        )
        for child in children
        for ind in indicators
    ]
    return day, sorted(rows, key=_sort_key)
