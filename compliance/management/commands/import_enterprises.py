"""manage.py import_enterprises --schema S FILE [--dry-run] [--errors OUT.xlsx]"""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from compliance.services.imports import import_errors_write, ledger_import
from tenants import context
from tenants.models import Federation


class Command(BaseCommand):
    help = (
        "Import the enterprise ledger from an .xlsx workbook: every row or none, idempotent by "
        "credit code. Exits non-zero when the file is refused or any row is invalid."
    )
    kind = "enterprises"

    def add_arguments(self, parser):
        parser.add_argument("--schema", required=True, help="the federation's schema name")
        parser.add_argument("file", help="the .xlsx workbook (the template's columns)")
        parser.add_argument("--dry-run", action="store_true", help="check and count, write nothing")
        parser.add_argument("--errors", metavar="OUT.xlsx", help="write the error workbook here")
        parser.add_argument("--reason", default="", help="the history rows' change reason")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        reason = options["reason"] or f"manage.py import_{self.kind} {path.name}"
        try:
            with context.federation_context(options["schema"]):
                result = ledger_import(
                    kind=self.kind, source=path, reason=reason, dry_run=options["dry_run"]
                )
        except Federation.DoesNotExist as exc:
            raise CommandError(f"No federation with schema {options['schema']!r}.") from exc
        if result.errors and options["errors"]:
            import_errors_write(result=result, target=options["errors"])
        if not result.ok:
            written = (
                f" Error workbook: {options['errors']}"
                if result.errors and options["errors"]
                else ""
            )
            raise CommandError(result.summary() + written)
        self.stdout.write(result.summary())
