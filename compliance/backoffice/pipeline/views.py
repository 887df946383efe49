"""The pipeline's pages: the year's funnel by segment (own, and the subtree's from the network
channel), the enterprises stuck at a stage, and the forecast (page and XLSX)."""

from __future__ import annotations

import datetime as dt
import io

from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.backoffice.common import region_choices, require, xlsx_response
from compliance.excel.pipeline import write_table
from compliance.models import BaselineSurvey, Industry, Kind, Ownership
from compliance.models.pipeline import SurveyCategory
from compliance.rules.figures import DIMENSION_LABELS, DIMENSIONS, SEGMENT_LABELS, Figures
from compliance.rules.pipeline import STAGE_FIELDS, STAGE_LABELS, STAGES, funnel_steps
from compliance.selectors.network import latest_published_day, network_figures
from compliance.selectors.pipeline import as_of_for, forecast_list, funnel, stuck_enterprises
from tenants.models import Federation

PER_PAGE = 50


def _year(request) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or today.year)
    except ValueError:
        return today.year
    return year if today.year - 10 <= year <= today.year + 1 else today.year


def segment_choices(dimension: str) -> list[tuple[str, str]]:
    if dimension == "region":
        return region_choices()
    if dimension == "industry":
        return [(str(v), f"{v} {label}") for v, label in Industry.choices]
    if dimension == "ownership":
        return [(str(v), str(label)) for v, label in Ownership.choices]
    return [
        (segment, str(label))
        for (dim, segment), label in SEGMENT_LABELS.items()
        if dim == dimension
    ]


def _segment(request) -> tuple[str, str]:
    dimension = request.GET.get("dimension") or "all"
    if dimension not in DIMENSIONS:
        dimension = "all"
    segment = request.GET.get("segment") or ""
    if dimension == "all":
        return "all", ""
    choices = [value for value, _label in segment_choices(dimension)]
    if dimension == "region" and not choices:
        # No region names known: any six-digit code may be asked for.
        return (dimension, segment) if segment.isdigit() and len(segment) == 6 else ("all", "")
    if segment not in choices:
        segment = choices[0] if choices else ""
    return (dimension, segment) if segment else ("all", "")


def _subtree_steps(*, as_of: dt.date, dimension: str, segment: str):
    """The funnel of the federation and every federation beneath it, from the network channel
    (counts only, never a child's enterprises); None for a federation with none beneath it."""
    federation = connection.tenant
    if (
        not isinstance(federation, Federation)
        or not Federation.objects.filter(parent=federation).exists()
    ):
        return None, None
    day = latest_published_day(today=as_of)
    if day is None or day.year != as_of.year:
        return (), None
    view = network_figures(federation=federation, day=day, dimension=dimension)
    figures = view.total if dimension == "all" else dict(view.segments).get(segment, Figures())
    counts = {stage: getattr(figures, STAGE_FIELDS[stage]) for stage in STAGES}
    return funnel_steps(counts), {"day": day, "forecast": figures.forecast, "view": view}


def funnel_view(request):
    require(request.user, "view", BaselineSurvey)
    year = _year(request)
    dimension, segment = _segment(request)
    result = funnel(year=year, dimension=dimension, segment=segment)
    subtree, subtree_meta = _subtree_steps(as_of=result.as_of, dimension=dimension, segment=segment)
    query = f"year={year}&dimension={dimension}&segment={segment}"
    title = _("Bargaining funnel")
    today = timezone.localdate()
    return TemplateResponse(
        request,
        "compliance/pipeline/funnel.html",
        {
            "funnel": result,
            "steps": [
                (step, f"{reverse('pipeline:stuck', args=[step.stage])}?{query}")
                for step in result.steps
            ],
            "subtree": subtree,
            "subtree_meta": subtree_meta,
            "years": list(range(today.year + 1, today.year - 4, -1)),
            "year": year,
            "dimensions": [(d, DIMENSION_LABELS[d]) for d in DIMENSIONS],
            "dimension": dimension,
            "segments": segment_choices(dimension) if dimension != "all" else [],
            "segment": segment,
            "forecast_url": reverse("pipeline:forecast"),
            "page_title": title,
            "header_title": title,
        },
    )


