"""The federation's figures on one day, for the whole federation and broken down by region,
industry, ownership, size, 规上 and key enterprise (compliance.rules.figures), in three queries
whatever the size of the ledger.

The counts are those of `federation_statistics` (a test holds the two to each other): coverage
from the spans the statistics triggers keep (migration 0009), flows from the contracts' own
columns that those spans are made of, the unionised and key enterprises from today's ledger.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.db.models import Count, Q

from compliance.models import Instructor
from compliance.models.enterprises import KEY_EMPLOYEE_THRESHOLD
from compliance.rules.figures import (
    DIMENSIONS,
    INSTRUCTOR_TARGET,
    PERIODS,
    Figures,
    period_start,
)

Segments = dict[tuple[str, str], Figures]

# One expression per dimension after "all"; their order is the order of DIMENSIONS[1:].
_SEGMENT_COLUMNS = """
    e.region_code AS region,
    e.industry AS industry,
    e.ownership AS ownership,
    CASE WHEN e.employees >= %(key_employees)s THEN '100plus' ELSE 'under100' END AS size,
    CASE e.above_designated_size WHEN true THEN 'yes' WHEN false THEN 'no'
         ELSE 'unknown' END AS designated,
    CASE WHEN {key} THEN 'key' ELSE 'other' END AS key
"""
_KEY = """(e.employees >= %(key_employees)s OR e.fortune500_investor OR e.head_npc_deputy
           OR e.head_cppcc_member OR e.head_model_worker)"""
_GROUPING = """
GROUPING SETS ((), (region), (industry), (ownership), (size), (designated), (key))
"""
_SEGMENT_SELECT = "GROUPING(region, industry, ownership, size, designated, key), " + ", ".join(
    DIMENSIONS[1:]
)

_ENTERPRISES_SQL = f"""
WITH cov AS (
    SELECT owner_id,
        sum(weight) FILTER (WHERE metric = 3) AS unionised_covered,
        sum(weight) FILTER (WHERE metric = 4) AS employees_covered,
        sum(weight) FILTER (WHERE metric = 5) AS key_covered
    FROM compliance_statspan
    WHERE owner = 'e' AND during @> %(day)s::date
    GROUP BY owner_id
), ent AS (
    SELECT {_SEGMENT_COLUMNS.format(key=_KEY)},
        e.union_established, {_KEY} AS is_key,
        cov.unionised_covered, cov.employees_covered, cov.key_covered
    FROM compliance_enterprise e LEFT JOIN cov ON cov.owner_id = e.id
)
SELECT {_SEGMENT_SELECT},
    count(*),
    count(*) FILTER (WHERE union_established),
    count(*) FILTER (WHERE is_key),
    coalesce(sum(unionised_covered), 0),
    coalesce(sum(employees_covered), 0),
    coalesce(sum(key_covered), 0)
FROM ent
GROUP BY {_GROUPING}
"""  # noqa: S608 (put together from constant column names, never from input)
_ENTERPRISE_FIELDS = (
    "enterprises",
    "unionised",
    "key_enterprises",
    "unionised_covered",
    "employees_covered",
    "key_covered",
)


def _flows(period: str) -> str:
    start = f"%(start_{period})s::date"
    return f"""
    count(*) FILTER (WHERE c.stat_in_force IS NOT NULL
                     AND c.ends_on >= {start} AND c.ends_on < %(day)s::date),
    count(*) FILTER (WHERE c.stat_in_force IS NOT NULL AND c.stat_renewed
                     AND c.ends_on >= {start} AND c.ends_on < %(day)s::date),
    count(*) FILTER (WHERE c.signed_on >= {start} AND c.signed_on <= %(day)s::date
                     AND (c.submitted_in_time IS NOT NULL
                          OR c.submission_due < %(day)s::date)),
    count(*) FILTER (WHERE c.signed_on >= {start} AND c.signed_on <= %(day)s::date
                     AND c.submitted_in_time)"""


# Contracts count in their own enterprise's segments (a regional contract in its lead's).
_CONTRACTS_SQL = f"""
WITH con AS (
    SELECT {_SEGMENT_COLUMNS.format(key=_KEY)},
        c.stat_in_force, c.stat_renewed, c.stat_report_years, c.ends_on, c.signed_on,
        c.submitted_in_time, br.submission_due
    FROM compliance_contract c
    JOIN compliance_enterprise e ON e.id = c.enterprise_id
    LEFT JOIN compliance_bargaininground br ON br.id = c.round_id
    WHERE c.stat_in_force @> %(day)s::date
       OR (c.stat_in_force IS NOT NULL AND c.ends_on >= %(earliest)s::date
           AND c.ends_on < %(day)s::date)
       OR (c.signed_on >= %(earliest)s::date AND c.signed_on <= %(day)s::date)
)
SELECT {_SEGMENT_SELECT},
    count(*) FILTER (WHERE c.stat_in_force @> %(day)s::date),
    count(*) FILTER (WHERE c.stat_in_force @> %(day)s::date
                     AND %(last_year)s = ANY(c.stat_report_years)),
    {",".join(_flows(p) for p in PERIODS)}
