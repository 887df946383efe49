import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from compliance.selectors.statistics import federation_statistics
from compliance.services.statistics import statistics_rebuild
from tenants import context
from tenants.models import Federation


class Command(BaseCommand):
    help = "Print a federation's statistics (coverage, renewal, submission, …) as of a date."

    def add_arguments(self, parser):
        parser.add_argument("--schema", required=True)
        parser.add_argument("--as-of", default=None, help="YYYY-MM-DD (default: today)")
        parser.add_argument("--json", action="store_true", help="machine-readable output")
        parser.add_argument(
            "--rebuild",
            action="store_true",
            help="first recompute the statistics log from the ledger (after a load that "
            "bypassed triggers)",
        )

    def handle(self, *args, **options):
        try:
            as_of = (
                dt.date.fromisoformat(options["as_of"])
                if options["as_of"]
                else timezone.localdate()
            )
        except ValueError as exc:
            raise CommandError(f"--as-of must be a date like 2026-11-21: {exc}") from exc
        try:
            with context.federation_context(options["schema"]):
                if options["rebuild"]:
                    rows = statistics_rebuild()
                    self.stderr.write(f"Statistics log rebuilt: {rows} rows.")
                stats = federation_statistics(as_of=as_of)
        except Federation.DoesNotExist as exc:
            raise CommandError(f"No federation with schema {options['schema']!r}.") from exc
        if options["json"]:
            self.stdout.write(json.dumps(stats.as_dict(), ensure_ascii=False, indent=2))
            return
        data = stats.as_dict()
        for key, value in data.items():
            self.stdout.write(f"{key}: {value}")
