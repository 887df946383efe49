"""Statistics of a federation with 100,000 enterprises and 300,000 contracts.

Baseline: a single SELECT COUNT(*) over the contracts table, in the same run. The data is
generated with SQL (generate_series) in a fresh federation: a mix of expired, in-force and
renewed contracts, regional coverage and performance reports, so every figure has work to do.
The statistics read the log the database triggers keep (migration 0009_statistics_facts), so
loading the data also measures that the triggers cope with 300,000-row statements.
"""

from __future__ import annotations

import datetime as dt
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.harness import Row, bench_federation, timed

ENTERPRISES = 100_000
CONTRACTS_PER_ENTERPRISE = 3
RUNS = 5
AS_OF = dt.date(2026, 11, 21)

_ENTERPRISES_SQL = """
INSERT INTO compliance_enterprise (credit_code, name, industry, region_code, ownership, employees,
    union_established, union_members, fortune500_investor, head_npc_deputy, head_cppcc_member,
    head_model_worker, created_at, updated_at)
SELECT 'B' || lpad(g::text, 17, '0'), '企业' || g, chr(65 + g %% 20), '230803', 'private',
       20 + (g * 37) %% 400, g %% 10 <> 0, (20 + (g * 37) %% 400) / 2, g %% 97 = 0, g %% 89 = 0,
       false, g %% 83 = 0, now(), now()
FROM generate_series(1, %(n)s) AS g
"""

# Three generations per enterprise: 2020-2022 (expired), 2023-2025 (expired or renewed),
# 2026-2028 (in force for most, terminated for some).
_CONTRACTS_SQL = """
INSERT INTO compliance_contract (enterprise_id, title, scope, kind, status, starts_on, ends_on,
    covered_employees, passed_by_congress, submitted_in_time, signed_on, effective_on,
    filing_number, filed_with_department, publish_publicly, relation, end_reason,
    created_at, updated_at, ended_on, verification_code)
SELECT e.id, '集体合同', CASE WHEN e.id %% 50 = 0 THEN 'regional' ELSE 'single' END,
       'comprehensive',
       CASE WHEN gen = 3 AND e.id %% 40 = 1 THEN 'terminated'
            WHEN gen = 3 THEN 'effective' ELSE 'expired' END,
       make_date(2017 + gen * 3, 1, 1), make_date(2019 + gen * 3, 12, 31),
       e.employees, true, e.id %% 7 <> 0, make_date(2016 + gen * 3, 12, 1),
       make_date(2017 + gen * 3, 1, 1), '', true, false,
       CASE WHEN gen > 1 THEN 'renewal' ELSE '' END, '', now(), now(),
       CASE WHEN gen = 3 AND e.id %% 40 = 1 THEN DATE '2026-06-30' END, ''
FROM compliance_enterprise e CROSS JOIN generate_series(1, %(gens)s) AS gen
"""

_CHAIN_SQL = """
UPDATE compliance_contract c SET predecessor_id = p.id
FROM compliance_contract p
WHERE p.enterprise_id = c.enterprise_id AND p.starts_on = c.starts_on - interval '3 years'
"""

_REGIONAL_SQL = """
INSERT INTO compliance_contract_covered_enterprises (contract_id, enterprise_id)
SELECT c.id, e.id FROM compliance_contract c
JOIN compliance_enterprise e ON e.id BETWEEN c.enterprise_id + 1 AND c.enterprise_id + 5
WHERE c.scope = 'regional'
"""

_REPORTS_SQL = """
INSERT INTO compliance_performancereport (contract_id, year, reported_on, document)
SELECT id, 2025, DATE '2026-03-01', '' FROM compliance_contract
WHERE status = 'effective' AND id %% 3 <> 0
"""


def _populate() -> None:
    with connection.cursor() as cursor:
        cursor.execute(_ENTERPRISES_SQL, {"n": ENTERPRISES})
        cursor.execute(_CONTRACTS_SQL, {"gens": CONTRACTS_PER_ENTERPRISE})
        cursor.execute(_CHAIN_SQL, {})
        cursor.execute(_REGIONAL_SQL, {})
        cursor.execute(_REPORTS_SQL, {})
        # The triggers rewrite every contract once more while loading: vacuum, so the baseline
        # COUNT(*) scans a compact table (an index-only scan) and is not slowed by dead rows.
        cursor.execute("VACUUM ANALYZE")


def run() -> list[Row]:

    from compliance.selectors.statistics import federation_statistics
    from tenants import context

    federation = bench_federation(
        schema="bench_stats", name="统计基准总工会", domain="bench-stats.localhost"
    )
    with context.federation_context(federation):
        started = time.perf_counter()
        _populate()
        load_s = time.perf_counter() - started

        def count_all() -> None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM compliance_contract")
                cursor.fetchone()

        def statistics() -> None:
            federation_statistics(as_of=AS_OF)

        count_all()
        statistics()  # warm both: plans, caches
        base_mean, base_min = timed(count_all, RUNS)
        stats_mean, stats_min = timed(statistics, RUNS)
        with CaptureQueriesContext(connection) as queries:
            stats = federation_statistics(as_of=AS_OF)
    coverage = stats.coverage.percent
    return [
        Row(
            "statistics",
            "load: 100,000 enterprises, 300,000 contracts, links, reports (SQL, triggers on)",
            1,
            load_s,
            load_s,
            "set-up, for scale",
        ),
        Row(
            "statistics",
            "COUNT(*) over 300,000 contracts (baseline)",
            RUNS,
            base_mean,
            base_min,
            "1.0×",
        ),
        Row(
            "statistics",
            "all figures, 100,000 enterprises",
            RUNS,
            stats_mean,
            stats_min,
            f"{stats_mean / base_mean:.2f}× COUNT(*); {len(queries)} queries; coverage {coverage}%",
        ),
    ]
