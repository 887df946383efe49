"""Writing the ledger workbooks: the blank template, exports and error workbooks.

Exports and error workbooks stream through openpyxl's write_only mode (constant memory, the
fastest openpyxl writes). The template is small and styled, so it uses a normal workbook: a
frozen header row, column widths, code columns formatted as text, dropdowns for coded columns
and an instructions sheet. Dropdowns point at ranges on a hidden sheet, because a list typed
into the validation itself is limited to 255 characters.

Text that came from users is never written as a formula: a value starting with "=" is stored
as a string (spreadsheet formula injection).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from typing import IO, Any

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.cell import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from compliance.excel.columns import NO, YES, SheetSpec
from compliance.excel.reader import RowError

Target = str | os.PathLike | IO[bytes]
TEMPLATE_ROWS = 200_000  # rows the template's dropdowns and text formats cover
LISTS_SHEET = "lists"
_BOLD = Font(bold=True)
_REQUIRED_FILL = PatternFill("solid", fgColor="FFF2CC")
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def safe_cell(ws, value: Any) -> Any:
    """A string that openpyxl would take for a formula, kept as a plain string."""
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def write_template(*, spec: SheetSpec, language: str, target: Target) -> None:
    workbook = Workbook()
    data = workbook.active
    data.title = spec.title[language]
    lists = workbook.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    notes = workbook.create_sheet(_("Instructions"))
    last_row = TEMPLATE_ROWS + 1
    list_column = 0
    yes_no_range = None
    for position, column in enumerate(spec.columns, start=1):
        letter = get_column_letter(position)
        cell = data.cell(row=1, column=position, value=column.header(language))
        cell.font = _BOLD
        cell.fill = _REQUIRED_FILL if column.required else _HEADER_FILL
        data.column_dimensions[letter].width = column.width
        if column.as_text:
            data.column_dimensions[letter].number_format = "@"
        if column.choices is not None:
            list_column += 1
            source = _write_list(lists, list_column, list(column.choices.labels.values()))
        elif column.boolean:
            if yes_no_range is None:
                list_column += 1
                yes_no_range = _write_list(lists, list_column, [YES[language], NO[language]])
            source = yes_no_range
        else:
            continue
        validation = DataValidation(
            type="list",
            formula1=source,
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=_("Not in the list"),
            error=_("Choose a value from the dropdown list."),
        )
        validation.add(f"{letter}2:{letter}{last_row}")
        data.add_data_validation(validation)
    data.freeze_panes = "A2"
    _write_instructions(notes, spec, language)
    workbook.save(target)


def _write_list(sheet, column: int, values: list[str]) -> str:
    for row, value in enumerate(values, start=1):
        sheet.cell(row=row, column=column, value=value)
    letter = get_column_letter(column)
    return f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(values)}"


def _write_instructions(sheet, spec: SheetSpec, language: str) -> None:
    sheet.append([_("One row per record below the header row. Headers may be in Chinese or "
                    "English; do not rename them.")])  # fmt: skip
    sheet.append([_("Importing the same file again changes nothing.") if spec.idempotent
                  else _("Each upload starts a new check; earlier checks are kept.")])  # fmt: skip
    sheet.append([_("Yellow columns are required.")])
    sheet.append([])
    sheet.append([_("Column"), _("Required"), _("What to enter")])
    for cell in sheet[5]:
        cell.font = _BOLD
    for column in spec.columns:
        sheet.append(
            [
                column.header(language),
                YES[language] if column.required else NO[language],
                str(column.hint),
            ]
        )
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 60


def write_rows(
    *, spec: SheetSpec, rows: Iterable[Sequence[Any]], language: str, target: Target
) -> int:
    """Stream `rows` (stored values, in the spec's column order) to an .xlsx; return the count.

    Coded values are written as their labels and booleans as 是/否 (yes/no), so an export can
    be edited and imported again."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(spec.title[language])
    for position, column in enumerate(spec.columns, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = column.width
    sheet.freeze_panes = "A2"
    header = []
    for title in spec.headers(language):
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = _BOLD
        header.append(cell)
    sheet.append(header)
    mapped = [
        (index, exporter)
        for index, column in enumerate(spec.columns)
        if (exporter := column.exporter(language)) is not None
    ]
    free_text = [index for index, column in enumerate(spec.columns) if column.free_text]
    count = 0
    append = sheet.append
    for row in rows:
        values = list(row)
        for index, exporter in mapped:
            values[index] = exporter(values[index])
        for index in free_text:
            value = values[index]
            if value.__class__ is str and value.startswith("="):
                values[index] = safe_cell(sheet, value)
        append(values)
        count += 1
    workbook.save(target)
    return count


def write_errors(*, errors: Sequence[RowError], invalid_rows: int, target: Target) -> None:
    """The error workbook: one line per problem with the row, column, value and what to fix."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Errors"))
    for letter, width in zip("ABCDE", (8, 8, 24, 28, 80), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    header = []
    for title in (_("Row"), _("Column"), _("Header"), _("Value"), _("What to fix")):
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = _BOLD
        header.append(cell)
    sheet.append(header)
    for error in errors:
        value = error.value if error.value is not None else ""
        if not isinstance(value, str | int | float | bool) and value != "":
            value = str(value)
        sheet.append(
            [error.row, error.column, error.header, safe_cell(sheet, value), error.message]
        )
    if invalid_rows > len({error.row for error in errors}):
        sheet.append([])
        sheet.append(
            [
                _(
                    "Only the first %(listed)s problems are listed; %(rows)s rows have problems "
                    "in all."
                )
                % {"listed": f"{len(errors):,}", "rows": f"{invalid_rows:,}"}
            ]
        )
    workbook.save(target)
