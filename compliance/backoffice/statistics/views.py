"""The statistics pages (issue 16, items 1 and 3): "Our figures", live from the federation's own
ledger, and "Federations beneath", the roll-up read from the network channel only. Both answer
for a day, a period and a dimension, draw their charts as inline SVG and export their table to
XLSX. Open to holders of compliance.read_statistics (administrators, statistics staff)."""

from __future__ import annotations

import io
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from compliance.backoffice.common import xlsx_response
from compliance.backoffice.statistics.charts import bar_chart, line_chart
from compliance.backoffice.statistics.forms import FiguresForm
from compliance.excel.statistics import Percent, write_statistics
from compliance.rules.figure_days import quick_periods
from compliance.rules.figures import DIMENSION_LABELS, PERIOD_LABELS
from compliance.selectors.figure_tables import (
    Row,
    Statistics,
    federation_beneath,
    network_statistics,
    own_statistics,
    path_from,
)
from compliance.selectors.presentation import COUNT_COLUMNS, RATE_COLUMNS, ratio_text

PERMISSION = "compliance.read_statistics"


def may_read_statistics(user) -> bool:
    return bool(user.is_authenticated and user.has_perm(PERMISSION))


def _require(request) -> None:
    if not may_read_statistics(request.user):
        raise PermissionDenied


def _form(request, today):
    defaults = {"day": today.isoformat(), "period": "r12", "dimension": "all"}
    data = {**defaults, **{k: v for k, v in request.GET.items() if k in defaults and v}}
    form = FiguresForm(data, today=today)
    return form, form.choice()


def _cells(row: Row, period: str) -> list[str]:
    rates = [ratio_text(column.ratio(row.figures, period)) for column in RATE_COLUMNS]
    return rates + [str(getattr(row.figures, name)) for name, _label in COUNT_COLUMNS]


def _xlsx_cells(row: Row, period: str) -> list:
    out: list = []
    for column in RATE_COLUMNS:
        ratio = column.ratio(row.figures, period)
        fraction = ratio.numerator / ratio.denominator if ratio.denominator else None
        out += [Percent(fraction), ratio.numerator, ratio.denominator]
    return out + [getattr(row.figures, name) for name, _label in COUNT_COLUMNS]


def _xlsx_headers() -> list[str]:
    headers: list[str] = []
    for column in RATE_COLUMNS:
        label = str(column.label)
        headers += [
            label,
            _("%(rate)s: numerator") % {"rate": label},
            _("%(rate)s: denominator") % {"rate": label},
        ]
    return headers + [str(label) for _name, label in COUNT_COLUMNS]


def _charts(stats: Statistics, *, by_federation: bool):
    rows = stats.branches if by_federation else stats.rows
    bars = bar_chart(
        chart_id="coverage-by-row",
        title=_("Coverage rate (建制率) by federation")
        if by_federation
        else _("Coverage rate (建制率) by segment"),
        items=[
            (_("Total") if row.kind == "total" else row.label, row.figures.coverage().percent)
            for row in rows
        ],
    )
    months = None
    # A chart of nothing is no chart: the caption then says which month ends are missing.
    if any(point.coverage is not None for point in stats.months):
        months = line_chart(
            chart_id="coverage-by-month",
            title=_("Coverage rate (建制率) at each month end of %(year)s")
            % {"year": stats.day.year},
            points=[
                (date_format(p.day, "M"), p.coverage.percent if p.coverage else None)
                for p in stats.months
            ],
            missing=_("no figures published"),
        )
    return bars, months


