"""Database-maintained facts behind the bargaining funnel (compliance.selectors.pipeline, issue 18):
the funnel of any year, segment and day becomes a sum over a small log of daily changes instead
of a pass over the whole ledger, the way the statistics work (migration 0009).

Nothing here is a Django field. Statement-level triggers with transition tables keep the facts
true after every write to the tables the funnel reads (ORM saves, bulk updates, the COPY
imports alike), for the enterprises a statement touched only.

- compliance_pipelinespan: each enterprise's contribution to each figure, as a day range, with
  the enterprise's segment of each dimension (compliance.rules.figures.DIMENSIONS). Figures:
  1 unionised and 2 in scope (unionised, 100+ employees or key) — today's ledger, year 0, all
  days —; 3 surveyed … 8 published (compliance.rules.pipeline.STAGES): the day the enterprise
  reached the stage in a year, to infinity; 9 forecast (协商预报): the days on which an intent is
  in the forecast window (its planned month is this month or one of the next two) and its offer
  has not gone out in the intent's year.
- compliance_pipelinedelta: an append-only log of (year, day, figure, dimension, segment,
  change); a span [a, b) logs +1 on a and -1 on b for the whole federation and for each of the
  enterprise's segments. A figure on day D of year Y is the sum of the changes up to D in years
  0 and Y. compliance_pipeline_compact() folds the log (run daily with the statistics').

When a stage is reached (the old single statement's definition, which the tests keep as an
oracle): a survey counts from its day, an intent from the day it was recorded, a round of the
year (offered or signed in it, whether the enterprise's own or covering it) from its offer or
signing in the year, and then it is signed, filed (submitted) and published on those days.
Stages before a reached one count as reached: an enterprise offered without a survey is past
"surveyed" too.

Writers recomputing the same enterprises are serialised (advisory locks per enterprise for a
small statement, one lock on the span table for a large one), so two concurrent saves cannot
both subtract the same old span.
"""

from django.db import migrations

