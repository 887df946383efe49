"""A national network on one PostgreSQL (issue 20): provision N federations by clone and measure,
at each N, what grows with the fleet.

Sizes: BENCH_FLEET_SIZES (default "100,1000,3000"), reached one after the other on one database.
Not part of the default `make bench` run (hours at 3,000); `make bench-fleet` runs it alone.

At each size:
- provisioning: the step's wall time, the database's growth, and so the disk per empty federation
  (BENCH_FLEET_PROVISION_WORKERS processes clone side by side, default 1; each federation on a
  fresh connection); then one more federation, timed alone, against the first federation
  provisioned on the empty platform (the baseline);
- a request to a federation's public home page and to its admin sign-in page, against the same at
  one federation;
- the daily beat fan-out (tenants.tasks.fan_out, one message per federation, published to an
  in-memory broker here);
- a migration with nothing to apply: `migrate_platform` against the library's per-schema pass
  (`migrate_schemas --tenant`);
- a migration with nothing to apply, again: the first run after provisioning reads a catalogue
  nothing has cached yet;
- a real migration (a column with a default and an index on the enterprise table, in a migration
  written for the run into a copy of compliance's migrations): `migrate_platform` against the
  library's pass on an identical migration (the library's whole pass only up to
  BENCH_FLEET_LIBRARY_MAX federations, default 1000: beyond, it takes hours, so the library's pass
  is timed on BENCH_FLEET_LIBRARY_SAMPLE schemas spread over the fleet, default 5, and its mean
  taken for every schema; the library's migration then goes to the rest by migrate_platform,
  untimed, before migrate_platform's own is timed);
- backup and restore of one federation, the median of BENCH_FLEET_BACKUP_RUNS (default 5) each
  on a fresh connection, against the same at one federation;
- a database connection's memory (pg_backend_memory_contexts) after public-page requests to 1, 100
  and every federation, with recycling off, then with DB_RECYCLE_SCHEMAS at 100.
"""

from __future__ import annotations

import importlib
import multiprocessing
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from statistics import median

from bench.harness import Row

SIZES = [int(x) for x in os.environ.get("BENCH_FLEET_SIZES", "100,1000,3000").split(",")]
WORKERS = int(os.environ.get("BENCH_FLEET_WORKERS", "2"))
# Provisioning side by side was slower than one at a time at 300 federations (4.6 s a federation
# with 2 processes, 2.5 s alone, on 2 cores) while each process kept one connection (see _create);
# one process provisions unless told otherwise.
PROVISION_WORKERS = int(os.environ.get("BENCH_FLEET_PROVISION_WORKERS", "1"))
LIBRARY_MAX = int(os.environ.get("BENCH_FLEET_LIBRARY_MAX", "1000"))
LIBRARY_SAMPLE = int(os.environ.get("BENCH_FLEET_LIBRARY_SAMPLE", "5"))
BACKUP_RUNS = int(os.environ.get("BENCH_FLEET_BACKUP_RUNS", "5"))
MODULE = "bench_fleet_migrations"

MIGRATION = """from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("compliance", "{previous}")]
    operations = [
        migrations.AddField(
            model_name="enterprise", name="{column}", field=models.IntegerField(default=0)
        ),
        migrations.AddIndex(
            model_name="enterprise",
            index=models.Index(fields=["{column}"], name="{column}_idx"),
        ),
    ]
"""


def _spec(n: int):
    from tenants.services import FederationSpec

    return FederationSpec(
        schema_name=f"fleet_{n:05d}",
        name=f"基准测试总工会{n:05d}",
        short_name="基",
        level="county",
        region_code="230803",
        domain=f"fleet{n:05d}.localhost",
    )


def _create(n: int) -> None:
    """One federation, on a fresh database connection: a federation is provisioned in a request
    or a command. A server process that went on creating federations would keep every new
    relation in its caches, and each of its commits scans them all (PostgreSQL's relation cache
    at the end of a transaction that created many relations): at 236 federations one
    connection's provisioning took 10 s a federation, 93% of a core in the server process."""
    from django.db import connection

    from tenants import context
    from tenants.services import federation_create

    connection.close()
    with context.public():
        federation_create(spec=_spec(n))
    connection.close()


def _create_range(numbers: list[int]) -> None:
    from django.db import connections

    connections.close_all()
    for n in numbers:
        _create(n)
    connections.close_all()


