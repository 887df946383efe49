import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from compliance.models import Campaign
from compliance.selectors.campaigns import campaign_candidates, campaign_progress
from compliance.services.bargaining import round_reply
from compliance.services.campaigns import campaign_launch
from compliance.services.contracts import contract_register_existing
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")
MARCH = dt.date(2027, 3, 1)


def _campaign(**kwargs):
    return Campaign.objects.create(
        name="2027年要约行动月", starts_on=MARCH, ends_on=dt.date(2027, 3, 31), **kwargs
    )


def test_candidates_are_key_enterprises_without_a_contract_or_round():
    key_free = f.enterprise(employees=300)
    f.enterprise(employees=40, union_members=20)  # not key
    key_flagged = f.enterprise(employees=40, union_members=20, fortune500_investor=True)
    key_covered = f.enterprise(employees=500)
    contract_register_existing(
        data={
            "enterprise": key_covered,
            "title": "合同",
            "starts_on": dt.date(2026, 1, 1),
            "ends_on": dt.date(2028, 12, 31),
            "as_of": MARCH,
        }
    )
    key_busy = f.enterprise(employees=200)
    f.offered_round(key_busy)
    names = set(campaign_candidates(campaign=_campaign(), as_of=MARCH).values_list("pk", flat=True))
    assert names == {key_free.pk, key_flagged.pk}


def test_all_unionised_option_widens_the_list():
    small = f.enterprise(employees=40, union_members=20)
    no_union = f.enterprise(employees=40, union_established=False, union_members=0)
    pks = set(
        campaign_candidates(
            campaign=_campaign(include_all_unionised=True), as_of=MARCH
        ).values_list("pk", flat=True)
    )
    assert small.pk in pks and no_union.pk not in pks


def test_launch_creates_offers_once_and_tracks_replies():
    a, b = f.enterprise(employees=300), f.enterprise(employees=150)
    campaign = _campaign()
    rounds = campaign_launch(campaign_id=campaign.pk, offer_date=MARCH, dual_offer=True)
    assert {r.enterprise_id for r in rounds} == {a.pk, b.pk}
    assert all(r.dual_offer and r.campaign_id == campaign.pk for r in rounds)
    assert rounds[0].reply_due == dt.date(2027, 3, 22)  # 20 days from 1 March 2027 (Monday)
    assert campaign_launch(campaign_id=campaign.pk, offer_date=MARCH) == []
    round_reply(round_id=rounds[0].pk, accepted=False, reply_date=dt.date(2027, 3, 5))
    progress = campaign_progress(campaign=campaign)
    assert progress == {"offered": 1, "refused": 1, "total": 2, "answered": 1}


def test_offer_date_outside_the_campaign_is_refused(english):
    campaign = _campaign()
    with pytest.raises(ValidationError, match="within the campaign"):
        campaign_launch(campaign_id=campaign.pk, offer_date=dt.date(2027, 4, 1))


def test_launch_queries_do_not_grow_with_the_number_of_offers():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for(n):
        campaign = _campaign()
        for _ in range(n):
            f.enterprise(employees=300)
        with CaptureQueriesContext(connection) as ctx:
            campaign_launch(campaign_id=campaign.pk, offer_date=MARCH)
        return len(ctx.captured_queries), n

    small, _n = queries_for(2)
    large, _n = queries_for(6)
    # Per offer: savepoint, release, two foreign-key checks (full_clean), the row and its history
    # row. The profile and the calendar are read once for the campaign, not once per offer.
    assert (large - small) / 4 == 6
