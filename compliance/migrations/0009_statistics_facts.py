"""Database-maintained facts behind the statistics (DOMAIN.md §5): every figure for any as-of
date becomes a sum over a small log of daily changes instead of joins over the whole ledger.

Nothing here is a Django field: no model code reads or writes these columns and tables, so a
model save can never write a stale value over them. Statement-level triggers with transition
tables keep them true after every write (ORM saves, bulk updates and the COPY-based imports
alike), in a few set-based statements per written statement, not per row.
docs/architecture.md "Statistics" explains the design.

- compliance_contract.stat_in_force: the days the contract was in force (status once effective;
  from effective_on; until the earliest of ends_on + 1, ended_on and an amendment's
  effective_on); stat_renewed: a renewal signed no later than its last day exists;
  stat_report_years: the years with a performance report (R31).
- compliance_statspan: each enterprise's and contract's contribution to each figure, as day
  ranges with a weight (an enterprise's employees for "employees covered", else 1). Today's
  unionised and key enterprises are counted straight from the ledger (one scan).
- compliance_statdelta: an append-only log of (day, figure, change). A span [a, b) of weight w
  logs +w at a and -w at b, so a figure on day D is the sum of the changes up to D. Writers only
  insert (no row is shared between transactions, so writers never wait on each other);
  compliance_stat_compact() folds the log, run daily and after imports.
"""

from django.db import migrations, models