def stuck_view(request, stage: str):
    require(request.user, "view", BaselineSurvey)
    if stage not in STAGES:
        raise Http404
    year = _year(request)
    dimension, segment = _segment(request)
    enterprises = stuck_enterprises(year=year, stage=stage, dimension=dimension, segment=segment)
    page = Paginator(enterprises, PER_PAGE).get_page(request.GET.get("page"))
    index = STAGES.index(stage)
    following = STAGES[index + 1] if index + 1 < len(STAGES) else None
    categories = dict(SurveyCategory.choices)
    rows = [
        {
            "enterprise": e,
            "enterprise_url": reverse("enterprises:inspect", args=[e.pk]),
            "round_url": reverse("bargaining_rounds:inspect", args=[e.round_id])
            if e.round_id
            else "",
            "category": categories.get(e.survey_category, ""),
            "intent_month": e.intent_month,
        }
        for e in page.object_list
    ]
    if following:
        title = _("Stuck at “%(stage)s”, not yet “%(next)s” (%(year)s)") % {
            "stage": STAGE_LABELS[stage],
            "next": STAGE_LABELS[following],
            "year": year,
        }
    else:
        title = _("Through the funnel: “%(stage)s” (%(year)s)") % {
            "stage": STAGE_LABELS[stage],
            "year": year,
        }
    segment_label = ""
    if dimension != "all":
        segment_label = f"{DIMENSION_LABELS[dimension]}: " + dict(segment_choices(dimension)).get(
            segment, segment
        )
    return TemplateResponse(
        request,
        "compliance/pipeline/stuck.html",
        {
            "rows": rows,
            "page": page,
            "year": year,
            "as_of": as_of_for(year),
            "segment_label": segment_label,
            "funnel_url": f"{reverse('pipeline:funnel')}?year={year}&dimension={dimension}"
            f"&segment={segment}",
            "page_title": title,
            "header_title": title,
        },
    )


def forecast_view(request):
    require(request.user, "view", BaselineSurvey)
    page = Paginator(forecast_list(), PER_PAGE).get_page(request.GET.get("page"))
    title = _("Bargaining forecast (协商预报)")
    return TemplateResponse(
        request,
        "compliance/pipeline/forecast.html",
        {
            "page": page,
            "rows": [
                {
                    "intent": i,
                    "intent_url": reverse("bargaining_intents:inspect", args=[i.pk]),
                    "enterprise_url": reverse("enterprises:inspect", args=[i.enterprise_id]),
                }
                for i in page.object_list
            ],
            "xlsx_url": reverse("pipeline:forecast_xlsx"),
            "page_title": title,
            "header_title": title,
        },
    )


def forecast_xlsx(request):
    require(request.user, "view", BaselineSurvey)
    today = timezone.localdate()
    kinds = dict(Kind.choices)
    buffer = io.BytesIO()
    write_table(
        title=_("Forecast"),
        heading=_("Bargaining forecast (协商预报) from %(day)s") % {"day": today.isoformat()},
        headers=[
            _("Planned month"),
            _("Unified social credit code"),
            _("Enterprise"),
            _("Topic (contract kind)"),
            _("Offer sent this year"),
            _("Notes"),
        ],
        widths=[14, 22, 36, 28, 16, 40],
        rows=(
            (
                f"{i.year}-{i.planned_month:02d}",
                i.enterprise.credit_code,
                i.enterprise.name,
                str(kinds.get(i.kind, i.kind)),
                _("Yes") if i.offered else _("No"),
                i.notes,
            )
            for i in forecast_list(today=today).iterator(chunk_size=2000)
        ),
        target=buffer,
    )
    return xlsx_response(buffer.getvalue(), name=f"forecast-{today.isoformat()}.xlsx")
