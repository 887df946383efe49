"""Instructors' work, negotiators' training and the expert pool in the full demos (issue 18
items 6 and 7): each instructor's appointment and term (one term ending within the year), an
enterprise assigned by name, visits this quarter and earlier, training they gave, last year's
assessment; a training session for employee-side representatives with its attendees and
certificates (one expiring within a month); three experts and the consultations they gave.

Through the services, dated in the past. Idempotent: nothing is added once a training session
exists.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from compliance.models import (
    BargainingRound,
    Enterprise,
    Instructor,
    NegotiatorTraining,
    Representative,
)
from compliance.services import instructors as work
from compliance.services import training

REASON = "演示数据"

VISITS = [
    # (days ago, topic, outcome, follow-up)
    (
        3,
        "工资集体协商准备情况",
        "企业工会已收集职工诉求42条，拟于下月发出要约；行政方对工资增长幅度仍有顾虑。",
        "两周内协助工会测算工资增长幅度，再次走访人力资源部。",
    ),
    (
        12,
        "集体合同履行情况检查",
        "合同约定的年度体检已落实，高温津贴发放标准低于约定，已向企业指出。",
        "一个月后回访整改情况。",
    ),
    (
        26,
        "新建工会企业一对一指导",
        "向工会主席讲解集体协商程序和要约书写法，企业表示愿意协商但不会谈。",
        "邀请工会主席参加下期协商代表培训。",
    ),
    (
        75,
        "协商代表产生程序",
        "职工方代表已由职工代表大会选举产生，名单尚未公示。",
        "提醒企业在首次协商前公示代表名单。",
    ),
]

EXPERTS = [
    (
        "王立群",
        "工资分配, 薪酬体系",
        "黑龙江省社会科学院",
        "0451-8660 2231",
        "工资增长幅度的测算依据",
        "以企业近三年人均利润增幅和本地工资指导线基准线为依据，增幅不低于6%较为稳妥。",
    ),
    (
        "陈思远",
        "劳动法, 集体合同审查",
        "龙江律师事务所",
        "0454-8231 5560",
        "集体合同草案的合法性审查",
        "试用期工资条款低于法定标准，须修改为不低于约定工资的80%且不低于最低工资标准。",
    ),
    (
        "刘雅琴",
        "职业安全卫生, 女职工权益",
        "佳木斯大学",
        "0454-8618 7702",
        "女职工权益保护专项协商",
        "建议增加孕期女职工产检时间计入劳动时间、设立哺乳室等条款。",
    ),
]


def seed_instructors_work(*, today: dt.date) -> bool:
    """Seed once; False when a training session already exists."""
    if NegotiatorTraining.objects.exists():
        return False
    instructors = list(Instructor.objects.order_by("pk"))
    enterprises = list(Enterprise.objects.order_by("-employees", "pk")[:12])
    if not instructors or not enterprises:
        return False
    for index, instructor in enumerate(instructors):
        # The first instructor's term ends within the year: renewing it is due.
        appointed = dt.date(today.year - 2, 3, 1)
        end = today + dt.timedelta(days=45) if index == 0 else dt.date(today.year + 1, 2, 28)
        work.instructor_appoint(
            instructor_id=instructor.pk,
            appointed_on=appointed,
            term_ends_on=end,
            document=f"工字〔{today.year - 2}〕{12 + index}号",
            reason=REASON,
        )
        for offset, (days, topic, outcome, follow_up) in enumerate(VISITS):
            work.visit_record(
                instructor=instructor,
                enterprise=enterprises[(index * 3 + offset) % len(enterprises)],
                visited_on=today - dt.timedelta(days=days + index),
                topic=topic,
                outcome=outcome,
                follow_up=follow_up,
            )
        work.training_given_record(
            instructor=instructor,
            held_on=today - dt.timedelta(days=40 + 7 * index),
            topic="集体协商程序与要约书写作",
            audience="新建工会企业工会主席",
            attendees=28 + 5 * index,
        )
        work.assessment_record(
            instructor_id=instructor.pk,
            year=today.year - 1,
            grade="competent" if index else "excellent",
            comment="全年走访企业20余家，参加完整集体协商4次，指导到位，按期完成任务。",
        )
    # An enterprise assigned by name to the last instructor (分片包干 by enterprise).
    work.enterprise_assign(
        enterprise_id=enterprises[-1].pk,
        instructor_id=instructors[-1].pk,
        reason="重点企业由专人包干",
    )
    _training(today=today, enterprises=enterprises)
    _experts(today=today, enterprises=enterprises)
    return True


def _training(*, today: dt.date, enterprises: list[Enterprise]) -> None:
    session = training.negotiator_training_record(
        held_on=today - dt.timedelta(days=700),
        topic="职工方协商代表资格培训（第一期）",
        organiser="市总工会法律工作部",
        hours=Decimal("16.0"),
    )
    representatives = list(
        Representative.objects.filter(side=Representative.Side.EMPLOYEE).order_by("pk")[:2]
    )
    attendees = [
        training.attendee_add(training_id=session.pk, representative=representative)
        for representative in representatives
    ]
    for name, enterprise in (("孙红梅", enterprises[0]), ("赵国庆", enterprises[1])):
        attendees.append(
            training.attendee_add(training_id=session.pk, name=name, enterprise=enterprise)
        )
    issued = session.held_on + dt.timedelta(days=10)
    for number, attendee in enumerate(attendees, start=1):
        # The first certificate expires within the month: the list of those expiring shows it.
        expires = today + dt.timedelta(days=20) if number == 1 else issued + dt.timedelta(days=1095)
        training.certificate_issue(
            attendee_id=attendee.pk,
            number=f"XSDB-{issued.year}-{number:04d}",
            issued_on=issued,
            expires_on=expires,
        )
    training.negotiator_training_record(
        held_on=today - dt.timedelta(days=30),
        topic="工资集体协商实务（第二期）",
        organiser="市总工会法律工作部",
        hours=Decimal("8.0"),
    )


def _experts(*, today: dt.date, enterprises: list[Enterprise]) -> None:
    round_ = BargainingRound.objects.select_related("enterprise").order_by("pk").first()
    for index, (name, expertise, organisation, contact, topic, advice) in enumerate(EXPERTS):
        expert = training.expert_record(
            name=name, expertise=expertise, organisation=organisation, contact=contact
        )
        training.consultation_record(
            expert=expert,
            given_on=today - dt.timedelta(days=15 + 20 * index),
            enterprise=None if (index == 0 and round_) else enterprises[index],
            round_=round_ if index == 0 else None,
            topic=topic,
            advice=advice,
        )