FORWARD = r"""
ALTER TABLE compliance_contract
    ADD COLUMN stat_in_force daterange,
    ADD COLUMN stat_renewed boolean NOT NULL DEFAULT false,
    ADD COLUMN stat_report_years integer[] NOT NULL DEFAULT '{}';
CREATE TABLE compliance_statspan (
    owner char(1) NOT NULL,  -- 'e' enterprise, 'c' contract
    owner_id bigint NOT NULL,
    metric smallint NOT NULL,
    during daterange NOT NULL,
    weight bigint NOT NULL
);
CREATE INDEX compliance_statspan_owner ON compliance_statspan (owner, owner_id);
CREATE TABLE compliance_statdelta (
    day date NOT NULL,
    metric smallint NOT NULL,
    delta bigint NOT NULL
);
CREATE INDEX compliance_statdelta_day ON compliance_statdelta (day);

CREATE FUNCTION compliance_stat_contracts(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(cardinality(ids), 0) = 0 THEN
        RETURN;
    END IF;
    UPDATE compliance_contract c
    SET stat_in_force = f.in_force, stat_renewed = f.renewed, stat_report_years = f.years
    FROM (
        SELECT s.id,
            CASE WHEN s.status NOT IN ('effective', 'expired', 'terminated', 'superseded')
                      OR s.effective_on IS NULL THEN NULL
                 WHEN s.effective_on < s.upper THEN daterange(s.effective_on, s.upper, '[)')
                 ELSE 'empty'::daterange END AS in_force,
            s.renewed, s.years
        FROM (
            SELECT c2.id, c2.status, c2.effective_on,
                least(c2.ends_on + 1, c2.ended_on,
                      (SELECT min(a.effective_on) FROM compliance_contract a
                       WHERE a.predecessor_id = c2.id AND a.relation = 'amendment')) AS upper,
                EXISTS (SELECT 1 FROM compliance_contract r
                        WHERE r.predecessor_id = c2.id AND r.relation = 'renewal'
                          AND r.signed_on <= c2.ends_on) AS renewed,
                coalesce((SELECT array_agg(p.year ORDER BY p.year)
                          FROM compliance_performancereport p WHERE p.contract_id = c2.id),
                         '{}') AS years
            FROM unnest(ids) AS t(id) JOIN compliance_contract c2 ON c2.id = t.id
        ) s
    ) f
    WHERE c.id = f.id
      AND (c.stat_in_force IS DISTINCT FROM f.in_force OR c.stat_renewed <> f.renewed
           OR c.stat_report_years <> f.years);
END $$;

-- Replaces the spans of the given owners and logs the difference. Only spans that changed are
-- deleted or inserted (spans are unique per owner, figure and days), so rewriting 100,000
-- unchanged contracts writes next to nothing.
CREATE FUNCTION compliance_stat_log(kind char, ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    WITH old AS (
        SELECT owner_id, metric, during, weight FROM compliance_statspan
        WHERE owner = kind AND owner_id = ANY(ids)
    ), new AS (
        SELECT owner_id, metric, during, weight FROM compliance_stat_new_spans
    ), gone AS (
        SELECT * FROM old EXCEPT SELECT * FROM new
    ), added AS (
        SELECT * FROM new EXCEPT SELECT * FROM old
    ), deleted AS (
        DELETE FROM compliance_statspan s USING gone g
        WHERE s.owner = kind AND s.owner_id = g.owner_id AND s.metric = g.metric
          AND s.during = g.during
        RETURNING s.metric, s.during, s.weight
    ), inserted AS (
        INSERT INTO compliance_statspan (owner, owner_id, metric, during, weight)
        SELECT kind, owner_id, metric, during, weight FROM added
        RETURNING metric, during, weight
    )
    INSERT INTO compliance_statdelta (day, metric, delta)
    SELECT day, metric, sum(delta) FROM (
        SELECT lower(during), metric, -weight FROM deleted
        UNION ALL SELECT upper(during), metric, weight FROM deleted
        UNION ALL SELECT lower(during), metric, weight FROM inserted
        UNION ALL SELECT upper(during), metric, -weight FROM inserted
    ) AS d(day, metric, delta)
    GROUP BY day, metric
    HAVING sum(delta) <> 0;
    DROP TABLE compliance_stat_new_spans;
END $$;

-- Figures: 3 unionised and covered, 4 employees covered, 5 key with their own contract;
-- 6 contracts in force, 7 in force with last year's report; 8 expired (logged on the last day),
-- 9 expired and renewed; 10 signed and submitted (logged on signing), 11 submitted in time.
-- (The unionised and key enterprises of today, 1 and 2, are counted straight from the ledger.)
CREATE FUNCTION compliance_stat_enterprises(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(cardinality(ids), 0) = 0 THEN
        RETURN;
    END IF;
    CREATE TEMP TABLE compliance_stat_new_spans ON COMMIT DROP AS
    WITH days AS (
        SELECT x.eid,
            range_agg(x.days) AS covered,
            range_agg(x.days) FILTER (WHERE x.own) AS own
        FROM (
            SELECT c.enterprise_id, c.stat_in_force, c.scope = 'single'
            FROM unnest(ids) AS t(id) JOIN compliance_contract c ON c.enterprise_id = t.id
            WHERE NOT isempty(c.stat_in_force)
            UNION ALL
            SELECT ce.enterprise_id, c.stat_in_force, false
            FROM unnest(ids) AS t(id)
            JOIN compliance_contract_covered_enterprises ce ON ce.enterprise_id = t.id
            JOIN compliance_contract c ON c.id = ce.contract_id
            WHERE NOT isempty(c.stat_in_force)
        ) AS x(eid, days, own)
        GROUP BY x.eid
    ), ent AS (
        SELECT e.id, e.union_established AS unionised, e.employees,
            (e.employees >= 100 OR  -- KEY_EMPLOYEE_THRESHOLD; a test compares
             e.fortune500_investor OR e.head_npc_deputy
             OR e.head_cppcc_member OR e.head_model_worker) AS key,
            coalesce(d.covered, '{}') AS covered, coalesce(d.own, '{}') AS own
        FROM unnest(ids) AS t(id) JOIN compliance_enterprise e ON e.id = t.id
        LEFT JOIN days d ON d.eid = e.id
    )
    SELECT ent.id AS owner_id, m.metric, m.during, m.weight
    FROM ent, LATERAL (
        SELECT 3, r, ent.unionised::int::bigint FROM unnest(ent.covered) AS r
        UNION ALL SELECT 4, r, ent.employees::bigint FROM unnest(ent.covered) AS r
        UNION ALL SELECT 5, r, ent.key::int::bigint FROM unnest(ent.own) AS r
    ) AS m(metric, during, weight)
    WHERE m.weight <> 0;
    PERFORM compliance_stat_log('e', ids);
END $$;

CREATE FUNCTION compliance_stat_contract_spans(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF coalesce(cardinality(ids), 0) = 0 THEN
        RETURN;
    END IF;
    CREATE TEMP TABLE compliance_stat_new_spans ON COMMIT DROP AS
    SELECT c.id AS owner_id, m.metric, m.during, 1::bigint AS weight
    FROM unnest(ids) AS t(id) JOIN compliance_contract c ON c.id = t.id, LATERAL (
        SELECT 6, c.stat_in_force WHERE NOT isempty(c.stat_in_force)
        UNION ALL
        SELECT 7, c.stat_in_force * daterange(make_date(y + 1, 1, 1), make_date(y + 2, 1, 1))
        FROM unnest(c.stat_report_years) AS y
        WHERE NOT isempty(c.stat_in_force
                          * daterange(make_date(y + 1, 1, 1), make_date(y + 2, 1, 1)))
        UNION ALL
        SELECT 8, daterange(c.ends_on, 'infinity') WHERE c.stat_in_force IS NOT NULL
        UNION ALL
        SELECT 9, daterange(c.ends_on, 'infinity')
        WHERE c.stat_in_force IS NOT NULL AND c.stat_renewed
        UNION ALL
        SELECT 10, daterange(c.signed_on, 'infinity')
        WHERE c.signed_on IS NOT NULL AND c.submitted_in_time IS NOT NULL
        UNION ALL
        SELECT 11, daterange(c.signed_on, 'infinity')
        WHERE c.signed_on IS NOT NULL AND c.submitted_in_time
    ) AS m(metric, during);
    PERFORM compliance_stat_log('c', ids);
END $$;

-- Folds the log into one row per day and figure; concurrent writers keep appending meanwhile.
CREATE FUNCTION compliance_stat_compact() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    WITH gone AS (DELETE FROM compliance_statdelta RETURNING day, metric, delta)
    INSERT INTO compliance_statdelta (day, metric, delta)
    SELECT day, metric, sum(delta) FROM gone GROUP BY day, metric HAVING sum(delta) <> 0;
END $$;

-- A contract's facts depend on itself and on its successors (amendments end it, renewals renew
-- it); an enterprise's on its own contracts and on those that cover it.
CREATE FUNCTION compliance_stat_contract_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    touched bigint[];  -- ids, predecessors' ids and enterprises of the rows written
    enterprises bigint[];
    cids bigint[];
BEGIN
    IF pg_trigger_depth() > 1 THEN  -- our own UPDATE in compliance_stat_contracts
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(id) || array_agg(predecessor_id), array_agg(enterprise_id)
        INTO touched, enterprises FROM new_rows;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(id) || array_agg(predecessor_id), array_agg(enterprise_id)
        INTO touched, enterprises
        FROM (SELECT id, predecessor_id, enterprise_id FROM new_rows
              UNION ALL SELECT id, predecessor_id, enterprise_id FROM old_rows) AS s;
    ELSE
        SELECT array_agg(id) || array_agg(predecessor_id), array_agg(enterprise_id)
        INTO touched, enterprises FROM old_rows;
    END IF;
    cids := ARRAY(SELECT DISTINCT x FROM unnest(touched) AS x WHERE x IS NOT NULL);
    PERFORM compliance_stat_contracts(cids);
    PERFORM compliance_stat_contract_spans(cids);
    PERFORM compliance_stat_enterprises(ARRAY(
        SELECT DISTINCT x FROM (
            SELECT unnest(enterprises)
            UNION ALL
            SELECT c.enterprise_id
            FROM unnest(cids) AS t(id) JOIN compliance_contract c ON c.id = t.id
            UNION ALL
            SELECT ce.enterprise_id
            FROM unnest(cids) AS t(id)
            JOIN compliance_contract_covered_enterprises ce ON ce.contract_id = t.id
        ) AS s(x)));
    RETURN NULL;
END $$;

CREATE FUNCTION compliance_stat_covered_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    eids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT enterprise_id) INTO eids FROM new_rows;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(DISTINCT x) INTO eids FROM (
            SELECT enterprise_id FROM new_rows UNION ALL SELECT enterprise_id FROM old_rows
        ) AS s(x);
    ELSE
        SELECT array_agg(DISTINCT enterprise_id) INTO eids FROM old_rows;
    END IF;
    PERFORM compliance_stat_enterprises(eids);
    RETURN NULL;
END $$;

CREATE FUNCTION compliance_stat_report_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    cids bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT contract_id) INTO cids FROM new_rows;
    ELSIF TG_OP = 'UPDATE' THEN
        SELECT array_agg(DISTINCT x) INTO cids FROM (
            SELECT contract_id FROM new_rows UNION ALL SELECT contract_id FROM old_rows
        ) AS s(x);
    ELSE
        SELECT array_agg(DISTINCT contract_id) INTO cids FROM old_rows;
    END IF;
    PERFORM compliance_stat_contracts(cids);
    PERFORM compliance_stat_contract_spans(cids);
    RETURN NULL;
END $$;

-- Only an enterprise with contracts has spans, and a new one has none yet (contracts refer to
-- it), so inserts need nothing, and an enterprise with contracts or links cannot be deleted.
CREATE FUNCTION compliance_stat_enterprise_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    ids bigint[];
BEGIN
    SELECT array_agg(n.id) INTO ids
    FROM new_rows n JOIN old_rows o ON o.id = n.id
    WHERE (n.union_established, n.employees, n.fortune500_investor, n.head_npc_deputy,
           n.head_cppcc_member, n.head_model_worker)
          IS DISTINCT FROM
          (o.union_established, o.employees, o.fortune500_investor, o.head_npc_deputy,
           o.head_cppcc_member, o.head_model_worker);
    IF ids IS NOT NULL THEN
        PERFORM compliance_stat_enterprises(ids);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER stat_contract_insert AFTER INSERT ON compliance_contract
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_stat_contract_changed();
CREATE TRIGGER stat_contract_update AFTER UPDATE ON compliance_contract
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_stat_contract_changed();
CREATE TRIGGER stat_contract_delete AFTER DELETE ON compliance_contract
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_stat_contract_changed();

CREATE TRIGGER stat_covered_insert AFTER INSERT ON compliance_contract_covered_enterprises
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_stat_covered_changed();
CREATE TRIGGER stat_covered_update AFTER UPDATE ON compliance_contract_covered_enterprises
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_stat_covered_changed();
CREATE TRIGGER stat_covered_delete AFTER DELETE ON compliance_contract_covered_enterprises
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_stat_covered_changed();

CREATE TRIGGER stat_report_insert AFTER INSERT ON compliance_performancereport
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_stat_report_changed();
CREATE TRIGGER stat_report_update AFTER UPDATE ON compliance_performancereport
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_stat_report_changed();
CREATE TRIGGER stat_report_delete AFTER DELETE ON compliance_performancereport
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_stat_report_changed();

CREATE TRIGGER stat_enterprise_update AFTER UPDATE ON compliance_enterprise
    REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION compliance_stat_enterprise_changed();

SELECT compliance_stat_contracts(ARRAY(SELECT id FROM compliance_contract));
SELECT compliance_stat_contract_spans(ARRAY(SELECT id FROM compliance_contract));
SELECT compliance_stat_enterprises(ARRAY(SELECT id FROM compliance_enterprise));
SELECT compliance_stat_compact();
"""

