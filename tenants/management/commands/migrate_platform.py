from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django_tenants.utils import schema_exists

from tenants import context
from tenants.fleet import fleet_migrate, fleet_state


class Command(BaseCommand):
    help = (
        "Migrate the platform: the public schema, the template schema new federations are "
        "cloned from, and every federation behind the template (found in one query, migrated in "
        "parallel, each in one transaction); then bring each federation's default groups, "
        "profile parameters and letter templates up to this release. Stops at the first failure; "
        "running it again resumes."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=int,
            default=settings.FLEET_MIGRATION_WORKERS,
            help="worker processes migrating federations side by side (default %(default)s)",
        )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        template = settings.TENANT_BASE_SCHEMA
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=verbosity)
        with context.public():
            if not schema_exists(template):
                with connection.cursor() as cursor:
                    cursor.execute(f'CREATE SCHEMA "{template}"')
        call_command(
            "migrate_schemas", schema_name=template, interactive=False, verbosity=verbosity
        )
        with context.schema(template):
            if get_user_model().objects.exists():
                # A cloned user table would give every new federation the same password hashes.
                raise CommandError(
                    f"The template schema {template} holds users; delete them before provisioning."
                )
        with context.public():
            state = fleet_state()
            if verbosity:
                self.stdout.write(
                    f"{state.behind_count} federation(s) behind the template, "
                    f"{len(state.unsynced)} to bring up to this release's defaults, "
                    f"{state.level} level."
                )
            progress = fleet_migrate(
                state,
                workers=options["workers"],
                report=(lambda p: self.stdout.write(p.line())) if verbosity else None,
            )
        if progress.failed:
            schema, error = progress.failed[0]
            raise CommandError(
                f"Stopped: {schema} failed and was left untouched ({error}). "
                f"{progress.done} federation(s) finished; run migrate_platform again to resume."
            )
        self.stdout.write(
            f"Platform migrated; {progress.done} federation(s) brought level, "
            f"{state.level} already were."
        )
