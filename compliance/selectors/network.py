"""Reading the network channel (tenants.NetworkFigure): the figures of the federations beneath a
federation, by child and summed over the subtree, for one day and one dimension (DOMAIN.md §7).

Only the shared table is read: no schema is ever switched, so a parent sees its children's
figures and nothing else of them. Rates are summed from numerators and denominators, never
averaged. Two queries whatever the size of the subtree (the tree walk is a recursive CTE).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Max

from compliance.rules.figures import FIGURE_FIELDS, Figures
from tenants.models import Federation, NetworkFigure

# Every federation beneath %(me)s with the child of %(me)s it lies under (its root).
DESCENDANTS = """
WITH RECURSIVE tree(id, root) AS (
    SELECT id, id FROM tenants_federation WHERE parent_id = %(me)s
    UNION ALL
    SELECT f.id, t.root FROM tenants_federation f JOIN tree t ON f.parent_id = t.id
)"""
# … and %(me)s itself, as its own root.
_TREE = f"""{DESCENDANTS}, scope(id, root) AS (
    SELECT id, root FROM tree UNION ALL SELECT %(me)s, %(me)s
)
"""  # noqa: S608 (constant text)
_SUMS = ", ".join(f"coalesce(sum(n.{name}), 0)" for name in FIGURE_FIELDS)

_BY_ROOT_SQL = f"""{_TREE}
SELECT s.root, count(*), count(n.id), {_SUMS}
FROM scope s
LEFT JOIN tenants_networkfigure n
    ON n.federation_id = s.id AND n.day = %(day)s AND n.dimension = 'all'
GROUP BY s.root
"""  # noqa: S608 (put together from constant column names, never from input)
_SEGMENTS_SQL = f"""{_TREE}
SELECT n.segment, {_SUMS}
FROM scope s
JOIN tenants_networkfigure n
    ON n.federation_id = s.id AND n.day = %(day)s AND n.dimension = %(dimension)s
GROUP BY n.segment
ORDER BY n.segment
"""  # noqa: S608 (put together from constant column names, never from input)
_SERIES_SQL = f"""{_TREE}
SELECT n.day, {_SUMS}
FROM scope s
JOIN tenants_networkfigure n
    ON n.federation_id = s.id AND n.day = ANY(%(days)s) AND n.dimension = 'all'
