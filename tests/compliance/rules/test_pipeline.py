from decimal import Decimal

from compliance.rules.pipeline import STAGES, forecast_months, funnel_steps


def test_each_stage_counts_those_beyond_it_and_the_stuck_stand_exactly_there():
    counts = dict(zip(STAGES, (716, 102, 90, 51, 30, 9, 8, 5), strict=True))
    steps = funnel_steps(counts)
    assert [s.stuck for s in steps] == [614, 12, 39, 21, 21, 1, 3, 5]
    assert steps[0].rate is None
    assert steps[1].rate == Decimal("14.2")  # 102 / 716, seed 003
    assert steps[5].rate == Decimal("30.0")


def test_a_stage_after_an_empty_one_has_no_rate():
    steps = funnel_steps({"unionised": 3})
    assert steps[1].count == 0 and steps[2].rate is None


def test_the_forecast_window_crosses_the_year():
    assert forecast_months(year=2026, month=11) == [(2026, 11), (2026, 12), (2027, 1)]
    assert forecast_months(year=2026, month=1, months=1) == [(2026, 1)]
