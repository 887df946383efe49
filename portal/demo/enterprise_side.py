"""The enterprise's side in the high-tech zone's demo (issue 17; seed 003 planned it for that zone):
an enterprise whose union officer and employer contact have accounts, in the middle of
pre-review with the instructor's comments to answer; the instructor with a portal account; the
labour administration's department with a reviewer who has one contract submitted to review.

Everything goes through the services a person's pages call, dated in the past, so the history,
the notifications and the round page read as if people had done it. Idempotent: nothing is
added once the department exists.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from docx import Document as Docx

from compliance.models import Department, Instructor
from compliance.rules import filing_package as package
from compliance.services import bargaining as rounds
from compliance.services import department_review, enterprise_accounts, online_offers, prereview
from compliance.services.history import save_with_history
from portal.demo.bargaining import _advance
from portal.demo.builders import enterprise, staff_member

ENTERPRISE_SIDE_SCHEMA = "gxq"
# The sign-ins `make demo` prints (exempt from the second factor under the demo settings only).
UNION_OFFICER = ("union@gxq.localhost", "GongHui#Demo2026")
EMPLOYER_CONTACT = ("employer@gxq.localhost", "QiYe#Demo2026")
INSTRUCTOR = ("instructor@gxq.localhost", "ZhiDao#Demo2026")
REVIEWER = ("reviewer@gxq.localhost", "RenShe#Demo2026")

DEPARTMENT = "佳木斯高新区人力资源和社会保障局"
ENTERPRISE = "佳木斯高新区北方农机装备有限公司"
SUBMITTED = "佳木斯高新区松江生物制药有限公司"

UNION_SIDE = [
    {"name": "高文静", "identity": "BF-E01", "is_chief": True},
    {"name": "马建军", "identity": "BF-E02"},
    {"name": "邓丽", "identity": "BF-E03"},
]
EMPLOYER_SIDE = [
    {"name": "韩志刚", "identity": "BF-M01", "is_chief": True},
    {"name": "冯雪", "identity": "BF-M02"},
    {"name": "唐永波", "identity": "BF-M03"},
]
# The draft's clauses (topic, text); the third states the increase without its base, which the
# instructor's comment asks the enterprise to fix.
CLAUSES = [
    ("wages", "本合同期内，职工年度平均工资增长幅度不低于7%，与企业经营效益同步增长。"),
    ("wages", "职工月最低工资标准为2300元，加班工资、夜班津贴和高温津贴不计入最低工资。"),
    ("wages", "生产一线职工岗位工资每年调整一次，调整幅度由双方另行协商。"),
    ("hours", "实行标准工时制度，职工每日工作不超过8小时，每周不超过40小时。"),
    ("safety", "企业每年组织一次职业健康检查，为接触粉尘和噪声岗位配发合格防护用品。"),
    ("women", "女职工孕期、产期、哺乳期内，企业不降低其基本工资，不安排夜班劳动。"),
]
CLAUSE_COMMENT = (
    "“每年调整一次”未写明调整的基数和最低幅度，请写明以上年度岗位工资为基数、"
    "调整幅度不低于多少，否则无法判断是否落实工资增长条款。"
)


def _docx(title: str, lines: list[str]) -> SimpleUploadedFile:
    document = Docx()
    document.add_heading(title, level=1)
    for line in lines:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return SimpleUploadedFile(f"{title}.docx", buffer.getvalue())


def _person(invite, accept, email: str, password: str, family: str, given: str, **binding):
    _invitation, token = invite(
        **binding, email=email, user=None, accept_url=lambda t: f"/invitation/{t}/"
    )
    return accept(token=token, family_name=family, given_name=given, password=password).user


def _at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def seed_enterprise_side(*, today: dt.date) -> bool:
    """Seed once; False when the department already exists."""
    if Department.objects.filter(name=DEPARTMENT).exists():
        return False
    department = Department(name=DEPARTMENT)
    save_with_history(department, user=None, reason="演示数据")
    reviewer = _person(
        department_review.reviewer_invitation_create,
        department_review.reviewer_invitation_accept,
        *REVIEWER,
        "郑",
        "海燕",
        department_id=department.pk,
    )
    email, password = INSTRUCTOR
    instructor_user = staff_member(
        email=email,
        password=password,
        group="集体协商指导员",
        last_name="林",
        first_name="晓梅",
    )
    factory = enterprise(
        name=ENTERPRISE, region_code="230871", industry="C", employees=420, union_members=380
    )
    instructor = Instructor(
        name="林晓梅", organisation="高新区总工会", user=instructor_user, areas=["230871"]
    )
    save_with_history(instructor, user=None, reason="演示数据")
    officer = _person(
        enterprise_accounts.invitation_create,
        enterprise_accounts.invitation_accept,
        *UNION_OFFICER,
        "高",
        "文静",
        enterprise_id=factory.pk,
        side="union",
    )
    contact = _person(
        enterprise_accounts.invitation_create,
        enterprise_accounts.invitation_accept,
        *EMPLOYER_CONTACT,
        "韩",
        "志刚",
        enterprise_id=factory.pk,
        side="employer",
    )

    # The union's written offer online, the employer's acceptance, the steps the enterprise ran.
    day = today - dt.timedelta(days=40)
    offer = online_offers.offer_send(
        user=officer,
        kind="wages",
        proposed_at=_at(day + dt.timedelta(days=7), 9),
        place="企业办公楼三楼会议室",
        agenda="年度工资增长幅度；一线岗位工资调整；加班工资计算基数；高温津贴",
        representatives=UNION_SIDE,
        today=day,
    )
    round_id = offer.round_id
    rounds.round_assign_instructor(
        round_id=round_id, instructor=instructor, reason="高新区分片包干"
    )
    online_offers.offer_answer(
        user=contact,
        round_id=round_id,
        accepted=True,
        today=day + dt.timedelta(days=3),
        representatives=EMPLOYER_SIDE,
    )
    online_offers.step_publish_representatives(
        user=officer,
        round_id=round_id,
        published_on=day + dt.timedelta(days=4),
        today=day + dt.timedelta(days=4),
    )
    online_offers.step_record_meeting(
        user=contact,
        round_id=round_id,
        held_on=day + dt.timedelta(days=7),
        place="企业办公楼三楼会议室",
        summary="双方就工资增幅和一线岗位工资调整交换意见，初步商定增幅不低于7%。",
        minutes=_docx("第一次协商会议纪要", ["出席：双方全体协商代表。", "议定事项见附件。"]),
        today=day + dt.timedelta(days=7),
    )
    online_offers.step_record_vote(
        user=officer,
        round_id=round_id,
        held_on=day + dt.timedelta(days=18),
        total=60,
        present=54,
        in_favour=50,
        resolution=_docx(
            "职工代表大会决议", ["应到60人，实到54人，赞成50人，通过工资专项集体合同草案。"]
        ),
        today=day + dt.timedelta(days=18),
    )

    # Version 1 of the draft submitted for pre-review; the instructor returns it with a comment
    # on the third clause. The officer has it to answer (the demo's "middle of pre-review").
    draft = prereview.submission_start(round_id=round_id, user=officer)
    prereview.submission_save(
        submission_id=draft.pk,
        user=officer,
        terms={
            "covered_employees": 420,
            "wage_growth_pct": Decimal("7"),
            "last_year_average_wage": Decimal("5860"),
            "minimum_wage": Decimal("2300"),
            "weekly_hours": Decimal("40"),
        },
        clauses=CLAUSES,
    )
    files = {
        package.TEXT: ("工资专项集体合同草案", [text for _topic, text in CLAUSES]),
        package.ACCOUNT: ("协商情况说明", ["上一期合同工资增幅6%，已全部兑现。", "本次协商两轮。"]),
        package.RESOLUTION: ("职工代表大会决议", ["应到60人，实到54人，赞成50人。"]),
        package.CREDENTIALS: (
            "首席代表身份证明",
            ["职工方首席代表：高文静。", "企业方首席代表：韩志刚。"],
        ),
        package.MINUTES: ("协商会议纪要（双方首席签字）", ["双方首席代表已签字。"]),
    }
    for item, (title, lines) in files.items():
        prereview.submission_attach(
            submission_id=draft.pk, item=item, upload=_docx(title, lines), user=officer
        )
    prereview.submission_submit(submission_id=draft.pk, user=officer)
    third = draft.clauses.get(order=3)
    prereview.submission_review(
        submission_id=draft.pk,
        user=instructor_user,
        checks={
            "format": (True, ""),
            "clauses": (False, "工资调整条款缺少基数和幅度。"),
            "wording": (True, ""),
        },
        clause_comments={third.pk: CLAUSE_COMMENT},
        comment="其余条款符合要求；改好第3条后提交新版本，签字后再报初审。",
        passed=False,
        today=today - dt.timedelta(days=15),
    )

    # A second enterprise's contract, through every step, submitted to the department: the
    # reviewer's list has it, receipt recorded, the review period running.
    pharma = enterprise(
        name=SUBMITTED, region_code="230871", industry="C", employees=260, union_members=240
    )
    round_ = rounds.round_offer(
        enterprise=pharma,
        offered_by="union",
        offer_date=today - dt.timedelta(days=30),
        kind="comprehensive",
        instructor=instructor,
    )
    _advance(round_, to="federation_approved", day=today - dt.timedelta(days=26))
    department_review.submission_create(
        round_id=round_.pk, department_id=department.pk, submitted_on=today - dt.timedelta(days=6)
    )
    department_review.review_record_receipt(
        round_id=round_.pk,
        user=reviewer,
        account=reviewer.reviewer_account,
        received_on=today - dt.timedelta(days=5),
    )
    return True
