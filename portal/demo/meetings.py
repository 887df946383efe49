"""Demo monthly bargaining meetings (月例会, seed 003) and one round the federation runs for a weak
enterprise union (上代下, seeds 000/004).

Last month's meeting invites the enterprises the bargaining demo put in rounds and more key
enterprises, with each one's attendance and outcome ("完成一批，补充一批，指导一批，落实一批");
this month's is created from last month's proposal, as a clerk would, and has its first outcomes.
Everything goes through the services; dates are relative to the day the demo is seeded.
"""

from __future__ import annotations

import datetime as dt

from compliance.models import BargainingRound, Contract, Enterprise, MonthlyMeeting
from compliance.selectors.monthly_meetings import meeting_proposal, previous_month
from compliance.services import bargaining as rounds
from compliance.services.monthly_meetings import (
    invitation_record,
    meeting_create,
    meeting_create_from_proposal,
    meeting_update,
)
from portal.demo.builders import demo_credit_code, enterprise

# The development zone's federation (seed 003 is 郑州高新区's monthly meeting).
MEETINGS_SCHEMA = "gxq"

LAST_MINUTES = (
    "一、通报上月集体协商进展：已完成签订的企业介绍了工资协商的做法。\n"
    "二、指导员讲解协商代表产生程序和要约书写法，结合案例培训谈判技巧。\n"
    "三、对仍未开展协商的企业再次发出要约，由区总工会一对一辅导。\n"
    "四、下月继续邀请接受指导和缺席的企业，补充尚未纳入台账的重点企业。"
)
THIS_MINUTES = (
    "一、通报本月要约和签约情况，表扬按期回应要约的企业。\n"
    "二、上代下：对工会主席空缺的企业，由高新区总工会代为发出要约并全程指导协商。\n"
    "三、布置下月工作：督促已签约企业落实合同，继续对未开展企业一对一辅导。"
)


# Key enterprises the monthly meetings bring into the pipeline (补充一批): the first three join
# last month's meeting, the fourth's union has no chair and the federation runs its round
# (上代下), the fifth is proposed for this month as a key enterprise never invited.
NEW_KEY = (
    ("MA7X9W1A", "佳木斯高新区鑫源精密铸造有限公司", "C", "private", 268, 230),
    ("MA7X9W2B", "佳木斯高新区龙江冷链物流有限公司", "G", "private", 186, 150),
    ("MA7X9W3C", "佳木斯高新区金禾食品有限公司", "C", "joint_stock", 340, 300),
    ("MA7X9W4D", "佳木斯高新区远航包装材料有限公司", "C", "private", 132, 90),
    ("MA7X9W5E", "佳木斯高新区宏图建材有限公司", "C", "private", 175, 140),
)


def _new_key_enterprises() -> list[Enterprise]:
    return [
        enterprise(
            credit_code=demo_credit_code("230871", stem),
            name=name,
            industry=industry,
            region_code="230871",
            ownership=ownership,
            employees=employees,
            union_established=True,
            union_members=members,
            workers_congress=True,
        )
        for stem, name, industry, ownership, employees, members in NEW_KEY
    ]


def _outcome_for(company: Enterprise) -> tuple[str, str, str, str]:
    """(attendance, outcome, action, note) from where the enterprise stands in the ledger."""
    round_ = company.rounds.order_by("-offer_date").first()
    if round_ is None:
        if Contract.objects.filter(enterprise=company, status="effective").exists():
            return "came", "implemented", "check_performance", "合同履行中，督促年度履约报告"
        return "delegate", "added", "instructor_visit", "首次参会，纳入协商台账"
    status = round_.status
    if status in ("signed", "preliminary_reviewed", "federation_approved", "submitted"):
        return "came", "completed", "", "已签订集体合同，正在报送审查"
    if status == "effective":
        return "came", "implemented", "check_performance", "合同已生效，督促落实工资增长条款"
    if status == "negotiating":
        return "came", "guided", "one_to_one", "工资增幅分歧较大，指导员继续辅导"
    if status == "refused":
        return "came", "guided", "second_offer", "企业担心增加成本，拒绝协商，再次发出要约"
    return "absent", "", "second_offer", "未到会，要约逾期未回应"


def seed_meetings(*, today: dt.date) -> bool:
    """Seed once; False when this federation already has monthly meetings."""
    if MonthlyMeeting.objects.exists():
        return False
    new = _new_key_enterprises()
    in_rounds = list(
        Enterprise.objects.filter(rounds__isnull=False).distinct().order_by("-employees")[:8]
    )
    carrying = list(
        Enterprise.objects.filter(contracts__status="effective")
        .exclude(pk__in=[e.pk for e in in_rounds])
        .distinct()[:2]
    )
    last = meeting_create(
        held_on=previous_month(today).replace(day=20),
        place="高新区总工会三楼会议室",
        chair="高新区总工会 李主席",
        minutes=LAST_MINUTES,
        enterprises=[
            *((e, "百人以上重点企业，纳入集体协商台账") for e in in_rounds),
            *((e, "已签订集体合同，跟踪落实") for e in carrying),
            *((e, "新纳入台账的百人以上企业") for e in new[:3]),
        ],
    )
    for invitation in last.invitations.select_related("enterprise"):
        attendance, outcome, action, note = _outcome_for(invitation.enterprise)
        invitation_record(
            invitation_id=invitation.pk,
            attendance=attendance,
            outcome=outcome,
            action=action,
            note=note,
            reason="月例会后登记（演示数据）",
        )
    rounds.round_offer(
        enterprise=new[3],
        offered_by=BargainingRound.OfferedBy.UNION,
        offer_date=max(today.replace(day=1), today - dt.timedelta(days=3)),
        on_behalf=BargainingRound.OnBehalf.ROUND,
        on_behalf_reason=BargainingRound.OnBehalfReason.NO_CHAIR,
        on_behalf_note="工会主席调离后尚未补选，由区总工会代行要约并全程指导",
        on_behalf_by="高新区总工会法律工作部 周敏",
    )
    proposal = meeting_proposal(meeting=last, as_of=today)
    this = meeting_create_from_proposal(
        meeting_id=last.pk,
        enterprise_ids=[p.enterprise.pk for p in proposal if p.ticked],
        held_on=today,
        place="高新区总工会三楼会议室",
        chair="高新区总工会 李主席",
        as_of=today,
    )
    meeting_update(
        meeting_id=this.pk,
        held_on=this.held_on,
        place=this.place,
        chair=this.chair,
        minutes=THIS_MINUTES,
        reason="登记会议纪要（演示数据）",
    )
    for invitation in list(this.invitations.select_related("enterprise"))[:3]:
        invitation_record(
            invitation_id=invitation.pk,
            attendance="came",
            outcome="guided",
            action="one_to_one",
            note="本月到会，确定协商议题和代表人选",
            reason="月例会后登记（演示数据）",
        )
    return True
