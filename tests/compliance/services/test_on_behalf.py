"""上代下 (issue 18 item 5): the federation makes the offer, or runs the round, for a weak
enterprise union; recorded with why and who, and the employer still owes the reply (R1/R2)."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from compliance.models import BargainingRound
from compliance.services import bargaining
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")
DAY = dt.date(2026, 3, 2)


def _offer(**kwargs):
    data = {"enterprise": f.enterprise(), "offered_by": "union", "offer_date": DAY}
    data.update(kwargs)
    return bargaining.round_offer(**data)


def test_an_offer_on_behalf_is_recorded_with_its_reason_and_who_acted():
    r = _offer(on_behalf="offer", on_behalf_reason="weak_union", on_behalf_by="区总工会 王敏")
    assert (r.on_behalf, r.on_behalf_reason, r.on_behalf_by) == (
        "offer",
        "weak_union",
        "区总工会 王敏",
    )
    assert "上代下" in r.history.first().history_change_reason
    # The employer still owes its reply: the round waits for it with the R1 deadline.
    assert r.status == BargainingRound.Status.OFFERED and r.reply_due > DAY
    bargaining.round_reply(round_id=r.pk, accepted=True, reply_date=dt.date(2026, 3, 9))
    r.refresh_from_db()
    assert r.status == BargainingRound.Status.NEGOTIATING


def test_on_behalf_needs_a_reason_and_who_acted():
    with pytest.raises(ValidationError) as exc:
        _offer(on_behalf="offer")
    assert {"on_behalf_reason", "on_behalf_by"} <= set(exc.value.error_dict)
    assert not BargainingRound.objects.exists()


def test_an_employers_offer_cannot_be_made_on_behalf_of_the_union():
    with pytest.raises(ValidationError) as exc:
        _offer(offered_by="employer", on_behalf="offer", on_behalf_reason="other", on_behalf_by="x")
    assert "on_behalf" in exc.value.error_dict


def test_the_reason_is_dropped_when_the_union_acts_itself():
    r = _offer(on_behalf="", on_behalf_reason="weak_union", on_behalf_by="x")
    assert (r.on_behalf_reason, r.on_behalf_by) == ("", "")


def test_a_round_under_way_is_taken_over_with_a_reason_in_its_history():
    r = _offer()
    bargaining.round_set_on_behalf(
        round_id=r.pk,
        on_behalf="round",
        on_behalf_reason="no_chair",
        on_behalf_by="区总工会",
        reason="工会主席空缺，由区总工会代行",
    )
    r.refresh_from_db()
    assert r.on_behalf == "round" and r.status == BargainingRound.Status.OFFERED
    assert r.history.first().history_change_reason == "工会主席空缺，由区总工会代行"


def test_an_ended_round_is_not_changed():
    r = _offer()
    bargaining.round_reply(round_id=r.pk, accepted=False, reply_date=dt.date(2026, 3, 9))
    with pytest.raises(ValidationError):
        bargaining.round_set_on_behalf(
            round_id=r.pk,
            on_behalf="round",
            on_behalf_reason="no_chair",
            on_behalf_by="区总工会",
            reason="x",
        )
