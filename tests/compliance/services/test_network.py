import datetime as dt

import pytest
from django.db import connection

from compliance.models import Contract
from compliance.rules.figures import FIGURE_FIELDS
from compliance.services.network import (
    network_backfill,
    network_publish,
    network_publish_changes,
    network_publish_nightly,
)
from compliance.services.statistics import statistics_log_compact
from tenants import context
from tenants.models import FigureChange, NetworkFigure
from tests.factories import compliance as f

TODAY = dt.date(2026, 11, 21)


def _rows(federation, day):
    with context.public():
        return {
            (r.dimension, r.segment): r
            for r in NetworkFigure.objects.filter(federation=federation, day=day)
        }


def _notes(schema):
    with context.public():
        return list(FigureChange.objects.filter(schema_name=schema))


def _contract(ent, **extra):
    return Contract.objects.create(
        enterprise=ent,
        title="合同",
        status="effective",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2028, 12, 31),
        effective_on=dt.date(2026, 1, 1),
        signed_on=dt.date(2025, 12, 20),
        submitted_in_time=True,
        **extra,
    )


def test_the_channel_holds_counts_and_codes_only(db):
    """The shared table may not hold anything that identifies an enterprise, a person or a
    document: its columns are the keys (federation, day, dimension, segment), the time of
    publication and the counts of Figures, every count an integer."""
    columns = {
        field.column: field.get_internal_type() for field in NetworkFigure._meta.concrete_fields
    }
    keys = {"id", "federation_id", "day", "dimension", "segment", "published_at"}
    assert set(columns) - keys == set(FIGURE_FIELDS)
    assert {columns[name] for name in FIGURE_FIELDS} <= {
        "PositiveIntegerField",
        "BigIntegerField",
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_schema = 'public' AND table_name = 'tenants_networkfigure'"
        )
        assert {row[0] for row in cursor.fetchall()} == set(columns)


def test_publish_writes_one_row_per_segment_and_replaces_the_day(fed_a):
    with context.federation_context(fed_a):
        ent = f.enterprise(ownership="state")
        _contract(ent)
        network_publish(days=[TODAY])
        network_publish(days=[TODAY])  # again: replaced, not doubled
    rows = _rows(fed_a, TODAY)
    assert rows[("all", "")].unionised_covered == 1
    assert rows[("ownership", "state")].unionised_covered == 1
    assert rows[("region", ent.region_code)].employees_covered == ent.employees
    assert {r.segment for (d, _s), r in rows.items() if d == "all"} == {""}
    with context.public():
        assert NetworkFigure.objects.filter(federation=fed_a, day=TODAY).count() == len(rows)


def test_a_write_notes_the_change_and_the_publisher_consumes_it(fed_a):
    with context.federation_context(fed_a):
        ent = f.enterprise()
        before = len(_notes("fed_a"))
        _contract(ent)  # effective from 2026-01-01: the log moves from that day on
        notes = _notes("fed_a")
        assert len(notes) > before
        assert min(n.since for n in notes) <= dt.date(2026, 1, 1)
        days = network_publish_changes(today=TODAY)
        assert days == (TODAY - dt.date(2025, 12, 20)).days + 1  # from the signing day
        assert _notes("fed_a") == []
        assert network_publish_changes(today=TODAY) == 0  # nothing noted since
    assert _rows(fed_a, TODAY)[("all", "")].unionised_covered == 1
    assert _rows(fed_a, dt.date(2025, 12, 31))[("all", "")].unionised_covered == 0


def test_folding_the_log_notes_nothing(fed_a):
    with context.federation_context(fed_a):
        _contract(f.enterprise())
        network_publish_changes(today=TODAY)
        statistics_log_compact()
        assert _notes("fed_a") == []


def test_a_change_in_another_federation_is_noted_for_it_alone(fed_a, fed_b):
    with context.federation_context(fed_b):
        f.enterprise()
    assert _notes("fed_b") and not _notes("fed_a")


def test_nightly_pass_and_backfill_cover_their_days(fed_a):
    with context.federation_context(fed_a):
        _contract(f.enterprise())
        network_publish_nightly(today=TODAY)
        with context.public():
            days = set(NetworkFigure.objects.filter(federation=fed_a).values_list("day", flat=True))
        assert days == {TODAY, TODAY - dt.timedelta(days=1)}
        network_backfill(today=TODAY, since=dt.date(2026, 11, 1))
    with context.public():
        days = set(NetworkFigure.objects.filter(federation=fed_a).values_list("day", flat=True))
    assert days == {dt.date(2026, 11, d) for d in range(1, 22)}


def test_the_channel_keeps_two_calendar_years(fed_a):
    with context.federation_context(fed_a):
        f.enterprise()
        assert network_backfill(today=TODAY, since=dt.date(2020, 1, 1)) > 0
    with context.public():
        first = NetworkFigure.objects.filter(federation=fed_a).order_by("day").first().day
    assert first == dt.date(2025, 1, 1)


@pytest.mark.parametrize("dimension", ["all", "industry"])
def test_rows_carry_no_text_but_codes(fed_a, dimension):
    with context.federation_context(fed_a):
        f.enterprise(name="某某机密有限公司")
        network_publish(days=[TODAY])
    rows = _rows(fed_a, TODAY)
    for (d, segment), _row in rows.items():
        if d == dimension:
            assert len(segment) <= 8 and "有限公司" not in segment
