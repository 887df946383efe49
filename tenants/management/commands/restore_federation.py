from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tenants.backup import BackupError, restore_federation


class Command(BaseCommand):
    help = (
        "Restore one federation from an archive written by backup_federation; checks every "
        "checksum first and every table's fingerprint after."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="drop the federation's existing schema and media first",
        )

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        if not archive.is_file():
            raise CommandError(f"No such archive: {archive}")
        try:
            manifest = restore_federation(archive=archive, replace=options["replace"])
        except BackupError as exc:
            raise CommandError(f"Restore failed: {exc}") from exc
        self.stdout.write(
            f"Restored {manifest['schema']} from {archive} (taken {manifest['created_at']}): "
            f"{len(manifest['tables'])} tables identical to the backup."
        )
