"""Recomputations of the same enterprise's or contract's statistics spans are serialised.

compliance_stat_log (0009) replaces an owner's spans by comparing them with the spans it reads
when its statement starts. Two transactions recomputing the same enterprise at once (a contract
of it saved in one, the enterprise itself in the other) both read the old spans: the second one's
deletions find the rows already gone, its insertions are added beside the first one's, and the log
counts the difference twice; it also computes from the ledger as it was before the first
committed. Now each recomputation first takes a lock per owner (an advisory lock held to the end
of the transaction, in id order) or, when a transaction would hold more than 500 of them, one lock
on the span table for the rest of it (an import's statement). The locks are taken in a statement
of their own, so the statements that read the ledger and the spans start after the wait and see
what the other transaction committed. docs/architecture.md "Statistics".

The two functions keep their names (the triggers and statistics_rebuild call them): the old
bodies are renamed *_unlocked and called by the new ones after the lock.
"""

from django.db import migrations

FORWARD = r"""
CREATE FUNCTION compliance_stat_serialise(kind char, ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    held integer := coalesce(nullif(current_setting('compliance.stat_locks', true), ''), '0')::int;
    one_id bigint;
BEGIN
    IF held < 0 THEN  -- this transaction holds the table lock: everything waits for it already
        RETURN;
    END IF;
    ids := ARRAY(SELECT DISTINCT x FROM unnest(ids) AS x WHERE x IS NOT NULL ORDER BY x);
    IF held + cardinality(ids) > 500 THEN
        LOCK TABLE compliance_statspan IN SHARE ROW EXCLUSIVE MODE;
        PERFORM set_config('compliance.stat_locks', '-1', true);
        RETURN;
    END IF;
    -- Waits for a transaction holding the table lock; conflicts with no other writer.
    LOCK TABLE compliance_statspan IN ROW EXCLUSIVE MODE;
    FOREACH one_id IN ARRAY ids LOOP
        PERFORM pg_advisory_xact_lock(hashtext('compliance_statspan ' || kind),
                                      (one_id % 2147483647)::integer);
    END LOOP;
    PERFORM set_config('compliance.stat_locks', (held + cardinality(ids))::text, true);
END $$;

"""

# Each of the two is renamed and wrapped: the lock, then the old body.
WRAPPER = r"""
ALTER FUNCTION compliance_stat_{name}(bigint[]) RENAME TO compliance_stat_{name}_unlocked;
CREATE FUNCTION compliance_stat_{name}(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(cardinality(ids), 0) = 0 THEN
        RETURN;
    END IF;
    PERFORM compliance_stat_serialise('{kind}', ids);
    PERFORM compliance_stat_{name}_unlocked(ids);
END $$;
"""
FORWARD += WRAPPER.format(name="enterprises", kind="e")
FORWARD += WRAPPER.format(name="contract_spans", kind="c")

BACKWARD = r"""
DROP FUNCTION compliance_stat_contract_spans(bigint[]);
ALTER FUNCTION compliance_stat_contract_spans_unlocked(bigint[])
    RENAME TO compliance_stat_contract_spans;
DROP FUNCTION compliance_stat_enterprises(bigint[]);
ALTER FUNCTION compliance_stat_enterprises_unlocked(bigint[])
    RENAME TO compliance_stat_enterprises;
DROP FUNCTION compliance_stat_serialise(char, bigint[]);
"""


class Migration(migrations.Migration):
    dependencies = [("compliance", "0042_contract_key_terms")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
