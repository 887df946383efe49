"""Notice alerts (issue 19): 10,000 saved filters matched against a day's 500 new notices.

The federation holds NOTICES notices generated as in bench_public (the same clause sentences,
employers and jieba segmentation), 500 of them first published in the last day. The alerts'
filters are varied: search words (clause words and employers' names), industry, region (district
or city), kind, and combinations. Timed in the same run:
- baseline: one notice-list search per new notice (500 × notices_filter + notices_page, the
  list's own functions, over the whole table), each with one of the alerts' filters;
- the matching (cms_pages.selectors.alerts: new notices read once with their lexemes, each
  distinct filter answered in memory), and the whole alerts_match step once (it also writes the
  delivery rows) and again (nothing new to write).
The matching is checked against the list's own search, restricted to the new notices, for a
sample of the alerts; a difference marks the row failed. The issue asks for ≤ 1× the baseline.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.bench_public import EMPLOYERS, TERMS, _populate
from bench.harness import Row, bench_federation, timed

NOTICES = int(os.environ.get("BENCH_ALERTS_NOTICES", "100000"))
NEW = 500
ALERTS = 10_000
RUNS = 3
CHECKED = 300
REGIONS = ["230803", "230804", "230805", "230811", "230800"]
INDUSTRIES = [chr(65 + n) for n in range(20)]
KINDS = ["comprehensive", "wages", "women", "safety"]


def _filters(rng: random.Random) -> dict:
    """One reader's filter: usually search words, often with a facet or two."""
    params: dict[str, str] = {}
    shape = rng.random()
    if shape < 0.6:
        params["q"] = rng.choice(TERMS + [e[:-4] for e in rng.sample(EMPLOYERS, 3)])
    if shape > 0.3 and rng.random() < 0.6:
        params["industry"] = rng.choice(INDUSTRIES)
    if rng.random() < 0.4:
        params["region"] = rng.choice(REGIONS)
    if rng.random() < 0.3:
        params["kind"] = rng.choice(KINDS)
    if not params:
        params["industry"] = rng.choice(INDUSTRIES)
    return params


def _seed(rng: random.Random, now: dt.datetime) -> list[dict]:
    from cms_pages.models import AlertRecipient, ContractNotice, NoticeAlert

    with connection.cursor() as cursor:
        # Everything first published weeks ago, then a day's 500 spread over the last 24 hours.
        cursor.execute(
            f"UPDATE {ContractNotice._meta.db_table}"
            " SET first_published_at = %s - interval '30 days'",
            [now],
        )
        cursor.execute(
            f"UPDATE {ContractNotice._meta.db_table} SET first_published_at ="
            " %s - (random() * interval '23 hours')"
            f" WHERE id IN (SELECT id FROM {ContractNotice._meta.db_table}"
            " ORDER BY random() LIMIT %s)",
            [now, NEW],
        )
    recipients = AlertRecipient.objects.bulk_create(
        [AlertRecipient(email=f"reader{n}@bench.example") for n in range(ALERTS // 4)]
    )
    filters = [_filters(rng) for _ in range(ALERTS)]
    NoticeAlert.objects.bulk_create(
        [
            NoticeAlert(
                recipient=recipients[n % len(recipients)],
                filters=params,
                frequency="immediate" if n % 5 else "weekly",
                created_at=now - dt.timedelta(days=3),
                confirmed_at=now - dt.timedelta(days=2),
            )
            for n, params in enumerate(filters)
        ],
        batch_size=2000,
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return filters


def run() -> list[Row]:
    from django.utils import timezone

    from cms_pages.models import AlertWatermark
    from cms_pages.selectors.alerts import (
        alerts_confirmed,
        alerts_matching,
        notices_first_published,
    )
    from cms_pages.selectors.notices import notices_filter, notices_page
    from cms_pages.services.alerts import OVERLAP, alerts_match
    from tenants import context

    federation = bench_federation(
        schema="bench_alerts", name="订阅提醒基准总工会", domain="bench-alerts.localhost"
    )
    rng = random.Random(19)
    started = time.perf_counter()
    _populate(federation.schema_name, notices=NOTICES)
    with context.federation_context(federation):
        now = timezone.now()
        filters = _seed(rng, now)
        load_s = time.perf_counter() - started
        today = timezone.localdate(now)
        after = now - dt.timedelta(days=1)
        searches = [filters[n * (ALERTS // NEW)] for n in range(NEW)]

        def baseline() -> None:
            for params in searches:
                search = notices_filter(params, today=today)
                notices_page(search.queryset, number=1, terms=search.filters.terms)

        found: dict = {}

        def matching() -> None:
            notices = notices_first_published(after=after, until=now)
            found.clear()
            found.update(alerts_matching(alerts=alerts_confirmed(), notices=notices, today=today))

        baseline()
        matching()  # warm: plans, jieba, caches
        base_mean, base_min = timed(baseline, RUNS)
        match_mean, match_min = timed(matching, RUNS)
        with CaptureQueriesContext(connection) as queries:
            matching()
        new = notices_first_published(after=after, until=now)
        new_ids = [n.id for n in new]
        saved = {alert_id: params for alert_id, params, _at in alerts_confirmed()}
        mismatches = 0
        for alert_id in rng.sample(sorted(saved), CHECKED):
            expected = sorted(
                notices_filter(saved[alert_id], today=today)
                .queryset.filter(id__in=new_ids)
                .values_list("id", flat=True)
            )
            mismatches += found.get(alert_id, []) != expected
        # The last run read up to a day ago: this one reads the day's notices.
        AlertWatermark.objects.create(matched_until=after + OVERLAP)
        step_start = time.perf_counter()
        created = alerts_match(now=now)
        step_first = time.perf_counter() - step_start
        step_start = time.perf_counter()
        again = alerts_match(now=now)
        step_again = time.perf_counter() - step_start
    matched_alerts = len(found)
    deliveries = sum(len(v) for v in found.values())
    distinct = len({tuple(sorted(p.items())) for p in saved.values()})
    return [
        Row(
            "alerts",
            f"load: {NOTICES:,} notices ({len(new)} new today), {ALERTS:,} alerts",
            1,
            load_s,
            load_s,
            "set-up, for scale",
        ),
        Row(
            "alerts",
            f"{NEW} notice-list searches, one per new notice (baseline)",
            RUNS,
            base_mean,
            base_min,
            "1.0×",
        ),
        Row(
            "alerts",
            f"match {ALERTS:,} alerts ({distinct:,} distinct filters) against {len(new)} new",
            RUNS,
            match_mean,
            match_min,
            f"{match_mean / base_mean:.3f}× baseline; {len(queries)} queries;"
            f" {matched_alerts:,} alerts matched, {deliveries:,} deliveries;"
            f" {CHECKED} alerts checked against the list's search, {mismatches} differ",
            failed=mismatches != 0,
        ),
        Row(
            "alerts",
            "alerts_match step: match and write the delivery rows (first run)",
            1,
            step_first,
            step_first,
            f"{step_first / base_mean:.3f}× baseline; {created:,} rows written",
            failed=created != deliveries,
        ),
        Row(
            "alerts",
            "alerts_match step again (nothing new to write: unique per alert and notice)",
            1,
            step_again,
            step_again,
            f"{step_again / base_mean:.3f}× baseline; {again} rows written",
            failed=again != 0,
        ),
    ]
