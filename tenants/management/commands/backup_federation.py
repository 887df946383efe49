from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tenants.backup import BackupError, backup_federation, lock_budget
from tenants.models import Federation


class Command(BaseCommand):
    help = "Write one federation (schema, media, public rows) to a tar archive."

    def add_arguments(self, parser):
        parser.add_argument("--schema")
        parser.add_argument("out", nargs="?", help="archive to write, e.g. jms-2026-11-21.tar")
        parser.add_argument(
            "--check-settings",
            action="store_true",
            help="print the locks backups, restores and provisioning need at this fleet's size "
            "against the server's max_locks_per_transaction, and exit",
        )

    def handle(self, *args, **options):
        if options["check_settings"]:
            self._check_settings()
            return
        if not options["schema"] or not options["out"]:
            raise CommandError("Give --schema and the archive to write (or --check-settings).")
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
            f"{sum(1 for m in manifest['members'] if m.startswith(('media/', 'private/')))} "
            f"media files -> {out}"
        )

    def _check_settings(self) -> None:
        budget = lock_budget()
        slots = budget.lock_slots // budget.max_locks_per_transaction
        one = budget.needed(whole_database=False, slots_per_lock=slots)
        whole = budget.needed(whole_database=True, slots_per_lock=slots)
        self.stdout.write(
            f"{budget.federations} federations; {budget.relations_per_federation} relations and "
            f"{budget.tables_per_federation} tables a federation.\n"
            f"Lock table: max_locks_per_transaction = {budget.max_locks_per_transaction} x "
            f"{slots} connections = {budget.lock_slots} slots.\n"
            f"One federation's backup, restore or provisioning, {budget.concurrent} at once: "
            f"{budget.one_federation} locks; needs max_locks_per_transaction >= {one}.\n"
            f"A whole-database pg_dump: {budget.whole_database_dump} locks; needs "
            f"max_locks_per_transaction >= {whole}."
        )
