"""Supervision reads: letters awaiting a reply on the admin home."""

import datetime as dt

from compliance.selectors.supervision import letter_deadlines
from compliance.services import supervision as sv
from tenants import context
from tests.factories.supervision import issued_letter


def test_an_answered_letter_leaves_the_deadlines(fed_a):
    """Regression: letters' deadlines were not on the admin home; an answered letter must not
    show there as overdue."""
    letter, _token = issued_letter(fed_a)
    after = letter.due_on + dt.timedelta(days=1)
    with context.federation_context(fed_a):
        (item,) = letter_deadlines(today=after)
        assert item.letter_id == letter.pk and item.overdue
        assert letter.number in item.what
        assert not letter_deadlines(today=letter.due_on - dt.timedelta(days=8))  # not yet due
        sv.letter_record_reply(letter_id=letter.pk, replied_on=after, text="已整改。")
        assert letter_deadlines(today=after) == []


def test_an_unanswered_letter_followed_by_the_next_leaves_the_deadlines(fed_a):
    letter, _token = issued_letter(fed_a)
    after = letter.due_on + dt.timedelta(days=1)
    with context.federation_context(fed_a):
        sv.letters_sweep(today=after)
        (item,) = letter_deadlines(today=after)
        assert item.overdue
        opinion, _ = sv.letter_issue(
            case_id=letter.case_id,
            kind="opinion",
            issued_on=after,
            facts="逾期未回复。",
            legal_basis="《工会法》",
            actions=["书面回复"],
            signer="王建华",
            signer_title="主席",
        )
        assert [i.letter_id for i in letter_deadlines(today=after + dt.timedelta(days=30))] == [
            opinion.pk
        ]
