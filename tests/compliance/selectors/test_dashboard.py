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
