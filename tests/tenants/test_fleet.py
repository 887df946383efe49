"""Migrating the network (tenants.fleet, migrate_platform): who is behind in one query, SQL
replayed per federation in one transaction, stop at the first failure, resume, defaults synced.

A "release" is simulated by taking compliance's last three migrations back out of a federation
(0042 adds four columns, 0043 and 0044 replace functions): the columns dropped, 0044's and 0043's
reverse SQL run and the records deleted, as if the federation had not been migrated yet. The
test's transaction rolls every schema change back afterwards. The pool of worker processes cannot
see this transaction; the fleet benchmark runs it (`python -m bench fleet`).
"""

import importlib

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tenants import fleet
from tenants.models import Federation
from tenants.roles import ROLES

UNAPPLIED = [
    ("compliance", "0042_contract_key_terms"),
    ("compliance", "0043_statistics_serialised"),
    ("compliance", "0044_span_locks_capped"),
]
# The functions' reverse SQL, the last migration's first.
UNAPPLY_SQL = "\n".join(
    importlib.import_module(f"compliance.migrations.{name}").BACKWARD
    for _app, name in reversed(UNAPPLIED[1:])
)
TABLES = (
    "compliance_contract",
    "compliance_filingsubmission",
    "compliance_historicalcontract",
    "compliance_historicalfilingsubmission",
)


def _unapply(schema: str, *, drop_columns: bool = True) -> None:
    with connection.cursor() as cursor:
        if drop_columns:
            for table in TABLES:
                cursor.execute(f'ALTER TABLE "{schema}"."{table}" DROP COLUMN key_terms')
    connection.set_schema(schema)  # its django_migrations and functions come before public's
    with connection.cursor() as cursor:
        cursor.execute(UNAPPLY_SQL)
        cursor.execute(
            "DELETE FROM django_migrations WHERE app = 'compliance' AND name = ANY(%s)",
            [[name for _app, name in UNAPPLIED]],
        )
    connection.set_schema_to_public()


def _columns(schema: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.columns "
            "WHERE table_schema = %s AND column_name = 'key_terms' AND table_name = ANY(%s)",
            [schema, list(TABLES)],
        )
        return cursor.fetchone()[0]


def _recorded(schema: str) -> bool:
    connection.set_schema(schema)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM django_migrations WHERE app = 'compliance' AND name = ANY(%s)",
            [[name for _app, name in UNAPPLIED]],
        )
        found = cursor.fetchone()[0] == len(UNAPPLIED)
    connection.set_schema_to_public()
    return found


def test_every_federation_is_level_after_provisioning(fed_a, fed_b):
    with CaptureQueriesContext(connection) as queries:
        state = fleet.fleet_state()
    # The template's digest, then every federation's in one statement (besides setting the
    # search path; DIGEST_BATCH federations a statement): never one per federation.
    digests = [q for q in queries.captured_queries if "schema_migrations_digest" in q["sql"]]
    assert len(digests) == 2 and len(queries) <= 3
    assert state.behind == {} and state.unsynced == []
    assert state.level == Federation.objects.count() == 2


def test_the_digests_are_read_a_batch_of_schemas_at_a_time(fed_a, fed_b, monkeypatch):
    # Each schema read locks its django_migrations until the statement's transaction ends: one
    # statement over 3,001 federations held 6,011 of the server's 6,400 default lock slots.
    monkeypatch.setattr(fleet, "DIGEST_BATCH", 1)
    with CaptureQueriesContext(connection) as queries:
        state = fleet.fleet_state()
    batches = [q["sql"] for q in queries.captured_queries if "LIMIT 1" in q["sql"]]
    # fed_a's, fed_b's, then an empty batch that ends the walk; each after the last schema read.
    assert len(batches) == 3
    assert f"> '{fed_a.schema_name}'" in batches[1] and f"> '{fed_b.schema_name}'" in batches[2]
    assert state.level == Federation.objects.count() == 2 and state.behind == {}


