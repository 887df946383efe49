"""The bargaining funnel of a federation with 100,000 enterprises for one year (issue 18).

Baseline: a single SELECT COUNT(*) over the enterprise table, in the same run. The data is
generated with SQL (generate_series): 90% unionised, about a third of them in scope (100+
employees or key), a baseline survey of most of those, intents for half the surveyed, rounds
offered for a fifth, signed, submitted and published in turn, plus last year's rounds and a
region's worth of regional coverage, so every stage has work to do. The funnel must take one
query whatever the rows, and stay within 3× the COUNT(*).

The data goes in through the tables' triggers (migration 0041_pipeline_log keeps the funnel's
log on every write, set-based per statement): the load time includes them. The log is then
folded, as the nightly task does, before anything is measured; a stuck list's first page is
measured too.
"""

from __future__ import annotations

import datetime as dt
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.harness import Row, bench_federation, timed

ENTERPRISES = 100_000
RUNS = 7
AS_OF = dt.date(2026, 11, 21)
YEAR = 2026

_ENTERPRISES_SQL = """
INSERT INTO compliance_enterprise (credit_code, name, industry, region_code, ownership, employees,
    union_established, union_members, fortune500_investor, head_npc_deputy, head_cppcc_member,
    head_model_worker, created_at, updated_at)
SELECT 'P' || lpad(g::text, 17, '0'), '企业' || g, chr(65 + g %% 20),
       (ARRAY['230803', '230804', '230811', '230812'])[1 + g %% 4], 'private',
       20 + (g * 37) %% 300, g %% 10 <> 0, (20 + (g * 37) %% 300) / 2, g %% 97 = 0, g %% 89 = 0,
       false, g %% 83 = 0, now(), now()
FROM generate_series(1, %(n)s) AS g
"""
# In scope: unionised with 100+ employees or a key flag. Surveyed: 80% of them (this year).
_SURVEYS_SQL = """
INSERT INTO compliance_baselinesurvey (enterprise_id, year, category, reasons, notes,
    surveyed_on, surveyed_by, created_at)
SELECT e.id, %(year)s,
       (ARRAY['willing', 'unwilling', 'afraid', 'unable', 'bargaining', 'not_performed'])
           [1 + e.id %% 6],
       '{}', '', DATE '2026-03-01' + (e.id %% 200)::int, '调查员', now()
FROM compliance_enterprise e
WHERE e.union_established AND e.employees >= 100 AND e.id %% 5 <> 0
"""
_INTENTS_SQL = """
INSERT INTO compliance_bargainingintent (enterprise_id, year, planned_month, kind, notes,
    recorded_on, created_at)
SELECT s.enterprise_id, %(year)s, 1 + s.enterprise_id %% 12, 'comprehensive', '',
       DATE '2026-03-15', now()
FROM compliance_baselinesurvey s WHERE s.enterprise_id %% 2 = 0
"""
# Rounds: this year's for a fifth of the intents (offer in spring; signed, submitted as they go),
# and last year's for others (they must not count).
_ROUNDS_SQL = """
INSERT INTO compliance_bargaininground (enterprise_id, scope, kind, status, offered_by,
    dual_offer, offer_date, offer_received_date, reply_due, reply_due_rule, signed_date,
    employee_chief, employer_chief, submission_due_rule, submitted_date, review_due_rule,
    effective_rule, on_behalf, on_behalf_reason, on_behalf_note, on_behalf_by, created_at,
    updated_at)
SELECT i.enterprise_id, 'single', 'comprehensive',
       CASE WHEN i.enterprise_id %% 3 = 0 THEN 'submitted' ELSE 'offered' END, 'union', false,
       make_date(%(year)s - (i.enterprise_id %% 7 = 0)::int, 4, 1),
       make_date(%(year)s - (i.enterprise_id %% 7 = 0)::int, 4, 2),
       make_date(%(year)s - (i.enterprise_id %% 7 = 0)::int, 4, 22), '',
       CASE WHEN i.enterprise_id %% 3 = 0 THEN make_date(%(year)s, 6, 1) END,
       '', '', '',
       CASE WHEN i.enterprise_id %% 9 = 0 THEN make_date(%(year)s, 6, 5) END, '', '', '', '', '',
       '', now(), now()
FROM compliance_bargainingintent i WHERE i.enterprise_id %% 5 IN (0, 2)
"""
_CONTRACTS_SQL = """
INSERT INTO compliance_contract (enterprise_id, round_id, title, scope, kind, status, starts_on,
    ends_on, covered_employees, passed_by_congress, signed_on, effective_on, filing_number,
    filed_with_department, publish_publicly, relation, end_reason, created_at, updated_at,
    verification_code, published_on)
SELECT r.enterprise_id, r.id, '集体合同', 'single', 'comprehensive', 'effective',
       DATE '2026-07-01', DATE '2029-06-30', 100, true, r.signed_date, DATE '2026-07-01', '',
       true, false, '', '', now(), now(), '',
       CASE WHEN r.enterprise_id %% 18 = 0 THEN DATE '2026-07-10' END
FROM compliance_bargaininground r WHERE r.submitted_date IS NOT NULL
"""
# A regional round covering a few hundred enterprises besides its lead.
_COVERED_SQL = """
INSERT INTO compliance_bargaininground_covered_enterprises (bargaininground_id, enterprise_id)
SELECT r.id, e.id
FROM (SELECT min(id) AS id FROM compliance_bargaininground) r
JOIN compliance_enterprise e ON e.id BETWEEN 1000 AND 1400
"""


