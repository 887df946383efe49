"""Migrating the whole network: which federations are behind, and bringing them level, in parallel.

At 3,000 federations the library's own path (`migrate_schemas --tenant`) opens every schema and
runs Django's `migrate` there: minutes to hours even when nothing is to be applied
(django-tenants#719). This module replaces it for the federations:

- **Who is behind, in one query a batch.** `schema_migrations_digest(schema)` (a SQL function,
  migration tenants 0011) hashes a schema's applied migrations; one statement returns 500
  federations' digests, to be compared with the template's. A federation whose digest equals the
  template's is skipped without opening it.
- **What to run, planned once per starting state.** The federations behind are grouped by digest.
  For each group Django plans the migrations once, on one member of the group. When every
  operation reduces to SQL (no RunPython), the SQL is collected once (as `sqlmigrate` does) and
  replayed in each member; otherwise each member runs Django's `migrate`.
- **One transaction per federation.** Each federation's migrations, its migration records, its
  new content types and permissions (copied from the template, which `migrate` gave them) and a
  final check that its digest now equals the template's, commit together or not at all. A
  failure leaves that federation untouched; the run stops taking new federations, lets those in
  flight finish, and reports. Running again resumes: the finished ones are no longer behind.
- **A bounded pool** of worker processes (`workers`), reporting done/total, the rate and the
  slowest federation so far.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations.special import SeparateDatabaseAndState

# Reading a schema's django_migrations locks that table (and, planning, its index) until the
# transaction ends: two locks a federation in the server's shared lock table
# (max_locks_per_transaction x max_connections slots, 6,400 by default). One statement over 3,001
# federations held 6,011 of them (500 a statement: 1,009), at no gain in time (about 1 s either
# way). The digests are therefore read a batch of schemas at a time, each batch its own
# statement (and, in autocommit, its own transaction).
DIGEST_BATCH = 500
DIGESTS_SQL = """
SELECT f.schema_name, public.schema_migrations_digest(f.schema_name), f.platform_synced
FROM public.tenants_federation f
WHERE f.schema_name > %s
ORDER BY f.schema_name
LIMIT %s
"""

# Content types and permissions the template gained from post_migrate handlers (Django's and
# Wagtail snippets'): copied by natural key, ids are each schema's own.
COPY_CONTENT_TYPES_SQL = """
INSERT INTO django_content_type (app_label, model)
SELECT t.app_label, t.model FROM {template}.django_content_type t
WHERE NOT EXISTS (SELECT 1 FROM django_content_type c
                  WHERE c.app_label = t.app_label AND c.model = t.model);
INSERT INTO auth_permission (name, content_type_id, codename)
SELECT tp.name, c.id, tp.codename
FROM {template}.auth_permission tp
JOIN {template}.django_content_type tc ON tc.id = tp.content_type_id
JOIN django_content_type c ON c.app_label = tc.app_label AND c.model = tc.model
WHERE NOT EXISTS (SELECT 1 FROM auth_permission p
                  WHERE p.content_type_id = c.id AND p.codename = tp.codename);
