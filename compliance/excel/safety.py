"""Checks an uploaded workbook must pass before any spreadsheet parser sees it.

An .xlsx file is a ZIP of XML parts, and every part of it is hostile until checked:

- size: at most 20 MB on disk, 200 MB unpacked, and no part compressed more than 100:1 overall
  (a "zip bomb" unpacks a few kilobytes into gigabytes);
- the ZIP directory can lie about sizes: every part is read through once, in chunks, so a part
  that unpacks to more than it declares fails its CRC check before anything else reads it;
- the sheets themselves: python-calamine builds a dense grid from the first to the last cell, so
  a 5 KB file with one cell in A1 and one in XFD1048576 asks for half a terabyte and aborts the
  process (measured: a Rust allocation failure is not an exception). Every cell must therefore
  carry its position, and no position may lie beyond the row and column limits;
- formats other than .xlsx (old .xls, password-protected files, .ods, .xlsb, CSV renamed .xlsx)
  get a message saying how to save the file instead.

Messages are in the active language and say what to do; nothing here raises anything else.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass
from typing import IO

from django.utils.translation import gettext as _
from openpyxl.utils.cell import get_column_letter

Source = str | os.PathLike | IO[bytes]
_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: old .xls, or an encrypted .xlsx
_ZIP_MAGIC = b"PK\x03\x04"
_CHUNK = 1 << 20
HEADER_SEARCH_ROWS = 10  # the header row is looked for among the first rows
_WIDE_CELL = re.compile(rb'<c r="([A-Z]{2,})')
_FAR_CELL = re.compile(rb'<c r="[A-Z]+([0-9]{6,})"')
_PREFIXED_CELL = re.compile(rb"<[A-Za-z_][\w.-]*:(?:c|si|row)[\s/>]")


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024
    max_unpacked: int = 200 * 1024 * 1024
    max_ratio: int = 100
    max_parts: int = 1000
    max_rows: int = 200_000
    max_columns: int = 50
    max_cells: int = 5_000_000


class WorkbookRefused(Exception):
    """The file is not read at all; str(error) tells the user why and what to do."""


def _size(source: Source) -> int:
    if isinstance(source, str | os.PathLike):
        return os.path.getsize(source)
    position = source.tell()
    source.seek(0, os.SEEK_END)
    size = source.tell()
    source.seek(position)
    return size


def _head(source: Source) -> bytes:
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            return handle.read(8)
    source.seek(0)
    head = source.read(8)
    source.seek(0)
    return head


def column_number(letters: bytes | str) -> int:
    """A1-style column letters to a 1-based number: A → 1, Z → 26, AA → 27."""
    number = 0
    for char in letters if isinstance(letters, str) else letters.decode("ascii"):
        number = number * 26 + ord(char) - 64
    return number


@dataclass
class _Tally:
    cells: int = 0
    positioned: int = 0
    strings: int = 0
    max_column: int = 0
    max_row: int = 0
    uncountable: bool = False  # cells the counts cannot see (prefixed tags, UTF-16)

    def add(self, data: bytes) -> None:
        self.cells += data.count(b"<c ") + data.count(b"<c>") + data.count(b"<c/>")
        self.positioned += data.count(b'<c r="')
        self.strings += data.count(b"<si>") + data.count(b"<si ") + data.count(b"<si/>")
        wide = _WIDE_CELL.findall(data)
        if wide:
            self.max_column = max(self.max_column, *(column_number(w) for w in set(wide)))
        far = _FAR_CELL.findall(data)
        if far:
            self.max_row = max(self.max_row, *(int(r) for r in far))
        # A namespace prefix on cell tags (<x:c>) would hide them from the counts above.
        if (b":c" in data or b":si" in data or b":row" in data) and _PREFIXED_CELL.search(data):
            self.uncountable = True


def _scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, tally: _Tally) -> None:
    """Read a part through (which verifies its CRC and declared size) and count its cells.

    Chunks are cut before the last '<': a tag never contains a raw '<', so none is split."""
    carry = b""
    with archive.open(info) as stream:
        head = stream.read(_CHUNK)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 XML: the counts cannot see it
            tally.uncountable = True
        if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            # Not XML (a picture, say): its bytes may contain "<c " by chance, so it is only
            # read through, which still checks its CRC and declared size.
            while stream.read(_CHUNK):
                pass
            return
        while True:
            chunk, head = head or stream.read(_CHUNK), b""
            if not chunk:
                tally.add(carry)
                return
            data = carry + chunk
            cut = data.rfind(b"<")
            if cut <= 0:
                carry = data
                if len(carry) > 4 * _CHUNK:  # no tag at all for megabytes: not sheet XML
                    tally.add(carry[:-64])
                    carry = carry[-64:]
                continue
            tally.add(data[:cut])
            carry = data[cut:]


def check_workbook(source: Source, *, limits: Limits | None = None) -> None:
    """Raise WorkbookRefused unless `source` is an .xlsx file that is safe to parse."""
    limits = limits or Limits()
    size = _size(source)
    if size == 0:
        raise WorkbookRefused(_("The file is empty."))
    if size > limits.max_bytes:
        raise WorkbookRefused(
            _("The file is larger than %(limit)d MB. Split the rows into smaller files.")
            % {"limit": limits.max_bytes // (1024 * 1024)}
        )
    head = _head(source)
    if head.startswith(_CFB_MAGIC):
        raise WorkbookRefused(
            _(
                "This is an old-format .xls workbook or a password-protected one. Open it in "
                "Excel or WPS and save it as an .xlsx workbook without a password."
            )
        )
    if not head.startswith(_ZIP_MAGIC):
        raise WorkbookRefused(_not_a_workbook())
    try:
        with zipfile.ZipFile(source) as archive:
            _check_archive(archive, limits)
    except WorkbookRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError,
            NotImplementedError, RuntimeError):  # fmt: skip
        raise WorkbookRefused(
            _(
                "The workbook is damaged and cannot be read. Open it in Excel or WPS, save it "
                "again as .xlsx and upload the new file."
            )
        ) from None
    finally:
        if not isinstance(source, str | os.PathLike):
            source.seek(0)


def _not_a_workbook() -> str:
    return _(
        "This file is not an Excel workbook (.xlsx). Download the template, fill it in and "
        "upload it; a CSV or text file renamed to .xlsx does not work."
    )


def _check_archive(archive: zipfile.ZipFile, limits: Limits) -> None:
    parts = archive.infolist()
    names = {info.filename for info in parts}
    if "xl/workbook.xml" not in names:
        if "xl/workbook.bin" in names or "content.xml" in names:
            raise WorkbookRefused(
                _("Only .xlsx workbooks are accepted: save the file as an .xlsx workbook.")
            )
        raise WorkbookRefused(_not_a_workbook())
    if len(parts) > limits.max_parts:
        raise WorkbookRefused(_too_big(limits))
    unpacked = sum(info.file_size for info in parts)
    packed = sum(info.compress_size for info in parts)
    if unpacked > limits.max_unpacked:
        raise WorkbookRefused(_too_big(limits))
    bombs = [
        info
        for info in parts
        if info.file_size > 1024 * 1024
        and info.file_size > limits.max_ratio * max(info.compress_size, 1)
    ]
    if bombs or (unpacked > 1024 * 1024 and unpacked > limits.max_ratio * max(packed, 1)):
        raise WorkbookRefused(
            _(
                "The workbook is compressed far more than any spreadsheet can be (a “zip "
                "bomb”), so it was not opened."
            )
        )
    if any(info.flag_bits & 0x1 for info in parts):
        raise WorkbookRefused(
            _("The workbook is encrypted. Save it without a password and upload it again.")
        )
    tally = _Tally()
    for info in parts:
        _scan_part(archive, info, tally)
    _check_tally(tally, limits)


def _too_big(limits: Limits) -> str:
    return _(
        "The workbook unpacks to more than %(limit)d MB, more than a ledger of %(rows)s rows "
        "needs. Remove other sheets and pictures, or split the rows into smaller files."
    ) % {"limit": limits.max_unpacked // (1024 * 1024), "rows": f"{limits.max_rows:,}"}


def _check_tally(tally: _Tally, limits: Limits) -> None:
    if tally.uncountable or tally.positioned != tally.cells:
        raise WorkbookRefused(
            _(
                "The workbook was written by a program this portal cannot check safely. Open "
                "it in Excel or WPS, save it again as .xlsx and upload the new file."
            )
        )
    # The header may sit below a title row or two: a little slack before the reader's own count.
    too_far = tally.max_row > limits.max_rows + HEADER_SEARCH_ROWS
    if too_far or tally.cells > limits.max_cells or tally.strings > limits.max_cells:
        raise WorkbookRefused(
            _("A sheet has more than %(rows)s rows. Split the rows into smaller files.")
            % {"rows": f"{limits.max_rows:,}"}
        )
    if tally.max_column > limits.max_columns:
        raise WorkbookRefused(
            _(
                "A sheet has cells beyond column %(column)s. Delete the columns the ledger "
                "does not need and upload the file again."
            )
            % {"column": get_column_letter(limits.max_columns)}
        )
