"""Publishing a federation's figures to the network channel (issue 16, DOMAIN.md §7).

The channel is one table in the shared schema, tenants.NetworkFigure: per federation, day and
segment, the counts of compliance.rules.figures.Figures. It carries figures, never records. A
federation publishes

- within minutes of a change: its schema's triggers note the first day a write moved
  (tenants.FigureChange, migration 0024); `network_publish_changes` republishes from that day to
  today and consumes the notes, queued each minute for the federations that have notes;
- every night, yesterday and today (what no write notes: the passing of a submission deadline,
  an instructor's rounds);
- on demand, any span of days of the current and previous years (`network_publish`, used by
  `manage.py network_publish` and when a federation joins).

Each day is replaced whole in one transaction under a per-federation lock, so a publish killed
half-way leaves the previous rows, and two publishes of one federation never interleave: there is
always exactly one row per federation, day and segment (a unique constraint says so too).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db import connection, transaction
from django.db.models import Max, Min
from django.utils import timezone

from compliance.rules.figures import FIGURE_FIELDS
from compliance.selectors.segments import segment_figures_on
from tenants.models import FigureChange, NetworkFigure


def earliest_published_day(*, today: dt.date) -> dt.date:
    """The channel keeps the current and the previous calendar year."""
    return dt.date(today.year - 1, 1, 1)


def _lock() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext('network_publish'), hashtext(%s))",
            [connection.schema_name],
        )


# Days computed per query: the queries' cost grows with days × ledger, a month keeps each short.
CHUNK_DAYS = 31


def _publish_days(*, federation_id: int, days: list[dt.date], now: dt.datetime) -> int:
    computed = segment_figures_on(days=days)
    # In SQL: django-tenants listens to every model's post_delete, so QuerySet.delete() would
    # fetch each row into Python first (the benchmark's year of a province ran out of memory).
    with connection.cursor() as cursor:
        cursor.execute(
            "DELETE FROM tenants_networkfigure WHERE federation_id = %s AND day = ANY(%s)",
            [federation_id, list(days)],
        )
    rows = [
        NetworkFigure(
            federation_id=federation_id,
            day=day,
            dimension=dimension,
            segment=segment,
            published_at=now,
            **{name: getattr(figures, name) for name in FIGURE_FIELDS},
        )
        for day in days
        for (dimension, segment), figures in computed[day].items()
    ]
    NetworkFigure.objects.bulk_create(rows, batch_size=2000)  # no history here: plain inserts
    return len(rows)


def network_publish(*, days: Iterable[dt.date]) -> int:
    """Replace the current federation's rows for each of `days`; returns the rows written."""
    federation_id = connection.tenant.pk
    now = timezone.now()
    written = 0
    with transaction.atomic():
        _lock()
        ordered = sorted(set(days))
        for index in range(0, len(ordered), CHUNK_DAYS):
            chunk = ordered[index : index + CHUNK_DAYS]
            written += _publish_days(federation_id=federation_id, days=chunk, now=now)
    return written


def days_between(first: dt.date, last: dt.date) -> list[dt.date]:
    return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


def network_publish_changes(*, today: dt.date | None = None) -> int:
    """Republish the days the noted changes moved (from the earliest noted day, no earlier than
    the channel keeps, to today) and consume the notes; returns the days published. A run that
    fails leaves the notes for the next one."""
    today = today or timezone.localdate()
    schema_name = connection.schema_name
    with transaction.atomic():
        _lock()
        notes = FigureChange.objects.filter(schema_name=schema_name)
        seen = notes.aggregate(since=Min("since"), last=Max("pk"))
        if seen["last"] is None:
            return 0
        first = min(max(seen["since"], earliest_published_day(today=today)), today)
        days = days_between(first, today)
        network_publish(days=days)
        notes.filter(pk__lte=seen["last"]).delete()
    return len(days)


def network_publish_nightly(*, today: dt.date | None = None) -> int:
    """Yesterday's figures as they stand at its end, and today's; returns the rows written."""
    today = today or timezone.localdate()
    return network_publish(days=[today - dt.timedelta(days=1), today])


def network_backfill(*, today: dt.date | None = None, since: dt.date | None = None) -> int:
    """Every day the channel keeps (or from `since`), e.g. when a federation joins; returns the
    rows written. Publishing every day answers every change noted before it: those notes are
    consumed."""
    today = today or timezone.localdate()
    first = max(since or earliest_published_day(today=today), earliest_published_day(today=today))
    with transaction.atomic():
        _lock()
        noted = list(
            FigureChange.objects.filter(schema_name=connection.schema_name).values_list(
                "pk", flat=True
            )
        )
        written = network_publish(days=days_between(first, today))
        if since is None:
            FigureChange.objects.filter(pk__in=noted).delete()
    return written


def network_unpublished(*, today: dt.date | None = None) -> bool:
    """Whether the federation has changes not yet published, or nothing published at all."""
    today = today or timezone.localdate()
    schema_name = connection.schema_name
    return (
        FigureChange.objects.filter(schema_name=schema_name).exists()
        or not NetworkFigure.objects.filter(federation_id=connection.tenant.pk, day=today).exists()
    )
