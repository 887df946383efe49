"""Atom feed of new and changed notices, and CSV / XLSX downloads of any filtered list."""

from __future__ import annotations

import csv
import re

from django.contrib.syndication.views import Feed
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_view
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.utils import get_column_letter
from rest_framework.views import APIView
from wagtail.models import Site

from cms_pages.opendata import schema, xlsx
from cms_pages.opendata.api import OpenDataMixin
from cms_pages.opendata.query import NOTICE_LIST_DEFER, Links, filtered
from cms_pages.opendata.serialize import EXPORT_COLUMNS
from cms_pages.selectors.notices import FILTER_PARAMS
from compliance.excel.writer import safe_cell

FEED_ITEMS = 50
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
# Columns the XLSX holds as dates or numbers (not text), with the format a spreadsheet shows them
# in; the percentage is stored as a fraction (8.5 % is 0.085), as spreadsheets count.
_XLSX_DATE = "yyyy-mm-dd"
_XLSX_FORMATS = {
    "starts_on": _XLSX_DATE,
    "ends_on": _XLSX_DATE,
    "in_force_from": _XLSX_DATE,
    "in_force_until": _XLSX_DATE,
    "signed_on": _XLSX_DATE,
    "published_on": _XLSX_DATE,
    "updated_at": "yyyy-mm-dd hh:mm",
    "covered_employees": "#,##0",
    "wage_growth_pct": "0.0#%",
    "minimum_wage": "#,##0.00",
    "weekly_hours": "0.0",
}
_XLSX_WIDTHS = {"id": 38, "title": 40, "employer": 30, "union": 30, "updated_at": 17, "url": 50}