FROM con c
GROUP BY {_GROUPING}
"""  # noqa: S608 (put together from constant column names, never from input)
_CONTRACT_FIELDS = (
    "in_force",
    "reported",
    *(
        f"{kind}_{period}"
        for period in PERIODS
        for kind in ("expired", "renewed", "signed", "in_time")
    ),
)


def _dimension(mask: int) -> str:
    """The dimension a GROUPING SETS row belongs to, from GROUPING()'s bit mask (a set bit: the
    column is not grouped by)."""
    width = len(DIMENSIONS) - 1
    for index in range(width):
        if not mask & (1 << (width - 1 - index)):
            return DIMENSIONS[index + 1]
    return "all"


def _rows(cursor, sql: str, params: dict, names: tuple[str, ...]) -> dict:
    cursor.execute(sql, params)
    width = len(DIMENSIONS) - 1
    out: dict[tuple[str, str], dict[str, int]] = {}
    for row in cursor.fetchall():
        dimension = _dimension(row[0])
        segment = "" if dimension == "all" else row[1 + DIMENSIONS.index(dimension) - 1]
        out[(dimension, segment)] = dict(
            zip(names, (int(v) for v in row[1 + width :]), strict=True)
        )
    return out


def instructor_figures(*, as_of: dt.date) -> tuple[tuple[str, int], ...]:
    """(name, whole rounds in the as-of year up to the day) of every active instructor."""
    year_start, year_end = dt.date(as_of.year, 1, 1), dt.date(as_of.year, 12, 31)
    return tuple(
        Instructor.objects.filter(active=True)
        .annotate(
            whole=Count(
                "rounds",
                filter=Q(
                    rounds__status="effective",
                    rounds__effective_date__gte=year_start,
                    rounds__effective_date__lte=min(year_end, as_of),
                ),
            )
        )
        .order_by("-whole", "name")
        .values_list("name", "whole")
    )


def segment_figures(*, as_of: dt.date) -> Segments:
    """Every segment's figures on `as_of`, keyed by (dimension, segment); "all" has segment ""."""
    starts = {f"start_{p}": period_start(as_of, p) for p in PERIODS}
    params = {
        "day": as_of,
        "earliest": min(starts.values()),
        "last_year": as_of.year - 1,
        "key_employees": KEY_EMPLOYEE_THRESHOLD,
        **starts,
    }
    with connection.cursor() as cursor:
        enterprises = _rows(cursor, _ENTERPRISES_SQL, params, _ENTERPRISE_FIELDS)
        contracts = _rows(cursor, _CONTRACTS_SQL, params, _CONTRACT_FIELDS)
    instructors = instructor_figures(as_of=as_of)
    result: Segments = {}
    for key in enterprises.keys() | contracts.keys():
        result[key] = Figures(**enterprises.get(key, {}), **contracts.get(key, {}))
    everything = result.get(("all", ""), Figures())
    result[("all", "")] = Figures(
        **{
            **{name: getattr(everything, name) for name in _ENTERPRISE_FIELDS + _CONTRACT_FIELDS},
            "instructors": len(instructors),
            "instructors_meeting_target": sum(1 for _n, w in instructors if w >= INSTRUCTOR_TARGET),
            "whole_rounds": sum(w for _n, w in instructors),
        }
    )
    return result
