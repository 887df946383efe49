"""The bargaining pipeline (compliance.rules.pipeline): the funnel of a year and segment, who is
stuck at each stage, the forecast (协商预报) and the survey lists.

The funnel is one SQL statement whatever the size of the ledger: each enterprise's furthest stage
is computed once (its survey, its intent and its rounds of the year folded into one small table
of enterprises that went past "in scope", hashed and probed once by the scan of the ledger), then
counted. The same statement, grouped by segment and day, gives the network figures
(compliance.selectors.segments), and filtered to one stage, the stuck lists: the three can never
disagree.

"As it stood on the day": a survey counts from the day it was made, an intent from the day it
was recorded, a round's steps from their dates. The year's funnel is read on today for the
current year and on 31 December for a past one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from compliance.models import BargainingIntent, BargainingRound, BaselineSurvey, Enterprise
from compliance.models.enterprises import KEY_EMPLOYEE_THRESHOLD
from compliance.rules.figures import DIMENSIONS
from compliance.rules.pipeline import STAGES, Step, forecast_months, funnel_steps

KEY_SQL = """(e.employees >= %(key_employees)s OR e.fortune500_investor OR e.head_npc_deputy
    OR e.head_cppcc_member OR e.head_model_worker)"""
# Each dimension's segment of an enterprise `e`, as in compliance.selectors.segments.
SEGMENT_SQL = {
    "region": "e.region_code",
    "industry": "e.industry",
    "ownership": "e.ownership",
    "size": "CASE WHEN e.employees >= %(key_employees)s THEN '100plus' ELSE 'under100' END",
    "designated": "CASE e.above_designated_size WHEN true THEN 'yes' WHEN false THEN 'no' "
    "ELSE 'unknown' END",
    "key": f"CASE WHEN {KEY_SQL} THEN 'key' ELSE 'other' END",
}
OFFERED = STAGES.index("offered") + 1

# One row per (day, unionised enterprise): its furthest stage (1 = unionised … 8 = published,
# compliance.rules.pipeline.STAGES) in the year asked for that day, whether it has an intent
# planned in the forecast window and not yet offered, and its segment columns. The rounds of the
# year are those offered or signed in it (a covered enterprise of a regional round counts too).
STAGE_SQL = """
WITH days(day, year, year_start, year_end, first_month, last_month) AS (
    SELECT d.day, d.year, make_date(d.year, 1, 1), make_date(d.year, 12, 31),
        extract(year FROM d.day)::int * 12 + extract(month FROM d.day)::int - 1,
        extract(year FROM d.day)::int * 12 + extract(month FROM d.day)::int - 1
            + %(forecast_months)s - 1
    FROM unnest(%(days)s::date[], %(years)s::int[]) AS d(day, year)
), rnd AS (
    SELECT r.enterprise_id, r.offer_date, r.signed_date, r.submitted_date, c.published_on
    FROM compliance_bargaininground r
    LEFT JOIN compliance_contract c ON c.round_id = r.id
    WHERE r.offer_date >= %(earliest)s OR r.signed_date >= %(earliest)s
    UNION ALL
    SELECT rc.enterprise_id, r.offer_date, r.signed_date, r.submitted_date, c.published_on
    FROM compliance_bargaininground_covered_enterprises rc
    JOIN compliance_bargaininground r ON r.id = rc.bargaininground_id
    LEFT JOIN compliance_contract c ON c.round_id = r.id
    WHERE (r.offer_date >= %(earliest)s OR r.signed_date >= %(earliest)s)
        AND rc.enterprise_id <> r.enterprise_id
), rounds AS (
    SELECT d.day, x.enterprise_id,
        max(CASE WHEN x.published_on <= d.day THEN 8 WHEN x.submitted_date <= d.day THEN 7
                 WHEN x.signed_date <= d.day THEN 6 ELSE 5 END) AS stage
    FROM rnd x JOIN days d
        ON (x.offer_date BETWEEN d.year_start AND least(d.day, d.year_end))
        OR (x.signed_date BETWEEN d.year_start AND least(d.day, d.year_end))
    GROUP BY d.day, x.enterprise_id
), planned AS (
    SELECT DISTINCT d.day, i.enterprise_id
    FROM compliance_bargainingintent i JOIN days d
        ON i.recorded_on <= d.day
        AND i.year * 12 + i.planned_month - 1 BETWEEN d.first_month AND d.last_month
), staged AS (
    SELECT d.day, e.id,
        CASE WHEN {key} THEN greatest(
            2,
            CASE WHEN s.surveyed_on <= d.day THEN 3 END,
            CASE WHEN i.recorded_on <= d.day THEN 4 END,
            r.stage
        ) ELSE 1 END AS stage,
        (p.enterprise_id IS NOT NULL AND coalesce(r.stage, 0) < {offered}) AS forecast,
        {segments}
    FROM compliance_enterprise e CROSS JOIN days d
    LEFT JOIN compliance_baselinesurvey s ON s.enterprise_id = e.id AND s.year = d.year
    LEFT JOIN compliance_bargainingintent i ON i.enterprise_id = e.id AND i.year = d.year
    LEFT JOIN rounds r ON r.enterprise_id = e.id AND r.day = d.day
    LEFT JOIN planned p ON p.enterprise_id = e.id AND p.day = d.day
    WHERE e.union_established {segment_filter}
)
"""


def stage_sql(*, segment_filter: str = "") -> str:
    segments = ", ".join(f"{SEGMENT_SQL[d]} AS {d}" for d in DIMENSIONS[1:])
    return (
        STAGE_SQL.replace("{key}", KEY_SQL)
        .replace("{offered}", str(OFFERED))
        .replace("{segments}", segments)
        .replace("{segment_filter}", segment_filter)
    )


def stage_params(*, days: list[dt.date], years: list[int]) -> dict:
    return {
        "days": days,
        "years": years,
        "earliest": dt.date(min(years), 1, 1),
        "key_employees": KEY_EMPLOYEE_THRESHOLD,
        "forecast_months": len(forecast_months(year=2000, month=1)),
    }


def as_of_for(year: int, *, today: dt.date | None = None) -> dt.date:
    """The day a year's funnel is read on: today for the current or a coming year, 31 December
    for a past one."""
    today = today or timezone.localdate()
    return min(today, dt.date(year, 12, 31))


def _segment(dimension: str, segment: str) -> tuple[str, dict]:
    if dimension == "all" or dimension not in SEGMENT_SQL:
        return "", {}
    return f"AND {SEGMENT_SQL[dimension]} = %(segment)s", {"segment": segment}


@dataclass(frozen=True)
class Funnel:
    year: int
    as_of: dt.date
    dimension: str
    segment: str
    steps: tuple[Step, ...]
    forecast: int  # intents planned in the coming months, not yet offered


def funnel(*, year: int, dimension: str = "all", segment: str = "", today=None) -> Funnel:
    """The year's funnel for the federation or one segment of it. One query."""
    as_of = as_of_for(year, today=today)
    where, extra = _segment(dimension, segment)
    # Put together from constant text; the segment is a bound parameter.
    count_sql = (
        "SELECT stage, count(*), count(*) FILTER (WHERE forecast) FROM staged GROUP BY stage"
    )
    sql = stage_sql(segment_filter=where) + count_sql
    at_stage = dict.fromkeys(range(1, len(STAGES) + 1), 0)
    forecast = 0
    with connection.cursor() as cursor:
        cursor.execute(sql, {**stage_params(days=[as_of], years=[year]), **extra})
        for stage, count, due in cursor.fetchall():
            at_stage[stage] += count
            forecast += due
    counts = {
        name: sum(at_stage[s] for s in range(index + 1, len(STAGES) + 1))
        for index, name in enumerate(STAGES)
    }
    return Funnel(
        year=year,
        as_of=as_of,
        dimension=dimension if where else "all",
        segment=segment if where else "",
        steps=funnel_steps(counts),
        forecast=forecast,
    )


