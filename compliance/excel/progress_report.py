"""The monthly progress report for the chair's meeting (主席办公会) as a workbook: a sheet of
figures (this month, the previous month, the change, the year to date) and a sheet of the month's
invited enterprises with their attendance and outcome. Counts are numbers; text that came from
users is never written as a formula."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from compliance.excel.writer import safe_cell

_BOLD = Font(bold=True)


def _bold_row(sheet, values: Sequence[Any]) -> list:
    cells = []
    for value in values:
        cell = WriteOnlyCell(sheet, value=str(value))
        cell.font = _BOLD
        cells.append(cell)
    return cells


def write_progress_report(
    *,
    title: str,
    figures_title: str,
    figure_headers: Sequence[str],
    figure_rows: Sequence[Sequence[Any]],
    invitations_title: str,
    invitation_headers: Sequence[str],
    invitation_rows: Sequence[Sequence[Any]],
    target: IO[bytes],
) -> None:
    workbook = Workbook(write_only=True)
    figures = workbook.create_sheet(figures_title[:31])
    figures.column_dimensions["A"].width = 48
    figures.append(_bold_row(figures, [title]))
    figures.append(_bold_row(figures, figure_headers))
    for row in figure_rows:
        figures.append([safe_cell(figures, value) for value in row])
    invited = workbook.create_sheet(invitations_title[:31])
    invited.column_dimensions["A"].width = 36
    invited.append(_bold_row(invited, invitation_headers))
    for row in invitation_rows:
        invited.append([safe_cell(invited, value) for value in row])
    workbook.save(target)
