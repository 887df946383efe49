"""The bargaining block of the enterprise area's home page (issue 17 items 2 and 3): the
enterprise's rounds, the one under way first, and the way to make an offer when none is."""

from django import template

from compliance.rules import procedure
from compliance.selectors.online_offers import enterprise_rounds

register = template.Library()


@register.inclusion_tag("compliance/enterprise_area/_home_rounds.html")
def home_rounds(account):
    rounds = enterprise_rounds(enterprise=account.enterprise)
    under_way = next((r for r in rounds if r.status in procedure.UNDER_WAY), None)
    return {
        "rounds": rounds,
        "under_way": under_way,
        "owes_answer": under_way is not None
        and under_way.status == procedure.OFFERED
        and under_way.offered_by != account.side,
    }
