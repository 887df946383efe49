"""Region-wide search (issue 19 item 5): 300 federations' notices in the network channel
(tenants.NetworkNotice, 3,000,000 rows by default) searched from the platform, a province (all
300) and a city (30 of them), against one federation's own notice list at 300,000 notices
(bench_public's data: enterprises, contracts and notices), in the same run.

Both sides run the same page code (`notice_list_context` locally, `region_list_context` over the
channel): the capped count, the search words' statistics, the first 20 rows, newest first, with
their excerpts. The channel's rows are generated with SQL from the same clause sentences and
2,000 employer names as bench_public, segmented once by the site's own code, so each notice's
vector is what the push would copy (selective words: an employer's name, in about 1 of 2,000
notices; common ones: clause words, in 5–30%). The region's 300 federations are rows of the
shared schema only (a province, 10 cities, 289 counties) — a region-wide search reads nothing
else. Indexes are built after the load, then VACUUM ANALYZE.

Sizes: BENCH_REGION_NOTICES (3,000,000) and BENCH_REGION_LOCAL (300,000); the target is the
region's p95 within 2× the local p95 at the 10:1 sizes.
"""

from __future__ import annotations

import os
import statistics
import time

from bench.bench_public import CLAUSES, EMPLOYERS, TERMS
from bench.bench_public import _populate as populate_local
from bench.harness import Row, bench_federation

REGION_NOTICES = int(os.environ.get("BENCH_REGION_NOTICES", "3000000"))
LOCAL_NOTICES = int(os.environ.get("BENCH_REGION_LOCAL", "300000"))
FEDERATIONS = 300
CITIES = 10
RUNS = 7
# The list without words, a filter on its own, and words with a filter.
EXTRA_QUERIES = ({}, {"industry": "C"}, {"q": "最低工资", "kind": "wages"})

_CHANNEL_SQL = """
INSERT INTO tenants_networknotice (federation_id, public_id, path, title, employer, "union",
    scope, kind, status, industry, region_code, year, starts_on, ends_on, in_force_from,
    in_force_until, published_on, covered_employees, body_text, search, updated_at)
SELECT f.id, h.uid, '/notices/' || h.uid::text || '/', emp || '集体合同', emp, emp || '工会',
       CASE WHEN h.s %% 25 = 0 THEN 'regional' ELSE 'single' END,
       (ARRAY['comprehensive','wages','women','safety'])[1 + h.k %% 4],
       CASE WHEN h.t %% 3 = 0 THEN 'expired' ELSE 'effective' END,
       chr(65 + h.i %% 20), f.region_code, extract(year FROM h.start), h.start,
       h.start + 1094, h.start, h.start + 1094, h.start, 50 + g %% 900,
       emp || '集体合同' || E'\\n' || emp || E'\\n' || emp || '工会' || E'\\n'
           || (%(clauses)s::text[])[1 + g %% 20] || E'\\n'
           || (%(clauses)s::text[])[1 + (g / 20) %% 20] || E'\\n'
           || (%(clauses)s::text[])[1 + (g / 400) %% 20],
       to_tsvector('simple', (%(title_seg)s::text[])[1 + h.e]
           || ' ' || (%(employer_seg)s::text[])[1 + h.e]
           || ' ' || (%(union_seg)s::text[])[1 + h.e]
           || ' ' || (%(clause_seg)s::text[])[1 + g %% 20]
           || ' ' || (%(clause_seg)s::text[])[1 + (g / 20) %% 20] || ' '
           || (%(clause_seg)s::text[])[1 + (g / 400) %% 20]),
       now()
FROM generate_series(%(first)s, %(last)s) AS g
CROSS JOIN LATERAL (
    SELECT gen_random_uuid() AS uid, abs(hashtext(g || 's')) AS s, abs(hashtext(g || 'k')) AS k,
           abs(hashtext(g || 't')) AS t, abs(hashtext(g || 'i')) AS i,
           abs(hashtext(g || 'e')) %% %(n_employers)s AS e,
           DATE '2015-01-01' + abs(hashtext(g || 'd')) %% 4380 AS start
) h
CROSS JOIN LATERAL (SELECT (%(employers)s::text[])[1 + h.e] AS emp) n
JOIN tenants_federation f ON f.id = (%(federations)s::int[])[1 + g %% %(n_federations)s]
"""