BACKWARD = r"""
DROP TRIGGER stat_contract_insert ON compliance_contract;
DROP TRIGGER stat_contract_update ON compliance_contract;
DROP TRIGGER stat_contract_delete ON compliance_contract;
DROP TRIGGER stat_covered_insert ON compliance_contract_covered_enterprises;
DROP TRIGGER stat_covered_update ON compliance_contract_covered_enterprises;
DROP TRIGGER stat_covered_delete ON compliance_contract_covered_enterprises;
DROP TRIGGER stat_report_insert ON compliance_performancereport;
DROP TRIGGER stat_report_update ON compliance_performancereport;
DROP TRIGGER stat_report_delete ON compliance_performancereport;
DROP TRIGGER stat_enterprise_update ON compliance_enterprise;
DROP FUNCTION compliance_stat_contract_changed();
DROP FUNCTION compliance_stat_covered_changed();
DROP FUNCTION compliance_stat_report_changed();
DROP FUNCTION compliance_stat_enterprise_changed();
DROP FUNCTION compliance_stat_contracts(bigint[]);
DROP FUNCTION compliance_stat_contract_spans(bigint[]);
DROP FUNCTION compliance_stat_enterprises(bigint[]);
DROP FUNCTION compliance_stat_log(char, bigint[]);
DROP FUNCTION compliance_stat_compact();
DROP TABLE compliance_statspan;
DROP TABLE compliance_statdelta;
ALTER TABLE compliance_contract
    DROP COLUMN stat_in_force, DROP COLUMN stat_renewed, DROP COLUMN stat_report_years;
"""


class Migration(migrations.Migration):
    dependencies = [("compliance", "0008_award_notices_and_lists")]

    operations = [
        migrations.AddIndex(
            model_name="contract",
            index=models.Index(
                condition=models.Q(("submitted_in_time__isnull", True)),
                fields=["signed_on"],
                name="contract_unsubmitted",
            ),
        ),
        migrations.RunSQL(FORWARD, BACKWARD),
    ]
