from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django_tenants.utils import schema_exists

from compliance.services.profile import profile_apply_preset, profile_preset
from compliance.services.supervision import letter_templates_ensure
from tenants import context
from tenants.roles import roles_sync


class Command(BaseCommand):
    help = (
        "Migrate the platform: the public schema, the template schema new federations are "
        "cloned from, and every federation; then bring each federation's default groups up to date."
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
        call_command("migrate_schemas", tenant=True, interactive=False, verbosity=verbosity)
        synced = 0
        for _federation in context.iter_federations():
            roles_sync()
            # Parameters added by a new release reach existing profiles without overwriting edits.
            profile_apply_preset(preset=profile_preset(), overwrite=False)
            letter_templates_ensure()
            synced += 1
        self.stdout.write(f"Platform migrated; default groups checked in {synced} federation(s).")
