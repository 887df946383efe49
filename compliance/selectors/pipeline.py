"""The bargaining pipeline (compliance.rules.pipeline): the funnel of a year and segment, who is
stuck at each stage, the forecast (协商预报) and the survey lists.

The funnel is a sum over a small log the database keeps (migration 0041_pipeline_log): each
enterprise's contribution to each figure is a day range (unionised and in scope: today's ledger;
each stage: from the day the enterprise reached it in the year; the forecast: the days its
intent is in the window), and every change of a range is logged as +1/-1 on its days for the
whole federation and for each of its segments. A figure on a day is the sum of the changes up
to the day, so the funnel reads a few thousand rows whatever the size of the ledger. The stuck
lists read the ranges themselves, and the network figures (compliance.selectors.segments) the
same log for every segment and day: the three can never disagree.

"As it stood on the day": a survey counts from the day it was made, an intent from the day it
was recorded, a round's steps from their dates. The year's funnel is read on today for the
current year and on 31 December for a past one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone

from compliance.models import BargainingIntent, BargainingRound, BaselineSurvey, Enterprise
from compliance.rules.figures import DIMENSIONS
from compliance.rules.pipeline import STAGES, Step, forecast_months, funnel_steps

# The figures of the log (migration 0041): 1 … 8 the stages of STAGES, reached; 9 the forecast.
FORECAST_FIGURE = len(STAGES) + 1
# Each dimension's column of the span table, as in compliance.selectors.segments.
SEGMENT_COLUMNS = {d: d for d in DIMENSIONS[1:]}

FUNNEL_SQL = """
SELECT figure, sum(delta) FROM compliance_pipelinedelta
WHERE dimension = %(dimension)s AND segment = %(segment)s AND year IN (0, %(year)s)
    AND day <= %(day)s
GROUP BY figure
"""
# The enterprises whose range of figure `stage` holds the day and whose range of the next does
# not (unionised and in scope are year 0; the stages after them belong to a year).
# Positional parameters (RawSQL's): stage, its year, day, [segment,] next stage, its year, day.
STUCK_SQL = """
SELECT s.enterprise_id FROM compliance_pipelinespan s
WHERE s.figure = %s AND s.year = %s AND s.during @> %s::date {segment}
    AND NOT EXISTS (
        SELECT 1 FROM compliance_pipelinespan n
        WHERE n.enterprise_id = s.enterprise_id AND n.figure = %s AND n.year = %s
            AND n.during @> %s::date)
"""


def _figure_year(figure: int, year: int) -> int:
    return 0 if figure <= STAGES.index("in_scope") + 1 else year


def as_of_for(year: int, *, today: dt.date | None = None) -> dt.date:
    """The day a year's funnel is read on: today for the current or a coming year, 31 December
    for a past one."""
    today = today or timezone.localdate()
    return min(today, dt.date(year, 12, 31))


@dataclass(frozen=True)
class Funnel:
    year: int
    as_of: dt.date
    dimension: str
    segment: str
    steps: tuple[Step, ...]
    forecast: int  # intents planned in the coming months, not yet offered


def _segment(dimension: str, segment: str) -> tuple[str, str]:
    if dimension not in SEGMENT_COLUMNS:
        return "all", ""
    return dimension, segment


def funnel(*, year: int, dimension: str = "all", segment: str = "", today=None) -> Funnel:
    """The year's funnel for the federation or one segment of it. One query."""
    as_of = as_of_for(year, today=today)
    dimension, segment = _segment(dimension, segment)
    reached = dict.fromkeys(range(1, FORECAST_FIGURE + 1), 0)
    with connection.cursor() as cursor:
        cursor.execute(
            FUNNEL_SQL,
            {
                "dimension": DIMENSIONS.index(dimension),
                "segment": segment,
                "year": year,
                "day": as_of,
            },
        )
        for figure, total in cursor.fetchall():
            reached[figure] = int(total)
    counts = {name: reached[index + 1] for index, name in enumerate(STAGES)}
    return Funnel(
        year=year,
        as_of=as_of,
        dimension=dimension,
        segment=segment,
        steps=funnel_steps(counts),
        forecast=reached[FORECAST_FIGURE],
    )


def stuck_enterprises(
    *, year: int, stage: str, dimension: str = "all", segment: str = "", today=None
) -> QuerySet[Enterprise]:
    """The enterprises standing exactly at `stage` of the year's funnel (reached it, not the
    next), by name, each with its latest round of the year (`round_id`) when it has one."""
    as_of = as_of_for(year, today=today)
    dimension, segment = _segment(dimension, segment)
    number = STAGES.index(stage) + 1
    following = number + 1 if number < len(STAGES) else 0  # no figure 0: nothing follows
    where = f"AND s.{SEGMENT_COLUMNS[dimension]} = %s" if dimension != "all" else ""
    values: list = [number, _figure_year(number, year), as_of, *([segment] if where else [])]
    values += [following, _figure_year(following, year), as_of]
    sql = STUCK_SQL.replace("{segment}", where)
    year_start = dt.date(year, 1, 1)
    year_end = min(as_of, dt.date(year, 12, 31))
    rounds = BargainingRound.objects.filter(
        Q(enterprise=OuterRef("pk")) | Q(covered_enterprises=OuterRef("pk")),
        Q(offer_date__range=(year_start, year_end)) | Q(signed_date__range=(year_start, year_end)),
    ).order_by("-offer_date", "-pk")
    return (
        Enterprise.objects.filter(pk__in=RawSQL(sql, values))  # noqa: S611 (constant SQL, bound values)
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