def _provision(first: int, last: int) -> None:
    """Federations first..last, PROVISION_WORKERS processes side by side (forked, each its own
    connection)."""
    from django.db import connections

    numbers = list(range(first, last + 1))
    if PROVISION_WORKERS <= 1 or len(numbers) < 2 * PROVISION_WORKERS:
        for n in numbers:
            _create(n)
        return
    connections.close_all()
    context = multiprocessing.get_context("fork")
    processes = [
        context.Process(target=_create_range, args=(numbers[i::PROVISION_WORKERS],))
        for i in range(PROVISION_WORKERS)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join()
        if process.exitcode:
            raise RuntimeError(f"provisioning worker exited {process.exitcode}")


def _db_size() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def _backend_memory() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT sum(total_bytes) FROM pg_backend_memory_contexts")
        return int(cursor.fetchone()[0])


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def _backup_restore(archive: Path) -> tuple[float, float, float, float]:
    """One federation's backup and restore, BACKUP_RUNS times each on a fresh connection (as
    the command runs): (backup median, restore median, backup min, restore min). A single run
    right after a migration of every schema read 2.71 s at 3,000 federations, where the median
    of 7 read 0.37-0.51 s."""
    from django.db import connection

    from tenants import context
    from tenants.backup import backup_federation, restore_federation

    backups, restores = [], []
    for _ in range(BACKUP_RUNS):
        connection.close()
        with context.public():
            backups.append(
                _timed(lambda: backup_federation(schema=_spec(1).schema_name, out=archive))
            )
        connection.close()
        with context.public():
            restores.append(_timed(lambda: restore_federation(archive=archive, replace=True)))
    connection.close()
    return median(backups), median(restores), min(backups), min(restores)


def _mean(fn, runs: int) -> float:
    return sum(_timed(fn) for _ in range(runs)) / runs


class _Migrations:
    """A copy of compliance's migrations that the run adds one migration to at a time."""

    def __init__(self) -> None:
        import compliance.migrations

        self.root = Path(tempfile.mkdtemp(prefix="bench_fleet_"))
        shutil.copytree(Path(compliance.migrations.__file__).parent, self.root / MODULE)
        sys.path.insert(0, str(self.root))
        names = sorted(p.stem for p in (self.root / MODULE).glob("[0-9]*.py"))
        self.last = names[-1]
        self.number = int(self.last[:4])

    def add(self, column: str) -> None:
        self.number += 1
        name = f"{self.number:04d}_{column}"
        (self.root / MODULE / f"{name}.py").write_text(
            MIGRATION.format(previous=self.last, column=column)
        )
        self.last = name
        importlib.invalidate_caches()

    def close(self) -> None:
        sys.path.remove(str(self.root))
        shutil.rmtree(self.root, ignore_errors=True)


def _library_sampled(have: int) -> float:
    """The library's per-schema pass (`migrate_schemas --schema`) on LIBRARY_SAMPLE schemas spread
    over the fleet, each timed alone; their mean times every federation is the whole pass's
    projection. The whole pass runs the same per-schema command once a schema."""
    from django.core.management import call_command

    step = max(have // LIBRARY_SAMPLE, 1)
    sample = list(range(1, have + 1, step))[:LIBRARY_SAMPLE]
    times = [
        _timed(
            lambda n=n: call_command(
                "migrate_schemas",
                schema_name=_spec(n).schema_name,
                interactive=False,
                verbosity=0,
            )
        )
        for n in sample
    ]
    return sum(times) / len(times) * have


def _requests(numbers: list[int], path: str) -> float:
    from django.db import connection
    from django.test import Client

    total = 0.0
    for n in numbers:
        client = Client(HTTP_HOST=_spec(n).domain)
        start = time.perf_counter()
        response = client.get(path)
        total += time.perf_counter() - start
        if response.status_code != 200:
            raise RuntimeError(f"{path} at fleet_{n:05d}: {response.status_code}")
        connection.set_schema_to_public()
    return total / len(numbers)


def _memory_after(numbers: list[int]) -> int:
    from django.db import connection
    from django.test import Client

    for n in numbers:
        Client(HTTP_HOST=_spec(n).domain).get("/")
    connection.set_schema_to_public()
    return _backend_memory()


class _Rows(list):
    """The rows, each printed when measured: a run of hours that is stopped keeps its figures."""

    def append(self, row: Row) -> None:
        super().append(row)
        print(f"  {row.case}: {row.mean_s:.2f} s {row.note}", flush=True)


def run() -> list[Row]:
    from django.core.management import call_command
    from django.db import connection
    from django.test import override_settings

    from portal.celery import app
    from tenants import context
    from tenants.backup import lock_budget
    from tenants.fleet import fleet_state
    from tenants.tasks import fan_out

    app.conf.broker_url = "memory://"  # the fan-out's messages go nowhere
    rows = _Rows()
    mb = 1024 * 1024
    call_command("migrate_platform", verbosity=0)
    size0 = _db_size()
    first = _timed(lambda: _create(1))
    one_fed_size = _db_size() - size0
    home1 = _mean(lambda: _requests([1], "/"), 5)
    login1 = _mean(lambda: _requests([1], "/admin/login/"), 5)
    archive = Path(tempfile.mkdtemp(prefix="bench_fleet_backup_")) / "fleet.tar"
    backup1, restore1, backup1_min, restore1_min = _backup_restore(archive)
    rows.append(Row("fleet", "1 federation: provisioning by clone (baseline)", 1, first, first))
    rows.append(Row("fleet", "1 federation: backup (baseline)", BACKUP_RUNS, backup1,
                    backup1_min, "median"))  # fmt: skip
    rows.append(Row("fleet", "1 federation: restore (baseline)", BACKUP_RUNS, restore1,
                    restore1_min, "median"))  # fmt: skip

    migrations = _Migrations()
    have = 1
    try:
        for size in SIZES:
            label = f"{size:,} federations"
            before = _db_size()
            step = _timed(lambda: _provision(have + 1, size))  # noqa: B023
            grown = _db_size() - before
            per_fed = grown / max(size - have, 1)
            rows.append(
                Row("fleet", f"{label}: provisioning step ({size - have:,} by clone)", 1, step,
                    step, f"{(size - have) / step:.2f}/s; +{grown / mb:,.0f} MB, "
                    f"{per_fed / mb:.1f} MB each (first: {one_fed_size / mb:.1f} MB)")
            )  # fmt: skip
            have = size
            one_more = _timed(lambda: _create(size + 1))  # noqa: B023
            have = size + 1
            rows.append(Row("fleet", f"{label}: one more federation", 1, one_more, one_more,
                            f"{one_more / first:.2f}× the first"))  # fmt: skip
            sample = list(range(1, have + 1, max(have // 20, 1)))[:20]
            home = _requests(sample, "/")
            login = _requests(sample, "/admin/login/")
            rows.append(Row("fleet", f"{label}: public home page", len(sample), home, home,
                            f"{home / home1:.2f}× at 1 federation"))  # fmt: skip
            rows.append(Row("fleet", f"{label}: admin sign-in page", len(sample), login, login,
                            f"{login / login1:.2f}× at 1 federation"))  # fmt: skip
            with context.public():
                fan = _timed(lambda: fan_out("compliance.tasks.bargaining_daily_sweep"))
            rows.append(Row("fleet", f"{label}: daily beat fan-out ({have:,} messages)", 1, fan,
                            fan, f"{fan / have * 1000:.1f} ms a federation"))  # fmt: skip

            ours_noop = _timed(lambda: call_command("migrate_platform", verbosity=0))
            state = fleet_state()
            ok = state.behind_count == 0 and state.level == have
            if size <= LIBRARY_MAX:
                library_noop = _timed(
                    lambda: call_command(
                        "migrate_schemas", tenant=True, interactive=False, verbosity=0
                    )
                )
                note = f"{library_noop / ours_noop:.1f}× faster than the library's pass"
                rows.append(Row("fleet", f"{label}: no-op migration, library's per-schema pass",
                                1, library_noop, library_noop, "1.0×"))  # fmt: skip
            else:
                library_noop = _library_sampled(have)
                note = (f"{library_noop / ours_noop:.0f}× faster than the library's pass "
                        f"(projected from {LIBRARY_SAMPLE} schemas)")  # fmt: skip
                rows.append(Row("fleet", f"{label}: no-op migration, library's per-schema pass "
                                f"(projected: mean of {LIBRARY_SAMPLE} schemas × {have:,})", 1,
                                library_noop, library_noop, "1.0×"))  # fmt: skip
            rows.append(Row("fleet", f"{label}: no-op migration, migrate_platform", 1, ours_noop,
                            ours_noop, note, failed=not ok))  # fmt: skip
            # The first no-op run after provisioning reads a catalogue nothing has cached yet
            # (17.7 s at 3,000 federations, 2.3-2.6 s after): the second is the usual deploy.
            again = _timed(lambda: call_command("migrate_platform", verbosity=0))
            rows.append(Row("fleet", f"{label}: no-op migration, migrate_platform again", 1,
                            again, again, f"{library_noop / again:.0f}× faster than the "
                            "library's pass"))  # fmt: skip

            with override_settings(MIGRATION_MODULES={"compliance": MODULE}):
                migrations.add(f"bench_library_{size}")
                call_command("migrate_schemas", schema_name="tenant_template",
                             interactive=False, verbosity=0)  # fmt: skip
                if size <= LIBRARY_MAX:
                    library_real = _timed(
                        lambda: call_command(
                            "migrate_schemas", tenant=True, interactive=False, verbosity=0
                        )
                    )
                    sampled = ""
                else:
                    library_real = _library_sampled(have)
                    sampled = f" (projected: mean of {LIBRARY_SAMPLE} schemas × {have:,})"
                    # the rest of the fleet catches up with the template, untimed
                    call_command("migrate_platform", verbosity=0, workers=WORKERS)
                migrations.add(f"bench_fleet_{size}")
                ours_real = _timed(
                    lambda: call_command("migrate_platform", verbosity=0, workers=WORKERS)
                )
                state = fleet_state()
            ok = state.behind_count == 0 and state.level == have
            rows.append(Row("fleet", f"{label}: column + index, library's per-schema pass"
                            f"{sampled}", 1, library_real, library_real, "1.0×"))  # fmt: skip
            note = f"{library_real / ours_real:.1f}× faster than the library's pass"
            rows.append(Row("fleet", f"{label}: column + index, migrate_platform ({WORKERS} "
                            "workers)", 1, ours_real, ours_real,
                            f"{note}; {have / ours_real:.1f} federations/s",
                            failed=not ok))  # fmt: skip

            backup, restore, backup_min, restore_min = _backup_restore(archive)
            rows.append(Row("fleet", f"{label}: backup of one federation", BACKUP_RUNS, backup,
                            backup_min,
                            f"median {backup / backup1:.2f}× at 1 federation"))  # fmt: skip
            rows.append(Row("fleet", f"{label}: restore of one federation", BACKUP_RUNS, restore,
                            restore_min,
                            f"median {restore / restore1:.2f}× at 1 federation"))  # fmt: skip

            with context.public():
                budget = lock_budget(concurrent=WORKERS)
            slots = budget.lock_slots // budget.max_locks_per_transaction
            rows.append(Row("fleet", f"{label}: locks (max_locks_per_transaction needed)", 1, 0.0,
                            0.0, f"one federation x{WORKERS}: {budget.one_federation:,} locks, "
                            f"≥ {budget.needed(whole_database=False, slots_per_lock=slots)}; "
                            f"whole-database dump: {budget.whole_database_dump:,} locks, ≥ "
                            f"{budget.needed(whole_database=True, slots_per_lock=slots)} "
                            f"(set: {budget.max_locks_per_transaction} × {slots})"))  # fmt: skip

            connection.close()  # a fresh server process for the memory figures
            numbers = list(range(1, have + 1))
            with override_settings(DB_RECYCLE_SCHEMAS=0, DB_RECYCLE_REQUESTS=0):
                at_1 = _memory_after(numbers[:1])
                at_100 = _memory_after(numbers[:100])
                at_all = _memory_after(numbers)
            connection.close()
            with override_settings(DB_RECYCLE_SCHEMAS=100, DB_RECYCLE_REQUESTS=0):
                recycled = _memory_after(numbers)
            connection.close()
            rows.append(Row("fleet", f"{label}: connection memory after 1 / 100 / all "
                            "federations", 1, 0.0, 0.0,
                            f"{at_1 / mb:.0f} / {at_100 / mb:.0f} / {at_all / mb:.0f} MB; "
                            f"recycled at 100 schemas: {recycled / mb:.0f} MB after all",
                            failed=recycled > at_100 * 1.1))  # fmt: skip
    finally:
        migrations.close()
        shutil.rmtree(archive.parent, ignore_errors=True)
    return list(rows)