def _render(request, *, stats, form, title, federation, extra):
    period = stats.period
    query = {"day": stats.day.isoformat(), "period": period, "dimension": stats.dimension}
    quick = [
        (
            q.label,
            "?"
            + urlencode(
                {"day": q.day.isoformat(), "period": q.period, "dimension": stats.dimension}
            ),
            q.day == stats.day and q.period == period,
        )
        for q in quick_periods(today=timezone.localdate())
    ]
    bars, months = _charts(stats, by_federation=bool(stats.branches) and stats.dimension == "all")
    context = {
        "page_title": title,
        "header_title": title,
        "form": form,
        "stats": stats,
        "federation": federation,
        "period_label": PERIOD_LABELS[period],
        "dimension_label": DIMENSION_LABELS[stats.dimension],
        "quick": quick,
        "export_url": "?" + urlencode({**query, "export": "xlsx"}),
        "query": urlencode(query),
        "rate_headers": [column.label for column in RATE_COLUMNS],
        "count_headers": [label for _name, label in COUNT_COLUMNS],
        "rows": [(row, _cells(row, period)) for row in stats.rows],
        "branches": [(row, _cells(row, period)) for row in stats.branches],
        "headline": [(label, ratio_text(ratio)) for label, ratio in stats.headline],
        "bar_chart": bars,
        "month_chart": months,
        "missing_months": [p.day for p in stats.months if p.coverage is None],
        **extra,
    }
    return TemplateResponse(request, "compliance/statistics/figures.html", context)


def _export(*, stats: Statistics, federation, title: str, first_header: str):
    heading = _("%(federation)s — %(title)s — %(day)s, %(period)s, by %(dimension)s") % {
        "federation": federation.display_name,
        "title": title,
        "day": stats.day.isoformat(),
        "period": PERIOD_LABELS[stats.period],
        "dimension": DIMENSION_LABELS[stats.dimension],
    }
    headers = _xlsx_headers()
    rows: list[list] = []
    if stats.branches:
        rows.append([first_header, _("Federations: published/total"), *headers])
        for row in stats.branches:
            label = _("Total") if row.kind == "total" else row.label
            rows.append(
                [label, f"{row.published}/{row.federations}", *_xlsx_cells(row, stats.period)]
            )
        rows.append([])
    rows.append([str(DIMENSION_LABELS[stats.dimension]), *headers])
    rows += [[row.label, *_xlsx_cells(row, stats.period)] for row in stats.rows]
    out = io.BytesIO()
    write_statistics(sheet_title=str(title), title=heading, headers=[], rows=rows, target=out)
    name = f"statistics-{federation.schema_name}-{stats.day.isoformat()}.xlsx"
    return xlsx_response(out.getvalue(), name=name)


def own_view(request):
    """Our figures: the federation's own, computed live from its ledger."""
    _require(request)
    federation, today = connection.tenant, timezone.localdate()
    form, (day, period, dimension) = _form(request, today)
    stats = own_statistics(
        federation=federation, day=day, period=period, dimension=dimension, today=today
    )
    title = _("Our figures")
    if request.GET.get("export") == "xlsx" and form.is_valid():
        return _export(
            stats=stats,
            federation=federation,
            title=title,
            first_header=str(DIMENSION_LABELS[dimension]),
        )
    return _render(
        request,
        stats=stats,
        form=form,
        title=title,
        federation=federation,
        extra={"own_page": True},
    )


def network_view(request, pk: int | None = None):
    """Federations beneath: the roll-up of the federation (or of one beneath it, `pk`) from the
    network channel. A federation that is not beneath the viewer's is a 404."""
    _require(request)
    viewer, today = connection.tenant, timezone.localdate()
    target, path = viewer, []
    if pk is not None:
        if pk == viewer.pk:
            return redirect(reverse("statistics_network:index") + _query_of(request))
        target = federation_beneath(federation_id=pk, viewer=viewer)
        if target is None:
            raise Http404
        path = path_from(viewer=viewer, target=target)
    form, (day, period, dimension) = _form(request, today)
    stats = network_statistics(
        federation=target, day=day, period=period, dimension=dimension, today=today
    )
    title = _("Federations beneath")
    if request.GET.get("export") == "xlsx" and form.is_valid():
        return _export(stats=stats, federation=target, title=title, first_header=_("Federation"))
    return _render(
        request,
        stats=stats,
        form=form,
        title=title,
        federation=target,
        extra={"network_page": True, "viewer": viewer, "path": path},
    )


def _query_of(request) -> str:
    keep = {k: v for k, v in request.GET.items() if k in ("day", "period", "dimension")}
    return "?" + urlencode(keep) if keep else ""
