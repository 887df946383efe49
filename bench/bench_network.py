"""The network channel at a national network's scale (issue 16).

1. Roll-up over 3,000 federations. A provincial federation (a real schema, with its admin) sits
   above 30 cities and 2,969 counties and zones (rows in tenants_federation without schemas:
   the roll-up never enters a child's schema, so none is needed). The shared table holds a year
   of daily figures for all of them: 12 segments a federation a day, 13 million rows, generated
   with SQL. Measured:

   - the parent's roll-up page (`/admin/network/statistics/`, the admin signed in, as a person
     opens it) and the selector under it;
   - a trivial admin page of the same federation (the account page) as the page baseline;
   - the alternative the channel replaces: switching into each child's schema and computing its
     figures there (segment_figures), measured on 100 real federations with a small ledger each
     and scaled to 3,000 (schemas cost the same to visit whatever their number; the ratio
     printed is the scaled visit over the page).

2. Publishing after a change: a federation of 10,000 enterprises and 30,000 contracts; one day
   published (`network_publish`, what a change note costs) against its own statistics query
   (`federation_statistics`, the admin home's figures) and against the segmented figures the
   statistics page computes (`segment_figures`, what the publish is made of).

Timings are medians of 5 runs after a warm-up, ratios of medians; nothing here asserts a timing.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections.abc import Callable

from django.db import connection

from bench.harness import Row, bench_federation

RUNS = 5
TODAY = dt.date(2026, 11, 21)
CITIES = 30
FEDERATIONS = 3_000
VISITED = 100
DAYS = 365

_FIGURES_SQL = """
INSERT INTO tenants_networkfigure (federation_id, day, dimension, segment, published_at,
    enterprises, unionised, key_enterprises, unionised_covered, employees_covered, key_covered,
    in_force, reported, expired_r12, renewed_r12, signed_r12, in_time_r12, expired_year,
    renewed_year, signed_year, in_time_year, expired_quarter, renewed_quarter, signed_quarter,
    in_time_quarter, expired_month, renewed_month, signed_month, in_time_month, instructors,
    instructors_meeting_target, whole_rounds)
SELECT f.id, d::date, s.dimension, s.segment, now(),
    s.share * 40, s.share * 36, s.share * 9, s.share * 30, s.share * 4000, s.share * 7,
    s.share * 28, s.share * 20, s.share * 5, s.share * 4, s.share * 12, s.share * 11,
    s.share * 4, s.share * 3, s.share * 10, s.share * 9, s.share, s.share, s.share * 3,
    s.share * 3, 0, 0, s.share, s.share,
    CASE WHEN s.dimension = 'all' THEN 6 ELSE 0 END,
    CASE WHEN s.dimension = 'all' THEN 4 ELSE 0 END,
    CASE WHEN s.dimension = 'all' THEN 25 ELSE 0 END
FROM tenants_federation f
CROSS JOIN generate_series(%(first)s::date, %(last)s::date, interval '1 day') AS d
CROSS JOIN (VALUES
    ('all', '', 6), ('region', '230803', 6), ('industry', 'C', 3), ('industry', 'F', 2),
    ('industry', 'I', 1), ('ownership', 'state', 2), ('ownership', 'private', 3),
    ('ownership', 'foreign', 1), ('size', '100plus', 2), ('size', 'under100', 4),
    ('key', 'key', 1), ('key', 'other', 5)
) AS s(dimension, segment, share)
WHERE f.schema_name LIKE 'bn\\_city\\_%%' OR f.schema_name LIKE 'bn\\_county\\_%%'
    OR f.id = %(root)s
"""

_LEDGER_SQL = """
INSERT INTO compliance_enterprise (credit_code, name, industry, region_code, ownership, employees,
    union_established, union_members, fortune500_investor, head_npc_deputy, head_cppcc_member,
    head_model_worker, created_at, updated_at)
SELECT %(prefix)s || lpad(g::text, 18 - length(%(prefix)s), '0'), '企业' || g,
       chr(65 + g %% 20), '230803',
       CASE WHEN g %% 5 = 0 THEN 'state' ELSE 'private' END,
       20 + (g * 37) %% 400, g %% 10 <> 0, (20 + (g * 37) %% 400) / 2, g %% 97 = 0, false,
       false, g %% 83 = 0, now(), now()
