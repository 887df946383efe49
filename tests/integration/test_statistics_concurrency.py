"""Two transactions recomputing the same enterprise's statistics at once (compliance 0043): the
second waits for the first and then computes from what it committed, so the log of daily changes
still agrees with the ledger. Without the locks (0043 reversed in the scratch federation) the same
interleaving leaves the log counting the enterprise twice: the test sees the difference.

Committed work on a scratch federation made by `manage.py` (two connections must see each other's
commits); removed at the end."""

import importlib
import json
import threading
import time

import psycopg
import pytest
from psycopg import sql

from tests.tenants.test_backup import _conninfo, manage  # noqa: F401 (the fixture)

pytestmark = pytest.mark.integration

SCHEMA = "st_scratch"
SERIALISED = importlib.import_module("compliance.migrations.0043_statistics_serialised")
SEED = f"""
from tenants import context
from tests.factories.notices import published_contract
with context.federation_context("{SCHEMA}"):
    contract = published_contract()
    print(contract.pk, contract.enterprise_id)
"""
# The log folded by day and figure, before and after the figures are rebuilt from the ledger.
COMPARE = """
import json
from django.db import connection
from compliance.services.statistics import statistics_rebuild
from tenants import context

def folded():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT day::text, metric, sum(delta)::bigint FROM compliance_statdelta GROUP BY 1, 2 "
            "HAVING sum(delta) <> 0 ORDER BY 1, 2"
        )
        return [list(row) for row in cursor.fetchall()]

with context.federation_context(SCHEMA):
    logged = folded()
    statistics_rebuild()
    print(json.dumps({"logged": logged, "rebuilt": folded()}))
"""


def _connect() -> psycopg.Connection:
    conn = psycopg.connect(**{k: v for k, v in _conninfo().items() if v})
    conn.execute(f'SET search_path TO "{SCHEMA}", public')
    conn.commit()
    return conn


def _waiting_or_done(observer: psycopg.Connection, pid: int) -> str:
    """Polls until the other transaction's statement waits on a lock or has finished; returns
    the wait event ('' when it finished without waiting)."""
    for _ in range(200):
        row = observer.execute(
            "SELECT state, wait_event_type, wait_event, query FROM pg_stat_activity WHERE pid = %s",
            [pid],
        ).fetchone()
        state, wait_type, wait_event, query = row
        # Before its UPDATE starts the connection shows BEGIN (psycopg sends it first), idle in
        # the transaction too: only the UPDATE's own states count.
        if query.startswith("UPDATE compliance_contract"):
            if state == "active" and wait_type == "Lock":
                return wait_event
            if state == "idle in transaction":
                return ""
        time.sleep(0.05)
    raise AssertionError(f"the second transaction neither waited nor finished: {row}")


@pytest.fixture
def scratch(manage):  # noqa: F811
    manage(
        "create_federation", "--schema", SCHEMA, "--name", "统计并发演练总工会",
        "--domain", "st-scratch.test", "--level", "county", "--region", "230803",
    )  # fmt: skip
    contract_id, enterprise_id = map(int, manage("shell", "-c", SEED).stdout.split()[-2:])
    yield manage, contract_id, enterprise_id
    with psycopg.connect(**{k: v for k, v in _conninfo().items() if v}, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE')
        found = conn.execute(
            "SELECT id FROM tenants_federation WHERE schema_name = %s", [SCHEMA]
        ).fetchone()
        # The published notice and figures reached the network channel (public schema).
        referencing = conn.execute(
            "SELECT c.conrelid::regclass::text, a.attname FROM pg_constraint c "
            "JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1] "
            "WHERE c.confrelid = 'tenants_federation'::regclass "
            "AND c.conrelid <> 'tenants_federation'::regclass"
        ).fetchall()
        for table, column in referencing if found else ():
            conn.execute(
                sql.SQL("DELETE FROM {} WHERE {} = %s").format(
                    sql.Identifier(table), sql.Identifier(column)
                ),
                [found[0]],
            )
        conn.execute("DELETE FROM tenants_federation WHERE schema_name = %s", [SCHEMA])


@pytest.mark.parametrize("locked", [True, False], ids=["serialised", "without-0043"])
def test_concurrent_recomputations_of_one_enterprise_keep_the_log_true(scratch, locked):
    manage, contract_id, enterprise_id = scratch  # noqa: F811
    first, second, observer = _connect(), _connect(), _connect()
    observer.autocommit = True
    if not locked:
        observer.execute(SERIALISED.BACKWARD)
    try:
        # The first changes the enterprise (its employees weigh in "employees covered") and
        # keeps its transaction open; the second extends its contract (the enterprise's covered
        # days), which recomputes the same enterprise.
        first.execute(
            "UPDATE compliance_enterprise SET employees = employees + 50 WHERE id = %s",
            [enterprise_id],
        )
        errors: list[BaseException] = []

        def extend() -> None:
            try:
                second.execute(
                    "UPDATE compliance_contract SET ends_on = ends_on + 30 WHERE id = %s",
                    [contract_id],
                )
            except BaseException as exc:  # reported by the main thread
                errors.append(exc)

        thread = threading.Thread(target=extend)
        thread.start()
        waited_on = _waiting_or_done(observer, second.info.backend_pid)
        first.commit()
        thread.join(timeout=60)
        assert errors == []
        second.commit()
    finally:
        for conn in (first, second, observer):
            conn.close()

    script = f"SCHEMA = {SCHEMA!r}\n{COMPARE}"
    result = json.loads(manage("shell", "-c", script).stdout.strip().splitlines()[-1])
    if locked:
        assert waited_on == "advisory"  # before reading anything
        assert result["logged"] == result["rebuilt"]
    else:
        assert result["logged"] != result["rebuilt"]  # the race the locks prevent
