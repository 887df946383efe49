"""Demo supervision cases for a federation, at every stage: escalated, overdue, rectified and
closed, a rectification notice running, an area-wide reminder. Dates are relative to `today`."""

from __future__ import annotations

import datetime as dt

from django.db import connection

from compliance.models import AuditCheck, BargainingRound, Contract, Enterprise, SupervisionCase
from compliance.rules.letters import OPINION, RECOMMENDATION, RECTIFICATION, REMINDER
from compliance.services import supervision as sv
from compliance.services.audits import audit_open_case, audit_record, audits_schedule
from portal.demo.builders import staff_member

# The demo federations are in Heilongjiang (national preset): letters cite national law only.
BASIS_BARGAINING = "《中华人民共和国劳动合同法》第五十一条、《集体合同规定》第三十二条"
BASIS_RENEWAL = "《集体合同规定》第三十八条"


def seed_supervision(*, today: dt.date, supervisor_email: str, supervisor_password: str) -> bool:
    """Seed once; False when this federation already has supervision cases."""
    if SupervisionCase.objects.exists():
        return False
    supervisor = staff_member(
        email=supervisor_email,
        password=supervisor_password,
        group="劳动法律监督员",
        first_name="李",
        last_name="监督员",
    )
    days = dt.timedelta
    can_recommend = connection.tenant.level in {"province", "city", "county"}

    # 1. A refused offer, taken from reminder to opinion (refused) to recommendation.
    refused = BargainingRound.objects.filter(status="refused").first()
    if refused:
        case = sv.case_open(
            title=f"{refused.enterprise.name}拒绝集体协商要约",
            source="refused_offer",
            opened_on=today - days(50),
            source_round=refused,
            supervisor=supervisor,
            summary="企业书面拒绝工会提出的集体协商要约，且未说明正当理由。",
        )
        reminder, _t = sv.letter_issue(
            case_id=case.pk,
            kind=REMINDER.code,
            issued_on=today - days(48),
            facts="贵单位对工会发出的集体协商要约书面拒绝应约。",
            legal_basis=BASIS_BARGAINING,
            actions=["自收到本函之日起自查并书面回复应约意向"],
            user=supervisor,
        )
        sv.letter_record_delivery(
            letter_id=reminder.pk,
            method="in_person",
            delivered_on=today - days(47),
            delivered_to="办公室主任",
            user=supervisor,
        )
        sv.letters_sweep(today=today - days(30))  # the reminder went unanswered: overdue
        opinion, _t = sv.letter_issue(
            case_id=case.pk,
            kind=OPINION.code,
            issued_on=today - days(28),
            facts="经调查核实，贵单位无正当理由拒绝集体协商，违反相关法律规定。",
            legal_basis=BASIS_BARGAINING,
            actions=["书面答复工会是否应约协商", "与工会商定首次协商会议时间"],
            signer="张志刚",
            signer_title="主席",
            copies_to="市人力资源和社会保障局",
            user=supervisor,
        )
        sv.letter_record_delivery(
            letter_id=opinion.pk,
            method="in_person",
            delivered_on=today - days(27),
            refused=True,
            user=supervisor,
        )
        if can_recommend:
            recommendation, _t = sv.letter_issue(
                case_id=case.pk,
                kind=RECOMMENDATION.code,
                issued_on=today - days(20),
                facts="用人单位拒绝签收工会劳动法律监督意见书，现将案件材料一并移送。",
                legal_basis=BASIS_BARGAINING,
                actions=[],
                trigger="refused",
                department="市劳动保障监察支队",
                user=supervisor,
            )
            sv.letter_record_department_result(
                letter_id=recommendation.pk,
                case_opened_on=today - days(14),
                result="已立案调查，责令企业限期改正。",
                user=supervisor,
            )
        else:
            # A zone may not issue the recommendation letter (R41): it refers the case to the
            # city federation above, where it waits for the city's letter (issue 16).
            sv.case_refer(
                case=case,
                reason="企业拒收劳动法律监督意见书；本会为开发区工会，不能发出建议书，"
                "报请市总工会依法向劳动保障监察机构提出建议。",
                user=supervisor,
            )

    # 2. An expired contract without a successor: the reminder is overdue, an opinion proposed.
    expired = Contract.objects.filter(status="expired").first()
    if expired:
        case = sv.case_open(
            title=f"{expired.enterprise.name}集体合同到期未续签",
            source="expired_contract",
            opened_on=today - days(25),
            source_contract=expired,
            supervisor=supervisor,
        )
        sv.letter_issue(
            case_id=case.pk,
            kind=REMINDER.code,
            issued_on=today - days(22),
            facts="贵单位集体合同已期满，至今未启动续签协商。",
            legal_basis=BASIS_RENEWAL,
            actions=["启动续签协商", "向工会书面报告续签安排"],
            user=supervisor,
        )

    # 3. A complaint answered and rectified: closed.
    enterprises = list(Enterprise.objects.order_by("name"))
    if enterprises:
        case = sv.case_open(
            title=f"{enterprises[0].name}加班工资投诉",
            source="complaint",
            opened_on=today - days(60),
            enterprise=enterprises[0],
            supervisor=supervisor,
        )
        letter, _t = sv.letter_issue(
            case_id=case.pk,
            kind=REMINDER.code,
            issued_on=today - days(58),
            facts="职工反映休息日加班未足额支付加班工资。",
            legal_basis="《中华人民共和国劳动法》第四十四条",
            actions=["核查并补发加班工资"],
            user=supervisor,
        )
        sv.letter_record_reply(
            letter_id=letter.pk,
            replied_on=today - days(50),
            text="经自查，已于本月补发全部加班工资并附工资单。",
            user=supervisor,
        )
        for item in letter.items.all():
            sv.item_decide(
                item_id=item.pk,
                outcome="rectified",
                decided_on=today - days(45),
                note="抽查工资单，已补发。",
                user=supervisor,
            )
        sv.case_close(case_id=case.pk, closed_on=today - days(44), user=supervisor)

    # 4. A joint inspection's rectification notice, due within the week.
    if len(enterprises) > 1:
        case = sv.case_open(
            title=f"{enterprises[1].name}联合检查",
            source="inspection",
            opened_on=today - days(10),
            enterprise=enterprises[1],
            supervisor=supervisor,
        )
        sv.letter_issue(
            case_id=case.pk,
            kind=RECTIFICATION.code,
            issued_on=today - days(10),
            due_on=today + days(5),
            facts="联合检查发现女职工特殊保护专项集体合同未履行。",
            legal_basis="《女职工劳动保护特别规定》第五条",
            actions=["调整孕期女职工夜班安排", "补签女职工权益保护专项集体合同"],
            user=supervisor,
        )

    # 5. An area-wide reminder before the holidays (R47).
    if len(enterprises) > 3:
        sv.area_reminder_issue(
            title="元旦春节前工资支付提示",
            enterprises=enterprises[:6],
            issued_on=today - days(3),
            addressee="辖区各用人单位",
            facts="元旦、春节临近，职工工资支付进入集中期。",
            legal_basis="《保障农民工工资支付条例》",
            actions=["按时足额支付职工工资"],
            supervisor=supervisor,
            user=supervisor,
        )
    _seed_audits(today=today, supervisor=supervisor)
    sv.letters_sweep(today=today)
    return True


def _seed_audits(*, today: dt.date, supervisor) -> None:
    """Performance checks scheduled for every effective contract; two recorded, one failed and
    turned into a supervision case."""
    audits_schedule(today=today)
    done = list(AuditCheck.objects.filter(due_on__lt=today).order_by("due_on")[:2])
    scores = [
        {"parties": 92, "procedure": 88, "content": 85, "performance": 90, "effect": 86},
        {"parties": 75, "procedure": 62, "content": 80, "performance": 58, "effect": 70},
    ]
    for check, score in zip(done, scores, strict=False):
        recorded = audit_record(
            check_id=check.pk,
            done_on=check.due_on,
            checker="企业集体合同监督小组",
            scores=score,
            findings="" if score["performance"] > 80 else "工资增幅条款未按期兑现。",
            user=supervisor,
        )
        if recorded.passed is False:
            audit_open_case(
                check_id=check.pk, opened_on=today, supervisor=supervisor, user=supervisor
            )
