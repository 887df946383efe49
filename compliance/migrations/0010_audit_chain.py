"""A tamper-evident audit trail: every history row of this federation is chained by hash.

`compliance_auditlink` holds one link per history row, in the order they were written:
row_hash = sha256(prev_hash | table | the row as jsonb text), prev_hash being the previous
link's row_hash (64 zeros for the first). A statement-level trigger on every historical table
appends the links of the rows a statement inserted (the COPY importers included), holding a
per-federation advisory lock until commit so the chain has one order. Editing, deleting or
inserting history rows behind the application's back breaks the chain where it happened;
`manage.py verify_audit_trail --schema S` finds the first broken link (compliance/services/
audit_trail.py). Timestamps are hashed in UTC whatever the session's time zone.

A migration that adds a historical model must end with `SELECT compliance_audit_install();`
(a test fails for any history table without the trigger).
"""

from django.db import migrations

FORWARD = r"""
CREATE TABLE compliance_auditlink (
    seq bigserial PRIMARY KEY,
    table_name text NOT NULL,
    history_id bigint NOT NULL,
    prev_hash char(64) NOT NULL,
    row_hash char(64) NOT NULL,
    UNIQUE (table_name, history_id)
);

CREATE FUNCTION compliance_audit_hash(prev text, tbl text, doc jsonb) RETURNS text
LANGUAGE sql IMMUTABLE AS $$
    SELECT encode(sha256(convert_to(prev || '|' || tbl || '|' || doc::text, 'UTF8')), 'hex')
$$;

CREATE FUNCTION compliance_audit_append() RETURNS trigger
LANGUAGE plpgsql SET TimeZone = 'UTC' AS $$
DECLARE
    prev text;
    ids bigint[] := '{}';
    prevs text[] := '{}';
    hashes text[] := '{}';
    r record;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext(TG_TABLE_SCHEMA || '.compliance_auditlink'));
    SELECT row_hash INTO prev FROM compliance_auditlink ORDER BY seq DESC LIMIT 1;
    prev := coalesce(prev, repeat('0', 64));
    FOR r IN SELECT n.history_id, to_jsonb(n) AS doc FROM new_rows n ORDER BY n.history_id LOOP
        ids := ids || r.history_id::bigint;
        prevs := prevs || prev;
        prev := compliance_audit_hash(prev, TG_TABLE_NAME, r.doc);
        hashes := hashes || prev;
    END LOOP;
    INSERT INTO compliance_auditlink (table_name, history_id, prev_hash, row_hash)
    SELECT TG_TABLE_NAME, i, p, h FROM unnest(ids, prevs, hashes) AS t(i, p, h);
    RETURN NULL;
END $$;

-- Adds the trigger to every history table of the current schema that lacks it.
CREATE FUNCTION compliance_audit_install() RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    t record;
    added integer := 0;
BEGIN
    FOR t IN
        SELECT c.relname FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r'
          AND c.relname LIKE '%\_historical%'
          AND NOT EXISTS (SELECT 1 FROM pg_trigger g
                          WHERE g.tgrelid = c.oid AND g.tgname = 'audit_chain')
    LOOP
        EXECUTE format(
            'CREATE TRIGGER audit_chain AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows '
            'FOR EACH STATEMENT EXECUTE FUNCTION compliance_audit_append()', t.relname);
        added := added + 1;
    END LOOP;
    RETURN added;
END $$;

SELECT compliance_audit_install();

-- History written before the chain existed becomes its beginning, table by table, in row order.
DO $$
DECLARE
    t record;
    r record;
    prev text := repeat('0', 64);
    next_hash text;
BEGIN
    PERFORM set_config('TimeZone', 'UTC', true);
    FOR t IN
        SELECT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE g.tgname = 'audit_chain' AND n.nspname = current_schema()
        ORDER BY c.relname
    LOOP
        FOR r IN EXECUTE format(
            'SELECT history_id, to_jsonb(h) AS doc FROM %I h ORDER BY history_id', t.relname)
        LOOP
            next_hash := compliance_audit_hash(prev, t.relname, r.doc);
            INSERT INTO compliance_auditlink (table_name, history_id, prev_hash, row_hash)
            VALUES (t.relname, r.history_id, prev, next_hash);
            prev := next_hash;
        END LOOP;
    END LOOP;
END $$;
"""

BACKWARD = r"""
DO $$
DECLARE t record;
BEGIN
    FOR t IN SELECT c.relname FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE g.tgname = 'audit_chain' AND n.nspname = current_schema() LOOP
        EXECUTE format('DROP TRIGGER audit_chain ON %I', t.relname);
    END LOOP;
END $$;
DROP FUNCTION compliance_audit_install();
DROP FUNCTION compliance_audit_append();
DROP FUNCTION compliance_audit_hash(text, text, jsonb);
DROP TABLE compliance_auditlink;
"""


class Migration(migrations.Migration):
    dependencies = [("compliance", "0009_statistics_facts")]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