# KEY_EMPLOYEE_THRESHOLD (100) and FORECAST_MONTHS (3) are repeated here; a test compares.
FORWARD = r"""
CREATE TABLE compliance_pipelinespan (
    enterprise_id bigint NOT NULL,
    figure smallint NOT NULL,
    year smallint NOT NULL,
    during daterange NOT NULL,
    region text NOT NULL,
    industry text NOT NULL,
    ownership text NOT NULL,
    size text NOT NULL,
    designated text NOT NULL,
    key text NOT NULL
);
CREATE INDEX compliance_pipelinespan_owner ON compliance_pipelinespan (enterprise_id);
CREATE INDEX compliance_pipelinespan_stage ON compliance_pipelinespan (year, figure);
CREATE TABLE compliance_pipelinedelta (
    year smallint NOT NULL,
    day date NOT NULL,
    figure smallint NOT NULL,
    dimension smallint NOT NULL,
    segment text NOT NULL,
    delta integer NOT NULL
);
CREATE INDEX compliance_pipelinedelta_read
    ON compliance_pipelinedelta (dimension, segment, year, day) INCLUDE (figure, delta);

CREATE FUNCTION compliance_pipeline_enterprises(ids bigint[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    one_id bigint;
BEGIN
    ids := ARRAY(SELECT DISTINCT x FROM unnest(ids) AS x WHERE x IS NOT NULL ORDER BY x);
    IF cardinality(ids) = 0 THEN
        RETURN;
    END IF;
    IF cardinality(ids) > 500 THEN
        LOCK TABLE compliance_pipelinespan IN SHARE ROW EXCLUSIVE MODE;
    ELSE
        FOREACH one_id IN ARRAY ids LOOP
            PERFORM pg_advisory_xact_lock(hashtext('compliance_pipelinespan'), one_id::int);
        END LOOP;
    END IF;
    -- One statement, no temporary table (a save must not churn the catalogue). Joins with the
    -- ids, never "= ANY(ids)": that compares each row with the whole array.
    WITH wanted AS (
        SELECT unnest(ids) AS id
    ), ent AS (
        SELECT e.id, e.union_established AS unionised,
            (e.employees >= 100 OR e.fortune500_investor OR e.head_npc_deputy
             OR e.head_cppcc_member OR e.head_model_worker) AS key,
            e.region_code::text AS region, e.industry::text AS industry,
            e.ownership::text AS ownership,
            CASE WHEN e.employees >= 100 THEN '100plus' ELSE 'under100' END AS size,
            CASE e.above_designated_size WHEN true THEN 'yes' WHEN false THEN 'no'
                 ELSE 'unknown' END AS designated
        FROM wanted t JOIN compliance_enterprise e ON e.id = t.id
    ), rnd AS (
        SELECT r.enterprise_id AS eid, r.offer_date, r.signed_date, r.submitted_date,
            c.published_on
        FROM wanted t JOIN compliance_bargaininground r ON r.enterprise_id = t.id
        LEFT JOIN compliance_contract c ON c.round_id = r.id
        UNION ALL
        SELECT rc.enterprise_id, r.offer_date, r.signed_date, r.submitted_date, c.published_on
        FROM wanted t
        JOIN compliance_bargaininground_covered_enterprises rc ON rc.enterprise_id = t.id
        JOIN compliance_bargaininground r ON r.id = rc.bargaininground_id
        LEFT JOIN compliance_contract c ON c.round_id = r.id
        WHERE rc.enterprise_id <> r.enterprise_id
    ), per_year AS (
        -- A round counts in each year it was offered or signed in, from the first of the two
        -- that falls in the year.
        SELECT x.eid, y.year,
            least(CASE WHEN extract(year FROM x.offer_date) = y.year THEN x.offer_date END,
                  CASE WHEN extract(year FROM x.signed_date) = y.year THEN x.signed_date END)
                AS counted,
            x.signed_date, x.submitted_date, x.published_on
        FROM rnd x CROSS JOIN LATERAL (
            SELECT DISTINCT v FROM (VALUES (extract(year FROM x.offer_date)::int),
                                           (extract(year FROM x.signed_date)::int)) AS v(v)
            WHERE v IS NOT NULL
        ) AS y(year)
    ), reached AS (
        SELECT eid, year, min(counted) AS r5,
            min(CASE WHEN coalesce(signed_date, submitted_date, published_on) IS NOT NULL
                THEN greatest(counted, least(signed_date, submitted_date, published_on))
                END) AS r6,
            min(CASE WHEN coalesce(submitted_date, published_on) IS NOT NULL
                THEN greatest(counted, least(submitted_date, published_on)) END) AS r7,
            min(CASE WHEN published_on IS NOT NULL THEN greatest(counted, published_on) END)
                AS r8
        FROM per_year GROUP BY eid, year
    ), years AS (
        SELECT s.enterprise_id AS eid, s.year
        FROM wanted t JOIN compliance_baselinesurvey s ON s.enterprise_id = t.id
        UNION
        SELECT i.enterprise_id, i.year
        FROM wanted t JOIN compliance_bargainingintent i ON i.enterprise_id = t.id
        UNION
        SELECT eid, year FROM reached
    ), staged AS (
        SELECT y.eid, y.year, least(s.surveyed_on, i.recorded_on, r.r5) AS r3,
            least(i.recorded_on, r.r5) AS r4, r.r5, r.r6, r.r7, r.r8
        FROM years y
        LEFT JOIN compliance_baselinesurvey s ON s.enterprise_id = y.eid AND s.year = y.year
        LEFT JOIN compliance_bargainingintent i
            ON i.enterprise_id = y.eid AND i.year = y.year
        LEFT JOIN reached r ON r.eid = y.eid AND r.year = y.year
    ), planned AS (
        -- The window opens FORECAST_MONTHS - 1 months before the planned month and closes at
        -- its end, or on the day the offer of the intent's year went out.
        SELECT i.enterprise_id AS eid,
            greatest(i.recorded_on,
                     make_date((i.year * 12 + i.planned_month - 1 - 2) / 12,
                               (i.year * 12 + i.planned_month - 1 - 2) % 12 + 1, 1)) AS opens,
            least(make_date((i.year * 12 + i.planned_month) / 12,
                            (i.year * 12 + i.planned_month) % 12 + 1, 1), r.r5) AS closes
        FROM wanted t JOIN compliance_bargainingintent i ON i.enterprise_id = t.id
        LEFT JOIN reached r ON r.eid = i.enterprise_id AND r.year = i.year
    ), spans AS (
        SELECT id AS eid, 1 AS figure, 0 AS year, daterange('-infinity', 'infinity') AS during
        FROM ent WHERE unionised
        UNION ALL
        SELECT id, 2, 0, daterange('-infinity', 'infinity') FROM ent WHERE unionised AND key
        UNION ALL
        SELECT ent.id, m.figure, st.year, daterange(m.day, 'infinity')
        FROM ent JOIN staged st ON st.eid = ent.id, LATERAL (
            VALUES (3, st.r3), (4, st.r4), (5, st.r5), (6, st.r6), (7, st.r7), (8, st.r8)
        ) AS m(figure, day)
        WHERE ent.unionised AND ent.key AND m.day IS NOT NULL
        UNION ALL
        -- An enterprise counts once on a day, even with two intents in the window.
        SELECT ent.id, 9, 0, w.during
        FROM ent JOIN (
            SELECT eid, unnest(range_agg(daterange(opens, closes))) AS during
            FROM planned WHERE opens < closes GROUP BY eid
        ) AS w ON w.eid = ent.id
        WHERE ent.unionised
    ), new AS (
        SELECT spans.eid AS enterprise_id, spans.figure::smallint AS figure,
            spans.year::smallint AS year, spans.during, ent.region, ent.industry,
            ent.ownership, ent.size, ent.designated,
            CASE WHEN ent.key THEN 'key' ELSE 'other' END AS key
        FROM spans JOIN ent ON ent.id = spans.eid
    ), old AS (
        -- Only what changed is deleted, inserted and logged.
        SELECT s.enterprise_id, s.figure, s.year, s.during, s.region, s.industry,
            s.ownership, s.size, s.designated, s.key
        FROM wanted t JOIN compliance_pipelinespan s ON s.enterprise_id = t.id
    ), gone AS (
        SELECT * FROM old EXCEPT SELECT * FROM new
    ), added AS (
        SELECT * FROM new EXCEPT SELECT * FROM old
    ), deleted AS (
        DELETE FROM compliance_pipelinespan s USING gone g
        WHERE s.enterprise_id = g.enterprise_id AND s.figure = g.figure AND s.year = g.year
          AND s.during = g.during
        RETURNING s.*
    ), inserted AS (
        INSERT INTO compliance_pipelinespan
        SELECT * FROM added
        RETURNING *
    ), changes AS (
        SELECT year, lower(during) AS day, figure, -1 AS delta, region, industry, ownership,
            size, designated, key FROM deleted
        UNION ALL
        SELECT year, upper(during), figure, 1, region, industry, ownership, size, designated,
            key FROM deleted WHERE upper(during) <> 'infinity'
        UNION ALL
        SELECT year, lower(during), figure, 1, region, industry, ownership, size, designated,
            key FROM inserted
        UNION ALL
        SELECT year, upper(during), figure, -1, region, industry, ownership, size, designated,
            key FROM inserted WHERE upper(during) <> 'infinity'
    )
    INSERT INTO compliance_pipelinedelta (year, day, figure, dimension, segment, delta)
    SELECT c.year, c.day, c.figure, d.dimension, d.segment, sum(c.delta)
    FROM changes c, LATERAL (
        VALUES (0, ''), (1, c.region), (2, c.industry), (3, c.ownership), (4, c.size),
               (5, c.designated), (6, c.key)
    ) AS d(dimension, segment)
    GROUP BY c.year, c.day, c.figure, d.dimension, d.segment
    HAVING sum(c.delta) <> 0;
END $$;

-- Folds the log into one row per year, day, figure and segment; writers keep appending meanwhile.
CREATE FUNCTION compliance_pipeline_compact() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    WITH gone AS (
        DELETE FROM compliance_pipelinedelta
        RETURNING year, day, figure, dimension, segment, delta
    )
    INSERT INTO compliance_pipelinedelta (year, day, figure, dimension, segment, delta)
    SELECT year, day, figure, dimension, segment, sum(delta) FROM gone
    GROUP BY year, day, figure, dimension, segment HAVING sum(delta) <> 0;
END $$;

-- Everything again, after a load that bypassed the triggers.
CREATE FUNCTION compliance_pipeline_rebuild() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM compliance_pipeline_enterprises(ARRAY(
        SELECT id FROM compliance_enterprise
        UNION SELECT enterprise_id FROM compliance_pipelinespan));
    PERFORM compliance_pipeline_compact();
END $$;

CREATE FUNCTION compliance_pipeline_enterprise_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM compliance_pipeline_enterprises(ARRAY(
            SELECT id FROM new_rows WHERE union_established));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM compliance_pipeline_enterprises(ARRAY(
            SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE (n.union_established, n.employees, n.fortune500_investor, n.head_npc_deputy,
                   n.head_cppcc_member, n.head_model_worker, n.region_code, n.industry,
                   n.ownership, n.above_designated_size)
                  IS DISTINCT FROM
                  (o.union_established, o.employees, o.fortune500_investor, o.head_npc_deputy,
                   o.head_cppcc_member, o.head_model_worker, o.region_code, o.industry,
                   o.ownership, o.above_designated_size)));
    ELSE
        PERFORM compliance_pipeline_enterprises(ARRAY(SELECT id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

-- Surveys, intents and covered enterprises name the enterprise they touch.
CREATE FUNCTION compliance_pipeline_row_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM compliance_pipeline_enterprises(ARRAY(SELECT enterprise_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM compliance_pipeline_enterprises(ARRAY(
            SELECT enterprise_id FROM new_rows UNION SELECT enterprise_id FROM old_rows));
    ELSE
        PERFORM compliance_pipeline_enterprises(ARRAY(SELECT enterprise_id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

-- The enterprises of rounds: their own and those they cover.
CREATE FUNCTION compliance_pipeline_round_enterprises(rounds bigint[]) RETURNS bigint[]
LANGUAGE sql STABLE AS $$
    SELECT ARRAY(
        SELECT r.enterprise_id
        FROM unnest(rounds) AS t(id) JOIN compliance_bargaininground r ON r.id = t.id
        UNION
        SELECT rc.enterprise_id
        FROM unnest(rounds) AS t(id)
        JOIN compliance_bargaininground_covered_enterprises rc ON rc.bargaininground_id = t.id)
$$;

-- A round's status changes often; only its enterprise and dates matter here.
CREATE FUNCTION compliance_pipeline_round_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM compliance_pipeline_enterprises(ARRAY(SELECT enterprise_id FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM compliance_pipeline_enterprises(ARRAY(
            SELECT x FROM (
                SELECT unnest(ARRAY[n.enterprise_id, o.enterprise_id])
                FROM new_rows n JOIN old_rows o ON o.id = n.id
                WHERE (n.enterprise_id, n.offer_date, n.signed_date, n.submitted_date)
                      IS DISTINCT FROM
                      (o.enterprise_id, o.offer_date, o.signed_date, o.submitted_date)
                UNION ALL
                SELECT unnest(compliance_pipeline_round_enterprises(ARRAY(
                    SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id
                    WHERE (n.offer_date, n.signed_date, n.submitted_date)
                          IS DISTINCT FROM (o.offer_date, o.signed_date, o.submitted_date))))
            ) AS s(x)));
    ELSE
        PERFORM compliance_pipeline_enterprises(ARRAY(SELECT enterprise_id FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

-- A contract matters through its round's publication day.
CREATE FUNCTION compliance_pipeline_contract_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM compliance_pipeline_enterprises(compliance_pipeline_round_enterprises(ARRAY(
            SELECT round_id FROM new_rows WHERE round_id IS NOT NULL)));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM compliance_pipeline_enterprises(compliance_pipeline_round_enterprises(ARRAY(
            SELECT unnest(ARRAY[n.round_id, o.round_id])
            FROM new_rows n JOIN old_rows o ON o.id = n.id
            WHERE (n.round_id, n.published_on) IS DISTINCT FROM (o.round_id, o.published_on))));
    ELSE
        PERFORM compliance_pipeline_enterprises(compliance_pipeline_round_enterprises(ARRAY(
            SELECT round_id FROM old_rows WHERE round_id IS NOT NULL)));
    END IF;
    RETURN NULL;
END $$;
"""