def test_a_federation_behind_is_found_and_brought_level_by_replayed_sql(fed_a, fed_b):
    _unapply(fed_a.schema_name)
    state = fleet.fleet_state()
    assert list(state.behind.values()) == [[fed_a.schema_name]]
    assert state.level == 1

    plan = fleet.plan_for(fed_a.schema_name)
    assert plan.migrations == UNAPPLIED
    assert plan.sql is not None
    assert any('ADD COLUMN "key_terms"' in statement for statement in plan.sql)

    progress = fleet.fleet_migrate(state, workers=1)
    assert (progress.done, progress.total, progress.failed) == (1, 1, [])
    assert _columns(fed_a.schema_name) == 4 and _recorded(fed_a.schema_name)
    assert fleet.fleet_state().level == 2


def test_a_failure_stops_the_run_leaves_that_federation_untouched_and_a_rerun_resumes(fed_a, fed_b):
    # fed_a is migrated first (by schema name) and succeeds; fed_b's record is missing but its
    # columns are there, so replaying the ADD COLUMN fails.
    _unapply(fed_a.schema_name)
    _unapply(fed_b.schema_name, drop_columns=False)
    progress = fleet.fleet_migrate(fleet.fleet_state(), workers=1)
    assert progress.done == 1
    [(schema, error)] = progress.failed
    assert schema == fed_b.schema_name and "already exists" in error
    assert _recorded(fed_a.schema_name)
    assert not _recorded(fed_b.schema_name) and _columns(fed_b.schema_name) == 4

    for table in TABLES:
        with connection.cursor() as cursor:
            cursor.execute(f'ALTER TABLE "{fed_b.schema_name}"."{table}" DROP COLUMN key_terms')
    state = fleet.fleet_state()
    assert list(state.behind.values()) == [[fed_b.schema_name]]  # fed_a is not redone
    progress = fleet.fleet_migrate(state, workers=1)
    assert (progress.done, progress.failed) == (1, [])
    assert fleet.fleet_state().level == 2


def test_migrations_that_do_not_reduce_to_sql_run_through_django(fed_a, monkeypatch):
    monkeypatch.setattr(fleet, "_reduces_to_sql", lambda operations: False)
    _unapply(fed_a.schema_name)
    plan = fleet.plan_for(fed_a.schema_name)
    assert plan.sql is None and plan.migrations == UNAPPLIED
    progress = fleet.fleet_migrate(fleet.fleet_state(), workers=1)
    assert (progress.done, progress.failed) == (1, [])
    assert _columns(fed_a.schema_name) == 4 and _recorded(fed_a.schema_name)


def test_a_federation_synced_to_an_older_release_gets_the_defaults_back(fed_a, fed_b):
    Federation.objects.filter(pk=fed_a.pk).update(platform_synced="")
    connection.set_tenant(fed_a)
    Group.objects.filter(name=ROLES[0].name).delete()
    connection.set_schema_to_public()
    state = fleet.fleet_state()
    assert state.unsynced == [fed_a.schema_name] and state.behind == {}

    progress = fleet.fleet_migrate(state, workers=1)
    assert progress.done == 1
    connection.set_tenant(fed_a)
    assert Group.objects.filter(name=ROLES[0].name).exists()
    connection.set_schema_to_public()
    fed_a.refresh_from_db()
    assert fed_a.platform_synced == state.release


def test_the_release_changes_with_the_code_that_defines_the_defaults(monkeypatch):
    before = fleet.release_digest("abc")
    assert fleet.release_digest("abd") != before  # a new migration
    monkeypatch.setattr("tenants.roles.ROLES", ROLES[1:])
    assert fleet.release_digest("abc") != before  # a changed role


@pytest.mark.parametrize("behind", [False, True])
def test_migrate_platform_reports_what_it_did(fed_a, fed_b, behind, capsys):
    if behind:
        _unapply(fed_a.schema_name)
    call_command("migrate_platform", verbosity=1, workers=1)
    out = capsys.readouterr().out
    if behind:
        assert "1 federation(s) behind the template" in out
        assert "1 federation(s) brought level, 1 already were" in out
    else:
        assert "0 federation(s) brought level, 2 already were" in out
    assert fleet.fleet_state().level == 2
