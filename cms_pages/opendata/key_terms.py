"""The key-terms dataset in open data (issue 19 part 2): the codebook (JSON, CSV), the notices ×
variables (API by cursor, CSV, XLSX) and the dated snapshots. Same filters, cursor, rate limit
and error shapes as the notice API (cms_pages.opendata.views), on the same DRF base (api.py); the
description is generated with the rest (schema.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from openpyxl import Workbook
from rest_framework.response import Response
from rest_framework.views import APIView

from cms_pages.models import KeyTermsSnapshot
from cms_pages.opendata import cursor as keyset
from cms_pages.opendata import schema, xlsx
from cms_pages.opendata.api import OpenDataMixin
from cms_pages.opendata.dataset import COLUMNS, ONLY, csv_text, dataset_rows
from cms_pages.opendata.query import API_PARAMS, DEFAULT_LIMIT, MAX_LIMIT, Links, filtered
from cms_pages.opendata.serializers import CodebookSerializer, KeyTermsPageSerializer
from cms_pages.selectors.notices import FILTER_PARAMS
from compliance.excel.writer import safe_cell
from compliance.rules.codebook import (
    CODEBOOK_DATE,
    CODEBOOK_FIELDS,
    CODEBOOK_VERSION,
    codebook_rows,
)

_ORDER_FIELDS = ("in_force_from", "ends_on", "covered_employees", "updated_at", "id")


def _codebook_header() -> dict:
    return {"version": CODEBOOK_VERSION, "date": CODEBOOK_DATE.isoformat()}


def _schema(operation_id: str, summary: str, responses: dict, parameters=(), codes=(200,)):
    return extend_schema(
        operation_id=operation_id,
        summary=summary,
        tags=[schema.TAG],
        parameters=[*parameters, *schema.rate_headers(list(codes))],
        responses={**responses, 429: schema.LIMITED},
    )


class CodebookJson(OpenDataMixin, APIView):
    """GET /api/v1/codebook.json: every variable with its type, unit, range and definitions."""

    @_schema(
        "getCodebook",
        "The codebook of the key-terms dataset",
        {200: OpenApiResponse(CodebookSerializer, description="Version, date and variables.")},
    )
    def get(self, request):
        return Response({**_codebook_header(), "variables": codebook_rows()})


class CodebookCsv(OpenDataMixin, APIView):
    """GET /api/v1/codebook.csv."""

    @_schema(
        "downloadCodebookCsv",
        "The codebook as CSV, a variable a row",
        {(200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV file.")},
    )
    def get(self, request):
        return codebook_csv(request)


def codebook_csv(request):
    """The codebook one variable a row (choices as code=中文=English)."""

    def rows():
        for row in codebook_rows():
            row = dict(row)
            row["choices"] = "; ".join(
                f"{c['code']}={c['label_zh']}={c['label_en']}" for c in row["choices"]
            )
            yield [row[name] for name in CODEBOOK_FIELDS]

    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(CODEBOOK_FIELDS)
    writer.writerows(["" if v is None else v for v in row] for row in rows())
    response = StreamingHttpResponse([buffer.getvalue()], content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="codebook_v{CODEBOOK_VERSION}.csv"'
    return response


def _filename(extension: str) -> str:
    return f"key-terms_v{CODEBOOK_VERSION}_{timezone.localdate().isoformat()}.{extension}"


class KeyTermList(OpenDataMixin, APIView):
    """GET /api/v1/key-terms/: listed notices' coded key terms, filtered, by cursor."""

    @_schema(
        "listKeyTerms",
        "Listed notices' coded key terms, filtered, by cursor",
        {
            200: OpenApiResponse(
                KeyTermsPageSerializer,
                description="The codebook's version and address, a page of notices with their "
                "key terms (codes of codebook.json), and next_cursor.",
            ),
            400: schema.INVALID,
        },
        parameters=[
            *schema.filter_parameters(),
            schema.UPDATED_SINCE,
            OpenApiParameter(
                "limit", int, description=f"Notices per page (1–{MAX_LIMIT}, {DEFAULT_LIMIT})."
            ),
            OpenApiParameter(
                "cursor", str, description="The next_cursor of the previous page (same order)."
            ),
        ],
        codes=(200, 400),
    )
    def get(self, request):
        return Response(key_terms_page(request))