GROUP BY n.day
ORDER BY n.day
"""  # noqa: S608 (put together from constant column names, never from input)
_OWN_SERIES_SQL = f"""
SELECT n.day, {_SUMS}
FROM tenants_networkfigure n
WHERE n.federation_id = %(me)s AND n.day = ANY(%(days)s) AND n.dimension = 'all'
GROUP BY n.day
ORDER BY n.day
"""  # noqa: S608 (put together from constant column names, never from input)
_BENEATH_SQL = """
WITH RECURSIVE up(id, parent_id) AS (
    SELECT id, parent_id FROM tenants_federation WHERE id = %(target)s
    UNION ALL
    SELECT f.id, f.parent_id FROM tenants_federation f JOIN up ON f.id = up.parent_id
)
SELECT EXISTS (SELECT 1 FROM up WHERE parent_id = %(me)s)
"""


@dataclass(frozen=True)
class Branch:
    """One child of the federation and what is beneath it, summed."""

    federation: Federation
    figures: Figures
    federations: int  # the child and its descendants
    published: int  # … that published figures for the day


@dataclass(frozen=True)
class NetworkView:
    federation: Federation
    day: dt.date
    dimension: str
    own: Figures
    own_published: bool
    branches: tuple[Branch, ...]
    total: Figures  # the federation and every federation beneath it
    federations: int
    published: int
    segments: tuple[tuple[str, Figures], ...]  # the dimension's segments over the subtree


def _figures(values) -> Figures:
    return Figures(**{name: int(v) for name, v in zip(FIGURE_FIELDS, values, strict=True)})


def is_beneath(*, federation_id: int, ancestor_id: int) -> bool:
    """Whether `federation_id` is a child, grandchild … of `ancestor_id` (not itself)."""
    with connection.cursor() as cursor:
        cursor.execute(_BENEATH_SQL, {"target": federation_id, "me": ancestor_id})
        return bool(cursor.fetchone()[0])


def network_figures(*, federation: Federation, day: dt.date, dimension: str) -> NetworkView:
    """The figures of `federation` and of the federations beneath it on `day`."""
    params = {"me": federation.pk, "day": day, "dimension": dimension}
    with connection.cursor() as cursor:
        cursor.execute(_BY_ROOT_SQL, params)
        by_root = {row[0]: (row[1], row[2], _figures(row[3:])) for row in cursor.fetchall()}
        segments: tuple[tuple[str, Figures], ...] = ()
        if dimension != "all":
            cursor.execute(_SEGMENTS_SQL, params)
            segments = tuple((row[0], _figures(row[1:])) for row in cursor.fetchall())
    children = {child.pk: child for child in Federation.objects.filter(parent=federation)}
    _count, own_published, own = by_root.pop(federation.pk, (1, 0, Figures()))
    branches = tuple(
        sorted(
            (
                Branch(federation=children[root], figures=figs, federations=n, published=p)
                for root, (n, p, figs) in by_root.items()
                if root in children
            ),
            key=lambda b: (b.federation.region_code, b.federation.name),
        )
    )
    total = own
    for branch in branches:
        total = total + branch.figures
    if dimension == "all":
        segments = (("", total),)
    return NetworkView(
        federation=federation,
        day=day,
        dimension=dimension,
        own=own,
        own_published=bool(own_published),
        branches=branches,
        total=total,
        federations=1 + sum(b.federations for b in branches),
        published=int(bool(own_published)) + sum(b.published for b in branches),
        segments=segments,
    )


def network_series(
    *, federation: Federation, days: list[dt.date], subtree: bool = True
) -> list[tuple[dt.date, Figures]]:
    """The whole figures of the subtree (or of the federation alone) on each of `days` that has
    published figures, for charts."""
    sql = _SERIES_SQL if subtree else _OWN_SERIES_SQL
    with connection.cursor() as cursor:
        cursor.execute(sql, {"me": federation.pk, "days": days})
        return [(row[0], _figures(row[1:])) for row in cursor.fetchall()]


def latest_published_day(*, today: dt.date, federation: Federation | None = None) -> dt.date | None:
    """The last day up to `today` with published figures (of `federation`, or of any)."""
    rows = NetworkFigure.objects.filter(day__lte=today, dimension="all")
    if federation is not None:
        rows = rows.filter(federation=federation)
    return rows.aggregate(day=Max("day"))["day"]


@dataclass(frozen=True)
class TreeRow:
    federation: Federation
    depth: int
    own: Figures | None  # None: nothing published for the day
    subtree: Figures  # the federation and everything beneath it


def platform_figures(*, day: dt.date) -> tuple[tuple[TreeRow, ...], Figures]:
    """Every federation as a tree (parents first, then their children by region code) with its
    own and its subtree's figures on `day`, and the whole platform's. Two queries."""
    federations = list(Federation.objects.select_related("parent").order_by("region_code", "name"))
    own = {
        row["federation_id"]: Figures(**{name: row[name] for name in FIGURE_FIELDS})
        for row in NetworkFigure.objects.filter(day=day, dimension="all").values(
            "federation_id", *FIGURE_FIELDS
        )
    }
    children: dict[int | None, list[Federation]] = {}
    known = {federation.pk for federation in federations}
    for federation in federations:
        parent = federation.parent_id if federation.parent_id in known else None
        children.setdefault(parent, []).append(federation)
    rows: list[TreeRow] = []

    def walk(federation: Federation, depth: int) -> Figures:
        index = len(rows)
        rows.append(TreeRow(federation, depth, own.get(federation.pk), Figures()))
        subtree = own.get(federation.pk, Figures())
        for child in children.get(federation.pk, ()):
            subtree = subtree + walk(child, depth + 1)
        rows[index] = TreeRow(federation, depth, own.get(federation.pk), subtree)
        return subtree

    total = Figures()
    for top in children.get(None, ()):
        total = total + walk(top, 0)
    return tuple(rows), total
