"""manage.py export_enterprises --schema S [OUT.xlsx] [--template OUT.xlsx] [--language zh|en]"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from compliance.services.imports import ledger_export, ledger_template
from tenants import context
from tenants.models import Federation


class Command(BaseCommand):
    help = (
        "Export the enterprise ledger to an .xlsx workbook that can be edited and imported "
        "again, and/or write the blank template with its dropdown lists."
    )
    kind = "enterprises"

    def add_arguments(self, parser):
        parser.add_argument("--schema", required=True, help="the federation's schema name")
        parser.add_argument("out", nargs="?", help="where to write the export")
        parser.add_argument("--template", metavar="OUT.xlsx", help="write the blank template")
        parser.add_argument(
            "--language",
            choices=["zh-hans", "en"],
            help="headers and labels (default: the portal's language)",
        )

    def handle(self, *args, **options):
        if not options["out"] and not options["template"]:
            raise CommandError("Give OUT.xlsx for an export, --template OUT.xlsx, or both.")
        language = options["language"] or settings.LANGUAGE_CODE
        try:
            with context.federation_context(options["schema"]):
                if options["template"]:
                    ledger_template(kind=self.kind, target=options["template"], language=language)
                    self.stdout.write(f"Template written to {options['template']}.")
                if options["out"]:
                    count = ledger_export(kind=self.kind, target=options["out"], language=language)
                    self.stdout.write(f"{count:,} rows written to {options['out']}.")
        except Federation.DoesNotExist as exc:
            raise CommandError(f"No federation with schema {options['schema']!r}.") from exc
