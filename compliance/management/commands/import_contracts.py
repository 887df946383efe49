"""manage.py import_contracts --schema S FILE [--dry-run] [--errors OUT.xlsx]"""

from compliance.management.commands.import_enterprises import Command as ImportCommand


class Command(ImportCommand):
    help = (
        "Import existing collective contracts from an .xlsx workbook: every row or none, "
        "idempotent by filing number; their enterprises must be in the ledger. Exits non-zero "
        "when the file is refused or any row is invalid."
    )
    kind = "contracts"
