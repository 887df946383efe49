"""Ledger imports and exports: enterprises and existing collective contracts from spreadsheets
(issue item 7). The rules are in ledger.py's docstring; the package is laid out as:

- specs.py: the workbooks' columns with the models' choices, in the sheet language
- common.py: the file limits, ImportResult, and the per-federation lock of an import
- enterprises.py, contracts.py: each kind's row checks and writes
- history.py: create_with_history and update_with_history, the COPY-based history writers
- ledger.py: ledger_import, ledger_export, ledger_template and the error workbook
- jobs.py: ImportJob, the admin's uploads run by compliance.tasks.import_run, and their progress

Callers import from this package, never from its modules.
"""

from compliance.services.imports.common import (
    KINDS,
    LIMITS,
    LOOKUP_BATCH,
    ImportResult,
    Stage,
)
from compliance.services.imports.contracts import CONTRACT_FIELDS
from compliance.services.imports.history import create_with_history, update_with_history
from compliance.services.imports.jobs import import_job_create, import_job_run, upload_problem
from compliance.services.imports.ledger import (
    EXPORT_CHUNK,
    import_errors_first,
    import_errors_write,
    ledger_export,
    ledger_import,
    ledger_template,
)
from compliance.services.imports.specs import sheet_language, sheet_spec

__all__ = [
    "CONTRACT_FIELDS",
    "EXPORT_CHUNK",
    "KINDS",
    "LIMITS",
    "LOOKUP_BATCH",
    "ImportResult",
    "Stage",
    "create_with_history",
    "import_errors_first",
    "import_errors_write",
    "import_job_create",
    "import_job_run",
    "ledger_export",
    "ledger_import",
    "ledger_template",
    "sheet_language",
    "sheet_spec",
    "update_with_history",
    "upload_problem",
]