def _populate() -> None:
    with connection.cursor() as cursor:
        cursor.execute(_ENTERPRISES_SQL, {"n": ENTERPRISES})
        for sql in (_SURVEYS_SQL, _INTENTS_SQL, _ROUNDS_SQL, _CONTRACTS_SQL, _COVERED_SQL):
            cursor.execute(sql, {"year": YEAR})
        cursor.execute("SELECT compliance_pipeline_compact()")
        cursor.execute("VACUUM ANALYZE")


def run() -> list[Row]:
    from compliance.selectors.pipeline import funnel, stuck_enterprises
    from tenants import context

    federation = bench_federation(
        schema="bench_pipeline", name="推进漏斗基准总工会", domain="bench-pipeline.localhost"
    )
    with context.federation_context(federation):
        started = time.perf_counter()
        _populate()
        load_s = time.perf_counter() - started

        def count_all() -> None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM compliance_enterprise")
                cursor.fetchone()

        def whole() -> None:
            funnel(year=YEAR, today=AS_OF)

        def region() -> None:
            funnel(year=YEAR, dimension="region", segment="230804", today=AS_OF)

        def stuck_page() -> None:
            list(stuck_enterprises(year=YEAR, stage="surveyed", today=AS_OF)[:50])

        count_all()
        whole()
        region()
        stuck_page()  # warm: plans, caches
        base_mean, base_min = timed(count_all, RUNS)
        whole_mean, whole_min = timed(whole, RUNS)
        region_mean, region_min = timed(region, RUNS)
        stuck_mean, stuck_min = timed(stuck_page, RUNS)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM compliance_pipelinedelta")
            (log_rows,) = cursor.fetchone()
        with CaptureQueriesContext(connection) as queries:
            result = funnel(year=YEAR, today=AS_OF)
    counts = " → ".join(str(step.count) for step in result.steps)
    return [
        Row(
            "pipeline",
            "load: 100,000 enterprises, surveys, intents, rounds, contracts (SQL)",
            1,
            load_s,
            load_s,
            "set-up, for scale",
        ),
        Row(
            "pipeline",
            "COUNT(*) over 100,000 enterprises (baseline)",
            RUNS,
            base_mean,
            base_min,
            "1.0×",
        ),
        Row(
            "pipeline",
            "funnel of the year, whole federation",
            RUNS,
            whole_mean,
            whole_min,
            f"{whole_mean / base_mean:.2f}× COUNT(*); {len(queries)} query; {counts}",
            failed=len(queries) != 1,
        ),
        Row(
            "pipeline",
            "funnel of the year, one region",
            RUNS,
            region_mean,
            region_min,
            f"{region_mean / base_mean:.2f}× COUNT(*)",
        ),
        Row(
            "pipeline",
            "stuck at 'surveyed': first page of 50",
            RUNS,
            stuck_mean,
            stuck_min,
            f"{stuck_mean / base_mean:.2f}× COUNT(*); log folded to {log_rows:,} rows",
        ),
    ]
