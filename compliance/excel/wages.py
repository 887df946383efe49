"""The wage highlights as a workbook (issue 19 item 4): one sheet per period (the quarter, the
year to its end), each with a title row, the headers in the reader's language and one row per
segment: counts as numbers, the increases as numbers in percent (two decimals), empty where no
contract of the segment stated an increase."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from compliance.excel.writer import safe_cell

INCREASE_FORMAT = "0.00"


@dataclass(frozen=True)
class Increase:
    """An increase in percent (3.5 for 3.5 %), or None."""

    value: float | None


@dataclass(frozen=True)
class Sheet:
    title: str  # the sheet's name (31 characters at most)
    heading: str  # the first row
    headers: Sequence[str]
    rows: Sequence[Sequence[Any]]


def write_wage_highlights(*, sheets: Sequence[Sheet], target: IO[bytes]) -> None:
    workbook = Workbook(write_only=True)
    bold = Font(bold=True)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title[:31])
        heading = WriteOnlyCell(sheet, value=spec.heading)
        heading.font = bold
        sheet.append([heading])
        header_cells = []
        for header in spec.headers:
            cell = WriteOnlyCell(sheet, value=str(header))
            cell.font = bold
            header_cells.append(cell)
        sheet.append(header_cells)
        for row in spec.rows:
            out = []
            for value in row:
                if isinstance(value, Increase):
                    cell = WriteOnlyCell(sheet, value=value.value)
                    cell.number_format = INCREASE_FORMAT
                    out.append(cell)
                else:
                    out.append(safe_cell(sheet, value))
            sheet.append(out)
    workbook.save(target)