class NoticeFeed(Feed):
    """The latest changed notices (new, amended, renewed, ended), newest change first. Takes the
    list's filters, so a reader can follow one industry or region."""

    feed_type = Atom1Feed

    def __init__(self, queryset):
        super().__init__()
        self._queryset = queryset

    def get_object(self, request):
        self.request = request
        return None

    def title(self):
        """The federation's name in the reader's language, then the site's, then the host."""
        site = Site.find_for_request(self.request)
        name = getattr(getattr(self.request, "tenant", None), "display_name", "") or (
            site.site_name if site and site.site_name else self.request.get_host()
        )
        return _("%(site)s — collective contract notices") % {"site": name}

    def subtitle(self):
        return _("New and changed public notices of collective contracts.")

    def link(self):
        links = Links(self.request)
        return links.index_url or "/"

    def items(self):
        self._links = Links(self.request)
        return list(
            self._queryset.select_related("predecessor")
            .defer(*NOTICE_LIST_DEFER)
            .order_by("-updated_at", "-id")[:FEED_ITEMS]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return _(
            "%(employer)s and %(union)s; %(kind)s, %(scope)s; term %(starts)s to %(ends)s; "
            "%(employees)d employees covered."
        ) % {
            "employer": item.employer,
            "union": item.union,
            "kind": item.get_kind_display(),
            "scope": item.get_scope_display(),
            "starts": item.starts_on.isoformat(),
            "ends": item.ends_on.isoformat(),
            "employees": item.covered_employees,
        }

    def item_link(self, item):
        return self._links.page(item) or self._links.api(item)

    def item_guid(self, item):
        return f"urn:uuid:{item.public_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.updated_at


def _download_schema(operation_id: str, summary: str, media_type: str, description: str, **kw):
    return extend_schema_view(
        get=extend_schema(
            operation_id=operation_id,
            summary=summary,
            description=(
                "Takes the notice list's filters (sort included) and answers 400 in the JSON "
                "error shape for a bad one; a withdrawn notice is never in it."
            ),
            tags=[schema.TAG],
            parameters=[*schema.filter_parameters(), *schema.rate_headers([200, 400])],
            responses=schema.download(media_type, description, **kw),
        )
    )


def _filtered(request):
    """The list's filters (no cursor, limit or change feed here), or InvalidParameters."""
    queryset, _order, _extra = filtered(request.query_params, allowed=FILTER_PARAMS)
    return queryset


@_download_schema(
    "noticeFeed",
    "Atom feed of the 50 latest new or changed notices",
    "application/atom+xml",
    "An Atom 1.0 feed.",
)
class NoticeFeedView(OpenDataMixin, APIView):
    """GET /api/v1/notices.atom. A feed object per request: it keeps the request's links and
    filters on itself."""

    def get(self, request):
        return NoticeFeed(_filtered(request))(request._request)


def _text(value) -> str:
    """A cell as text; a value a spreadsheet would run as a formula gets a leading apostrophe
    (a plain number such as -1.5 is left as it is)."""
    if value is None:
        return ""
    text = str(value)
    if text.startswith(_FORMULA_START) and not _NUMBER.fullmatch(text):
        return "'" + text
    return text


def _rows(request, queryset):
    """(notice, its row of the download's columns as in the JSON)."""
    links = Links(request)
    names = [name for name, _heading in EXPORT_COLUMNS]
    for notice in queryset.iterator(chunk_size=2000):
        data = links.summary(notice)
        yield notice, [data[name] for name in names]


def _filename(extension: str) -> str:
    return f"notices-{timezone.localdate().isoformat()}.{extension}"


def _xlsx_value(notice, name: str, value):
    """A column's typed value: a date, a local date and time, a number, or the JSON's text."""
    if name not in _XLSX_FORMATS:
        return value
    if name == "updated_at":
        return timezone.localtime(notice.updated_at).replace(tzinfo=None, microsecond=0)
    typed = getattr(notice, name)
    if name == "wage_growth_pct" and typed is not None:
        return typed / 100
    return typed


def _xlsx_rows(request, queryset, sheet):
    """The notices as rows of cells; dates and numbers typed and formatted (_XLSX_FORMATS)."""
    names = [name for name, _heading in EXPORT_COLUMNS]
    for notice, row in _rows(request, queryset):
        cells = []
        for name, value in zip(names, row, strict=True):
            typed = _xlsx_value(notice, name, value)
            if name in _XLSX_FORMATS and typed is not None:
                cell = WriteOnlyCell(sheet, value=typed)
                cell.number_format = _XLSX_FORMATS[name]
                cells.append(cell)
            else:
                cells.append(safe_cell(sheet, typed))
        yield cells


class _Echo:
    def write(self, value):
        return value


@_download_schema(
    "downloadNoticesCsv",
    "The filtered list as CSV (UTF-8 with BOM)",
    "text/csv",
    "CSV file: a heading row, then a row per notice with the JSON's fields.",
)
class NoticesCsvView(OpenDataMixin, APIView):
    """GET /api/v1/notices.csv."""

    def get(self, request):
        return notices_csv(request)


def notices_csv(request):
    """Every notice of the filtered list as UTF-8 CSV (with a BOM, so spreadsheet programs read
    the Chinese), streamed."""
    queryset = _filtered(request).select_related("predecessor").defer(*NOTICE_LIST_DEFER)
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff" + writer.writerow([str(h) for _n, h in EXPORT_COLUMNS])
        for _notice, row in _rows(request, queryset):
            yield writer.writerow([_text(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


@_download_schema(
    "downloadNoticesXlsx",
    "The filtered list as an XLSX workbook (first 50,000 rows)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "XLSX file; a longer list says so in its last row and in the X-Truncated header.",
    schema=OpenApiTypes.BINARY,
)
class NoticesXlsxView(OpenDataMixin, APIView):
    """GET /api/v1/notices.xlsx."""

    def get(self, request):
        return notices_xlsx(request)


def notices_xlsx(request):
    """The filtered list as an XLSX workbook, its dates and numbers typed (cms_pages.opendata.xlsx
    caps it and answers)."""
    queryset = (
        _filtered(request)
        .select_related("predecessor")
        .defer(*NOTICE_LIST_DEFER)[: xlsx.XLSX_MAX_ROWS + 1]
    )
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Notices"))
    sheet.freeze_panes = "A2"
    for position, (name, _heading) in enumerate(EXPORT_COLUMNS, start=1):
        # Wide enough that a date shows as a date, not as ####.
        width = _XLSX_WIDTHS.get(name, 12 if name in _XLSX_FORMATS else 16)
        sheet.column_dimensions[get_column_letter(position)].width = width
    sheet.append([str(h) for _n, h in EXPORT_COLUMNS])
    truncated = xlsx.sheet_rows_capped(sheet, _xlsx_rows(request, queryset, sheet))
    return xlsx.xlsx_response(workbook, filename=_filename("xlsx"), truncated=truncated)
