"""Offer campaigns (要约行动月/季, seed 000): offers to many enterprises in one action (R1)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from compliance.models import BargainingRound, Campaign
from compliance.selectors.campaigns import campaign_candidates
from compliance.selectors.profile import current_profile, working_calendar
from compliance.services.bargaining import round_offer


@transaction.atomic
def campaign_launch(
    *,
    campaign_id: int,
    offer_date: dt.date,
    dual_offer: bool = False,
    kind: str = "comprehensive",
    user=None,
) -> list[BargainingRound]:
    """Send the campaign's offers to every current candidate, each with its own reply deadline.

    Idempotent: an enterprise already offered in this campaign is not offered again.
    """
    campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
    if not campaign.starts_on <= offer_date <= campaign.ends_on:
        raise ValidationError(
            _("The offer date must fall within the campaign (%(start)s to %(end)s).")
            % {"start": campaign.starts_on, "end": campaign.ends_on}
        )
    rounds = []
    # One reading of the profile and calendar for the whole campaign, not one per offer.
    profile, calendar = current_profile(), working_calendar()
    for enterprise in campaign_candidates(campaign=campaign, as_of=offer_date):
        rounds.append(
            round_offer(
                enterprise=enterprise,
                offered_by=BargainingRound.OfferedBy.UNION,
                offer_date=offer_date,
                kind=kind,
                dual_offer=dual_offer,
                campaign=campaign,
                user=user,
                profile=profile,
                calendar=calendar,
            )
        )
    return rounds
