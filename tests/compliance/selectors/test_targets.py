import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from compliance.rules.figures import INDICATORS
from compliance.selectors.targets import children_against_targets, targets_in_force
from tenants import context
from tenants.models import Federation, NetworkFigure, Target

DAY = dt.date(2026, 11, 21)
YEAR = DAY.year


def _federation(name, parent, region="230803", level="county"):
    return Federation.objects.bulk_create(
        [
            Federation(
                schema_name=f"x_{abs(hash(name)) % 10**8}",
                name=name,
                short_name=name[:2],
                level=level,
                region_code=region,
                parent=parent,
            )
        ]
    )[0]


def _target(federation, indicator, scope, value, year=YEAR):
    Target.objects.create(
        federation=federation,
        year=year,
        indicator=indicator,
        scope=scope,
        value=Decimal(value),
        set_by="某人",
        set_at=timezone.now(),
    )


def _publish(federation, day=DAY, dimension="all", segment="", **counts):
    NetworkFigure.objects.create(
        federation=federation,
        day=day,
        dimension=dimension,
        segment=segment,
        published_at=timezone.now(),
        **counts,
    )


@pytest.fixture
def tree(fed_a, fed_b):
    """fed_a (city) → fed_b (county) → street; fed_a → zone."""
    with context.public():
        street = _federation("街道工会", fed_b, level="zone")
        zone = _federation("高新区总工会", fed_a, region="230801", level="zone")
        yield {"a": fed_a, "b": fed_b, "street": street, "zone": zone}


def test_resolution_own_else_nearest_default_above_else_none(tree):
    a, b, street = tree["a"], tree["b"], tree["street"]
    with context.public():
        _target(a, "coverage", "beneath", "80")
        _target(a, "renewal", "beneath", "70")
        _target(a, "report", "own", "95")  # a's own: not a default for anyone
        _target(b, "renewal", "beneath", "75")
        _target(street, "coverage", "own", "90")
        _target(a, "coverage", "beneath", "60", year=YEAR + 1)
        found = targets_in_force(federation_ids=[a.pk, b.pk, street.pk], year=YEAR)
    # Two levels down: the street's renewal default comes from b, its parent, not from a.
    assert found[street.pk]["renewal"].value == Decimal("75.0")
    assert found[street.pk]["renewal"].source.pk == b.pk
    assert found[street.pk]["coverage"].inherited is False
    assert found[street.pk]["coverage"].value == Decimal("90.0")
    # b inherits a's coverage default, through one level.
    assert (found[b.pk]["coverage"].value, found[b.pk]["coverage"].source.name) == (
        Decimal("80.0"),
        a.name,
    )
    assert found[b.pk]["coverage"].inherited is True
    # a's own default does not apply to a; its own target does.
    assert set(found[a.pk]) == {"report"}
    assert "report" not in found[b.pk]
    assert "key_coverage" not in found[street.pk]


def test_children_table_sums_each_childs_region_and_puts_the_ones_behind_first(tree):
    a, b, street, zone = tree["a"], tree["b"], tree["street"], tree["zone"]
    with context.public():
        _target(a, "coverage", "beneath", "80")
        _target(zone, "coverage", "own", "50")
        _publish(b, unionised=10, unionised_covered=5)
        _publish(street, unionised=10, unionised_covered=9)  # b's region: 14 of 20 = 70 %
        _publish(zone, unionised=10, unionised_covered=6)  # 60 % against its own 50 %
        _publish(a, unionised=10, unionised_covered=0)  # a's own: not a child
        day, rows = children_against_targets(
            federation=a, as_of=DAY + dt.timedelta(days=3), indicator="coverage"
        )
    assert day == DAY  # the latest published day on or before the day asked for
    assert [(r.federation.name, str(r.ratio.percent), r.shortfall) for r in rows] == [
        (b.name, "70.0", Decimal("10.0")),
        (zone.name, "60.0", Decimal("-10.0")),
    ]
    assert rows[0].behind and not rows[1].behind
    assert rows[0].target.inherited and not rows[1].target.inherited


def test_children_table_reads_segments_for_segment_indicators(tree):
    a, b = tree["a"], tree["b"]
    with context.public():
        _target(b, "coverage_state", "own", "100")
        _publish(b, unionised=10, unionised_covered=10)
        _publish(b, dimension="ownership", segment="state", unionised=4, unionised_covered=3)
        _, rows = children_against_targets(federation=a, as_of=DAY, indicator="coverage_state")
    row = next(r for r in rows if r.federation.pk == b.pk)
    assert (row.ratio.numerator, row.ratio.denominator, row.shortfall) == (3, 4, Decimal("25.0"))


def test_children_without_figures_or_targets_come_last(tree):
    a, b = tree["a"], tree["b"]
    with context.public():
        _target(b, "coverage", "own", "90")
        _publish(b, unionised=10, unionised_covered=8)
        _day, rows = children_against_targets(federation=a, as_of=DAY)
    assert rows[0].federation.pk == b.pk and rows[0].indicator.key == "coverage"
    assert all(r.shortfall is None for r in rows[1:])
    assert len(rows) == 2 * len(INDICATORS)  # both children, every indicator


def test_children_table_queries_do_not_grow_with_children(tree):
    a = tree["a"]
    with context.public():
        _publish(tree["b"], unionised=3, unionised_covered=1)

    def count():
        with context.public(), CaptureQueriesContext(connection) as queries:
            children_against_targets(federation=a, as_of=DAY)
        return len(queries)

    before = count()
    with context.public():
        for i in range(5):
            child = _federation(f"子{i}工会", a)
            _target(child, "coverage", "own", "85")
            _publish(child, unionised=3, unionised_covered=1)
    assert count() == before
