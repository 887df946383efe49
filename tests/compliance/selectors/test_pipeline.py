"""The funnel: each enterprise at its furthest stage, the stuck lists that agree with the counts,
the network figures that agree with both, and a constant number of queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.rules.pipeline import STAGES
from compliance.selectors.pipeline import forecast_list, funnel, stuck_enterprises
from compliance.selectors.segments import segment_figures
from compliance.services.contracts import contract_publish
from compliance.services.pipeline import intent_save, survey_save
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")
TODAY = dt.date(2026, 11, 21)


def _survey(ent, day=dt.date(2026, 2, 10), category="unable"):
    survey_save(
        survey=None,
        data={
            "enterprise": ent,
            "year": 2026,
            "category": category,
            "reasons": [],
            "surveyed_on": day,
            "surveyed_by": "张明",
        },
        reason="test",
    )


def _intent(ent, *, month=12, year=2026, day=dt.date(2026, 2, 12)):
    intent_save(
        intent=None,
        data={"enterprise": ent, "year": year, "planned_month": month, "recorded_on": day},
        reason="test",
    )


def _ledger():
    """One enterprise standing at each stage, and one without a union."""
    at = {}
    at["unionised"] = f.enterprise(employees=50, union_members=20)
    at["in_scope"] = f.enterprise(employees=150)
    at["surveyed"] = f.enterprise(region_code="230804")
    _survey(at["surveyed"])
    at["intent"] = f.enterprise()
    _survey(at["intent"], category="willing")
    _intent(at["intent"])
    at["offered"] = f.offered_round().enterprise
    at["signed"] = f.round_at("signed").enterprise
    at["filed"] = f.round_at("submitted").enterprise
    effective = f.round_at("effective")
    contract_publish(
        contract_id=effective.contract.pk, published_on=dt.date(2026, 5, 8), publish_publicly=False
    )
    at["published"] = effective.enterprise
    f.enterprise(union_established=False, union_members=0)
    return at


def test_each_enterprise_stands_at_its_furthest_stage():
    at = _ledger()
    result = funnel(year=2026, today=TODAY)
    assert [s.count for s in result.steps] == [8, 7, 6, 5, 4, 3, 2, 1]
    assert all(s.stuck == 1 for s in result.steps)
    for stage, enterprise in at.items():
        stuck = list(stuck_enterprises(year=2026, stage=stage, today=TODAY))
        assert stuck == [enterprise], stage


def test_a_later_stage_implies_the_earlier_ones():
    """A signed round without a recorded survey or intent still passes those stages."""
    signed = f.round_at("signed")
    result = funnel(year=2026, today=TODAY)
    assert {s.stage: s.count for s in result.steps}["signed"] == 1
    (stuck,) = stuck_enterprises(year=2026, stage="signed", today=TODAY)
    assert stuck.round_id == signed.pk


def test_the_funnel_stands_as_on_the_day():
    ent = f.enterprise()
    _survey(ent, day=dt.date(2026, 6, 1))
    before = funnel(year=2026, today=dt.date(2026, 5, 31))
    after = funnel(year=2026, today=dt.date(2026, 6, 1))
    assert before.steps[STAGES.index("surveyed")].count == 0
    assert after.steps[STAGES.index("surveyed")].count == 1


def test_last_years_rounds_do_not_count_this_year():
    f.round_at("signed")  # offered and signed in 2026
    assert funnel(year=2027, today=dt.date(2027, 2, 1)).steps[4].count == 0


def test_a_segment_filters_the_funnel_and_its_stuck_list():
    at = _ledger()
    result = funnel(year=2026, dimension="region", segment="230804", today=TODAY)
    assert result.steps[0].count == 1 and result.steps[2].count == 1
    assert list(
        stuck_enterprises(
            year=2026, stage="surveyed", dimension="region", segment="230804", today=TODAY
        )
    ) == [at["surveyed"]]
    assert not stuck_enterprises(
        year=2026, stage="surveyed", dimension="region", segment="230811", today=TODAY
    ).exists()


def test_the_network_figures_carry_the_same_funnel():
    _ledger()
    segments = segment_figures(as_of=TODAY)
    whole = segments[("all", "")]
    result = funnel(year=2026, today=TODAY)
    assert [
        whole.unionised,
        whole.funnel_in_scope,
        whole.funnel_surveyed,
        whole.funnel_intent,
        whole.funnel_offered,
        whole.funnel_signed,
        whole.funnel_filed,
        whole.funnel_published,
    ] == [s.count for s in result.steps]
    region = funnel(year=2026, dimension="region", segment="230804", today=TODAY)
    assert segments[("region", "230804")].funnel_surveyed == region.steps[2].count == 1
    # The intent planned for December: in the forecast of 21 November.
    assert whole.forecast == result.forecast == 1


def test_the_forecast_lists_the_coming_months_with_their_offers():
    ent, later = f.enterprise(), f.enterprise()
    _intent(ent, month=12)
    _intent(later, month=3, year=2027, day=dt.date(2026, 11, 1))
    f.offered_round(ent)
    rows = list(forecast_list(today=TODAY))
    assert [(r.enterprise, r.offered) for r in rows] == [(ent, True)]
    rows = list(forecast_list(today=dt.date(2027, 1, 5)))
    assert [r.enterprise for r in rows] == [later]


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        call()
    return len(queries)


def test_the_funnel_and_a_stuck_page_take_the_same_queries_whatever_the_rows():
    def page():
        return list(stuck_enterprises(year=2026, stage="in_scope", today=TODAY)[:50])

    f.enterprise()
    few = _queries(lambda: funnel(year=2026, today=TODAY)), _queries(page)
    for _ in range(6):
        ent = f.enterprise()
        _survey(ent)
        f.enterprise()
        f.offered_round()
    many = _queries(lambda: funnel(year=2026, today=TODAY)), _queries(page)
    assert few == many == (1, 1)