FROM generate_series(1, %(n)s) AS g;
INSERT INTO compliance_contract (enterprise_id, title, scope, kind, status, starts_on, ends_on,
    covered_employees, passed_by_congress, submitted_in_time, signed_on, effective_on,
    filing_number, filed_with_department, publish_publicly, relation, end_reason,
    created_at, updated_at, verification_code)
SELECT e.id, '集体合同', 'single', 'comprehensive',
       CASE WHEN gen = 3 THEN 'effective' ELSE 'expired' END,
       make_date(2017 + gen * 3, 1, 1), make_date(2019 + gen * 3, 12, 31),
       e.employees, true, e.id %% 7 <> 0, make_date(2016 + gen * 3, 12, 1),
       make_date(2017 + gen * 3, 1, 1), '', true, false,
       CASE WHEN gen > 1 THEN 'renewal' ELSE '' END, '', now(), now(), ''
FROM compliance_enterprise e CROSS JOIN generate_series(1, %(gens)s) AS gen
WHERE e.id %% 3 <> 0;
"""


def _median(fn: Callable[[], object], runs: int = RUNS) -> tuple[float, float]:
    fn()  # warm-up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples), min(samples)


def _tree(root) -> None:
    from tenants import context
    from tenants.models import Federation

    with context.public():
        cities = Federation.objects.bulk_create(
            Federation(
                schema_name=f"bn_city_{n}",
                name=f"基准市{n}总工会",
                short_name="基",
                level="city",
                region_code="230800",
                parent=root,
            )
            for n in range(CITIES)
        )
        counties = FEDERATIONS - 1 - CITIES
        Federation.objects.bulk_create(
            (
                Federation(
                    schema_name=f"bn_county_{n}",
                    name=f"基准县{n}总工会",
                    short_name="基",
                    level="county" if n % 5 else "zone",
                    region_code="230803",
                    parent=cities[n % CITIES],
                )
                for n in range(counties)
            ),
            batch_size=1000,
        )
        with connection.cursor() as cursor:
            # A month of days per statement: one statement for the whole year (13 million rows
            # and their unique index in one transaction) was killed on this machine.
            first = TODAY - dt.timedelta(days=DAYS - 1)
            while first <= TODAY:
                last = min(first + dt.timedelta(days=30), TODAY)
                cursor.execute(_FIGURES_SQL, {"first": first, "last": last, "root": root.pk})
                first = last + dt.timedelta(days=1)
            cursor.execute("ANALYZE tenants_networkfigure")
            cursor.execute("SELECT count(*) FROM tenants_networkfigure")
            return cursor.fetchone()[0]


def _signed_in_client(federation, domain: str):
    from django.contrib.auth import get_user_model
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tenants import context
    from tenants.roles import ROLE_BY_KEY

    client = Client(HTTP_HOST=domain)
    with context.federation_context(federation):
        from django.contrib.auth.models import Group

        user = get_user_model().objects.create_user(
            username="bench@network.test", email="bench@network.test", password="x"
        )
        user.groups.add(Group.objects.get(name=ROLE_BY_KEY["federation_admin"].name))
        device = TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
        client.force_login(user)
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


def _visits() -> tuple[float, int]:
    """Seconds to visit VISITED real schemas and compute their figures there."""
    from compliance.selectors.segments import segment_figures
    from tenants import context
    from tenants.services import FederationSpec, federation_create

    visited = []
    for n in range(VISITED):
        # Provisioned directly: bench_federation migrates every federation each time it is
        # called, which would make this loop quadratic. On a new session each time: a session
        # that has cloned and written much clones the template many times slower.
        connection.close()
        with context.public():
            federation = federation_create(
                spec=FederationSpec(
                    schema_name=f"bv_{n}",
                    name=f"基准访问{n}总工会",
                    short_name="基",
                    level="county",
                    region_code="230803",
                    domain=f"bv{n}.bench.test",
                )
            )
        with context.federation_context(federation), connection.cursor() as cursor:
            cursor.execute(_LEDGER_SQL, {"prefix": f"V{n:03d}", "n": 200, "gens": 3})
        visited.append(federation)

    def visit_all():
        for federation in visited:
            with context.federation_context(federation):
                segment_figures(as_of=TODAY)

    median, _min = _median(visit_all, runs=3)
    return median, len(visited)


def _publish_rows() -> list[Row]:
    from compliance.selectors.segments import segment_figures
    from compliance.selectors.statistics import federation_statistics
    from compliance.services.network import network_publish
    from tenants import context

    federation = bench_federation(
        schema="bn_publish", name="基准发布总工会", domain="publish.bench.test"
    )
    with context.federation_context(federation):
        with connection.cursor() as cursor:
            cursor.execute(_LEDGER_SQL, {"prefix": "P", "n": 10_000, "gens": 3})
            cursor.execute("SELECT compliance_stat_compact()")
            cursor.execute("ANALYZE")
        stats, _ = _median(lambda: federation_statistics(as_of=TODAY))
        segments, _ = _median(lambda: segment_figures(as_of=TODAY))
        publish, publish_min = _median(lambda: network_publish(days=[TODAY]))
    note = (
        f"federation_statistics {stats:.4f} s (ratio {publish / stats:.2f}x); "
        f"segment_figures {segments:.4f} s (ratio {publish / segments:.2f}x)"
    )
    return [Row("network", "publish one day, 10k enterprises", RUNS, publish, publish_min, note)]


def _drop_tree(root) -> None:
    """The schema-less rows must not outlive the benchmark: later ones migrate every federation."""
    from tenants import context
    from tenants.models import Federation

    with context.public():
        with connection.cursor() as cursor:  # 13 million rows: QuerySet.delete() fetches each
            cursor.execute("DELETE FROM tenants_networkfigure")
        Federation.objects.filter(schema_name__startswith="bn_county_").delete()
        Federation.objects.filter(schema_name__startswith="bn_city_").delete()


def run() -> list[Row]:
    from django.test.utils import override_settings

    from compliance.selectors.network import network_figures
    from tenants import context

    # Real schemas first: provisioning migrates every federation, which the schema-less rows
    # of the tree below have not.
    publish_rows = _publish_rows()
    visit, visited = _visits()
    root = bench_federation(
        schema="bn_root",
        name="基准省总工会",
        domain="root.bench.test",
        level="province",
        region_code="230000",
    )
    started = time.perf_counter()
    rows_filled = _tree(root)
    filled_s = time.perf_counter() - started
    try:
        with override_settings(ALLOWED_HOSTS=["root.bench.test"]):
            client = _signed_in_client(root, "root.bench.test")
            url = f"/admin/statistics/network/?day={TODAY.isoformat()}&dimension=industry"
            response = client.get(url)
            page_ok = response.status_code == 200
            page, page_min = _median(lambda: client.get(url))
            trivial, trivial_min = _median(lambda: client.get("/admin/account/"))
        with context.public():
            view = network_figures(federation=root, day=TODAY, dimension="industry")
            selector, selector_min = _median(
                lambda: network_figures(federation=root, day=TODAY, dimension="industry")
            )
    finally:
        _drop_tree(root)
    scaled = visit * (FEDERATIONS / visited)
    rows = [
        Row(
            "network",
            f"roll-up page, {FEDERATIONS} federations",
            RUNS,
            page,
            page_min,
            f"{page / trivial:.2f}x the trivial page; visiting each schema {scaled / page:.0f}x "
            f"slower; {rows_filled:,} rows filled in {filled_s:.0f} s"
            + ("" if page_ok else f"; page answered {response.status_code}"),
            failed=not page_ok or view.federations != FEDERATIONS,
        ),
        Row("network", "trivial admin page (account)", RUNS, trivial, trivial_min),
        Row("network", "roll-up selector", RUNS, selector, selector_min),
        Row(
            "network",
            f"visit {visited} schemas (scaled to {FEDERATIONS}: {scaled:.1f} s)",
            3,
            visit,
            visit,
        ),
    ]
    return rows + publish_rows
