import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from compliance.services.network import network_backfill
from tenants import context
from tenants.models import Federation


class Command(BaseCommand):
    help = (
        "Publish federations' figures to the network channel for every day it keeps (the "
        "current and previous calendar years), or from --since. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schema", action="append", help="a federation (repeatable)")
        parser.add_argument("--all", action="store_true", help="every federation")
        parser.add_argument(
            "--since", default=None, help="YYYY-MM-DD (default: 1 January last year)"
        )

    def handle(self, *args, **options):
        if not options["schema"] and not options["all"]:
            raise CommandError("Name a federation with --schema, or pass --all.")
        try:
            since = dt.date.fromisoformat(options["since"]) if options["since"] else None
        except ValueError as exc:
            raise CommandError(f"--since must be a date like 2026-01-01: {exc}") from exc
        names = (
            [f.schema_name for f in context.federations()] if options["all"] else options["schema"]
        )
        today = timezone.localdate()
        for name in names:
            try:
                with context.federation_context(name):
                    rows = network_backfill(today=today, since=since)
            except Federation.DoesNotExist as exc:
                raise CommandError(f"No federation with schema {name!r}.") from exc
            self.stdout.write(f"{name}: {rows} rows published.")
