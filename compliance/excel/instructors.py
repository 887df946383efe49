"""An instructor's yearly assessment sheet (指导员年度考核表) as a printable workbook: the
instructor and the year, the figures (visits, enterprises visited, training given, whole rounds
against the target, enterprises and those with a contract in force), the grade and comment, and
one sheet each listing the visits, the training and the whole rounds.

Small and styled, so a normal openpyxl workbook; text that came from users is never a formula.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

_BOLD = Font(bold=True)


@dataclass(frozen=True)
class SheetTable:
    title: str
    headers: Sequence[str]
    rows: Sequence[Sequence[object]]


def _put(sheet, row: int, column: int, value):
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def assessment_workbook(
    *,
    title: str,
    summary: Sequence[tuple[str, object]],
    tables: Sequence[SheetTable],
) -> bytes:
    """`summary`: (label, value) lines of the first sheet; `tables`: one sheet each."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Assessment")
    _put(sheet, 1, 1, title).font = Font(bold=True, size=14)
    for row, (label, value) in enumerate(summary, start=3):
        _put(sheet, row, 1, label).font = _BOLD
        _put(sheet, row, 2, value).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 60
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    for table in tables:
        page = workbook.create_sheet(table.title[:31])
        for column, header in enumerate(table.headers, start=1):
            _put(page, 1, column, header).font = _BOLD
            page.column_dimensions[chr(64 + column)].width = 22
        for row, values in enumerate(table.rows, start=2):
            for column, value in enumerate(values, start=1):
                _put(page, row, column, value)
        page.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
