"""Reading a ledger workbook into rows of typed values and row errors.

The workbook is checked first (compliance.excel.safety), then read with python-calamine. The data
sheet is the one named like the template's (企业台账 / Enterprises …), else the first visible
sheet. Its header row is looked for among the first rows (a title row above it is common) and
may be in Chinese or English; a missing required column refuses the whole file, naming it.
Row numbers in errors are the ones Excel shows.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _
from openpyxl.utils.cell import get_column_letter
from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from compliance.excel.columns import CellError, Column, SheetSpec, header_key
from compliance.excel.safety import (
    HEADER_SEARCH_ROWS,
    Limits,
    Source,
    WorkbookRefused,
    check_workbook,
)

MAX_ERRORS = 10_000  # listed in the error workbook; every invalid row is still counted
PROGRESS_EVERY = 5_000
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RowError:
    row: int  # as Excel numbers it
    column: str  # the column's letter
    header: str  # the column's header as written in the file
    value: Any
    message: str


@dataclass
class Sheet:
    name: str
    header_row: int
    columns: dict[str, tuple[str, str]]  # key -> (letter, header as written)
    rows: list[tuple[int, dict[str, Any]]]  # (row number, values by column key), invalid too
    errors: list[RowError] = field(default_factory=list)
    invalid: set[int] = field(default_factory=set)  # row numbers with at least one error

    def add_error(self, row: int, key: str, value: Any, message: str) -> None:
        self.invalid.add(row)
        if len(self.errors) < MAX_ERRORS:
            letter, header = self.columns.get(key, ("", key))
            self.errors.append(RowError(row, letter, header, value, message))

    @property
    def error_count(self) -> int:
        return len(self.invalid)


def _open(source: Source) -> CalamineWorkbook:
    if isinstance(source, str | os.PathLike):
        return CalamineWorkbook.from_path(os.fspath(source))
    source.seek(0)
    return CalamineWorkbook.from_filelike(source)


def _damaged() -> WorkbookRefused:
    return WorkbookRefused(
        _(
            "The workbook cannot be read. Open it in Excel or WPS, save it again as .xlsx and "
            "upload the new file."
        )
    )


def _pick_sheet(workbook: CalamineWorkbook, spec: SheetSpec) -> str:
    worksheets = [
        meta
        for meta in workbook.sheets_metadata
        if meta.typ == SheetTypeEnum.WorkSheet and meta.visible == SheetVisibleEnum.Visible
    ]
    wanted = {name.casefold() for name in spec.title.values()}
    for meta in worksheets:
        if meta.name.strip().casefold() in wanted:
            return meta.name
    if not worksheets:
        raise WorkbookRefused(_("The workbook has no visible sheet to read."))
    return worksheets[0].name


def _load_grid(source: Source, spec: SheetSpec) -> tuple[str, list[list[Any]]]:
    try:
        with _open(source) as workbook:
            name = _pick_sheet(workbook, spec)
            return name, workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
    except WorkbookRefused:
        raise
    except Exception:
        raise _damaged() from None
    except BaseException as exc:  # a Rust panic reaches Python as a BaseException
        if type(exc).__name__ != "PanicException":
            raise
        raise _damaged() from None


def _find_header(
    grid: list[list[Any]], spec: SheetSpec
) -> tuple[int, dict[str, tuple[int, str]], dict[str, list[str]]]:
    """The header row's index and its columns: key -> (index, header as written)."""
    best: tuple[int, dict[str, tuple[int, str]], dict[str, list[str]]] = (0, {}, {})
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        found: dict[str, tuple[int, str]] = {}
        repeated: dict[str, list[str]] = {}
        for position, cell in enumerate(row):
            if not isinstance(cell, str) or not cell.strip():
                continue
            column = spec.by_header.get(header_key(cell))
            if column is None:
                continue
            letter = get_column_letter(position + 1)
            if column.key in found:
                first = get_column_letter(found[column.key][0] + 1)
                repeated.setdefault(column.key, [first]).append(letter)
            else:
                found[column.key] = (position, cell.strip())
        if len(found) > len(best[1]):
            best = (index, found, repeated)
    return best


