"""The statistics pages' table as a workbook: a title row (federation, day, period), the headers
in the reader's language, then one row per line of the table. Counts are numbers, rates are
numbers formatted as percentages (a rate with nothing to divide by is left empty)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from compliance.excel.writer import safe_cell

PERCENT_FORMAT = "0.0%"


@dataclass(frozen=True)
class Percent:
    """A rate as a fraction (0.57 for 57 %), or None where the denominator is 0."""

    value: float | None


def write_statistics(
    *,
    sheet_title: str,
    title: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    target: IO[bytes],
) -> None:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_title[:31])
    bold = Font(bold=True)
    heading = WriteOnlyCell(sheet, value=title)
    heading.font = bold
    sheet.append([heading])
    header_cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=str(header))
        cell.font = bold
        header_cells.append(cell)
    if header_cells:
        sheet.append(header_cells)
    for row in rows:
        out = []
        for value in row:
            if isinstance(value, Percent):
                cell = WriteOnlyCell(sheet, value=value.value)
                cell.number_format = PERCENT_FORMAT
                out.append(cell)
            else:
                out.append(safe_cell(sheet, value))
        sheet.append(out)
    workbook.save(target)
