import datetime as dt
import random
import statistics
from decimal import ROUND_HALF_UP, Decimal

import pytest

from compliance.rules.wages import (
    increase_key,
    merge,
    previous_quarter,
    quarter_bounds,
    quarter_problem,
    quarters_offered,
    spread,
)


def _histogram(values):
    out = {}
    for value in values:
        key = increase_key(Decimal(value))
        out[key] = out.get(key, 0) + 1
    return out


def test_quartiles_interpolate_between_ranks_like_quartile_inc():
    result = spread(_histogram(["1", "2", "3", "4"]))
    assert result.count == 4
    assert (result.minimum, result.maximum) == (Decimal("1.00"), Decimal("4.00"))
    assert result.median == Decimal("2.50")
    assert (result.lower_quartile, result.upper_quartile) == (Decimal("1.75"), Decimal("3.25"))


def test_an_odd_count_has_its_middle_value_as_median():
    assert spread(_histogram(["8.5", "3", "12.25"])).median == Decimal("8.50")


def test_merged_histograms_give_the_spread_of_all_the_contracts_together():
    """Medians cannot be summed: the merged histogram must answer exactly as the pooled values."""
    rng = random.Random(19)
    for _round in range(50):
        parts = [
            [f"{rng.randint(-200, 1800) / 100:.2f}" for _ in range(rng.randint(1, 30))]
            for _child in range(rng.randint(2, 5))
        ]
        pooled = sorted(Decimal(v) for part in parts for v in part)
        result = spread(merge(_histogram(part) for part in parts))
        if len(pooled) > 1:
            q1, q2, q3 = statistics.quantiles(pooled, n=4, method="inclusive")
        else:
            q1 = q2 = q3 = pooled[0]
        assert result.count == len(pooled)
        assert result.median == Decimal(q2).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        assert result.lower_quartile == Decimal(q1).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        assert result.upper_quartile == Decimal(q3).quantize(
            Decimal("0.01"), rounding=ROUND_HALF_UP
        )
        assert (result.minimum, result.maximum) == (pooled[0], pooled[-1])


def test_an_empty_histogram_has_no_spread():
    result = spread({})
    assert result.empty and result.median is None
    assert spread({"350": 0}).empty


def test_keys_keep_the_contracts_two_decimals():
    assert increase_key(Decimal("3.5")) == "350"
    assert increase_key(Decimal("-1.25")) == "-125"
    assert increase_key(Decimal("10.07")) == "1007"


def test_quarters():
    assert quarter_bounds(2026, 1) == (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    assert quarter_bounds(2026, 4) == (dt.date(2026, 10, 1), dt.date(2026, 12, 31))
    with pytest.raises(ValueError):
        quarter_bounds(2026, 5)
    assert previous_quarter(dt.date(2026, 1, 1)) == (2025, 4)
    assert previous_quarter(dt.date(2026, 7, 1)) == (2026, 2)
    offered = quarters_offered(today=dt.date(2026, 5, 10))
    assert offered[0] == (2026, 2) and offered[-1] == (2025, 1) and len(offered) == 6
    assert quarter_problem(2026, 2, today=dt.date(2026, 5, 10)) is None
    assert quarter_problem(2026, 3, today=dt.date(2026, 5, 10))
    assert quarter_problem(2024, 4, today=dt.date(2026, 5, 10))
