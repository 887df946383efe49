"""The locks that serialise recomputations of the funnel's and the statistics' spans (migration
0044_span_locks_capped): at most 500 advisory locks per span table in a transaction, then the
table's lock; ids beyond the integer range; one federation's keys apart from another's."""

import importlib

import pytest
from django.db import connection

from tenants import context

SPAN_LOCKS = importlib.import_module("compliance.migrations.0044_span_locks_capped")
PIPELINE = ("SELECT compliance_pipeline_enterprises(%s)", "compliance_pipelinespan")
STATISTICS = ("SELECT compliance_stat_serialise('e', %s)", "compliance_statspan")
FIRST_ID = 3_000_000_000  # beyond 2,147,483,647: 0041 cast it to integer and failed


def _held(cursor, table: str) -> tuple[int, set[str]]:
    """This connection's advisory locks, and its modes on `table`."""
    cursor.execute(
        "SELECT count(*) FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'advisory'"
    )
    (advisory,) = cursor.fetchone()
    cursor.execute(
        "SELECT mode FROM pg_locks WHERE pid = pg_backend_pid() AND relation = %s::regclass",
        [table],
    )
    return advisory, {mode for (mode,) in cursor.fetchall()}


@pytest.mark.parametrize(("call", "table"), [PIPELINE, STATISTICS], ids=["funnel", "statistics"])
def test_a_transaction_of_many_small_statements_holds_500_locks_then_the_table(in_a, call, table):
    with connection.cursor() as cursor:
        before, _modes = _held(cursor, table)
        for n in range(500):
            cursor.execute(call, [[FIRST_ID + n]])
        advisory, modes = _held(cursor, table)
        assert advisory - before == 500
        assert "ShareRowExclusiveLock" not in modes  # other writers still go side by side
        for n in range(500, 600):
            cursor.execute(call, [[FIRST_ID + n]])
        advisory, modes = _held(cursor, table)
        assert advisory - before == 500  # no more: the table lock covers the rest
        assert "ShareRowExclusiveLock" in modes


def test_without_the_cap_the_funnel_held_a_lock_per_enterprise(in_a):
    """What 0044 changed, seen in the same transaction with its reverse SQL run."""
    with connection.cursor() as cursor:
        cursor.execute(SPAN_LOCKS.BACKWARD)
        before, _modes = _held(cursor, PIPELINE[1])
        for n in range(1, 601):
            cursor.execute(PIPELINE[0], [[n]])
        advisory, modes = _held(cursor, PIPELINE[1])
        assert advisory - before == 600 and "ShareRowExclusiveLock" not in modes


@pytest.mark.parametrize(("call", "table"), [PIPELINE, STATISTICS], ids=["funnel", "statistics"])
def test_two_federations_same_enterprise_id_are_two_locks(fed_a, fed_b, call, table):
    with connection.cursor() as cursor:
        before, _modes = _held(cursor, "tenants_federation")
    for federation in (fed_a, fed_b):
        with context.federation_context(federation), connection.cursor() as cursor:
            cursor.execute(call, [[7]])
    with connection.cursor() as cursor:
        advisory, _modes = _held(cursor, "tenants_federation")
    assert advisory - before == 2
