"""The demo's bargaining pipeline (issue 18): a year's baseline survey (摸底调查) over each demo
federation's unionised enterprises, and the intents (协商预报) of the willing ones.

Seed 003 found, of about a hundred enterprises, 30+ 不愿谈, 20+ 不敢谈 and 80+ 不会谈 (an enterprise
may give several reasons): the demo keeps those proportions among the enterprises that do not
bargain yet (unable the most, then unwilling, then afraid), with a few willing ones and one whose
contract is not carried out. An enterprise with a round this year is surveyed as already
bargaining. So the funnel shows enterprises stuck at every stage: in scope but not surveyed
(the zone's newest), surveyed without intent, with intent but no offer, and those the bargaining
demo moved further.

Saved through the services with the demo's reason; an enterprise already surveyed this year is
left as it is, so seeding again changes nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from compliance.models import BargainingIntent, BargainingRound, BaselineSurvey, Enterprise
from compliance.models.pipeline import REASONS_BY_CATEGORY
from compliance.services.pipeline import intent_save, survey_save
from portal.demo.builders import REASON

# The order the classifications are handed out in to the enterprises not bargaining yet: of ten,
# four unable, two unwilling, one afraid (seed 003's proportions), two willing and one whose
# contract is not carried out.
PATTERN = (
    "unable",
    "willing",
    "unwilling",
    "afraid",
    "unable",
    "not_performed",
    "unable",
    "unwilling",
    "willing",
    "unable",
)
NOTES = {
    "unable": "企业工会主席表示不清楚协商程序，缺少工资和经营数据，希望指导员上门指导。",
    "unwilling": "企业负责人认为工资由企业自主决定，担心协商后增加用工成本。",
    "afraid": "职工代表担心提出诉求后影响岗位和收入，不敢在协商中发言。",
    "willing": "企业工会已征集职工意见，行政方同意今年开展工资专项集体协商。",
    "bargaining": "已发出要约，正在按程序推进。",
    "not_performed": "上一份集体合同约定的工资增幅未兑现，职工有意见。",
}
SURVEYOR = "市总工会法律工作部 张明"
# The enterprises left out of the survey (not yet reached): the last of each ledger in scope.
UNSURVEYED_EACH = 1


def _bargaining_ids(year: int) -> set[int]:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    rounds = BargainingRound.objects.filter(
        Q(offer_date__range=(start, end)) | Q(signed_date__range=(start, end))
    )
    return set(rounds.values_list("enterprise_id", flat=True))


def seed_pipeline(*, today: dt.date) -> int:
    """Survey this year's unionised enterprises and record the willing ones' intents; returns
    the rows added."""
    year = today.year
    surveyed = set(BaselineSurvey.objects.filter(year=year).values_list("enterprise_id", flat=True))
    bargaining = _bargaining_ids(year)
    enterprises = list(Enterprise.objects.filter(union_established=True).order_by("credit_code"))
    if not enterprises:
        return 0
    added = 0
    # The last in-scope enterprise without a round is left unsurveyed: the funnel's "in scope,
    # not yet surveyed".
    waiting = [e for e in enterprises if e.is_key and e.pk not in bargaining][-UNSURVEYED_EACH:]
    start = min(today, dt.date(year, 3, 1))
    # Key enterprises first, so that the pattern's first classifications fall within the funnel.
    ordered = sorted((e for e in enterprises if e not in waiting), key=lambda e: not e.is_key)
    classified = 0
    for index, enterprise in enumerate(ordered):
        if enterprise.pk in surveyed:
            continue
        if enterprise.pk in bargaining:
            category = "bargaining"
        else:
            category = PATTERN[classified % len(PATTERN)]
            classified += 1
        reasons = [str(r) for r in REASONS_BY_CATEGORY.get(category, ())][: 1 + index % 2]
        survey_save(
            survey=None,
            data={
                "enterprise": enterprise,
                "year": year,
                "category": category,
                "reasons": reasons,
                "notes": NOTES[category],
                "surveyed_on": min(today, start + dt.timedelta(days=3 * index)),
                "surveyed_by": SURVEYOR,
            },
            reason=REASON,
        )
        added += 1
        if (
            category == "willing"
            and not BargainingIntent.objects.filter(enterprise=enterprise, year=year).exists()
        ):
            # One planned within the forecast's months, the next later in the year or early next.
            month = today.month if index % 2 == 0 else min(12, today.month + 1)
            intent_save(
                intent=None,
                data={
                    "enterprise": enterprise,
                    "year": year,
                    "planned_month": month,
                    "kind": "wages",
                    "notes": "计划开展工资专项集体协商。",
                    "recorded_on": min(today, start + dt.timedelta(days=3 * index + 7)),
                },
                reason=REASON,
            )
            added += 1
    return added
