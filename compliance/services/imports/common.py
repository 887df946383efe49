"""What the enterprise and contract importers share: the file limits, the result of an import,
and the rule that imports of one kind are serialised per federation by a transaction-level
advisory lock, so two uploads of overlapping files cannot both create the same enterprise."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice

from django.db import connection, transaction
from django.utils.translation import gettext as _

from compliance.excel.reader import RowError
from compliance.excel.safety import Limits
from compliance.models import ImportJob

KINDS = (
    ImportJob.Kind.ENTERPRISES,
    ImportJob.Kind.CONTRACTS,
    ImportJob.Kind.VIOLATIONS,
    ImportJob.Kind.SURVEYS,
)
LIMITS = Limits()
LOOKUP_BATCH = 10_000


# --- Results --------------------------------------------------------------------------------


@dataclass
class ImportResult:
    kind: str
    dry_run: bool = False
    total: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: int = 0
    errors: list[RowError] = field(default_factory=list)
    refused: str = ""  # a problem with the whole file: nothing was read

    @property
    def ok(self) -> bool:
        return not self.refused and not self.invalid

    def summary(self) -> str:
        if self.refused:
            return self.refused
        if self.invalid:
            return _(
                "%(invalid)s of %(total)s rows have problems, so nothing was imported. Correct "
                "them as the error workbook says and import the file again."
            ) % {"invalid": f"{self.invalid:,}", "total": f"{self.total:,}"}
        counts = {
            "created": f"{self.created:,}",
            "updated": f"{self.updated:,}",
            "unchanged": f"{self.unchanged:,}",
        }
        if self.dry_run:
            return (
                _(
                    "Checked, nothing written: %(created)s would be created, %(updated)s "
                    "updated, %(unchanged)s unchanged."
                )
                % counts
            )
        return _("%(created)s created, %(updated)s updated, %(unchanged)s unchanged.") % counts


class _Invalid(Exception):
    """Leaves the write transaction (rolling it back) when rows turn out invalid inside it."""


Stage = Callable[[str], None]
# Called with the counts inside the write transaction, after the rows are written: whatever it
# records (the import job's outcome) commits together with the rows or not at all.
Written = Callable[["ImportResult"], None]


def _written(result: ImportResult, written: Written | None) -> None:
    if written is not None:
        written(result)


@contextmanager
def _serialised(kind: str) -> Iterator[None]:
    """One import of a kind at a time per federation (advisory locks are database-wide)."""
    key = zlib.crc32(f"{connection.schema_name}:ledger_import:{kind}".encode()) - 2**31
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])
        yield


def _batched(items: list, size: int) -> Iterator[list]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch
