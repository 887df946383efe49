"""Who an offer campaign (要约行动) should reach, and how it is going."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Exists, OuterRef, Q

from compliance.models import BargainingRound, Campaign, Contract, Enterprise
from compliance.models.enterprises import KEY_EMPLOYEE_THRESHOLD
from compliance.selectors.statistics import effective_on

_OPEN_ROUND = ~Q(status__in=("refused", "no_reply", "effective"))
KEY_ENTERPRISE = (
    Q(employees__gte=KEY_EMPLOYEE_THRESHOLD)
    | Q(fortune500_investor=True)
    | Q(head_npc_deputy=True)
    | Q(head_cppcc_member=True)
    | Q(head_model_worker=True)
)


def campaign_candidates(*, campaign: Campaign, as_of: dt.date):
    """Enterprises to receive an offer: key enterprises (or, if the campaign says so, every
    unionised one) with no contract in force on `as_of`, no round under way, and no offer from
    this campaign yet."""
    in_force = Contract.objects.filter(effective_on(as_of))
    base = Enterprise.objects.filter(union_established=True)
    if not campaign.include_all_unionised:
        base = Enterprise.objects.filter(KEY_ENTERPRISE)
    return (
        base.exclude(Exists(in_force.filter(enterprise=OuterRef("pk"))))
        .exclude(Exists(in_force.filter(covered_enterprises=OuterRef("pk"))))
        .exclude(Exists(BargainingRound.objects.filter(_OPEN_ROUND, enterprise=OuterRef("pk"))))
        .exclude(
            Exists(BargainingRound.objects.filter(campaign=campaign, enterprise=OuterRef("pk")))
        )
        .order_by("-employees", "name")
    )


def campaign_progress(*, campaign: Campaign) -> dict[str, int]:
    """Rounds of the campaign by status (one query)."""
    rows = (
        BargainingRound.objects.filter(campaign=campaign)
        .values("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {row["status"]: row["n"] for row in rows}
    counts["total"] = sum(counts.values())
    counts["answered"] = counts["total"] - counts.get("offered", 0) - counts.get("no_reply", 0)
    return counts
