"""An upward report (上报) as a printable workbook: a title, the federation, the period and its
status, a table of lines (numerator, denominator, rate, note), the children included and missing,
and cells for the signatures and the date. Set up to print on A4, fitted to the page's width,
the table's header row repeated on every page.

Small and styled, so a normal openpyxl workbook. Notes came from users: a value starting with
"=" is stored as a string, never a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.properties import PageSetupProperties

_THIN = Side(style="thin")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_BOLD = Font(bold=True)
WIDTHS = (34, 14, 14, 10, 40)


@dataclass(frozen=True)
class PrintLine:
    label: str
    numerator: int
    denominator: int | None
    percent: Decimal | None
    note: str


def _put(sheet, row: int, column: int, value):
    """A cell whose text is kept as text: "=…" typed by a user is not a formula."""
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def report_workbook(
    *,
    title: str,
    facts: Sequence[tuple[str, str]],
    lines: Sequence[PrintLine],
    included: str,
    missing: str,
) -> bytes:
    """The workbook's bytes. `facts` are (label, value) rows printed under the title."""
    book = Workbook()
    sheet = book.active
    sheet.title = _("Report")
    for index, width in enumerate(WIDTHS):
        sheet.column_dimensions["ABCDE"[index]].width = width
    sheet["A1"] = title
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.merge_cells("A1:E1")
    sheet["A1"].alignment = Alignment(horizontal="center")
    row = 2
    for label, value in facts:
        sheet.cell(row=row, column=1, value=label).font = _BOLD
        _put(sheet, row, 2, value)
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        row += 1
    row += 1
    header_row = row
    headers = (_("Line"), _("Numerator"), _("Denominator"), _("Rate (%)"), _("Note"))
    for column, header in enumerate(headers, start=1):
        cell = sheet.cell(row=row, column=column, value=header)
        cell.font = _BOLD
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for line in lines:
        row += 1
        values = (
            line.label,
            line.numerator,
            line.denominator if line.denominator is not None else "",
            float(line.percent) if line.percent is not None else "",
            line.note,
        )
        for column, value in enumerate(values, start=1):
            cell = _put(sheet, row, column, value)
            cell.border = _BOX
            cell.alignment = Alignment(vertical="top", wrap_text=column in (1, 5))
            if column == 4 and value != "":
                cell.number_format = "0.0"
    row += 2
    for label, value in ((_("Included"), included), (_("Missing"), missing)):
        sheet.cell(row=row, column=1, value=label).font = _BOLD
        _put(sheet, row, 2, value or "—")
        sheet.merge_cells(start_row=row, start_column=2, end_row=row, end_column=5)
        sheet.cell(row=row, column=2).alignment = Alignment(wrap_text=True)
        row += 1
    row += 1
    for label in (_("Prepared by (signature)"), _("Approved by (signature)"), _("Date")):
        sheet.cell(row=row, column=1, value=label).font = _BOLD
        for column in range(2, 4):
            sheet.cell(row=row, column=column).border = Border(bottom=_THIN)
        row += 2
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_area = f"A1:E{row}"
    sheet.print_options.horizontalCentered = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
