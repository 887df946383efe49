import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from compliance.selectors.wages import wage_highlights, wage_quarters
from compliance.services.wages import wage_highlights_generate, wage_highlights_quarterly
from tenants import context
from tenants.models import Federation, WageFigure, WageGeneration
from tests.factories.wages import wage_contract

TODAY = dt.date(2026, 11, 20)
Q1 = dt.date(2026, 2, 10)
Q2 = dt.date(2026, 5, 10)


def _seed_a():
    # Q1: two in manufacturing (C), one in construction (F, state-owned); Q2: one more in C.
    wage_contract(signed_on=Q1, growth="6.5", employees=200, industry="C")
    wage_contract(signed_on=Q1, growth="8", employees=120, industry="C")
    wage_contract(signed_on=Q1, growth="10.25", employees=300, industry="F", ownership="state")
    wage_contract(signed_on=Q2, growth="12", employees=80, industry="C")
    # A wage contract stating no increase counts as a contract, not in the spread.
    wage_contract(signed_on=Q2, growth=None, employees=50, industry="C")
    # Not a wage contract: not counted.
    wage_contract(signed_on=Q2, growth="30", kind="comprehensive")


def test_medians_and_quartiles_by_segment_for_the_quarter_and_the_year(fed_a):
    with context.federation_context("fed_a"):
        _seed_a()
        generation = wage_highlights_generate(year=2026, quarter=2, by="王管理", today=TODAY)
    assert (generation.contracts, generation.generated_by) == (2, "王管理")
    with context.public():
        found = wage_highlights(federation=fed_a, year=2026, quarter=2)
    quarter, year = found.periods["quarter"], found.periods["year"]
    assert (quarter.total.contracts, quarter.total.employees_covered) == (2, 130)
    assert quarter.total.spread.count == 1 and quarter.total.spread.median == Decimal("12.00")
    assert (year.total.contracts, year.total.employees_covered) == (5, 750)
    s = year.total.spread
    assert (s.count, s.minimum, s.median, s.maximum) == (
        4,
        Decimal("6.50"),
        Decimal("9.13"),  # between 8 and 10.25
        Decimal("12.00"),
    )
    assert (s.lower_quartile, s.upper_quartile) == (Decimal("7.63"), Decimal("10.69"))
    industries = {row.segment: row for row in year.by_dimension["industry"]}
    assert set(industries) == {"C", "F"}
    assert industries["C"].contracts == 4 and industries["C"].spread.median == Decimal("8.00")
    assert industries["F"].spread.median == Decimal("10.25")
    assert industries["C"].label == "制造业"
    ownership = {row.segment: row.contracts for row in year.by_dimension["ownership"]}
    assert ownership == {"private": 4, "state": 1}
    assert [row.segment for row in year.by_dimension["region"]] == ["230803"]
    assert found.generated and found.published == 1


def test_an_empty_quarter_is_generated_with_nothing_in_it(fed_a):
    with context.federation_context("fed_a"):
        wage_highlights_generate(year=2026, quarter=3, today=TODAY)
    with context.public():
        found = wage_highlights(federation=fed_a, year=2026, quarter=3)
        never = wage_highlights(federation=fed_a, year=2026, quarter=1)
    assert found.generated and found.periods["quarter"].total.contracts == 0
    assert found.periods["quarter"].total.spread.empty
    assert found.periods["quarter"].by_dimension["industry"] == []
    assert not never.generated


def test_regenerating_replaces_the_quarter_and_keeps_the_history(fed_a):
    with context.federation_context("fed_a"):
        wage_contract(signed_on=Q1, growth="5")
        wage_highlights_generate(year=2026, quarter=1, today=TODAY)
        wage_contract(signed_on=Q1, growth="7")
        wage_highlights_generate(year=2026, quarter=1, by="李", today=TODAY)
    with context.public():
        found = wage_highlights(federation=fed_a, year=2026, quarter=1)
        assert WageGeneration.objects.filter(federation=fed_a).count() == 2
        rows = WageFigure.objects.filter(federation=fed_a, year=2026, quarter=1, dimension="all")
        assert rows.count() == 2  # the quarter's and the year's, not four
    assert found.periods["quarter"].total.spread.median == Decimal("6.00")