def key_terms_page(request) -> dict:
    queryset, order, extra = filtered(request.query_params, allowed=API_PARAMS)
    limit = extra["limit"]
    rows = list(queryset.only(*ONLY, *_ORDER_FIELDS)[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    links = Links(request)
    next_cursor = keyset.cursor_encode(order, rows[-1]) if more else None
    next_url = None
    if next_cursor:
        query = request.query_params.copy()
        query["cursor"] = next_cursor
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    codebook = request.build_absolute_uri("/api/v1/codebook.json")
    data = [
        {
            "id": str(n.public_id),
            "title": n.title,
            "employer": n.employer,
            "codebook_version": n.codebook_version,
            "key_terms": n.key_terms or {},
            "url": links.page(n),
            "api_url": links.api(n),
        }
        for n in rows
    ]
    return {
        "codebook": {**_codebook_header(), "url": codebook},
        "data": data,
        "order": order,
        "limit": limit,
        "next_cursor": next_cursor,
        "next": next_url,
    }


def _download(operation_id: str, summary: str, media_type: str):
    return _schema(
        operation_id,
        summary,
        schema.download(media_type, "The filtered list, a row per notice, a column per variable."),
        parameters=schema.filter_parameters(),
        codes=(200, 400),
    )


class KeyTermsCsv(OpenDataMixin, APIView):
    """GET /api/v1/key-terms.csv."""

    @_download("downloadKeyTermsCsv", "Key terms of the filtered list as CSV", "text/csv")
    def get(self, request):
        return key_terms_csv(request)


class KeyTermsXlsx(OpenDataMixin, APIView):
    """GET /api/v1/key-terms.xlsx."""

    @_download(
        "downloadKeyTermsXlsx",
        "Key terms of the filtered list as XLSX, with the codebook",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    def get(self, request):
        return key_terms_xlsx(request)


def key_terms_csv(request):
    """Notices × variables of the filtered list, streamed."""
    queryset, _order, _extra = filtered(request.query_params, allowed=FILTER_PARAMS)
    notices = queryset.only(*ONLY, *_ORDER_FIELDS).iterator(chunk_size=2000)
    response = StreamingHttpResponse(
        csv_text(dataset_rows(notices)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


def key_terms_xlsx(request):
    """The same rows as the CSV, with the codebook on a second sheet."""
    queryset, _order, _extra = filtered(request.query_params, allowed=FILTER_PARAMS)
    notices = queryset.only(*ONLY, *_ORDER_FIELDS)[: xlsx.XLSX_MAX_ROWS + 1]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Key terms"))
    sheet.freeze_panes = "B2"
    sheet.append(list(COLUMNS))
    truncated = xlsx.sheet_rows_capped(
        sheet, ([safe_cell(sheet, value) for value in row] for row in dataset_rows(notices))
    )
    book = workbook.create_sheet(_("Codebook"))
    book.append(
        [
            _("Codebook version %(version)s of %(date)s")
            % {"version": CODEBOOK_VERSION, "date": CODEBOOK_DATE.isoformat()}
        ]
    )
    book.append(list(CODEBOOK_FIELDS))
    for row in codebook_rows():
        row["choices"] = "; ".join(f"{c['code']}={c['label_zh']}" for c in row["choices"])
        book.append([safe_cell(book, row[name]) for name in CODEBOOK_FIELDS])
    return xlsx.xlsx_response(workbook, filename=_filename("xlsx"), truncated=truncated)


class KeyTermsSnapshotView(OpenDataMixin, APIView):
    """GET /api/v1/key-terms/snapshots/<version>/<date>.csv: a dated bulk download."""

    @_schema(
        "downloadKeyTermsSnapshot",
        "A dated bulk download of the key terms (CSV)",
        {
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="CSV file."),
            404: schema.error("No snapshot of this codebook version was made on this date."),
        },
        parameters=[
            OpenApiParameter("version", str, OpenApiParameter.PATH, description="e.g. 1.0"),
            OpenApiParameter(
                "made_on", str, OpenApiParameter.PATH, description="The day, YYYY-MM-DD."
            ),
        ],
        codes=(200, 404),
    )
    def get(self, request, version, made_on):
        return key_terms_snapshot(request, version, made_on)


def key_terms_snapshot(request, version, made_on):
    try:
        day = dt.date.fromisoformat(made_on)
    except ValueError:
        day = None
    snapshot = (
        KeyTermsSnapshot.objects.filter(codebook_version=version, made_on=day).first()
        if day
        else None
    )
    if snapshot is None or not snapshot.file.storage.exists(snapshot.file.name):
        response = Response(
            {
                "error": "not_found",
                "message": _("No snapshot of this codebook version was made on this date."),
            },
            status=404,
        )
        response["Cache-Control"] = "no-store"
        return response
    response = FileResponse(
        snapshot.file.open("rb"),
        as_attachment=True,
        filename=f"key-terms_v{snapshot.codebook_version}_{snapshot.made_on.isoformat()}.csv",
        content_type="text/csv; charset=utf-8",
    )
    # A snapshot never changes.
    response["Cache-Control"] = "public, max-age=86400"
    return response
