"""The federation's figures on one day, for the whole federation and broken down by region,
industry, ownership, size, 规上 and key enterprise (compliance.rules.figures), in four queries
whatever the size of the ledger.

The counts are those of `federation_statistics` (a test holds the two to each other): coverage
from the spans the statistics triggers keep (migration 0009), flows from the contracts' own
columns that those spans are made of, the unionised and key enterprises from today's ledger.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from django.db import connection
from django.db.models import Q

from compliance.models import BargainingRound, Instructor
from compliance.models.enterprises import KEY_EMPLOYEE_THRESHOLD
from compliance.rules.figures import (
    DIMENSIONS,
    PERIODS,
    Figures,
    period_start,
)
from compliance.rules.pipeline import STAGE_FIELDS, STAGES
from compliance.selectors.instructors import instructor_target, whole_rounds_q
from compliance.selectors.pipeline import FORECAST_FIGURE
from compliance.selectors.worker_surveys import survey_figures_by_day

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

# The days asked, each with the first day of each period that ends on it (from Python's
# period_start, so that SQL and the rest of the product agree on month ends and leap days).
_DAYS = """
days(day, start_r12, start_year, start_quarter, start_month, earliest, last_year) AS (
    SELECT d.day, d.r12, d.year, d.quarter, d.month, least(d.r12, d.year),
        extract(year FROM d.day)::int - 1
    FROM unnest(%(days)s::date[], %(start_r12)s::date[], %(start_year)s::date[],
                %(start_quarter)s::date[], %(start_month)s::date[])
        AS d(day, r12, year, quarter, month)
)"""

_ENTERPRISES_SQL = f"""
WITH {_DAYS}, cov AS (
    SELECT d.day, s.owner_id,
        sum(s.weight) FILTER (WHERE s.metric = 3) AS unionised_covered,
        sum(s.weight) FILTER (WHERE s.metric = 4) AS employees_covered,
        sum(s.weight) FILTER (WHERE s.metric = 5) AS key_covered
    FROM compliance_statspan s JOIN days d ON s.during @> d.day
    WHERE s.owner = 'e'
    GROUP BY d.day, s.owner_id
), ent AS (
    SELECT d.day, {_SEGMENT_COLUMNS.format(key=_KEY)},
        e.union_established, {_KEY} AS is_key,
        cov.unionised_covered, cov.employees_covered, cov.key_covered
    FROM compliance_enterprise e CROSS JOIN days d
    LEFT JOIN cov ON cov.owner_id = e.id AND cov.day = d.day
)
SELECT day, {_SEGMENT_SELECT},
    count(*),
    count(*) FILTER (WHERE union_established),
    count(*) FILTER (WHERE is_key),
    coalesce(sum(unionised_covered), 0),
    coalesce(sum(employees_covered), 0),
    coalesce(sum(key_covered), 0)
FROM ent
GROUP BY day, {_GROUPING}
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
    start = f"d.start_{period}"
    return f"""
    count(*) FILTER (WHERE c.stat_in_force IS NOT NULL
                     AND c.ends_on >= {start} AND c.ends_on < d.day),
    count(*) FILTER (WHERE c.stat_in_force IS NOT NULL AND c.stat_renewed
                     AND c.ends_on >= {start} AND c.ends_on < d.day),
    count(*) FILTER (WHERE c.signed_on >= {start} AND c.signed_on <= d.day
                     AND (c.submitted_in_time IS NOT NULL OR c.submission_due < d.day)),
    count(*) FILTER (WHERE c.signed_on >= {start} AND c.signed_on <= d.day
                     AND c.submitted_in_time)"""


# Contracts count in their own enterprise's segments (a regional contract in its lead's).
_CONTRACTS_SQL = f"""
WITH {_DAYS}, con AS (
    SELECT {_SEGMENT_COLUMNS.format(key=_KEY)},
        c.stat_in_force, c.stat_renewed, c.stat_report_years, c.ends_on, c.signed_on,
        c.submitted_in_time, br.submission_due
    FROM compliance_contract c
    JOIN compliance_enterprise e ON e.id = c.enterprise_id
    LEFT JOIN compliance_bargaininground br ON br.id = c.round_id
)
SELECT d.day, {_SEGMENT_SELECT},
    count(*) FILTER (WHERE c.stat_in_force @> d.day),
    count(*) FILTER (WHERE c.stat_in_force @> d.day AND d.last_year = ANY(c.stat_report_years)),
    {",".join(_flows(p) for p in PERIODS)}
FROM con c JOIN days d
    ON c.stat_in_force @> d.day
    OR (c.stat_in_force IS NOT NULL AND c.ends_on >= d.earliest AND c.ends_on < d.day)
    OR (c.signed_on >= d.earliest AND c.signed_on <= d.day)
GROUP BY d.day, {_GROUPING}
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


# The pipeline's funnel of each day's year, as it stood on the day, for every segment: sums over
# the log the database keeps (compliance.selectors.pipeline, migration 0041).
_FUNNEL_FIELDS = {
    **{n: STAGE_FIELDS[stage] for n, stage in enumerate(STAGES, start=1) if n > 1},
    FORECAST_FIGURE: "forecast",
}
_FUNNEL_SQL = """
SELECT d.day, l.dimension, l.segment, l.figure, sum(l.delta)
FROM unnest(%(days)s::date[]) AS d(day)
JOIN compliance_pipelinedelta l
    ON l.year IN (0, extract(year FROM d.day)::int) AND l.day <= d.day
