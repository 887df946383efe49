import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from compliance.rules.figures import Figures
from compliance.selectors.network import is_beneath, network_figures, network_series
from tenants import context
from tenants.models import Federation, NetworkFigure

DAY = dt.date(2026, 11, 21)


def _federation(name, parent, region="230803", level="county"):
    """A federation row without a schema: the channel's readers never enter one."""
    return Federation.objects.bulk_create(
        [
            Federation(
                schema_name=f"x_{name}",
                name=name,
                short_name=name[:2],
                level=level,
                region_code=region,
                parent=parent,
            )
        ]
    )[0]


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
    """fed_a (city) → fed_b (county) → street; fed_a → zone; province → other (a stranger)."""
    with context.public():
        street = _federation("街道工会", fed_b)
        zone = _federation("高新区总工会", fed_a, level="zone")
        province = _federation("某省总工会", None, region="230000", level="province")
        other = _federation("别市总工会", province, region="230900", level="city")
        yield {"a": fed_a, "b": fed_b, "street": street, "zone": zone, "other": other}


def test_parent_sums_children_and_grandchildren_from_numerators(tree):
    with context.public():
        _publish(tree["a"], unionised=10, unionised_covered=9)
        _publish(tree["b"], unionised=100, unionised_covered=50)
        _publish(tree["street"], unionised=10, unionised_covered=10)
        _publish(tree["zone"], unionised=1, unionised_covered=0)
        _publish(tree["other"], unionised=1000, unionised_covered=1000)
        view = network_figures(federation=tree["a"], day=DAY, dimension="all")
    assert (view.total.unionised_covered, view.total.unionised) == (69, 121)
    # 69/121, not the average of 90%, 50%, 100% and 0%.
    assert str(view.total.coverage().percent) == "57.0"
    by_name = {b.federation.name: b for b in view.branches}
    assert set(by_name) == {"乙区总工会", "高新区总工会"}
    assert (by_name["乙区总工会"].figures.unionised, by_name["乙区总工会"].federations) == (110, 2)
    assert (view.own.unionised, view.federations, view.published) == (10, 4, 4)


def test_a_child_sees_nothing_above_or_beside_it(tree):
    with context.public():
        for name in ("a", "b", "street", "zone", "other"):
            _publish(tree[name], unionised=1)
        view = network_figures(federation=tree["b"], day=DAY, dimension="all")
    assert [b.federation.name for b in view.branches] == ["街道工会"]
    assert view.total.unionised == 2
    assert is_beneath(federation_id=tree["street"].pk, ancestor_id=tree["a"].pk)
    assert not is_beneath(federation_id=tree["a"].pk, ancestor_id=tree["b"].pk)
    assert not is_beneath(federation_id=tree["zone"].pk, ancestor_id=tree["b"].pk)
    assert not is_beneath(federation_id=tree["other"].pk, ancestor_id=tree["a"].pk)
    assert not is_beneath(federation_id=tree["a"].pk, ancestor_id=tree["a"].pk)


def test_segments_sum_over_the_subtree_and_missing_days_are_counted(tree):
    with context.public():
        _publish(tree["a"], dimension="ownership", segment="state", unionised=3)
        _publish(tree["b"], dimension="ownership", segment="state", unionised=4)
        _publish(tree["b"], dimension="ownership", segment="private", unionised=5)
        _publish(tree["b"], unionised=9)
        view = network_figures(federation=tree["a"], day=DAY, dimension="ownership")
    assert dict(view.segments)["state"].unionised == 7
    assert dict(view.segments)["private"].unionised == 5
    assert (view.federations, view.published) == (4, 1)
    assert not view.own_published


def test_series_reads_the_days_asked(tree):
    days = [dt.date(2026, 9, 30), dt.date(2026, 10, 31), DAY]
    with context.public():
        for day in days:
            _publish(tree["a"], day=day, unionised=2)
            _publish(tree["b"], day=day, unionised=3)
        series = network_series(federation=tree["a"], days=days)
        own = network_series(federation=tree["a"], days=days, subtree=False)
    assert [(d, fig.unionised) for d, fig in series] == [(d, 5) for d in days]
    assert [fig.unionised for _d, fig in own] == [2, 2, 2]


def test_query_count_does_not_grow_with_the_tree(tree):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            network_figures(federation=tree["a"], day=DAY, dimension="industry")
        return len(ctx.captured_queries)

    with context.public():
        count()  # warm-up
        small = count()
        for n in range(10):
            child = _federation(f"子{n}", tree["a"])
            _publish(child, unionised=1)
            _publish(child, dimension="industry", segment="C", unionised=1)
        assert count() == small == 3


def test_an_empty_subtree_gives_no_rates(tree):
    with context.public():
        view = network_figures(federation=tree["zone"], day=DAY, dimension="all")
    assert view.total == Figures() and view.total.coverage().percent is None
