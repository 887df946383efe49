from fractions import Fraction

import pytest
from django.utils import translation

from compliance.rules.votes import congress_vote


def test_exact_half_of_all_passes_when_not_strict():
    result = congress_vote(total=32, present=30, in_favour=16)
    assert result.passed
    assert result.approved
    assert result.exact_boundary
    assert result.reasons == ()


def test_exact_half_of_all_fails_when_strict():
    with translation.override("en"):
        result = congress_vote(total=32, present=30, in_favour=16, approval_strict=True)
    assert not result.passed
    assert not result.approved
    assert result.quorum_met
    assert result.exact_boundary
    assert len(result.reasons) == 1
    assert "16 of 32" in result.reasons[0]
    assert "at least 17" in result.reasons[0]


def test_one_more_than_half_passes_when_strict_and_is_not_a_boundary():
    result = congress_vote(total=32, present=30, in_favour=17, approval_strict=True)
    assert result.passed
    assert not result.exact_boundary


def test_one_less_than_half_fails_when_not_strict():
    result = congress_vote(total=32, present=30, in_favour=15)
    assert not result.approved
    assert not result.exact_boundary


def test_exactly_two_thirds_present_meets_the_quorum():
    assert congress_vote(total=30, present=20, in_favour=20).quorum_met


def test_one_below_two_thirds_present_misses_the_quorum():
    with translation.override("en"):
        result = congress_vote(total=30, present=19, in_favour=19)
    assert not result.quorum_met
    assert not result.passed
    assert result.approved  # 19 of 30 is more than half; the quorum alone fails it
    assert result.reasons == (
        "Only 19 of 30 representatives attended; at least 20 (2/3 of all) are required.",
    )


def test_quorum_rounds_up_when_two_thirds_is_not_whole():
    with translation.override("en"):
        failed = congress_vote(total=32, present=21, in_favour=21)
    assert not failed.quorum_met
    assert failed.reasons[0].startswith("Only 21 of 32 representatives attended; at least 22")
    assert congress_vote(total=32, present=22, in_favour=22).quorum_met


def test_approval_counts_all_representatives_not_those_present():
    assert congress_vote(total=30, present=21, in_favour=15).passed
    with translation.override("en"):
        result = congress_vote(total=30, present=21, in_favour=14)
    # 14 of 21 present is two thirds of the room, but not half of all 30 representatives.
    assert not result.passed
    assert result.quorum_met
    assert "not of those present" in result.reasons[0]


def test_both_failures_are_explained():
    result = congress_vote(total=30, present=10, in_favour=10)
    assert not result.quorum_met
    assert not result.approved
    assert len(result.reasons) == 2


def test_thresholds_are_parameters():
    # A simple-majority quorum and a two-thirds approval, both at their exact boundaries.
    result = congress_vote(
        total=9, present=5, in_favour=5, quorum=Fraction(1, 2), approval=Fraction(5, 9)
    )
    assert result.quorum_met
    assert result.exact_boundary
    assert result.passed


@pytest.mark.parametrize(
    "kwargs",
    [
        {"total": 0, "present": 0, "in_favour": 0},
        {"total": -3, "present": 0, "in_favour": 0},
        {"total": 30, "present": -1, "in_favour": 0},
        {"total": 30, "present": 20, "in_favour": -1},
        {"total": 30, "present": 31, "in_favour": 10},
        {"total": 30, "present": 20, "in_favour": 21},
        {"total": 30.0, "present": 20, "in_favour": 10},
        {"total": 30, "present": 20, "in_favour": 10, "quorum": 0.6667},
        {"total": 30, "present": 20, "in_favour": 10, "approval": Fraction(3, 2)},
        {"total": 30, "present": 20, "in_favour": 10, "quorum": Fraction(0)},
    ],
)
def test_invalid_input_raises_value_error(kwargs):
    with pytest.raises(ValueError):
        congress_vote(**kwargs)


def test_invalid_input_message_names_the_numbers():
    with translation.override("en"), pytest.raises(ValueError, match="31 representatives"):
        congress_vote(total=30, present=31, in_favour=10)


def test_a_vote_reads_as_present_of_all_then_in_favour():
    from compliance.rules.votes import vote_summary

    with translation.override("zh-hans"):
        assert vote_summary(total=45, present=29, in_favour=25) == "出席 29/45，赞成 25"
    with translation.override("en"):
        assert vote_summary(total=45, present=29, in_favour=25) == "Present 29/45, in favour 25"
