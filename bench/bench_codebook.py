"""Coded key terms and compare (issue 19 parts 2 and 3), in one federation with 50,000 notices.

Each figure against a baseline measured in the same run:
- the key-terms dataset CSV (notices × 24 variables) against the existing notices CSV of the same
  notices, both streamed in full through Django;
- a page of the key-terms API (100 rows) against a page of the notices API (100 rows);
- the compare page for 2 and for 5 notices against one notice's page, with the queries of each
  (the compare page's must not grow with the number of notices);
- the nightly snapshot of the whole dataset (written to the federation's storage), for scale.

Notices come from bench_public's SQL generator; their key terms are set with one UPDATE whose
values vary with the row (so the compare page has differences to mark).
"""

from __future__ import annotations

import datetime as dt
import os
import time

from bench.harness import Row, bench_federation, timed

NOTICES = int(os.environ.get("BENCH_CODEBOOK_NOTICES", "50000"))
ENTERPRISES = 5_000
HOST = "codebook.bench"
RUNS = 5

_KEY_TERMS_SQL = """
UPDATE cms_pages_contractnotice SET codebook_version = '1.0', key_terms = jsonb_build_object(
    'wage_increase_pct', to_char(3 + id % 8, 'FM990.00'),
    'minimum_monthly_wage', to_char(1900 + (id % 5) * 100, 'FM99990.00'),
    'weekly_hours', '40.0',
    'overtime_workday_pct', 150 + (id % 3) * 25,
    'overtime_restday_pct', 200,
    'overtime_holiday_pct', 300,
    'paid_annual_leave_days', 5 + id % 6,
    'night_shift_allowance', to_char(20 + id % 40, 'FM990.00'),
    'high_temperature_allowance', to_char(200 + (id % 4) * 50, 'FM9990.00'),
    'women_health_checkup', id % 2 = 0,
    'enterprise_annuity', id % 7 = 0,
    'safety_commitment', (ARRAY['none','statement','plan','plan_budget'])[1 + id % 4],
    'probation_months', 1 + id % 6,
    'wage_payment_day', 1 + id % 28,
    'term_months', 36,
    'workers_covered', covered_employees)
"""


def _bytes(response) -> int:
    if response.streaming:
        return sum(len(chunk) for chunk in response.streaming_content)
    return len(response.content)


def run() -> list[Row]:
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    from bench.bench_public import _populate
    from cms_pages.models import ContractNotice
    from cms_pages.services.key_terms import key_terms_snapshot_make
    from tenants import context

    federation = bench_federation(schema="bench_codebook", name="编码基准总工会", domain=HOST)
    started = time.perf_counter()
    _populate(federation.schema_name, notices=NOTICES, enterprises=ENTERPRISES)
    with context.federation_context(federation), connection.cursor() as cursor:
        cursor.execute(_KEY_TERMS_SQL)
        cursor.execute("ANALYZE cms_pages_contractnotice")
        ids = [
            str(i)
            for i in ContractNotice.objects.order_by("id").values_list("public_id", flat=True)[:5]
        ]
    load_s = time.perf_counter() - started
    client = Client(HTTP_HOST=HOST)
    rows = [
        Row(
            "codebook",
            f"load: {NOTICES:,} notices with key terms (SQL)",
            1,
            load_s,
            load_s,
            "set-up",
        )
    ]

    def get(path: str) -> int:
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        return _bytes(response)

    def queries(path: str) -> int:
        client.get(path)
        with CaptureQueriesContext(connection) as ctx:
            get(path)
        return len([q for q in ctx.captured_queries if "search_path" not in q["sql"]])

    with override_settings(ALLOWED_HOSTS=[HOST], OPEN_DATA_RATE_LIMIT=1_000_000):
        notices_csv = get("/api/v1/notices.csv")
        terms_csv = get("/api/v1/key-terms.csv")
        base_mean, base_min = timed(lambda: get("/api/v1/notices.csv"), 3)
        csv_mean, csv_min = timed(lambda: get("/api/v1/key-terms.csv"), 3)
        rows += [
            Row("codebook", f"notices CSV, {NOTICES:,} rows (baseline)", 3, base_mean, base_min,
                f"1.0×; {notices_csv / 1e6:.1f} MB"),
            Row("codebook", f"key-terms CSV, {NOTICES:,} rows × 24 variables", 3, csv_mean, csv_min,
                f"{csv_mean / base_mean:.2f}× notices CSV; {terms_csv / 1e6:.1f} MB"),
        ]  # fmt: skip
        api_base = timed(lambda: get("/api/v1/notices/?limit=100"), RUNS)
        api_terms = timed(lambda: get("/api/v1/key-terms/?limit=100"), RUNS)
        rows += [
            Row("codebook", "notices API, 100 rows (baseline)", RUNS, *api_base,
                f"1.0×; {queries('/api/v1/notices/?limit=100')} queries"),
            Row("codebook", "key-terms API, 100 rows", RUNS, *api_terms,
                f"{api_terms[0] / api_base[0]:.2f}× notices API; "
                f"{queries('/api/v1/key-terms/?limit=100')} queries"),
        ]  # fmt: skip
        detail = f"/notices/{ids[0]}/"
        two = "/notices/compare/?ids=" + ",".join(ids[:2])
        five = "/notices/compare/?ids=" + ",".join(ids[:5])
        detail_t = timed(lambda: get(detail), RUNS)
        two_t = timed(lambda: get(two), RUNS)
        five_t = timed(lambda: get(five), RUNS)
        q_detail, q_two, q_five = queries(detail), queries(two), queries(five)
        rows += [
            Row("codebook", "one notice's page (baseline)", RUNS, *detail_t,
                f"1.0×; {q_detail} queries"),
            Row("codebook", "compare 2 notices", RUNS, *two_t,
                f"{two_t[0] / detail_t[0]:.2f}× one notice; {q_two} queries"),
            Row("codebook", "compare 5 notices", RUNS, *five_t,
                f"{five_t[0] / detail_t[0]:.2f}× one notice; {q_five} queries",
                failed=q_five != q_two),
        ]  # fmt: skip
    with context.federation_context(federation):
        started = time.perf_counter()
        snapshot = key_terms_snapshot_make(today=dt.date(2026, 12, 6))
        snap_s = time.perf_counter() - started
    rows.append(
        Row("codebook", f"nightly snapshot, {snapshot.rows:,} rows", 1, snap_s, snap_s,
            f"{snap_s / csv_mean:.2f}× key-terms CSV; {snapshot.size / 1e6:.1f} MB",
            failed=snapshot.rows != NOTICES)
    )  # fmt: skip
    return rows
