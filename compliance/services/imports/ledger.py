"""Ledger imports and exports: enterprises and existing collective contracts from spreadsheets.

The rules (issue item 7):

- All or nothing: a file with any invalid row imports nothing, and the user gets an error
  workbook listing each problem's row, column, value and what to fix. Rows are checked as the
  ledger's own forms check them: credit code check character (GB 32100-2015), region code
  (GB/T 2260), union members within employees, the enterprise of a contract in the ledger, a
  term that does not end before it starts, and no key twice in one file.
- Idempotent: enterprises are matched by credit code and contracts by filing number; importing
  the same file again changes nothing and leaves no history row. Changed rows are updated,
  new rows created, each with a history row naming the user and the reason.
- Only the columns present in the file are written: a file without 会员人数 leaves the members
  recorded in the ledger alone (a new enterprise gets the model's default).
- Hostile files (not a spreadsheet, a zip bomb, a sparse-sheet bomb, too many rows) are refused
  with a message before any parser sees them (compliance.excel.safety).

Imports of one kind are serialised per federation by a transaction-level advisory lock, so two
uploads of overlapping files cannot both create the same enterprise.
"""

from __future__ import annotations

from contextlib import suppress

from django.db.models import Case, F, Value, When
from django.utils import translation
from django.utils.translation import gettext as _

from compliance.excel.reader import Progress, RowError, read_errors, read_workbook
from compliance.excel.safety import Source, WorkbookRefused
from compliance.excel.writer import write_errors, write_rows, write_template
from compliance.models import (
    BaselineSurvey,
    Contract,
    Enterprise,
    ImportJob,
    SurveyReason,
    ViolationRecord,
)
from compliance.rules.codebook import ENTERED_VARIABLES
from compliance.services.imports.common import LIMITS, ImportResult, Stage, Written, _Invalid
from compliance.services.imports.contracts import contract_rows
from compliance.services.imports.enterprises import enterprise_rows
from compliance.services.imports.specs import sheet_language, sheet_spec
from compliance.services.imports.surveys import survey_rows
from compliance.services.imports.violations import violation_rows

EXPORT_CHUNK = 5_000


def ledger_import(
    *,
    kind: str,
    source: Source,
    user=None,
    reason: str = "",
    dry_run: bool = False,
    progress: Progress | None = None,
    stage: Stage | None = None,
    written: Written | None = None,
) -> ImportResult:
    """Import an enterprises or contracts workbook; see the module docstring for the rules."""
    spec = sheet_spec(kind)
    result = ImportResult(kind=kind, dry_run=dry_run)
    try:
        sheet = read_workbook(source, spec=spec, limits=LIMITS, progress=progress)
    except WorkbookRefused as refusal:
        result.refused = str(refusal)
        return result
    result.total = len(sheet.rows)
    reason = (reason or _("Imported from a spreadsheet"))[:100]
    importer = {
        ImportJob.Kind.ENTERPRISES: enterprise_rows,
        ImportJob.Kind.CONTRACTS: contract_rows,
        ImportJob.Kind.VIOLATIONS: violation_rows,
        ImportJob.Kind.SURVEYS: survey_rows,
    }[kind]
    with suppress(_Invalid):
        importer(
            sheet, result, user=user, reason=reason, dry_run=dry_run, stage=stage, written=written
        )
    if sheet.invalid:
        result.invalid = sheet.error_count
        result.errors = sorted(sheet.errors, key=lambda e: (e.row, e.column))
        result.created = result.updated = result.unchanged = 0
    return result


# --- Exports and templates -------------------------------------------------------------------


def _export_query(kind: str, language: str):
    spec = sheet_spec(kind, language)
    if kind == ImportJob.Kind.ENTERPRISES:
        fields = [column.key for column in spec.columns]
        return spec, Enterprise.objects.order_by("name", "pk").values_list(*fields)
    if kind == ImportJob.Kind.SURVEYS:
        fields = [
            "enterprise__credit_code" if column.key == "enterprise_credit_code" else column.key
            for column in spec.columns
        ]
        position = fields.index("reasons")
        names = dict(_reason_labels(language))
        rows = BaselineSurvey.objects.order_by("-year", "enterprise__name", "pk").values_list(
            *fields
        )
        return spec, _ReasonsJoined(rows, position, names)
    if kind == ImportJob.Kind.VIOLATIONS:
        fields = [
            "enterprise__credit_code" if column.key == "enterprise_credit_code" else column.key
            for column in spec.columns
        ]
        return spec, ViolationRecord.objects.order_by("-occurred_on", "-pk").values_list(*fields)
    key_terms = {v.code for v in ENTERED_VARIABLES}
    fields = [
        "enterprise__credit_code"
        if column.key == "enterprise_credit_code"
        else f"key_terms__{column.key}"
        if column.key in key_terms
        else column.key
        for column in spec.columns
    ]
    # The predecessor's filing number, for a renewal: importing the file again keeps the link.
    contracts = Contract.objects.annotate(
        renews_filing_number=Case(
            When(relation=Contract.Relation.RENEWAL, then=F("predecessor__filing_number")),
            default=Value(""),
        )
    )
    return spec, contracts.order_by("-starts_on", "-pk").values_list(*fields)


def _reason_labels(language: str):
    with translation.override("en" if language == "en" else "zh-hans"):
        return [(code, str(label)) for code, label in SurveyReason.choices]


class _ReasonsJoined:
    """The survey export's rows with the typical reasons written as labels joined by 、, the way
    the import reads them."""

    def __init__(self, rows, position: int, names: dict[str, str]):
        self.rows, self.position, self.names = rows, position, names

    def iterator(self, chunk_size: int):
        for row in self.rows.iterator(chunk_size=chunk_size):
            values = list(row)
            values[self.position] = "、".join(self.names.get(c, c) for c in values[self.position])
            yield values


def ledger_export(*, kind: str, target, language: str | None = None) -> int:
    """Write every enterprise (or contract) to `target` as an importable workbook."""
    language = sheet_language(language)
    spec, rows = _export_query(kind, language)
    return write_rows(
        spec=spec, rows=rows.iterator(chunk_size=EXPORT_CHUNK), language=language, target=target
    )


def ledger_template(*, kind: str, target, language: str | None = None) -> None:
    language = sheet_language(language)
    write_template(spec=sheet_spec(kind, language), language=language, target=target)


def import_errors_write(*, result: ImportResult, target) -> None:
    write_errors(errors=result.errors, invalid_rows=result.invalid, target=target)


def import_errors_first(*, job, limit: int = 20) -> list[RowError]:
    """The first problems of a job's error workbook, shown on its page so that the clerk reads
    what to fix without opening the file; [] when it has none."""
    if not job.error_file:
        return []
    with job.error_file.open("rb") as handle:
        return read_errors(handle, limit=limit)