_TRIGGERS = (
    ("enterprise", "compliance_enterprise", "compliance_pipeline_enterprise_changed"),
    ("survey", "compliance_baselinesurvey", "compliance_pipeline_row_changed"),
    ("intent", "compliance_bargainingintent", "compliance_pipeline_row_changed"),
    ("covered", "compliance_bargaininground_covered_enterprises", "compliance_pipeline_row_changed"),
    ("round", "compliance_bargaininground", "compliance_pipeline_round_changed"),
    ("contract", "compliance_contract", "compliance_pipeline_contract_changed"),
)
_REFERENCING = {
    "INSERT": "REFERENCING NEW TABLE AS new_rows",
    "UPDATE": "REFERENCING NEW TABLE AS new_rows OLD TABLE AS old_rows",
    "DELETE": "REFERENCING OLD TABLE AS old_rows",
}
TRIGGERS = "\n".join(
    f"CREATE TRIGGER pipeline_{name}_{op.lower()} AFTER {op} ON {table}\n"
    f"    {_REFERENCING[op]}\n"
    f"    FOR EACH STATEMENT EXECUTE FUNCTION {function}();"
    for name, table, function in _TRIGGERS
    for op in ("INSERT", "UPDATE", "DELETE")
)
BACKWARD = "\n".join(
    f"DROP TRIGGER pipeline_{name}_{op.lower()} ON {table};"
    for name, table, _function in _TRIGGERS
    for op in ("INSERT", "UPDATE", "DELETE")
) + """
DROP FUNCTION compliance_pipeline_enterprise_changed();
DROP FUNCTION compliance_pipeline_row_changed();
DROP FUNCTION compliance_pipeline_round_changed();
DROP FUNCTION compliance_pipeline_contract_changed();
DROP FUNCTION compliance_pipeline_round_enterprises(bigint[]);
DROP FUNCTION compliance_pipeline_rebuild();
DROP FUNCTION compliance_pipeline_compact();
DROP FUNCTION compliance_pipeline_enterprises(bigint[]);
DROP TABLE compliance_pipelinespan;
DROP TABLE compliance_pipelinedelta;
"""


class Migration(migrations.Migration):
    dependencies = [("compliance", "0040_profile_keys_issue_18")]

    operations = [
        migrations.RunSQL(FORWARD + TRIGGERS + "\nSELECT compliance_pipeline_rebuild();", BACKWARD),
    ]
