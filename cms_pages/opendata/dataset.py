"""The key-terms dataset (issue 19 part 2): one row per listed notice, one column per codebook
variable, documented by the codebook itself (compliance.rules.codebook, also at codebook.json and
codebook.csv). Column headings are the variables' codes, stable across languages; the CSV, the
XLSX, the API and the dated snapshots all write these rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from cms_pages.models import ContractNotice
from compliance.rules.codebook import BOOLEAN, VARIABLES

ID_COLUMNS = (
    "id",
    "title",
    "employer",
    "kind",
    "industry",
    "region_code",
    "year",
    "in_force_from",
    "in_force_until",
    "codebook_version",
)
COLUMNS = (*ID_COLUMNS, *(v.code for v in VARIABLES))
# What a dataset row reads from the notice: no clause text, no search vector.
ONLY = (
    "public_id",
    "title",
    "employer",
    "kind",
    "industry",
    "region_code",
    "year",
    "in_force_from",
    "in_force_until",
    "codebook_version",
    "key_terms",
)


def _cell(variable, value):
    if value is None:
        return ""
    if variable.type == BOOLEAN:
        return 1 if value else 0  # 1/0: what statistics programs read without a lookup
    return value


def dataset_row(notice: ContractNotice) -> list:
    terms = notice.key_terms or {}
    return [
        str(notice.public_id),
        notice.title,
        notice.employer,
        notice.kind,
        notice.industry,
        notice.region_code,
        notice.year,
        notice.in_force_from.isoformat(),
        notice.in_force_until.isoformat(),
        notice.codebook_version,
        *(_cell(v, terms.get(v.code)) for v in VARIABLES),
    ]


def dataset_rows(notices: Iterable[ContractNotice]) -> Iterator[list]:
    for notice in notices:
        yield dataset_row(notice)


def csv_text(rows: Iterable[list]) -> Iterator[str]:
    """UTF-8 CSV lines with a BOM (spreadsheet programs then read the Chinese)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    yield "\ufeff" + buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(["" if value is None else value for value in row])
        yield buffer.getvalue()
