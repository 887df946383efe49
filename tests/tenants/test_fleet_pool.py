"""migrate_platform's pool of worker processes, as an operator runs it: two scratch federations
made behind the template by `manage.py` processes (committed: forked workers cannot see a test's
transaction), migrated by `migrate_platform --workers 2`, then a failure that stops the run and a
rerun that resumes. The scratch federations are removed at the end."""

import psycopg
import pytest
from psycopg import sql

from tests.tenants.test_backup import _conninfo, manage  # noqa: F401 (the fixture)
from tests.tenants.test_fleet import TABLES, UNAPPLIED, UNAPPLY_SQL

SCRATCH = ("fl_scratch_1", "fl_scratch_2")
NAMES = [name for _app, name in UNAPPLIED]

pytestmark = pytest.mark.integration


def _sql(statement, params=()) -> list:
    info = {k: v for k, v in _conninfo().items() if v}
    with psycopg.connect(**info, autocommit=True) as conn:
        cursor = conn.execute(statement, params or None)  # None: several statements allowed
        return cursor.fetchall() if cursor.description else []


def _migrations(statement: str, schema: str) -> sql.Composed:
    return sql.SQL(statement).format(sql.Identifier(schema))


def _unapply(schema: str, *, drop_columns: bool = True) -> None:
    if drop_columns:
        for table in TABLES:
            _sql(f'ALTER TABLE "{schema}"."{table}" DROP COLUMN key_terms')
    _sql(f'SET search_path TO "{schema}"; {UNAPPLY_SQL}')
    _sql(
        _migrations(
            "DELETE FROM {}.django_migrations WHERE app = 'compliance' AND name = ANY(%s)", schema
        ),
        [NAMES],
    )


def _level(schema: str) -> bool:
    [(recorded,)] = _sql(
        _migrations(
            "SELECT count(*) FROM {}.django_migrations WHERE app = 'compliance' AND name = ANY(%s)",
            schema,
        ),
        [NAMES],
    )
    [(columns,)] = _sql(
        "SELECT count(*) FROM information_schema.columns WHERE table_schema = %s "
        "AND column_name = 'key_terms' AND table_name = ANY(%s)",
        [schema, list(TABLES)],
    )
    return recorded == len(NAMES) and columns == len(TABLES)


@pytest.fixture
def scratch(manage):  # noqa: F811
    for number, schema in enumerate(SCRATCH, start=1):
        manage(
            "create_federation", "--schema", schema, "--name", f"迁移演练总工会{number}",
            "--domain", f"{schema.replace('_', '-')}.test", "--level", "county",
            "--region", f"23080{number}",
        )  # fmt: skip
    yield manage
    for schema in SCRATCH:
        _sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        _sql(
            "DELETE FROM tenants_domain WHERE tenant_id IN "
            "(SELECT id FROM tenants_federation WHERE schema_name = %s)",
            [schema],
        )
        _sql("DELETE FROM tenants_federation WHERE schema_name = %s", [schema])


def test_the_pool_migrates_stops_at_a_failure_and_resumes(scratch):
    for schema in SCRATCH:
        _unapply(schema)
    result = scratch("migrate_platform", "--workers", "2")
    assert "2 federation(s) behind the template" in result.stdout
    assert "Platform migrated; 2 federation(s) brought level" in result.stdout
    assert all(_level(schema) for schema in SCRATCH)

    _unapply(SCRATCH[0])
    _unapply(SCRATCH[1], drop_columns=False)  # replaying ADD COLUMN fails there
    result = scratch("migrate_platform", "--workers", "2", check=False)
    assert result.returncode != 0
    assert f"Stopped: {SCRATCH[1]} failed and was left untouched" in result.stderr
    assert "already exists" in result.stderr
    assert not _level(SCRATCH[1])  # untouched: still no record, columns as they were
    [(columns,)] = _sql(
        "SELECT count(*) FROM information_schema.columns WHERE table_schema = %s "
        "AND column_name = 'key_terms'",
        [SCRATCH[1]],
    )
    assert columns >= len(TABLES)

    for table in TABLES:
        _sql(f'ALTER TABLE "{SCRATCH[1]}"."{table}" DROP COLUMN key_terms')
    result = scratch("migrate_platform", "--workers", "2")
    assert "Platform migrated" in result.stdout
    assert all(_level(schema) for schema in SCRATCH)
