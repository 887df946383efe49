from django.core.management.base import BaseCommand, CommandError

from compliance.services.audit_trail import audit_trail_verify
from tenants import context
from tenants.models import Federation


class Command(BaseCommand):
    help = (
        "Verify a federation's hash-chained audit trail: report the first broken link and any "
        "history row outside the chain; exit 1 if anything is wrong."
    )

    def add_arguments(self, parser):
        parser.add_argument("--schema", required=True)

    def handle(self, *args, **options):
        try:
            with context.federation_context(options["schema"]):
                report = audit_trail_verify()
        except Federation.DoesNotExist as exc:
            raise CommandError(f"No federation with schema {options['schema']!r}.") from exc
        schema = options["schema"]
        if report.broken:
            self.stdout.write(
                f"Audit trail of {schema}: BROKEN at {report.broken.describe()} "
                f"({report.links} links intact before it)."
            )
        for table, (first, count) in report.outside.items():
            self.stdout.write(
                f"Audit trail of {schema}: {count} row(s) of {table} outside the chain "
                f"(first history row {first}), written with the trigger disabled."
            )
        if not report.intact:
            raise CommandError("The audit trail is not intact.")
        self.stdout.write(
            f"Audit trail of {schema}: {report.links} links intact; head {report.head}"
        )