def test_a_quarter_outside_this_year_and_the_last_is_refused(fed_a):
    with context.federation_context("fed_a"), pytest.raises(ValidationError) as error:
        wage_highlights_generate(year=2024, quarter=4, today=TODAY)
    assert "季度" in error.value.messages[0]


def test_the_quarterly_task_generates_the_quarter_just_ended(fed_a):
    with context.federation_context("fed_a"):
        wage_contract(signed_on=dt.date(2026, 8, 1), growth="9")
        generation = wage_highlights_quarterly(today=dt.date(2026, 10, 1))
    assert (generation.year, generation.quarter, generation.trigger) == (2026, 3, "scheduled")
    assert generation.contracts == 1


def _child(name, parent):
    return Federation.objects.bulk_create(
        [
            Federation(
                schema_name=f"x_{name}",
                name=name,
                short_name=name[:2],
                level="zone",
                region_code="230803",
                parent=parent,
            )
        ]
    )[0]


def _store(federation, histogram, *, contracts, industry="C"):
    now = timezone.now()
    for period in ("quarter", "year"):
        for dimension, segment in (("all", ""), ("industry", industry)):
            WageFigure.objects.create(
                federation=federation,
                year=2026,
                quarter=1,
                period=period,
                dimension=dimension,
                segment=segment,
                contracts=contracts,
                employees_covered=contracts * 10,
                increases=histogram,
                generated_at=now,
            )


def test_a_parent_rolls_up_two_children_from_their_histograms(fed_a, fed_b):
    """fed_a's page holds fed_b (generated in its own schema) and a zone (rows in the channel):
    the median is that of all their contracts, not an average of the two medians."""
    with context.federation_context("fed_b"):
        for growth in ("3", "4", "5"):
            wage_contract(signed_on=Q1, growth=growth, industry="C")
        wage_highlights_generate(year=2026, quarter=1, today=TODAY)
    with context.public():
        zone = _child("高新区总工会", fed_a)
        _store(zone, {"1000": 2, "1200": 1}, contracts=3)  # 10, 10, 12
        parent = wage_highlights(federation=fed_a, year=2026, quarter=1)
        child = wage_highlights(federation=fed_b, year=2026, quarter=1)
    total = parent.periods["quarter"].total
    assert total.contracts == 6
    # Pooled: 3 4 5 10 10 12 -> median 7.5; the mean of the medians (4, 10) would be 7 too, so
    # check the quartiles, which no average of the children's gives.
    assert total.spread.median == Decimal("7.50")
    assert (total.spread.lower_quartile, total.spread.upper_quartile) == (
        Decimal("4.25"),
        Decimal("10.00"),
    )
    assert (total.spread.minimum, total.spread.maximum) == (Decimal("3.00"), Decimal("12.00"))
    assert (parent.federations, parent.published) == (3, 2)
    industry = parent.periods["quarter"].by_dimension["industry"]
    assert [(row.segment, row.contracts) for row in industry] == [("C", 6)]
    # The child sees its own subtree only.
    assert child.periods["quarter"].total.contracts == 3
    assert child.periods["quarter"].total.spread.median == Decimal("4.00")
    with context.public():
        assert wage_quarters(federation=fed_a) == [(2026, 1)]
        assert wage_quarters(federation=fed_b) == [(2026, 1)]


def test_reading_costs_the_same_queries_whatever_the_subtree_and_segments(fed_a):
    with context.public():
        first = _child("一号区", fed_a)
        _store(first, {"500": 1}, contracts=1)
        with CaptureQueriesContext(connection) as few:
            wage_highlights(federation=fed_a, year=2026, quarter=1)
        for index in range(8):
            other = _child(f"区{index}", fed_a)
            _store(other, {"600": 2, "700": 1}, contracts=3, industry="CFGHIJKL"[index])
        with CaptureQueriesContext(connection) as many:
            found = wage_highlights(federation=fed_a, year=2026, quarter=1)
    assert found.periods["quarter"].total.contracts == 25
    assert len(many) == len(few) == 2
