import json

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from tenants.citus import citus_blockers, render_table


class Command(BaseCommand):
    help = (
        "List what in today's database would block or complicate moving onto Citus "
        "schema-based sharding (docs/scaling.md). Reads the catalogue only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=("table", "json"), default="table")
        parser.add_argument(
            "--fail-on-blockers",
            action="store_true",
            help="exit with status 1 when a blocker is found",
        )

    def handle(self, *args, **options):
        if connection.in_atomic_block:
            report = citus_blockers()
        else:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION READ ONLY")
                report = citus_blockers()
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        else:
            self.stdout.write(render_table(report))
        if options["fail_on_blockers"] and report.blockers:
            raise CommandError(
                f"{len(report.blockers)} blocker(s) to Citus schema-based sharding.",
                returncode=1,
            )
