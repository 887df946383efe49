from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tenants.backup import BackupError, backup_federation
from tenants.models import Federation


class Command(BaseCommand):
    help = "Write one federation (schema, media, public rows) to a tar archive."

    def add_arguments(self, parser):
        parser.add_argument("--schema", required=True)
        parser.add_argument("out", help="archive to write, e.g. jms-2026-11-21.tar")

    def handle(self, *args, **options):
        out = Path(options["out"])
        try:
            manifest = backup_federation(schema=options["schema"], out=out)
        except Federation.DoesNotExist as exc:
            raise CommandError(f"No federation with schema {options['schema']!r}.") from exc
        except BackupError as exc:
            raise CommandError(f"Backup failed: {exc}") from exc
        rows = sum(count for count, _digest in manifest["tables"].values())
        self.stdout.write(
            f"Backed up {options['schema']}: {len(manifest['tables'])} tables, {rows} rows, "
            f"{len(manifest['members']) - 2} media files -> {out}"
        )
