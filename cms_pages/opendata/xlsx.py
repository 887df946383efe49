"""The open data's XLSX downloads (the notices' list in feeds.py, the key terms in key_terms.py):
one way to write a capped sheet and to answer with the workbook. openpyxl write_only, as
PITFALLS.md says for large sheets; a list longer than XLSX_MAX_ROWS says so in its last row and
in the X-Truncated header."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable

from django.http import FileResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook

# An XLSX of more rows takes longer to write than a request should; CSV streams any number.
XLSX_MAX_ROWS = 50_000
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def sheet_rows_capped(sheet, rows: Iterable[list]) -> bool:
    """Append `rows` to `sheet`, at most XLSX_MAX_ROWS of them, then a row saying the list was
    cut if it was; True when it was."""
    limit = XLSX_MAX_ROWS
    for written, row in enumerate(rows):
        if written == limit:
            sheet.append(
                [
                    _(
                        "Only the first %(rows)d notices are here; narrow the filters or "
                        "download the CSV for all of them."
                    )
                    % {"rows": limit}
                ]
            )
            return True
        sheet.append(row)
    return False


def xlsx_response(workbook: Workbook, *, filename: str, truncated: bool) -> FileResponse:
    """The workbook as a download (written to a temporary file, deleted once sent)."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - FileResponse closes it
    workbook.save(handle)
    handle.seek(0)
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )
    if truncated:
        response["X-Truncated"] = str(XLSX_MAX_ROWS)
    return response