GROUP BY d.day, l.dimension, l.segment, l.figure
"""


def _funnels(cursor, days: list[dt.date]) -> dict:
    """{day: {(dimension, segment): {field: count}}} for the segments with unionised
    enterprises (as the other figures: a segment nobody is in has no row)."""
    cursor.execute(_FUNNEL_SQL, {"days": days})
    sums: dict[tuple, dict[int, int]] = {}
    for day, dimension, segment, figure, total in cursor.fetchall():
        sums.setdefault((day, DIMENSIONS[dimension], segment), {})[figure] = int(total)
    out: dict[dt.date, dict[tuple[str, str], dict[str, int]]] = {}
    for (day, dimension, segment), figures in sums.items():
        if figures.get(1, 0) > 0:
            out.setdefault(day, {})[(dimension, segment)] = {
                field: figures.get(n, 0) for n, field in _FUNNEL_FIELDS.items()
            }
    return out


def _dimension(mask: int) -> str:
    """The dimension a GROUPING SETS row belongs to, from GROUPING()'s bit mask (a set bit: the
    column is not grouped by)."""
    width = len(DIMENSIONS) - 1
    for index in range(width):
        if not mask & (1 << (width - 1 - index)):
            return DIMENSIONS[index + 1]
    return "all"


def _rows(cursor, sql: str, params: dict, names: tuple[str, ...]) -> dict:
    """{day: {(dimension, segment): {field: count}}} from a query whose rows start with the day,
    the GROUPING() mask and the segment columns."""
    cursor.execute(sql, params)
    width = len(DIMENSIONS) - 1
    out: dict[dt.date, dict[tuple[str, str], dict[str, int]]] = {}
    for row in cursor.fetchall():
        dimension = _dimension(row[1])
        segment = "" if dimension == "all" else row[2 + DIMENSIONS.index(dimension) - 1]
        out.setdefault(row[0], {})[(dimension, segment)] = dict(
            zip(names, (int(v) for v in row[2 + width :]), strict=True)
        )
    return out


def _instructors_by_day(days: list[dt.date]) -> dict[dt.date, tuple[int, int, int]]:
    """{day: (active instructors, those meeting the yearly target, whole rounds)} where whole
    rounds are those effective in the day's year up to the day (whole_rounds_q). Two queries
    and the profile."""
    years = sorted({day.year for day in days})
    rounds: dict[int, list[dt.date]] = {}
    active = list(Instructor.objects.filter(active=True).values_list("pk", flat=True))
    in_years = Q()
    for year in years:
        in_years |= whole_rounds_q(year=year)
    for instructor_id, effective in (
        BargainingRound.objects.filter(in_years)
        .filter(instructor_id__in=active)
        .values_list("instructor_id", "effective_date")
    ):
        rounds.setdefault(instructor_id, []).append(effective)
    target = instructor_target() if active else 0  # the profile, only when someone counts
    result = {}
    for day in days:
        whole = [
            sum(1 for d in rounds.get(pk, ()) if d.year == day.year and d <= day) for pk in active
        ]
        result[day] = (
            len(active),
            sum(1 for w in whole if w >= target),
            sum(whole),
        )
    return result


def segment_figures_on(*, days: list[dt.date]) -> dict[dt.date, Segments]:
    """Every segment's figures on each of `days`, keyed by day, then (dimension, segment); "all"
    has segment "". Five queries for any number of days (their cost grows with the days times
    the ledger: the publisher asks a month at a time)."""
    days = sorted(set(days))
    params = {
        "days": days,
        "key_employees": KEY_EMPLOYEE_THRESHOLD,
        **{f"start_{p}": [period_start(day, p) for day in days] for p in PERIODS},
    }
    with connection.cursor() as cursor:
        enterprises = _rows(cursor, _ENTERPRISES_SQL, params, _ENTERPRISE_FIELDS)
        contracts = _rows(cursor, _CONTRACTS_SQL, params, _CONTRACT_FIELDS)
        funnels = _funnels(cursor, days)
    instructors = _instructors_by_day(days)
    surveys = survey_figures_by_day(days=days)
    result: dict[dt.date, Segments] = {}
    for day in days:
        ent, con, fun = enterprises.get(day, {}), contracts.get(day, {}), funnels.get(day, {})
        segments: Segments = {
            key: Figures(**ent.get(key, {}), **con.get(key, {}), **fun.get(key, {}))
            for key in ent.keys() | con.keys() | fun.keys()
        }
        count, meeting, whole = instructors[day]
        segments[("all", "")] = replace(
            segments.get(("all", ""), Figures()),
            instructors=count,
            instructors_meeting_target=meeting,
            whole_rounds=whole,
            **surveys[day],
        )
        result[day] = segments
    return result


def segment_figures(*, as_of: dt.date) -> Segments:
    """Every segment's figures on `as_of` (segment_figures_on for one day)."""
    return segment_figures_on(days=[as_of])[as_of]