"""


class FleetError(Exception):
    pass


@dataclass(frozen=True)
class FleetState:
    template_digest: str
    release: str
    behind: dict[str, list[str]]  # digest -> schemas at that state, not the template's
    unsynced: list[str]  # schemas at the template's state whose defaults predate this release
    level: int  # schemas needing nothing

    @property
    def behind_count(self) -> int:
        return sum(len(v) for v in self.behind.values())


def quote(name: str) -> str:
    return connection.ops.quote_name(name)


def release_digest(template_digest: str) -> str:
    """What a federation's default groups, profile parameters and letter templates were last
    brought up to: the template's migrations (a new model brings new permissions) and the code
    that defines the defaults. migrate_platform repeats the sync where this differs."""
    from compliance.rules.presets import PRESETS
    from compliance.services.supervision.letters import CODES
    from tenants.roles import ROLES

    source = json.dumps(
        {
            "migrations": template_digest,
            "roles": [repr(role) for role in ROLES],
            "presets": {
                name: sorted(f"{key.value}={parameter!r}" for key, parameter in preset.items())
                for name, preset in sorted(PRESETS.items())
            },
            "letters": sorted(CODES),
        },
        sort_keys=True,
    )
    return hashlib.sha256(source.encode()).hexdigest()


def template_digest() -> str:
    template = settings.TENANT_BASE_SCHEMA
    with connection.cursor() as cursor:
        cursor.execute("SELECT public.schema_migrations_digest(%s)", [template])
        (digest,) = cursor.fetchone()
    if digest is None:
        raise FleetError(f"The template schema {template} has no migrations table.")
    return digest


def current_release() -> str:
    """The release digest a federation provisioned now is synced to."""
    return release_digest(template_digest())


def _digests() -> list[tuple[str, str | None, str]]:
    """Every federation's digest, DIGEST_BATCH schemas a statement (see DIGESTS_SQL)."""
    rows: list[tuple[str, str | None, str]] = []
    after = ""
    with connection.cursor() as cursor:
        while True:
            cursor.execute(DIGESTS_SQL, [after, DIGEST_BATCH])
            batch = cursor.fetchall()
            rows.extend(batch)
            if len(batch) < DIGEST_BATCH:
                return rows
            after = batch[-1][0]


def fleet_state() -> FleetState:
    """Every federation's migration state next to the template's: one query for each
    DIGEST_BATCH federations (none per federation) besides the template's own digest."""
    template = template_digest()
    rows = _digests()
    release = release_digest(template)
    behind: dict[str, list[str]] = {}
    unsynced = []
    level = 0
    for schema, digest, synced in rows:
        if digest != template:
            behind.setdefault(digest or "", []).append(schema)
        elif synced != release:
            unsynced.append(schema)
        else:
            level += 1
    return FleetState(template, release, behind, unsynced, level)


def _reduces_to_sql(operations: Iterable) -> bool:
    for operation in operations:
        if isinstance(operation, SeparateDatabaseAndState):
            if not _reduces_to_sql(operation.database_operations):
                return False
        elif not operation.reduces_to_sql:
            return False
    return True


@dataclass
class Plan:
    """The migrations that bring one starting state level with the template."""

    migrations: list[tuple[str, str]]  # (app, name) recorded as applied, in order
    sql: list[str] | None  # None: run Django's migrate in each federation


def plan_for(schema: str) -> Plan:
    """Plan from `schema`'s state; collect the SQL when every operation reduces to it."""
    connection.set_schema(schema)
    try:
        executor = MigrationExecutor(connection)
        targets = executor.loader.graph.leaf_nodes()
        plan = executor.migration_plan(targets)
        recorded = []
        for migration, _backwards in plan:
            recorded += list(migration.replaces) or [(migration.app_label, migration.name)]
        if not all(_reduces_to_sql(m.operations) for m, _ in plan):
            return Plan(recorded, None)
        statements = executor.loader.collect_sql(plan)
        sql = [s for s in statements if s.strip() and not s.lstrip().startswith("--")]
        return Plan(recorded, sql)
    finally:
        connection.set_schema_to_public()


def _sync_defaults(schema: str, release: str) -> None:
    """The default groups, profile parameters and letter templates a release brings (never
    overwriting a federation's edits), then mark the federation as synced to `release`."""
    from compliance.services.profile import profile_apply_preset, profile_preset
    from compliance.services.supervision import letter_templates_ensure
    from tenants.models import Federation
    from tenants.roles import roles_sync

    connection.set_schema_to_public()
    federation = Federation.objects.get(schema_name=schema)
    connection.set_tenant(federation)
    roles_sync()
    profile_apply_preset(preset=profile_preset(), overwrite=False)
    letter_templates_ensure()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE public.tenants_federation SET platform_synced = %s WHERE schema_name = %s",
            [release, schema],
        )


def _migrate_options() -> dict:
    """Django's `migrate` options with their defaults, as call_command would pass them."""
    from django_tenants.utils import get_tenant_base_migrate_command_class

    command = get_tenant_base_migrate_command_class()()
    options = vars(command.create_parser("manage.py", "migrate").parse_args([]))
    options.update(interactive=False, verbosity=0, database="default", skip_checks=True)
    return options


