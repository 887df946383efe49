"""The 一函两书 escalation table: every allowed and forbidden step (R41, R42)."""

import datetime as dt

import pytest
from django.utils import translation

from compliance.rules.escalation import (
    LetterFacts,
    issue_problem,
    kinds_offered,
    proposed_next,
    reply_timeliness,
)

TODAY = dt.date(2026, 6, 1)
DUE_PASSED = dt.date(2026, 5, 20)
DUE_AHEAD = dt.date(2026, 6, 10)


def opinion(**kwargs):
    return LetterFacts(kind="opinion", due_on=kwargs.pop("due_on", DUE_PASSED), **kwargs)


def problem(kind, letters=(), level="city", trigger="", signer_title=""):
    with translation.override("en"):
        return issue_problem(
            kind=kind,
            federation_level=level,
            letters=list(letters),
            today=TODAY,
            trigger=trigger,
            signer_title=signer_title,
        )


@pytest.mark.parametrize("kind", ["reminder", "rectification"])
@pytest.mark.parametrize("level", ["province", "city", "county", "zone"])
def test_reminders_and_notices_are_always_allowed(kind, level):
    assert problem(kind, level=level) is None


@pytest.mark.parametrize(
    ("title", "ok"), [("主席", True), ("副主席", True), ("", False), ("办公室主任", False)]
)
def test_opinion_is_signed_by_the_chair_or_a_vice_chair(title, ok):
    assert (problem("opinion", signer_title=title) is None) is ok


def test_opinion_may_follow_a_reminder_or_come_first():
    reminder = LetterFacts(kind="reminder", due_on=DUE_PASSED)
    assert problem("opinion", [reminder], signer_title="主席") is None
    assert problem("opinion", [], signer_title="主席") is None


@pytest.mark.parametrize("level", ["province", "city", "county"])
def test_recommendation_from_county_level_or_higher(level):
    assert problem("recommendation", [opinion()], level=level, trigger="no_reply") is None


def test_development_zone_may_not_recommend():
    assert "county-level" in problem(
        "recommendation", [opinion()], level="zone", trigger="no_reply"
    )


def test_recommendation_needs_an_opinion_letter():
    reminder = LetterFacts(kind="reminder", due_on=DUE_PASSED)
    assert "opinion letter first" in problem("recommendation", [reminder], trigger="no_reply")


@pytest.mark.parametrize(
    ("letter", "trigger", "allowed"),
    [
        (opinion(), "no_reply", True),
        (opinion(due_on=DUE_AHEAD), "no_reply", False),
        (opinion(replied_on=dt.date(2026, 5, 1)), "no_reply", False),
        # R42: the deadline day itself is in time; a reply the day after is late and still
        # meets "did not reply within the time limit".
        (opinion(replied_on=DUE_PASSED), "no_reply", False),
        (opinion(replied_on=DUE_PASSED + dt.timedelta(days=1)), "no_reply", True),
        (opinion(delivery_refused=True), "refused", True),
        (opinion(), "refused", False),
        (
            opinion(replied_on=dt.date(2026, 5, 1), unrectified_without_reason=True),
            "not_rectified",
            True,
        ),
        (opinion(replied_on=dt.date(2026, 5, 1)), "not_rectified", False),
        (opinion(), "", False),
        (opinion(), "bribery", False),
    ],
)
def test_recommendation_trigger_must_hold(letter, trigger, allowed):
    assert (problem("recommendation", [letter], trigger=trigger) is None) is allowed


def test_one_recommendation_per_case():
    letters = [opinion(), LetterFacts(kind="recommendation", due_on=DUE_AHEAD)]
    assert "already" in problem("recommendation", letters, trigger="no_reply")


def test_unknown_kind_is_refused():
    assert problem("ultimatum")


@pytest.mark.parametrize(
    ("letters", "level", "proposal"),
    [
        ([], "city", None),
        ([LetterFacts(kind="reminder", due_on=DUE_PASSED)], "city", "opinion"),
        ([LetterFacts(kind="reminder", due_on=DUE_AHEAD)], "city", None),
        ([LetterFacts(kind="reminder", due_on=DUE_PASSED, replied_on=TODAY)], "city", None),
        ([opinion()], "city", "recommendation"),
        ([opinion()], "zone", None),
        ([opinion(due_on=DUE_AHEAD, delivery_refused=True)], "county", "recommendation"),
        ([opinion(due_on=DUE_AHEAD)], "county", None),
        ([opinion(), LetterFacts(kind="recommendation", due_on=DUE_PASSED)], "city", None),
    ],
)
def test_proposed_next_letter(letters, level, proposal):
    assert proposed_next(letters=letters, federation_level=level, today=TODAY) == proposal


@pytest.mark.parametrize(
    ("level", "letters", "offered"),
    [
        ("city", [], ["reminder", "opinion", "rectification"]),
        ("city", [opinion()], ["reminder", "opinion", "recommendation", "rectification"]),
        ("county", [opinion()], ["reminder", "opinion", "recommendation", "rectification"]),
        ("zone", [opinion()], ["reminder", "opinion", "rectification"]),  # R41: never offered
        (
            "city",
            [opinion(), LetterFacts(kind="recommendation", due_on=DUE_AHEAD)],
            ["reminder", "opinion", "rectification"],
        ),
    ],
)
def test_the_case_page_offers_only_kinds_that_can_be_issued(level, letters, offered):
    """Regression: a zone federation was offered 签发建议书 only to be refused on submission."""
    assert kinds_offered(federation_level=level, letters=letters) == offered
    for kind in offered:  # what is offered is not refused for the structure of the case
        assert problem(kind, letters, level=level, trigger="no_reply", signer_title="主席") is None


def test_a_late_reply_to_an_opinion_letter_still_proposes_the_recommendation():
    late = opinion(replied_on=DUE_PASSED + dt.timedelta(days=3))
    in_time = opinion(replied_on=DUE_PASSED)
    assert proposed_next(letters=[late], federation_level="city", today=TODAY) == "recommendation"
    assert proposed_next(letters=[in_time], federation_level="city", today=TODAY) is None


def test_the_reply_is_shown_against_its_deadline():
    with translation.override("en"):
        assert reply_timeliness(due_on=DUE_PASSED, replied_on=None, today=TODAY) == (
            "No reply; the time limit 2026-05-20 passed 12 days ago."
        )
        assert "due by 2026-06-10" in reply_timeliness(
            due_on=DUE_AHEAD, replied_on=None, today=TODAY
        )
        assert reply_timeliness(
            due_on=DUE_PASSED, replied_on=dt.date(2026, 5, 23), today=TODAY
        ) == ("Replied on 2026-05-23, 3 days after the time limit 2026-05-20.")
        assert "within the time limit" in reply_timeliness(
            due_on=DUE_PASSED, replied_on=DUE_PASSED, today=TODAY
        )
    with translation.override("zh-hans"):
        late = reply_timeliness(due_on=DUE_PASSED, replied_on=dt.date(2026, 5, 23), today=TODAY)
        assert late == "于2026-05-23答复，超过答复期限（2026-05-20）3日，属逾期答复。"