def _tree() -> tuple[object, object, list[int]]:
    """A province, 10 cities and 289 counties, as rows of the shared schema (no schemas: the
    search reads none), with primary domains. Returns (province, a city, every id)."""
    from django.db import connection

    from tenants import context
    from tenants.models import Domain, Federation

    with context.public():
        province = Federation.objects.bulk_create(
            [Federation(schema_name="rb_p", name="区域基准省总工会", short_name="区",
                        level="province", region_code="230000")]
        )[0]  # fmt: skip
        cities = Federation.objects.bulk_create(
            [
                Federation(schema_name=f"rb_c{c}", name=f"区域基准{c}市总工会", short_name="市",
                           level="city", region_code=f"23{c + 1:02d}00", parent=province)
                for c in range(CITIES)
            ]
        )  # fmt: skip
        counties = FEDERATIONS - 1 - CITIES
        Federation.objects.bulk_create(
            [
                Federation(schema_name=f"rb_x{x}", name=f"区域基准{x}县总工会", short_name="县",
                           level="county", parent=cities[x % CITIES],
                           region_code=f"23{x % CITIES + 1:02d}{x // CITIES + 1:02d}")
                for x in range(counties)
            ]
        )  # fmt: skip
        members = list(
            Federation.objects.filter(schema_name__startswith="rb_").values_list(
                "id", "schema_name"
            )
        )
        Domain.objects.bulk_create(
            [Domain(tenant_id=pk, domain=f"{name}.bench", is_primary=True) for pk, name in members]
        )
        # As autovacuum would after 300 new rows: with the empty table's statistics the region's
        # query joined the domains by a nested loop over every pair (6 ms instead of 0.8).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE tenants_federation")
            cursor.execute("ANALYZE tenants_domain")
    return province, cities[0], [pk for pk, _name in members]


def _load_channel(federation_ids: list[int]) -> float:
    """Generate REGION_NOTICES rows in batches with the table's indexes dropped, then build them
    and VACUUM ANALYZE; returns the seconds it took."""
    from django.db import connection

    from cms_pages.search import search_document
    from tenants import context
    from tenants.models import NetworkNotice

    started = time.perf_counter()
    params = {
        "clauses": CLAUSES,
        "clause_seg": [search_document(text) for text in CLAUSES],
        "employers": EMPLOYERS,
        "employer_seg": [search_document(name) for name in EMPLOYERS],
        "title_seg": [search_document(f"{name}集体合同") for name in EMPLOYERS],
        "union_seg": [search_document(f"{name}工会") for name in EMPLOYERS],
        "n_employers": len(EMPLOYERS),
        "federations": federation_ids,
        "n_federations": len(federation_ids),
    }
    indexes = NetworkNotice._meta.indexes
    with context.public():
        with connection.schema_editor() as editor:
            for index in indexes:
                editor.remove_index(NetworkNotice, index)
        batch = 500_000
        with connection.cursor() as cursor:
            for first in range(1, REGION_NOTICES + 1, batch):
                last = min(REGION_NOTICES, first + batch - 1)
                cursor.execute(_CHANNEL_SQL, {**params, "first": first, "last": last})
        with connection.schema_editor() as editor:
            for index in indexes:
                editor.add_index(NetworkNotice, index)
        connection.cursor().execute("VACUUM ANALYZE tenants_networknotice")
    return time.perf_counter() - started


def _p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]


def _timed_queries(fn, queries) -> list[float]:
    samples = []
    for params in queries:
        fn(params)  # warm: plans and caches, as on a live site
        for _ in range(RUNS):
            started = time.perf_counter()
            fn(params)
            samples.append(time.perf_counter() - started)
    return samples


def run() -> list[Row]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from cms_pages.selectors.notice_pages import notice_list_context
    from cms_pages.selectors.region_notices import notice_region, region_list_context
    from tenants import context

    today = timezone.localdate()
    queries = [{"q": term} for term in TERMS] + list(EXTRA_QUERIES)

    local = bench_federation(
        schema="bench_region_local", name="区域搜索对照总工会", domain="bench-region.localhost"
    )
    started = time.perf_counter()
    populate_local(local.schema_name, notices=LOCAL_NOTICES)
    local_load = time.perf_counter() - started
    province, city, ids = _tree()
    channel_load = _load_channel(ids)

    with context.federation_context(local):
        local_samples = _timed_queries(
            lambda p: notice_list_context(params=p, today=today, base_url="/notices/"), queries
        )

    def region_search(federation):
        def search(params):
            with context.public():
                return region_list_context(
                    params=params,
                    today=today,
                    region=notice_region(federation=federation),
                    site_prefix="http://{domain}",
                )

        return search

    results = {}
    for label, federation in (("platform", None), ("province", province), ("city", city)):
        results[label] = _timed_queries(region_search(federation), queries)
    counts = {}
    with context.public(), CaptureQueriesContext(connection) as ctx:
        region_search(province)({"q": TERMS[0]})
    counts["province"] = len(ctx.captured_queries)

    base = _p95(local_samples)
    rows = [
        Row("region_search", f"load: {LOCAL_NOTICES:,} local notices (SQL)", 1, local_load,
            local_load, "set-up, for scale"),
        Row("region_search", f"load: {REGION_NOTICES:,} channel rows, 300 federations, indexes,"
            " VACUUM ANALYZE", 1, channel_load, channel_load, "set-up, for scale"),
        Row("region_search", f"one federation's list/search at {LOCAL_NOTICES:,} (baseline)",
            len(local_samples), statistics.mean(local_samples), min(local_samples),
            f"p95 {base:.3f} s = 1.0×"),
    ]  # fmt: skip
    for label, samples in results.items():
        p95 = _p95(samples)
        note = f"p95 {p95:.3f} s = {p95 / base:.2f}× the local p95 (target ≤ 2×)"
        if label == "province":
            note += f"; {counts['province']} queries"
        rows.append(
            Row("region_search", f"region-wide at {REGION_NOTICES:,}: {label}", len(samples),
                statistics.mean(samples), min(samples), note)
        )  # fmt: skip
    return rows
