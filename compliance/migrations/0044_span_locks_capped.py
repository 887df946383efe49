"""One serialiser for both logs' recomputations, with the per-transaction cap on both.

0041 (the funnel's spans) took an advisory lock per enterprise in every statement with no limit
for the transaction: a transaction that saved enterprises one statement at a time (a script, a
long form sequence in one atomic block) held one lock per enterprise, and advisory locks live in
the server's shared lock table (max_locks_per_transaction × connections, 6,400 slots by default):
thousands of them fail every transaction on the server with "out of shared memory". It also cast
the id to integer, which fails above 2,147,483,647. 0043 (the statistics' spans) already counted
the locks a transaction holds and, past 500, locked the span table instead.

Now both call compliance_serialise(span table, key, ids): at most 500 advisory locks per span table
and transaction (counted in a transaction-local setting), then one SHARE ROW EXCLUSIVE lock on the
table for the rest of the transaction; the ids are folded into the lock's integer, and the key
names the federation's schema (advisory locks are database-wide: two federations' enterprise 5
waited for each other). The funnel's function keeps its body (0041's, taken from that migration)
with the new lock call in place of its own loop; the statistics' compliance_stat_serialise keeps
its name and keys.
"""

import importlib
import re

from django.db import migrations

PIPELINE = importlib.import_module("compliance.migrations.0041_pipeline_log")
STATISTICS = importlib.import_module("compliance.migrations.0043_statistics_serialised")

SERIALISE = r"""
CREATE FUNCTION compliance_serialise(span_table text, key text, ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    counter text := 'compliance.locks_' || span_table;
    held integer := coalesce(nullif(current_setting(counter, true), ''), '0')::int;
    -- Advisory locks are the database's, not the schema's: the federation is part of the key,
    -- so two federations' enterprise 5 do not wait for each other.
    lock_space integer := hashtext(current_schema() || '.' || key);
    one_id bigint;
BEGIN
    IF held < 0 THEN  -- this transaction holds the table lock: everything waits for it already
        RETURN;
    END IF;
    ids := ARRAY(SELECT DISTINCT x FROM unnest(ids) AS x WHERE x IS NOT NULL ORDER BY x);
    IF held + cardinality(ids) > 500 THEN
        EXECUTE format('LOCK TABLE %I IN SHARE ROW EXCLUSIVE MODE', span_table);
        PERFORM set_config(counter, '-1', true);
        RETURN;
    END IF;
    -- Waits for a transaction holding the table lock; conflicts with no other writer.
    EXECUTE format('LOCK TABLE %I IN ROW EXCLUSIVE MODE', span_table);
    FOREACH one_id IN ARRAY ids LOOP
        PERFORM pg_advisory_xact_lock(lock_space, (one_id % 2147483647)::integer);
    END LOOP;
    PERFORM set_config(counter, (held + cardinality(ids))::text, true);
END $$;
"""


def _function(source: str, name: str) -> str:
    """One CREATE FUNCTION … END $$; of an earlier migration, as CREATE OR REPLACE."""
    (found,) = re.findall(rf"CREATE FUNCTION {name}\(.*?\nEND \$\$;", source, flags=re.DOTALL)
    return found.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)


PIPELINE_BEFORE = _function(PIPELINE.FORWARD, "compliance_pipeline_enterprises")
PIPELINE_LOOP = """
    IF cardinality(ids) > 500 THEN
        LOCK TABLE compliance_pipelinespan IN SHARE ROW EXCLUSIVE MODE;
    ELSE
        FOREACH one_id IN ARRAY ids LOOP
            PERFORM pg_advisory_xact_lock(hashtext('compliance_pipelinespan'), one_id::int);
        END LOOP;
    END IF;
"""
assert PIPELINE_BEFORE.count(PIPELINE_LOOP) == 1
PIPELINE_AFTER = PIPELINE_BEFORE.replace(
    PIPELINE_LOOP,
    "\n    PERFORM compliance_serialise('compliance_pipelinespan', 'compliance_pipelinespan', ids);\n",
).replace("DECLARE\n    one_id bigint;\nBEGIN", "BEGIN", 1)
assert "one_id" not in PIPELINE_AFTER

STATISTICS_BEFORE = _function(STATISTICS.FORWARD, "compliance_stat_serialise")
STATISTICS_AFTER = r"""
CREATE OR REPLACE FUNCTION compliance_stat_serialise(kind char, ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM compliance_serialise('compliance_statspan', 'compliance_statspan ' || kind, ids);
END $$;
"""

FORWARD = "\n".join([SERIALISE, PIPELINE_AFTER, STATISTICS_AFTER])
BACKWARD = "\n".join(
    [PIPELINE_BEFORE, STATISTICS_BEFORE, "DROP FUNCTION compliance_serialise(text, text, bigint[]);"]
)


class Migration(migrations.Migration):
    dependencies = [("compliance", "0043_statistics_serialised")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
