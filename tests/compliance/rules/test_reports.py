import datetime as dt

import pytest

from compliance.rules.figures import Figures
from compliance.rules.reports import (
    LINES,
    due_on,
    is_late,
    is_period_end,
    lines_from_figures,
    lines_sum,
    period_end_of,
    period_label,
    periods_owed,
    transition,
)

D = dt.date


@pytest.mark.parametrize(
    ("status", "action", "target"),
    [
        ("draft", "submit", "submitted"),
        ("returned", "submit", "submitted"),
        ("submitted", "return", "returned"),
        ("submitted", "accept", "accepted"),
        ("submitted", "submit", None),
        ("accepted", "submit", None),
        ("accepted", "return", None),
        ("accepted", "accept", None),
        ("draft", "accept", None),
        ("draft", "return", None),
        ("returned", "accept", None),
        ("returned", "return", None),
    ],
)
def test_transitions(status, action, target):
    assert transition(status=status, action=action) == target


def test_period_ends():
    assert period_end_of(kind="monthly", day=D(2026, 2, 10)) == D(2026, 2, 28)
    assert period_end_of(kind="quarterly", day=D(2026, 11, 5)) == D(2026, 12, 31)
    assert period_end_of(kind="quarterly", day=D(2026, 5, 5)) == D(2026, 6, 30)
    assert period_end_of(kind="yearly", day=D(2026, 5, 5)) == D(2026, 12, 31)
    assert is_period_end(kind="monthly", day=D(2024, 2, 29))
    assert not is_period_end(kind="quarterly", day=D(2026, 5, 31))
    assert period_label(kind="quarterly", period_end=D(2026, 9, 30)) == "2026 Q3"


def test_periods_owed_are_those_ended_since_the_start_newest_first():
    owed = periods_owed(kind="monthly", starts_on=D(2026, 8, 1), today=D(2026, 11, 20), limit=24)
    assert owed == [D(2026, 10, 31), D(2026, 9, 30), D(2026, 8, 31)]
    # The current month has not ended; a period ending on the start day counts.
    assert periods_owed(
        kind="quarterly", starts_on=D(2026, 9, 30), today=D(2026, 11, 20), limit=9
    ) == [D(2026, 9, 30)]
    assert (
        periods_owed(kind="yearly", starts_on=D(2026, 1, 1), today=D(2026, 11, 20), limit=9) == []
    )
    assert (
        len(periods_owed(kind="monthly", starts_on=D(2000, 1, 1), today=D(2026, 11, 20), limit=5))
        == 5
    )


def test_late_on_each_side_of_the_due_day():
    due = due_on(period_end=D(2026, 10, 31), due_days=10)
    assert due == D(2026, 11, 10)
    assert not is_late(due=due, submitted_on=None, today=D(2026, 11, 10))
    assert is_late(due=due, submitted_on=None, today=D(2026, 11, 11))
    assert not is_late(due=due, submitted_on=D(2026, 11, 10), today=D(2026, 12, 1))
    assert is_late(due=due, submitted_on=D(2026, 11, 11), today=D(2026, 12, 1))


def test_lines_take_the_kinds_flows_and_sum_numerators_and_denominators():
    figures = Figures(
        unionised=10, unionised_covered=5, expired_month=4, renewed_month=1, expired_year=9
    )
    monthly = lines_from_figures(segments={("all", ""): figures}, kind="monthly")
    assert monthly["expired"] == (4, None)
    assert monthly["renewal"] == (1, 4)
    assert lines_from_figures(segments={("all", ""): figures}, kind="yearly")["expired"] == (
        9,
        None,
    )
    total = lines_sum([monthly, {"coverage": (45, 50), "unknown": (1, 1)}])
    # 50/60, not the average of 50% and 90%.
    assert total["coverage"] == (50, 60)
    assert set(total) == {line.key for line in LINES}


def test_every_line_has_its_own_key():
    keys = [line.key for line in LINES]
    assert len(keys) == len(set(keys))