def _migrate_one(schema: str, plan: Plan, state: FleetState) -> None:
    """Bring one federation level with the template and this release's defaults, in one
    transaction (or leave it untouched)."""
    from django_tenants.migration_executors.base import run_migrations

    template = quote(settings.TENANT_BASE_SCHEMA)
    try:
        with transaction.atomic():
            connection.set_schema(schema)
            with connection.cursor() as cursor:
                # Data changes and DDL on one table in one transaction: deferred constraint
                # triggers would block a later ALTER TABLE ("pending trigger events").
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            if plan.sql is None:
                run_migrations((), _migrate_options(), "fleet", schema, allow_atomic=True)
                connection.set_schema(schema)
            elif plan.migrations:
                with connection.cursor() as cursor:
                    for statement in plan.sql:
                        cursor.execute(statement)
                    cursor.executemany(
                        "INSERT INTO django_migrations (app, name, applied) VALUES (%s, %s, now())",
                        plan.migrations,
                    )
            with connection.cursor() as cursor:
                if plan.migrations:
                    cursor.execute(COPY_CONTENT_TYPES_SQL.format(template=template))
                cursor.execute("SELECT public.schema_migrations_digest(%s)", [schema])
                (digest,) = cursor.fetchone()
            if digest != state.template_digest:
                raise FleetError(
                    f"{schema}: after migrating, its migrations differ from the template's."
                )
            _sync_defaults(schema, state.release)
    finally:
        connection.set_schema_to_public()


@dataclass
class Progress:
    total: int
    done: int = 0
    started: float = field(default_factory=time.monotonic)
    slowest: tuple[str, float] = ("", 0.0)
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        elapsed = time.monotonic() - self.started
        return self.done / elapsed if elapsed > 0 else 0.0

    def line(self) -> str:
        schema, seconds = self.slowest
        return (
            f"{self.done}/{self.total} federations, {self.rate:.1f}/s, "
            f"slowest {schema} {seconds:.2f} s"
        )


_STOP = None  # the pool's shared stop flag, set in each worker by _init


def _init(stop) -> None:
    global _STOP
    _STOP = stop


def _work(job: tuple[str, Plan, FleetState]) -> tuple[str, float, str | None]:
    schema, plan, state = job
    if _STOP is not None and _STOP.is_set():
        return schema, 0.0, "skipped"
    start = time.monotonic()
    try:
        _migrate_one(schema, plan, state)
    except Exception as exc:  # reported to the parent, which stops the run
        if _STOP is not None:  # a pool worker: its connection may be in any state
            _STOP.set()
            connection.close()
        return schema, time.monotonic() - start, f"{type(exc).__name__}: {exc}"
    return schema, time.monotonic() - start, None


def fleet_migrate(
    state: FleetState,
    *,
    workers: int = 2,
    report: Callable[[Progress], None] | None = None,
    report_every: float = 5.0,
) -> Progress:
    """Migrate every federation behind the template and sync the defaults of every federation
    not synced to this release; stop at the first failure."""
    jobs = []
    for schemas in state.behind.values():
        plan = plan_for(schemas[0])
        jobs += [(schema, plan, state) for schema in schemas]
    nothing = Plan(migrations=[], sql=[])
    jobs += [(schema, nothing, state) for schema in state.unsynced]
    progress = Progress(total=len(jobs))
    if not jobs:
        return progress
    last = time.monotonic()

    def record(schema: str, seconds: float, error: str | None) -> None:
        nonlocal last
        if error == "skipped":
            return
        if error:
            progress.failed.append((schema, error))
            return
        progress.done += 1
        if seconds > progress.slowest[1]:
            progress.slowest = (schema, seconds)
        if report and (time.monotonic() - last >= report_every or progress.done == progress.total):
            last = time.monotonic()
            report(progress)

    if workers <= 1:
        for job in jobs:
            record(*_work(job))
            if progress.failed:
                break
        return progress
    connections.close_all()  # never share a connection with forked workers
    context = multiprocessing.get_context("fork")
    stop = context.Event()
    with context.Pool(workers, initializer=_init, initargs=(stop,)) as pool:
        for result in pool.imap_unordered(_work, jobs):
            record(*result)
    return progress
