"""Demo bargaining data for a federation: rounds at every step, contracts in every state.

Dates are relative to the day the demo is seeded, so the dashboard always shows something due
soon and something overdue. Everything goes through the services, as a clerk's work would.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from compliance.models import BargainingRound, Campaign, Contract, Enterprise, Instructor
from compliance.rules.deadlines import add_months
from compliance.services import bargaining as rounds
from compliance.services import contracts
from compliance.services.model_texts import model_clause_save
from portal.demo.builders import clauses_add, registered_contract

REPRESENTATIVES = [
    {"side": "employee", "name": "王立新", "identity": "D-E1", "is_chief": True},
    {"side": "employee", "name": "李春梅", "identity": "D-E2"},
    {"side": "employee", "name": "赵国强", "identity": "D-E3"},
    {"side": "employer", "name": "陈志远", "identity": "D-M1", "is_chief": True},
    {"side": "employer", "name": "刘晓燕", "identity": "D-M2"},
    {"side": "employer", "name": "孙浩", "identity": "D-M3"},
]

CLAUSES = [
    ("wages", "企业职工工资年度平均增长幅度不低于%(growth)s%%，并随企业经济效益增长适当提高。"),
    ("wages", "职工月最低工资不低于%(minimum)s元，不包括加班工资和法定福利。"),
    ("hours", "实行标准工时制度，职工每周工作时间不超过%(hours)s小时；安排加班应与工会协商。"),
    ("rest", "职工依法享受带薪年休假、婚丧假和探亲假，年休假可分段安排。"),
    ("safety", "企业每年组织职工职业健康检查，费用由企业承担，结果书面告知本人。"),
    ("women", "女职工在孕期、产期、哺乳期内享受国家规定的特殊保护，不得降低其基本工资。"),
    ("insurance", "企业依法为职工足额缴纳社会保险费和住房公积金。"),
]

# The federation's model text of comprehensive contracts (示范文本): the demo's contracts copy some
# of it word for word, which their pages' similarity sections show (照抄格式条款, seed 002).
MODEL_TEXT = [
    ("wages", "工资年度增长幅度由双方协商确定，并随企业经济效益增长适当提高。"),
    ("rest", "职工依法享受带薪年休假、婚丧假和探亲假，年休假可分段安排。"),
    ("insurance", "企业依法为职工足额缴纳社会保险费和住房公积金。"),
    ("women", "女职工在孕期、产期、哺乳期内享受国家规定的特殊保护，不得降低其基本工资。"),
]


def _advance(round_: BargainingRound, *, to: str, day: dt.date) -> BargainingRound:
    """Take a round through the procedure up to status `to`, dating each step from `day`."""
    steps = [
        "negotiating",
        "voted",
        "signed",
        "preliminary_reviewed",
        "federation_approved",
        "submitted",
    ]
    reached = steps.index(to)
    d = day
    rounds.round_reply(round_id=round_.pk, accepted=True, reply_date=d)
    enterprise = round_.enterprise
    rounds.round_set_representatives(
        round_id=round_.pk,
        representatives=REPRESENTATIVES,
        # No union: the employee representatives were approved by the workforce (R5).
        employee_approvals=None if enterprise.union_established else enterprise.employees,
    )
    rounds.round_record_meeting(
        round_id=round_.pk,
        held_on=d + dt.timedelta(days=3),
        place="企业会议室",
        summary="双方就工资增幅、工时和劳动安全条款进行协商。",
        minutes_signed_by_all=True,
    )
    if reached >= 1:
        rounds.round_record_vote(
            round_id=round_.pk, held_on=d + dt.timedelta(days=7), total=45, present=41, in_favour=38
        )
    if reached >= 2:
        signed = d + dt.timedelta(days=8)
        growth = Decimal("8.5")
        starts = signed + dt.timedelta(days=20)
        contract = rounds.round_sign(
            round_id=round_.pk,
            signed_on=signed,
            title=f"{round_.enterprise.name}集体合同",
            starts_on=starts,
            ends_on=add_months(starts, 36) - dt.timedelta(days=1),
            covered_employees=round_.enterprise.employees,
            wage_growth_pct=growth,
            minimum_wage=Decimal("2100"),
            weekly_hours=Decimal("40"),
        )
        clauses_add(contract, _clauses(growth=growth))
        contracts.contract_update(
            contract_id=contract.pk,
            data={"key_terms": KEY_TERMS_ROUND},
            reason="演示数据：录入关键条款",
        )
    if reached >= 3:
        rounds.round_review(
            round_id=round_.pk,
            stage="instructor",
            approved=True,
            reviewed_on=d + dt.timedelta(days=9),
            comments="条款完整，程序合法。",
        )
    if reached >= 4:
        rounds.round_review(
            round_id=round_.pk,
            stage="federation",
            approved=True,
            reviewed_on=d + dt.timedelta(days=10),
        )
    if reached >= 5:
        rounds.round_submit(round_id=round_.pk, submitted_on=d + dt.timedelta(days=11))
    round_.refresh_from_db()
    return round_


# Coded key terms (compliance.rules.codebook) of the demo's contracts: the contracts entered from
# the ledger and those signed in a round differ a little, so the compare page has something to
# mark.
KEY_TERMS_LEDGER = {
    "overtime_workday_pct": 150,
    "overtime_restday_pct": 200,
    "overtime_holiday_pct": 300,
    "paid_annual_leave_days": 7,
    "night_shift_allowance": "30.00",
    "high_temperature_allowance": "300.00",
    "nursing_break_minutes": 60,
    "women_health_checkup": True,
    "menstrual_period_protection": True,
    "safety_commitment": "plan",
    "safety_training_hours": 24,
    "supplementary_medical": False,
    "enterprise_annuity": False,
    "housing_fund_pct": "8.0",
    "probation_months": 3,
    "wage_payment_day": 10,
    "wage_review": "annual",
}
KEY_TERMS_ROUND = {
    **KEY_TERMS_LEDGER,
    "overtime_restday_pct": 250,
    "paid_annual_leave_days": 10,
    "night_shift_allowance": "40.00",
    "extra_maternity_leave_days": 30,
    "sexual_harassment_prevention": True,
    "safety_commitment": "plan_budget",
    "supplementary_medical": True,
    "enterprise_annuity": True,
    "housing_fund_pct": "10.0",
    "wage_payment_day": 15,
}


def _clauses(*, growth: Decimal) -> list[tuple[str, str]]:
    values = {"growth": growth, "minimum": 2100, "hours": 40}
    return [(topic, text % values) for topic, text in CLAUSES]


def _existing(enterprise: Enterprise, start: dt.date, end: dt.date, number: str, today: dt.date):
    return registered_contract(
        enterprise=enterprise,
        starts_on=start,
        ends_on=end,
        as_of=today,
        filing_number=number,
        signed_on=start - dt.timedelta(days=30),
        submitted_in_time=True,
        filed_with_department=True,
        wage_growth_pct=Decimal("8.0"),
        minimum_wage=Decimal("2000"),
        weekly_hours=Decimal("40"),
        key_terms=KEY_TERMS_LEDGER,
        clauses=_clauses(growth=Decimal("8.0")),
    )


def seed_bargaining(*, today: dt.date, short_name: str) -> bool:
    """Seed once; False when this federation already has bargaining data."""
    if BargainingRound.objects.exists() or Contract.objects.exists():
        return False
    enterprises = list(Enterprise.objects.order_by("-employees"))
    # The ledger's areas shared out between the two (分片包干), so a new round proposes one.
    areas = sorted({enterprise.region_code for enterprise in enterprises})
    people = (("周敏", "市总工会法律工作部"), ("吴海涛", "区总工会"))
    instructors = [
        Instructor.objects.create(name=name, organisation=org, areas=areas[share :: len(people)])
        for share, (name, org) in enumerate(people)
    ]
    for order, (topic, text) in enumerate(MODEL_TEXT, start=1):
        model_clause_save(
            clause=None,
            data={"kind": "comprehensive", "order": order, "topic": topic, "text": text},
            reason="示范文本（演示数据）",
        )
    campaign = Campaign.objects.create(
        name=f"{today.year}年集体协商要约行动",
        starts_on=today - dt.timedelta(days=60),
        ends_on=today + dt.timedelta(days=30),
    )
    plan = [
        # (enterprise index, what happens)
        (0, "effective"),
        (1, "submitted"),
        (2, "signed"),
        (3, "negotiating"),
        (4, "offered_overdue"),
        (5, "refused"),
        (6, "offered"),
        (7, "expired"),
    ]
    year = today.year
    for index, what in plan:
        if index >= len(enterprises):
            continue
        enterprise = enterprises[index]
        instructor = instructors[index % len(instructors)]
        if what == "expired":
            _existing(
                enterprise,
                dt.date(year - 3, 1, 1),
                today - dt.timedelta(days=40),
                f"{short_name}工集备〔{year - 3}〕8号",
                today,
            )
            continue
        if what == "effective":
            old = _existing(
                enterprise,
                dt.date(year - 3, 1, 1),
                dt.date(year, 12, 31),
                f"{short_name}工集备〔{year - 3}〕3号",
                today,
            )
            contracts.contracts_sweep(today=today)  # opens its renewal reminder (R29)
            contracts.contract_publish(
                contract_id=old.pk, published_on=old.starts_on, publish_publicly=True
            )
            continue
        offer_day = {
            "submitted": today - dt.timedelta(days=30),
            "signed": today - dt.timedelta(days=18),
            "negotiating": today - dt.timedelta(days=20),
            "offered_overdue": today - dt.timedelta(days=35),
            "refused": today - dt.timedelta(days=25),
            "offered": today - dt.timedelta(days=5),
        }[what]
        round_ = rounds.round_offer(
            enterprise=enterprise,
            offered_by="union",
            offer_date=offer_day,
            kind="wages" if index % 2 else "comprehensive",
            dual_offer=index in (1, 4),
            campaign=campaign if what in ("offered_overdue", "refused", "offered") else None,
            instructor=instructor,
        )
        if what == "refused":
            rounds.round_reply(
                round_id=round_.pk, accepted=False, reply_date=offer_day + dt.timedelta(days=6)
            )
        elif what in ("negotiating", "signed", "submitted"):
            _advance(round_, to=what, day=offer_day + dt.timedelta(days=5))
    # A completed round from earlier in the year, effective, published and filed.
    if len(enterprises) > 8:
        round_ = rounds.round_offer(
            enterprise=enterprises[8],
            offered_by="union",
            offer_date=dt.date(year, 3, 2),
            instructor=instructors[0],
        )
        _advance(round_, to="submitted", day=dt.date(year, 3, 9))
        rounds.round_mark_effective(round_id=round_.pk, today=dt.date(year, 5, 6))
        contract = Contract.objects.get(round=round_)
        contracts.contract_publish(
            contract_id=contract.pk, published_on=dt.date(year, 5, 8), publish_publicly=True
        )
        contracts.contract_file(contract_id=contract.pk, filed_on=dt.date(year, 5, 12))
    return True