def _columns_named(columns: list[Column]) -> str:
    return "、".join(f"{c.zh} ({c.key})" for c in columns)


def read_workbook(
    source: Source,
    *,
    spec: SheetSpec,
    limits: Limits | None = None,
    progress: Progress | None = None,
) -> Sheet:
    """Check, open and parse the workbook; raise WorkbookRefused for a file-level problem."""
    limits = limits or Limits()
    check_workbook(source, limits=limits)
    name, grid = _load_grid(source, spec)
    header_index, found, repeated = _find_header(grid, spec)
    missing = [c for c in spec.columns if c.required and c.key not in found]
    if missing:
        raise WorkbookRefused(
            _(
                "The sheet “%(sheet)s” lacks the columns %(columns)s. Keep the template's header "
                "row (Chinese or English) and upload the file again."
            )
            % {"sheet": name, "columns": _columns_named(missing)}
        )
    if repeated:
        key, letters = next(iter(repeated.items()))
        raise WorkbookRefused(
            _("The column %(column)s appears more than once (columns %(letters)s); keep one.")
            % {"column": spec.column(key).zh, "letters": ", ".join(letters)}
        )
    data = grid[header_index + 1 :]
    # Trailing empty rows (formatting dragged down the sheet) are not data.
    while data and data[-1].count("") == len(data[-1]):
        data.pop()
    if len(data) > limits.max_rows:
        raise WorkbookRefused(
            _("A sheet has more than %(rows)s rows. Split the rows into smaller files.")
            % {"rows": f"{limits.max_rows:,}"}
        )
    sheet = Sheet(
        name=name,
        header_row=header_index + 1,
        columns={
            key: (get_column_letter(index + 1), header) for key, (index, header) in found.items()
        },
        rows=[],
    )
    _parse_rows(sheet, data, spec, found, first_row=header_index + 2, progress=progress)
    return sheet


def _parse_rows(
    sheet: Sheet,
    data: list[list[Any]],
    spec: SheetSpec,
    found: dict[str, tuple[int, str]],
    *,
    first_row: int,
    progress: Progress | None,
) -> None:
    plan = [
        (found[c.key][0], c.key, c.parse, c.required, c.default)
        for c in spec.columns
        if c.key in found
    ]
    total = len(data)
    required_message = _("This cell is required.")
    rows = sheet.rows
    for offset, raw in enumerate(data):
        line = first_row + offset
        if progress and offset % PROGRESS_EVERY == 0:
            progress(offset, total)
        if raw.count("") == len(raw):
            continue
        values: dict[str, Any] = {}
        for index, key, parse, required, default in plan:
            cell = raw[index]
            if cell.__class__ is str and (not cell or cell.isspace()):
                if required:
                    sheet.add_error(line, key, "", required_message)
                else:
                    values[key] = default
                continue
            try:
                values[key] = parse(cell)
            except CellError as error:
                sheet.add_error(line, key, cell, str(error))
        rows.append((line, values))
    if progress:
        progress(total, total)


def read_errors(source: Source, *, limit: int) -> list[RowError]:
    """The first `limit` problems of an error workbook (compliance.excel.writer.write_errors),
    for the import's page; the note under a cut-short list is not a problem."""
    with _open(source) as workbook:
        rows = workbook.get_sheet_by_index(0).to_python(nrows=limit + 1)
    problems = []
    for row in rows[1:]:
        if len(row) < 5 or not isinstance(row[0], int | float) or isinstance(row[0], bool):
            continue
        problems.append(
            RowError(
                row=int(row[0]),
                column=str(row[1]),
                header=str(row[2]),
                value=row[3],
                message=str(row[4]),
            )
        )
    return problems
