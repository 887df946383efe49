"""Shared set-up for benchmarks: a throw-away database on the configured (or embedded) server.

Benchmarks never touch the development database: each run creates `bench_portal_<pid>` (one per
process, so two benchmark runs on one server never drop each other's data), points Django at it,
and drops it at the end.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, urlsplit, urlunsplit

BENCH_DB = f"bench_portal_{os.getpid()}"


@dataclass
class Row:
    benchmark: str
    case: str
    runs: int
    mean_s: float
    min_s: float
    note: str = ""
    failed: bool = False  # a benchmark's own correctness check failed: `python -m bench` exits 1


def _server_url() -> str:
    from portal import embedded, env

    values = env.load()
    if values["DATABASE_URL"]:
        return values["DATABASE_URL"]
    db = embedded.database_settings(values["DATA_DIR"])
    return f"postgres://postgres@{quote(db['HOST'], safe='')}/{db['NAME']}"


def _with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def setup_django() -> Callable[[], None]:
    """Create the bench database, configure Django on it, return a teardown function."""
    import psycopg

    server = _server_url()
    admin_url = _with_database(server, "postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        conn.execute(f"CREATE DATABASE \"{BENCH_DB}\" ENCODING 'UTF8' TEMPLATE template0")
    os.environ["DATABASE_URL"] = _with_database(server, BENCH_DB)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.base")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django

    django.setup()

    def teardown() -> None:
        from django.db import connections

        connections.close_all()
        if os.environ.get("BENCH_KEEP_DB"):  # to measure more on a fleet that took hours to build
            print(f"kept database {BENCH_DB} (BENCH_KEEP_DB); drop it when done", flush=True)
            return
        with psycopg.connect(admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')

    return teardown


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.mean(samples), min(samples)


def print_table(rows: list[Row]) -> None:
    header = ("benchmark", "case", "runs", "mean s", "min s", "note")
    table = [header] + [
        (r.benchmark, r.case, str(r.runs), f"{r.mean_s:.3f}", f"{r.min_s:.3f}", r.note)
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for index, row in enumerate(table):
        print("  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            print("  ".join("-" * w for w in widths))


def bench_federation(
    *, schema: str, name: str, domain: str, level: str = "city", region_code: str = "230800"
):
    """Migrate the platform (once per process is enough, repeating is cheap) and provision one
    federation the way the product does; returns it."""
    from django.core.management import call_command

    from tenants import context
    from tenants.services import FederationSpec, federation_create

    call_command("migrate_platform", verbosity=0)
    with context.public():
        return federation_create(
            spec=FederationSpec(
                schema_name=schema, name=name, short_name=name[0], level=level,
                region_code=region_code, domain=domain,
            )
        )  # fmt: skip
