"""The key-terms dataset in open data (issue 19 part 2): the codebook (JSON, CSV), the notices ×
variables (API by cursor, CSV, XLSX) and the dated snapshots. Same filters, cursor, rate limit
and error shapes as the notice API (cms_pages.opendata.views)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import tempfile

from django.http import FileResponse, JsonResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from cms_pages.models import KeyTermsSnapshot
from cms_pages.opendata import cursor as keyset
from cms_pages.opendata.dataset import COLUMNS, ONLY, csv_text, dataset_rows
from cms_pages.opendata.ratelimit import rate_limited
from cms_pages.opendata.views import (
    API_PARAMS,
    BadRequest,
    Links,
    bad_request,
    filtered,
    public,
    read_only,
)
from cms_pages.selectors.notices import FILTER_PARAMS
from compliance.excel.writer import safe_cell
from compliance.rules.codebook import (
    CODEBOOK_DATE,
    CODEBOOK_FIELDS,
    CODEBOOK_VERSION,
    codebook_rows,
)

XLSX_MAX_ROWS = 50_000
_ORDER_FIELDS = ("in_force_from", "ends_on", "covered_employees", "updated_at", "id")


def _codebook_header() -> dict:
    return {"version": CODEBOOK_VERSION, "date": CODEBOOK_DATE.isoformat()}


@read_only
@rate_limited
def codebook_json(request):
    """GET /api/v1/codebook.json: every variable with its type, unit, range and definitions."""
    return public(
        JsonResponse(
            {**_codebook_header(), "variables": codebook_rows()},
            json_dumps_params={"ensure_ascii": False},
        )
    )


@read_only
@rate_limited
def codebook_csv(request):
    """GET /api/v1/codebook.csv: the codebook one variable a row (choices as code=中文=English)."""

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
    return public(response)


def _filename(extension: str) -> str:
    return f"key-terms_v{CODEBOOK_VERSION}_{timezone.localdate().isoformat()}.{extension}"


@read_only
@rate_limited
def api_key_terms(request):
    """GET /api/v1/key-terms/: listed notices' coded key terms, filtered, by cursor."""
    try:
        queryset, order, extra = filtered(request.GET, allowed=API_PARAMS)
    except BadRequest as exc:
        return bad_request(exc.errors)
    limit = extra["limit"]
    rows = list(queryset.only(*ONLY, *_ORDER_FIELDS)[: limit + 1])
    more = len(rows) > limit
    rows = rows[:limit]
    links = Links(request)
    next_cursor = keyset.cursor_encode(order, rows[-1]) if more else None
    next_url = None
    if next_cursor:
        query = request.GET.copy()
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
    response = JsonResponse(
        {
            "codebook": {**_codebook_header(), "url": codebook},
            "data": data,
            "order": order,
            "limit": limit,
            "next_cursor": next_cursor,
            "next": next_url,
        },
        json_dumps_params={"ensure_ascii": False},
    )
    return public(response)


@read_only
@rate_limited
def key_terms_csv(request):
    """GET /api/v1/key-terms.csv: notices × variables of the filtered list, streamed."""
    try:
        queryset, _order, _extra = filtered(request.GET, allowed=FILTER_PARAMS)
    except BadRequest as exc:
        return bad_request(exc.errors)
    notices = queryset.only(*ONLY, *_ORDER_FIELDS).iterator(chunk_size=2000)
    response = StreamingHttpResponse(
        csv_text(dataset_rows(notices)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return public(response)


@read_only
@rate_limited
def key_terms_xlsx(request):
    """GET /api/v1/key-terms.xlsx: the same rows as the CSV, with the codebook on a second sheet."""
    try:
        queryset, _order, _extra = filtered(request.GET, allowed=FILTER_PARAMS)
    except BadRequest as exc:
        return bad_request(exc.errors)
    notices = queryset.only(*ONLY, *_ORDER_FIELDS)[: XLSX_MAX_ROWS + 1]
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Key terms"))
    sheet.freeze_panes = "B2"
    sheet.append(list(COLUMNS))
    truncated = False
    for written, row in enumerate(dataset_rows(notices)):
        if written == XLSX_MAX_ROWS:
            truncated = True
            break
        sheet.append([safe_cell(sheet, value) for value in row])
    if truncated:
        sheet.append(
            [
                _(
                    "Only the first %(rows)d notices are here; narrow the filters or download "
                    "the CSV for all of them."
                )
                % {"rows": XLSX_MAX_ROWS}
            ]
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
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    workbook.save(handle)
    handle.seek(0)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=_filename("xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    public(response)
    if truncated:
        response["X-Truncated"] = str(XLSX_MAX_ROWS)
    return response


@read_only
@rate_limited
def key_terms_snapshot(request, version, made_on):
    """GET /api/v1/key-terms/snapshots/<version>/<date>.csv: a dated bulk download."""
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
        response = JsonResponse(
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
