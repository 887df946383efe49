"""The public wage highlights (工资集体协商情况, issue 19 item 4): a federation's wage contracts of
a quarter and of the year to its end, with the spread of the agreed increases by industry,
ownership and region, read from the stored quarterly figures (compliance.selectors.wages) of the
federation and every federation beneath it. Charts are inline SVG with a table of the same
numbers; the XLSX holds the tables. No enterprise is named anywhere."""

from __future__ import annotations

import io

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cms_pages.wages.charts import spread_chart
from compliance.excel.wages import Increase, Sheet, write_wage_highlights
from compliance.rules.figures import DIMENSION_LABELS
from compliance.rules.wages import GUIDELINE_BAND, quarters_offered
from compliance.selectors.wages import DIMENSIONS, Highlights, wage_highlights, wage_quarters

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def period_label(period: str, highlights: Highlights) -> str:
    if period == "quarter":
        return _("Signed in Q%(quarter)s %(year)s") % {
            "quarter": highlights.quarter,
            "year": highlights.year,
        }
    return _("Signed from 1 January to the end of Q%(quarter)s %(year)s") % {
        "quarter": highlights.quarter,
        "year": highlights.year,
    }


def quarter_label(year: int, quarter: int) -> str:
    return _("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}


def _highlights_or_404(request, year: int, quarter: int) -> tuple[Highlights, list]:
    quarters = wage_quarters(federation=request.tenant)
    today = timezone.localdate()
    if (year, quarter) not in quarters and (year, quarter) not in quarters_offered(today=today):
        raise Http404
    return wage_highlights(federation=request.tenant, year=year, quarter=quarter), quarters


def highlights_latest(request):
    quarters = wage_quarters(federation=request.tenant)
    if quarters:
        year, quarter = quarters[0]
        return redirect("wage_highlights", year=year, quarter=quarter)
    return TemplateResponse(
        request,
        "cms_pages/wage_highlights.html",
        {
            "highlights": None,
            "quarters": [],
            "canonical_url": request.build_absolute_uri(reverse("wage_highlights_latest")),
        },
    )


def highlights(request, year: int, quarter: int):
    found, quarters = _highlights_or_404(request, year, quarter)
    sections = []
    for period in ("quarter", "year"):
        figures = found.periods[period]
        dimensions = []
        for dimension in DIMENSIONS[1:]:
            rows = figures.by_dimension[dimension]
            label = str(DIMENSION_LABELS[dimension])
            chart = None
            if any(not row.spread.empty for row in rows):
                chart = spread_chart(
                    chart_id=f"spread-{period}-{dimension}",
                    title=_("Agreed wage increase by %(dimension)s: %(period)s")
                    % {"dimension": label, "period": period_label(period, found)},
                    rows=rows,
                )
            dimensions.append({"key": dimension, "label": label, "rows": rows, "chart": chart})
        sections.append(
            {
                "period": period,
                "label": period_label(period, found),
                "total": figures.total,
                "dimensions": dimensions,
            }
        )
    return TemplateResponse(
        request,
        "cms_pages/wage_highlights.html",
        {
            "highlights": found,
            "sections": sections,
            "quarter_label": quarter_label(year, quarter),
            "quarters": [
                (
                    quarter_label(y, q),
                    reverse("wage_highlights", args=[y, q]),
                    (y, q) == (year, quarter),
                )
                for y, q in quarters
            ],
            "band": GUIDELINE_BAND,
            "xlsx_url": reverse("wage_highlights_xlsx", args=[year, quarter]),
            "canonical_url": request.build_absolute_uri(
                reverse("wage_highlights", args=[year, quarter])
            ),
        },
    )


def _increase(value) -> Increase:
    return Increase(None if value is None else float(value))


def highlights_xlsx(request, year: int, quarter: int):
    found, _quarters = _highlights_or_404(request, year, quarter)
    if not found.generated:
        raise Http404
    headers = [
        _("Dimension"),
        pgettext("wage highlights", "Segment"),
        _("Wage contracts"),
        _("Employees covered"),
        _("Contracts stating an increase"),
        _("Minimum increase (%)"),
        _("Lower quartile (%)"),
        _("Median increase (%)"),
        _("Upper quartile (%)"),
        _("Maximum increase (%)"),
    ]
    sheets = []
    for period in ("quarter", "year"):
        figures = found.periods[period]
        rows = []
        for row in [figures.total] + [
            r for dimension in DIMENSIONS[1:] for r in figures.by_dimension[dimension]
        ]:
            s = row.spread
            rows.append(
                [
                    str(DIMENSION_LABELS[row.dimension]),
                    row.label,
                    row.contracts,
                    row.employees_covered,
                    s.count,
                    _increase(s.minimum),
                    _increase(s.lower_quartile),
                    _increase(s.median),
                    _increase(s.upper_quartile),
                    _increase(s.maximum),
                ]
            )
        sheets.append(
            Sheet(
                title=_("Quarter") if period == "quarter" else _("Year to date"),
                heading=_("%(federation)s · wage highlights · %(period)s · as of %(day)s")
                % {
                    "federation": found.federation.display_name,
                    "period": period_label(period, found),
                    "day": timezone.localtime(found.generated_at).date().isoformat(),
                },
                headers=headers,
                rows=rows,
            )
        )
    buffer = io.BytesIO()
    write_wage_highlights(sheets=sheets, target=buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="wages-{year}-q{quarter}.xlsx"'
    return response