def stuck_enterprises(
    *, year: int, stage: str, dimension: str = "all", segment: str = "", today=None
) -> QuerySet[Enterprise]:
    """The enterprises standing exactly at `stage` of the year's funnel (reached it, not the
    next), by name, each with its latest round of the year (`round_id`) when it has one."""
    as_of = as_of_for(year, today=today)
    where, extra = _segment(dimension, segment)
    number = STAGES.index(stage) + 1
    # The statement's parameters are named; RawSQL wants positional ones: bind them in order.
    named = {**stage_params(days=[as_of], years=[year]), **extra, "stage": number}
    sql = stage_sql(segment_filter=where) + "SELECT id FROM staged WHERE stage = %(stage)s"  # noqa: S608 (constant text)
    positional, values = _positional(sql, named)
    year_start = dt.date(year, 1, 1)
    year_end = min(as_of, dt.date(year, 12, 31))
    rounds = BargainingRound.objects.filter(
        Q(enterprise=OuterRef("pk")) | Q(covered_enterprises=OuterRef("pk")),
        Q(offer_date__range=(year_start, year_end)) | Q(signed_date__range=(year_start, year_end)),
    ).order_by("-offer_date", "-pk")
    return (
        Enterprise.objects.filter(pk__in=RawSQL(positional, values))  # noqa: S611 (constant SQL, bound values)
        .annotate(
            round_id=rounds.values("pk")[:1],
            surveyed=Exists(BaselineSurvey.objects.filter(enterprise=OuterRef("pk"), year=year)),
            survey_category=BaselineSurvey.objects.filter(
                enterprise=OuterRef("pk"), year=year
            ).values("category")[:1],
            intent_month=BargainingIntent.objects.filter(
                enterprise=OuterRef("pk"), year=year
            ).values("planned_month")[:1],
        )
        .order_by("name", "pk")
    )


def _positional(sql: str, named: dict) -> tuple[str, list]:
    """`sql` with %(name)s placeholders turned into %s and the values listed in their order."""
    values: list = []

    def bind(match):
        values.append(named[match.group(1)])
        return "%s"

    return re.sub(r"%\((\w+)\)s", bind, sql), values


def forecast_list(*, today: dt.date | None = None, months: int | None = None):
    """The intents planned for this month and the coming ones (协商预报), by month, each with
    whether its offer went out already this year."""
    today = today or timezone.localdate()
    window = forecast_months(
        year=today.year, month=today.month, **({"months": months} if months else {})
    )
    condition = Q()
    for year, month in window:
        condition |= Q(year=year, planned_month=month)
    return (
        BargainingIntent.objects.filter(condition)
        .select_related("enterprise")
        .annotate(
            offered=Exists(
                BargainingRound.objects.filter(
                    enterprise=OuterRef("enterprise"), offer_date__year=OuterRef("year")
                )
            )
        )
        .order_by("year", "planned_month", "enterprise__name", "pk")
    )


def surveys(*, year: int | None = None) -> QuerySet[BaselineSurvey]:
    queryset = BaselineSurvey.objects.select_related("enterprise")
    return queryset.filter(year=year) if year else queryset


def survey_years() -> list[int]:
    """The years with survey rows, and the current one, newest first."""
    years = set(BaselineSurvey.objects.values_list("year", flat=True).distinct())
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)
