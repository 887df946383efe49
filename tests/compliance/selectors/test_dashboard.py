"""The admin home's deadlines: a deadline met leaves the list instead of showing as overdue."""

import datetime as dt

from compliance.models import Contract
from compliance.selectors.dashboard import deadlines
from compliance.services import bargaining, contracts
from tenants import context
from tests.factories import compliance as f


def test_a_renewal_leaves_the_deadlines_once_its_offer_is_sent(fed_a):
    """Regression: an expiring contract stayed "overdue" for renewal though the renewal offer
    had been sent and bargaining was under way."""
    with context.federation_context(fed_a):
        f.round_at("effective")
        contract = Contract.objects.get(status="effective")
        reminded = contract.renewal_window_opens
        contracts.contracts_sweep(today=reminded)
        today = contract.ends_on + dt.timedelta(days=1)
        assert [i.contract_id for i in deadlines(today=today)] == [contract.pk]
        assert deadlines(today=today)[0].overdue
        refused = bargaining.round_offer(
            enterprise=contract.enterprise, offered_by="union", offer_date=reminded
        )
        bargaining.round_reply(round_id=refused.pk, accepted=False, reply_date=reminded)
        assert [i.contract_id for i in deadlines(today=today)] == [contract.pk]  # refused
        bargaining.round_offer(
            enterprise=contract.enterprise, offered_by="union", offer_date=reminded
        )
        assert not [i for i in deadlines(today=today) if i.contract_id]


def test_a_renewal_is_listed_from_the_day_its_window_opens(fed_a):
    """Issue 15 (R29): the renewal shows from the first day of its window (three months before
    the term ends, by the national rule), not a week before expiry; the day before, it does not."""
    with context.federation_context(fed_a):
        f.round_at("effective")
        contract = Contract.objects.get(status="effective")
        opens = contract.renewal_window_opens
        assert (contract.ends_on - opens).days > 80  # months before the end, not days
        before = [i for i in deadlines(today=opens - dt.timedelta(days=1)) if i.contract_id]
        assert before == []
        (item,) = [i for i in deadlines(today=opens) if i.contract_id]
        assert item.contract_id == contract.pk and item.due == contract.ends_on
        assert not item.overdue
        assert opens.isoformat() in item.rule and contract.ends_on.isoformat() in item.rule
