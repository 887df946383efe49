"""The admin home's deadlines: a deadline met leaves the list instead of showing as overdue."""

import datetime as dt

import pytest
from django.utils import translation

from compliance.models import Contract
from compliance.selectors.dashboard import deadlines
from compliance.services import bargaining, contracts
from tenants import context
from tests.factories import compliance as f


@pytest.fixture(autouse=True)
def chinese():
    """The items are told apart by their Chinese labels, whatever language an earlier test left."""
    with translation.override("zh-hans"):
        yield


def test_a_renewal_leaves_the_deadlines_once_its_offer_is_sent(fed_a):
    """Regression: an expiring contract stayed "overdue" for renewal though the renewal offer
    had been sent and bargaining was under way."""
    with context.federation_context(fed_a):
        f.round_at("effective")
        contract = Contract.objects.get(status="effective")
        reminded = contract.renewal_window_opens
        contracts.contracts_sweep(today=reminded)
        today = contract.ends_on + dt.timedelta(days=1)
        assert [i.contract_id for i in deadlines(today=today) if "公布" not in i.what] == [
            contract.pk
        ]
        assert deadlines(today=today)[0].overdue
        refused = bargaining.round_offer(
            enterprise=contract.enterprise, offered_by="union", offer_date=reminded
        )
        bargaining.round_reply(round_id=refused.pk, accepted=False, reply_date=reminded)
        assert [i.contract_id for i in deadlines(today=today) if "公布" not in i.what] == [
            contract.pk
        ]  # refused
        bargaining.round_offer(
            enterprise=contract.enterprise, offered_by="union", offer_date=reminded
        )
        assert not [i for i in deadlines(today=today) if i.contract_id and "公布" not in i.what]


def test_a_renewal_is_listed_from_the_day_its_window_opens(fed_a):
    """Issue 15 (R29): the renewal shows from the first day of its window (three months before
    the term ends, by the national rule), not a week before expiry; the day before, it does not."""
    with context.federation_context(fed_a):
        f.round_at("effective")
        contract = Contract.objects.get(status="effective")
        opens = contract.renewal_window_opens
        assert (contract.ends_on - opens).days > 80  # months before the end, not days
        before = [
            i
            for i in deadlines(today=opens - dt.timedelta(days=1))
            if i.contract_id and "公布" not in i.what
        ]
        assert before == []
        (item,) = [i for i in deadlines(today=opens) if i.contract_id and "公布" not in i.what]
        assert item.contract_id == contract.pk and item.due == contract.ends_on
        assert not item.overdue
        assert opens.isoformat() in item.rule and contract.ends_on.isoformat() in item.rule


def test_an_unpublished_contract_is_listed_until_it_is_published(fed_a):
    """Issue 15 (R23): publication to the employees is due a profile period after the contract
    took effect (10 days by the portal's national default): listed when due soon, overdue after,
    gone once published; a contract entered from the ledger is not listed."""
    with context.federation_context(fed_a):
        f.round_at("effective")
        contract = Contract.objects.get(status="effective")
        effective = contract.effective_on
        far = [i for i in deadlines(today=effective - dt.timedelta(days=30)) if "公布" in i.what]
        assert far == []
        (item,) = [i for i in deadlines(today=effective + dt.timedelta(days=5)) if "公布" in i.what]
        assert item.what == "向全体职工公布" and not item.overdue
        assert "该期限无法定标准" in item.rule  # "promptly" in the statute: the profile's number
        (late,) = [i for i in deadlines(today=item.due + dt.timedelta(days=1)) if "公布" in i.what]
        assert late.overdue
        contracts.contract_publish(
            contract_id=contract.pk, published_on=item.due, publish_publicly=False
        )
        assert [
            i for i in deadlines(today=item.due + dt.timedelta(days=1)) if "公布" in i.what
        ] == []
        imported = contracts.contract_register_existing(
            data={
                "enterprise": f.enterprise(),
                "title": "台账导入合同",
                "starts_on": effective,
                "ends_on": effective + dt.timedelta(days=900),
                "as_of": effective,
            }
        )[0]
        listed = [i.contract_id for i in deadlines(today=item.due + dt.timedelta(days=1))]
        assert imported.pk not in listed
