import datetime as dt

from django.utils import timezone

from compliance.rules.figures import Ratio
from compliance.selectors.figure_tables import (
    federation_beneath,
    network_statistics,
    own_statistics,
    path_from,
)
from tenants import context
from tenants.models import Federation, NetworkFigure

DAY = dt.date(2026, 5, 31)
TODAY = dt.date(2026, 6, 15)


def _publish(federation, day, dimension="all", segment="", **counts):
    NetworkFigure.objects.create(
        federation=federation,
        day=day,
        dimension=dimension,
        segment=segment,
        published_at=timezone.now(),
        **counts,
    )


def _street(parent):
    return Federation.objects.bulk_create(
        [
            Federation(
                schema_name="x_street",
                name="街道工会",
                short_name="街",
                level="zone",
                region_code="230803",
                parent=parent,
            )
        ]
    )[0]


def test_the_month_end_series_leaves_gaps_where_nothing_was_published(fed_a):
    with context.public():
        _publish(fed_a, dt.date(2026, 2, 28), unionised=4, unionised_covered=3)
    with context.federation_context(fed_a):
        stats = own_statistics(
            federation=fed_a, day=DAY, period="year", dimension="all", today=TODAY
        )
    # January to May: the month ends up to today; only February was published.
    assert [p.day.month for p in stats.months] == [1, 2, 3, 4, 5]
    assert [p.coverage for p in stats.months] == [None, Ratio(3, 4), None, None, None]


def test_the_roll_up_headline_sums_the_subtrees_segments(fed_a, fed_b):
    with context.public():
        street = _street(fed_b)
        for federation, covered in ((fed_a, 1), (fed_b, 2), (street, 3)):
            _publish(federation, DAY, unionised=10, unionised_covered=covered)
            _publish(federation, DAY, "size", "100plus", unionised=4, unionised_covered=covered)
        stats = network_statistics(
            federation=fed_a, day=DAY, period="r12", dimension="region", today=TODAY
        )
    # INDICATORS' order: coverage overall, then of 100+ enterprises over the whole subtree.
    assert [ratio for _label, ratio in stats.headline][:2] == [Ratio(6, 30), Ratio(6, 12)]
    kinds = [(row.kind, row.published, row.federations) for row in stats.branches]
    assert kinds == [("child", 2, 2), ("own", 1, 1), ("total", 3, 3)]


def test_a_federation_beneath_and_the_path_to_it(fed_a, fed_b):
    with context.public():
        street = _street(fed_b)
        assert federation_beneath(federation_id=street.pk, viewer=fed_a) == street
        assert federation_beneath(federation_id=fed_a.pk, viewer=fed_b) is None
        assert federation_beneath(federation_id=fed_a.pk, viewer=fed_a) is None
        assert [f.pk for f in path_from(viewer=fed_a, target=street)] == [fed_b.pk, street.pk]
