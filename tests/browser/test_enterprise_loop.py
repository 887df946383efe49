"""The enterprise's side end to end in Chromium (issue 17, "Done when"): four people walk the whole
loop through the real pages, in Chinese, from the invitation to the filing receipt.

The module's fixture records only what the loop starts from: the federation's administrator, the
instructor's staff account (the instructor role, covering the enterprise's area, so the offer
assigns the round to them), the enterprise in the ledger and the labour administration's
department. Everything else is done in the browser, in order:

1. the administrator (1280 px) invites the union officer and the employer's contact from the
   enterprise's ledger page, and the department's reviewer from the department's page;
2. each opens the e-mailed link and enrols with an authenticator (the code computed from the key
   the page shows);
3. the officer (390 px) sends the offer; the contact (390 px, its own browser) accepts it with its
   representatives; the officer records the publication, a meeting with its signed minutes and
   the workers' congress vote with its resolution;
4. the officer submits version 1 of the draft for pre-review; the instructor (1280 px) returns it
   with a comment on a clause; the officer reads it, corrects the clause in version 2, records the
   signatures, submits version 2 and reads the changes; the instructor passes it;
5. the administrator approves the federation review and submits the round to the department;
6. the reviewer (1280 px, and its home page at 390 px) records the receipt and approves: the
   contract is effective;
7. the administrator files the contract and downloads the filing receipt; the officer has been
   notified along the way; anyone verifies the receipt at /verify/ with the number and the code
   read from the PDF.

Each page is read afterwards, as the person would, and audited (axe-core) when shot; the phone
pages must not scroll sideways."""

from __future__ import annotations

import base64
import io
import re

import pypdf
import pytest
from django.core import mail
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import expect

from tenants import context
from tests.browser.conftest import ARTIFACTS, BROWSER, administrator, sign_in, whole_page
from tests.conftest import PASSWORD
from tests.factories import compliance as f

pytestmark = [*BROWSER, pytest.mark.usefixtures("loop")]  # made before Chromium starts

NAME = "浏览器全流程测试机械有限公司"
DEPARTMENT = "浏览器全流程人力资源和社会保障局"
ADMIN = "loop-admin@pa.test"
INSTRUCTOR = "loop-instructor@pa.test"
OFFICER = "officer@loop-browser.test"
CONTACT = "contact@loop-browser.test"
REVIEWER = "reviewer@loop-hrss.test"
TITLE = "2027年度工资专项集体合同"
WAGE_CLAUSE = "职工工资每年调整一次。"
WAGE_CLAUSE_V2 = "职工工资每年增长不低于百分之六，于每年一月调整。"
HOURS_CLAUSE = "实行标准工时制度，每周工作四十小时。"
COMMENT = "请写明工资增长的具体比例和调整时间。"
PDF = b"%PDF-1.4\n% enterprise loop browser test\n"


@pytest.fixture(scope="module")
def loop(browser_sites, django_db_blocker):
    """fed_pa's administrator, the instructor (a staff account with the instructor role and an
    instructor's entry covering the enterprise's area), the enterprise and the department."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from compliance.models import Instructor
    from tenants.roles import ROLE_BY_KEY
    from tests.factories.department_review import department

    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        admin_device = administrator(ADMIN, last_name="孙", first_name="立")
        user = get_user_model().objects.create_user(
            username=INSTRUCTOR,
            email=INSTRUCTOR,
            password=PASSWORD,
            last_name="赵",
            first_name="明",
        )
        user.groups.add(Group.objects.get(name=ROLE_BY_KEY["instructor"].name))
        instructor_device = TOTPDevice.objects.create(
            user=user, name="authenticator", confirmed=True
        )
        Instructor.objects.create(name="赵明", user=user, areas=["230803"])
        enterprise = f.enterprise(name=NAME, employees=200, union_members=150, region_code="230803")
        desk = department(DEPARTMENT)
        return {
            "admin": admin_device,
            "instructor": instructor_device,
            "enterprise": enterprise.pk,
            "department": desk.pk,
        }


@pytest.fixture
def browsers(chromium, live_tenant_server):
    """New browsers, each its own context: `open_(width)`, a phone at 390 px; closed at the end."""
    opened = []

    def open_(width: int):
        phone = width <= 390
        context_ = chromium.new_context(
            viewport={"width": width, "height": 844 if phone else 900},
            locale="zh-CN",
            is_mobile=phone,
            has_touch=phone,
        )
        opened.append(context_)
        tab = context_.new_page()
        tab.base = f"http://pa.test:{live_tenant_server}"
        return tab

    yield open_
    for context_ in opened:
        context_.close()


def _code_from(secret_text: str) -> str:
    key = base64.b32decode(secret_text.replace(" ", ""))
    return f"{totp(key):06d}"


def _fits(tab) -> None:
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390


def _link(email: str, area: str) -> str:
    (message,) = [m for m in mail.outbox if m.to == [email]]
    return re.search(rf"/{area}/invitation/[\w-]+/", message.body).group(0)


def _enrol(tab, path: str, *, family: str, given: str, area: str, shot, name: str) -> None:
    """Open the invitation, choose a name and a password, set up the authenticator."""
    tab.goto(tab.base + path)
    tab.locator("#id_family_name").fill(family)
    tab.locator("#id_given_name").fill(given)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("#id_password_again").fill(PASSWORD)
    shot(tab, f"{name}-accept")
    tab.get_by_role("button", name="继续").click()
    tab.wait_for_url(f"**/{area}/sign-in/second-factor/")
    expect(tab.locator("#secret")).to_be_visible()
    shot(tab, f"{name}-enrol")
    tab.locator("#id_code").fill(_code_from(tab.locator("#secret").inner_text()))
    tab.get_by_role("button", name="确认并登录").click()
    tab.wait_for_url(re.compile(rf"/{area}/$"))


def _reps(tab, rows) -> None:
    for i, (name, identity, chief) in enumerate(rows):
        tab.locator(f"#id_rep-{i}-name").fill(name)
        tab.locator(f"#id_rep-{i}-identity").fill(identity)
        if chief:
            tab.locator(f"#id_rep-{i}-is_chief").check()


def _submit(tab, name: str) -> None:
    tab.get_by_role("button", name=name).click()
    tab.wait_for_load_state()


def _step(staff, round_id: int, action: str) -> None:
    """Open a step of the round from its page in the admin (the link the page offers)."""
    staff.goto(f"{staff.base}/admin/bargaining_rounds/inspect/{round_id}/")
    link = f"main a[href$='/admin/bargaining_rounds/step/{round_id}/{action}/']"
    staff.locator(link).first.click()
    staff.wait_for_url(f"**/step/{round_id}/{action}/**")


def _back_to_round(staff, round_id: int) -> None:
    staff.locator("main form[method=post] button[type=submit]").first.click()
    staff.wait_for_url(f"**/admin/bargaining_rounds/inspect/{round_id}/**")


def test_the_whole_loop_from_invitation_to_filing_receipt(loop, browsers, shot):
    today = timezone.localdate()
    admin = browsers(1280)
    sign_in(admin, username=ADMIN, password=PASSWORD, device=loop["admin"])

    # 1. The administrator invites the officer and the contact from the ledger page...
    ledger_url = f"{admin.base}/admin/enterprises/inspect/{loop['enterprise']}/"
    mail.outbox.clear()
    for email, side in ((OFFICER, "union"), (CONTACT, "employer")):
        admin.goto(ledger_url)
        admin.locator("#id_email").fill(email)
        admin.locator("#id_side").select_option(side)
        admin.get_by_role("button", name="发送邀请").click()
        admin.wait_for_load_state()
        expect(admin.locator(".messages")).to_contain_text(f"已向 {email} 发送邀请")
    accounts = admin.locator("#enterprise-accounts").locator("xpath=..")
    expect(accounts).to_contain_text(OFFICER)
    expect(accounts).to_contain_text(CONTACT)
    whole_page(shot, admin, "loop-invitations-sent")

    # ... and the reviewer from the department's page.
    admin.goto(f"{admin.base}/admin/departments/inspect/{loop['department']}/")
    expect(admin.locator("main")).to_contain_text("尚无审查人员账号。")
    admin.locator("#id_email").fill(REVIEWER)
    admin.get_by_role("button", name="发送邀请").click()
    admin.wait_for_load_state()
    expect(admin.locator(".messages")).to_contain_text(f"已向 {REVIEWER} 发送邀请")
    expect(admin.locator("#reviewers").locator("xpath=..")).to_contain_text("待接受")
    whole_page(shot, admin, "loop-reviewer-invited")

    # 2. Each opens the e-mailed link and enrols.
    officer = browsers(390)
    _enrol(
        officer,
        "/enterprise" + _link(OFFICER, "enterprise").split("/enterprise", 1)[1],
        family="王",
        given="立新",
        area="enterprise",
        shot=shot,
        name="loop-officer",
    )
    expect(officer.locator("h1")).to_have_text(NAME)
    expect(officer.locator("main")).to_contain_text("暂无协商轮次。")
    _fits(officer)
    shot(officer, "loop-officer-home-phone")
    contact = browsers(390)
    _enrol(
        contact,
        _link(CONTACT, "enterprise"),
        family="陈",
        given="志远",
        area="enterprise",
        shot=shot,
        name="loop-contact",
    )
    expect(contact.locator("main")).to_contain_text("企业行政方")
    _fits(contact)
    reviewer = browsers(1280)
    _enrol(
        reviewer,
        _link(REVIEWER, "review"),
        family="钱",
        given="审查",
        area="review",
        shot=shot,
        name="loop-reviewer",
    )
    expect(reviewer.locator("h1")).to_have_text(DEPARTMENT)
    shot(reviewer, "loop-reviewer-home-empty")

    # 3. The officer sends the offer.
    officer.get_by_role("link", name="发出协商要约").first.click()
    officer.wait_for_url("**/enterprise/rounds/offer/")
    officer.locator("#id_kind").select_option("wages")
    officer.locator("#id_proposed_on").fill((today + timezone.timedelta(days=10)).isoformat())
    officer.locator("#id_proposed_time").fill("09:30")
    officer.locator("#id_place").fill("公司三楼会议室")
    officer.locator("#id_agenda").fill("年度工资调整幅度；最低工资标准")
    _reps(officer, [("王立新", "E001", True), ("李春梅", "E002", False), ("赵国强", "E003", False)])
    _fits(officer)
    shot(officer, "loop-offer-form-phone")
    _submit(officer, "发出要约")
    officer.wait_for_url(re.compile(r"/enterprise/rounds/\d+/$"))
    round_url = officer.url
    round_id = int(round_url.rstrip("/").rsplit("/", 1)[1])
    expect(officer.locator("main")).to_contain_text("已发出要约，等待应约")
    _fits(officer)
    shot(officer, "loop-offered-phone")

    # The contact is notified and accepts with its representatives.
    contact.goto(contact.base + "/enterprise/")
    expect(contact.locator("section[aria-labelledby=notifications-heading]")).to_contain_text(
        "集体协商要约书"
    )
    contact.get_by_role("link", name="答复要约").first.click()
    contact.wait_for_url(f"**/enterprise/rounds/{round_id}/answer/")
    expect(contact.locator("main")).to_contain_text("公司三楼会议室")
    _reps(contact, [("陈志远", "M001", True), ("刘晓燕", "M002", False), ("孙浩", "M003", False)])
    _fits(contact)
    shot(contact, "loop-answer-form-phone")
    _submit(contact, "接受要约")
    contact.wait_for_url(round_url)
    expect(contact.locator("main")).to_contain_text("你方已接受要约，协商开始。")
    expect(contact.locator("main")).to_contain_text("协商中")
    _fits(contact)
    shot(contact, "loop-accepted-phone")

    # The officer records the publication, a meeting with signed minutes and the vote.
    officer.goto(round_url)
    expect(officer.locator("section[aria-labelledby=reps-heading]")).to_contain_text("孙浩")
    officer.get_by_role("link", name="登记公示").click()
    officer.wait_for_url(f"**/enterprise/rounds/{round_id}/publication/")
    officer.locator("#id_published_on").fill(today.isoformat())
    _fits(officer)
    shot(officer, "loop-publication-form-phone")
    _submit(officer, "登记公示")
    officer.wait_for_url(round_url)
    expect(officer.locator("main")).to_contain_text("公示已登记。")
    officer.get_by_role("link", name="登记协商会议").click()
    officer.wait_for_url(f"**/enterprise/rounds/{round_id}/meeting/")
    officer.locator("#id_held_on").fill(today.isoformat())
    officer.locator("#id_place").fill("公司三楼会议室")
    officer.locator("#id_summary").fill("工资增长6%，最低工资2300元")
    officer.locator("#id_minutes").set_input_files(
        files=[{"name": "minutes.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    officer.locator("#id_signed_by_all").check()
    _fits(officer)
    shot(officer, "loop-meeting-form-phone")
    _submit(officer, "登记会议")
    officer.wait_for_url(round_url)
    expect(officer.locator("main")).to_contain_text("会议已登记。")
    officer.get_by_role("link", name="登记职代会表决结果").click()
    officer.wait_for_url(f"**/enterprise/rounds/{round_id}/vote/")
    officer.locator("#id_held_on").fill(today.isoformat())
    officer.locator("#id_total").fill("100")
    officer.locator("#id_present").fill("90")
    officer.locator("#id_in_favour").fill("80")
    officer.locator("#id_resolution").set_input_files(
        files=[{"name": "resolution.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    _fits(officer)
    shot(officer, "loop-vote-form-phone")
    _submit(officer, "登记表决")
    officer.wait_for_url(round_url)
    expect(officer.locator("main")).to_contain_text("职代会已通过")
    _fits(officer)
    shot(officer, "loop-voted-phone")

    # 4. The officer starts version 1 of the draft, fills it in and submits it.
    main = officer.locator("main")
    officer.goto(officer.base + "/enterprise/")
    officer.get_by_role("link", name="我的合同草案").click()
    officer.wait_for_url("**/enterprise/prereview/")
    _fits(officer)
    shot(officer, "loop-prereview-list-phone")
    officer.get_by_role("button", name="开始填写草案").click()
    officer.wait_for_url(re.compile(r"/enterprise/prereview/\d+/edit/$"))
    expect(officer.locator(".ent-message")).to_contain_text("第1版已创建")
    officer.locator("#id_clauses-0-topic").select_option("wages")
    officer.locator("#id_clauses-0-text").fill(WAGE_CLAUSE)
    officer.locator("#id_clauses-1-topic").select_option("hours")
    officer.locator("#id_clauses-1-text").fill(HOURS_CLAUSE)
    officer.locator("#id_terms-covered_employees").fill("200")
    officer.locator("#id_terms-weekly_hours").fill("40")
    for item, name in (
        ("contract_text", "合同草案.pdf"),
        ("bargaining_account", "协商情况说明.pdf"),
        ("congress_resolution", "职代会决议.pdf"),
        ("chief_credentials", "首席代表身份证明.pdf"),
        ("signed_minutes", "会议记录.pdf"),
    ):
        officer.locator(f"#id_package-file_{item}").set_input_files(
            {"name": name, "mimeType": "application/pdf", "buffer": PDF}
        )
    _fits(officer)
    shot(officer, "loop-draft-form-phone")
    officer.get_by_role("button", name="保存草稿").click()
    officer.wait_for_url(re.compile(r"/enterprise/prereview/\d+/$"))
    first_url = officer.url
    expect(officer.locator("section[aria-labelledby=package-heading]")).to_contain_text(
        "会议记录.pdf"
    )
    # A wage contract needs its wage data before it may be submitted: the page says which.
    expect(officer.locator(".ent-alert")).to_contain_text("缺少数据：上年度职工月平均工资（元）")
    expect(officer.get_by_role("button", name="提交初审")).to_have_count(0)
    _fits(officer)
    shot(officer, "loop-draft-missing-phone")
    officer.get_by_role("link", name="编辑草案").click()
    officer.wait_for_url(re.compile(r"/edit/$"))
    officer.locator("#id_terms-last_year_average_wage").fill("5200")
    officer.locator("#id_terms-wage_growth_pct").fill("6")
    officer.get_by_role("button", name="保存草稿").click()
    officer.wait_for_url(first_url)
    expect(officer.locator(".ent-alert")).to_have_count(0)
    officer.get_by_role("button", name="提交初审").click()
    officer.wait_for_url(first_url)
    expect(officer.locator(".ent-message")).to_contain_text("第1版已提交，已通知指导员。")
    _fits(officer)
    shot(officer, "loop-draft-submitted-phone")

    # The instructor, assigned by the enterprise's area, returns it with a comment on a clause.
    instructor = browsers(1280)
    sign_in(instructor, username=INSTRUCTOR, password=PASSWORD, device=loop["instructor"])
    instructor.goto(f"{instructor.base}/admin/bargaining_rounds/inspect/{round_id}/")
    expect(instructor.locator("main")).to_contain_text("赵明")
    expect(instructor.locator("#prereview")).to_contain_text("已提交初审")
    whole_page(shot, instructor, "loop-instructor-round")
    instructor.locator("#prereview").get_by_role("link", name="第1版").click()
    instructor.wait_for_url(re.compile(r"/admin/bargaining_rounds/prereview/\d+/$"))
    expect(instructor.locator("main")).to_contain_text("职代会决议.pdf")
    instructor.locator("#id_format_ok_0").check()
    instructor.locator("#id_clauses_ok_1").check()
    instructor.locator("#id_clauses_note").fill("工资条款未写明增长幅度。")
    instructor.locator("#id_wording_ok_0").check()
    instructor.get_by_label("第1条的意见").fill(COMMENT)
    instructor.locator("#id_decision_0").check()
    whole_page(shot, instructor, "loop-instructor-return-form")
    instructor.get_by_role("button", name="记录初审结果").click()
    instructor.wait_for_load_state()
    expect(instructor.locator(".messages")).to_contain_text("初审结果已记录")
    expect(instructor.locator("main")).to_contain_text("退回修改")
    expect(instructor.locator("main")).to_contain_text(COMMENT)
    whole_page(shot, instructor, "loop-instructor-returned")

    # The officer reads the comment, starts version 2 and corrects the clause.
    officer.goto(officer.base + "/enterprise/")
    notifications = officer.locator("section[aria-labelledby=notifications-heading]")
    expect(notifications).to_contain_text("被退回修改")
    _fits(officer)
    shot(officer, "loop-officer-returned-phone")
    officer.goto(first_url)
    expect(main).to_contain_text("退回修改")
    expect(main.locator(".ent-comment")).to_contain_text(COMMENT)
    expect(officer.locator("section[aria-labelledby=review-heading]")).to_contain_text(
        "工资条款未写明增长幅度。"
    )
    _fits(officer)
    shot(officer, "loop-comments-phone")
    officer.get_by_role("link", name="全部草案").click()
    officer.get_by_role("button", name="在最新版本基础上创建新版本").click()
    officer.wait_for_url(re.compile(r"/edit/$"))
    expect(main.locator("h1")).to_contain_text("第2版")
    expect(officer.locator("#id_clauses-0-text")).to_have_value(WAGE_CLAUSE)
    officer.locator("#id_clauses-0-text").fill(WAGE_CLAUSE_V2)
    _fits(officer)
    shot(officer, "loop-draft-v2-form-phone")
    officer.get_by_role("button", name="保存草稿").click()
    officer.wait_for_url(re.compile(r"/enterprise/prereview/\d+/$"))
    second_url = officer.url
    expect(main).to_contain_text(WAGE_CLAUSE_V2)

    # It records the signatures, then submits version 2 and reads the changes.
    officer.goto(round_url)
    officer.get_by_role("link", name="登记签字").click()
    officer.wait_for_url(f"**/enterprise/rounds/{round_id}/signature/")
    starts = today + timezone.timedelta(days=30)
    officer.locator("#id_signed_on").fill(today.isoformat())
    officer.locator("#id_title").fill(TITLE)
    officer.locator("#id_starts_on").fill(starts.isoformat())
    officer.locator("#id_ends_on").fill(starts.replace(year=starts.year + 2).isoformat())
    officer.locator("#id_covered_employees").fill("200")
    officer.locator("#id_wage_growth_pct").fill("6")
    _fits(officer)
    shot(officer, "loop-signature-form-phone")
    _submit(officer, "登记签字")
    officer.wait_for_url(round_url)
    expect(main).to_contain_text("签字已登记。")
    expect(officer.locator("section[aria-labelledby=contract-heading]")).to_contain_text(TITLE)
    _fits(officer)
    shot(officer, "loop-signed-phone")
    officer.goto(second_url)
    officer.get_by_role("button", name="提交初审").click()
    officer.wait_for_url(second_url)
    expect(officer.locator(".ent-message")).to_contain_text("第2版已提交")
    officer.get_by_role("link", name="与第1版相比的修改").click()
    officer.wait_for_url(re.compile(r"/changes/$"))
    expect(main).to_contain_text("1条有修改。")
    added = "".join(main.locator(".ent-diff ins").all_inner_texts())
    assert "不低于百分之六" in added, added
    expect(main).to_contain_text(COMMENT)  # the comment beside the change
    _fits(officer)
    shot(officer, "loop-changes-phone")

    # The instructor passes version 2: the round's instructor review.
    instructor.goto(f"{instructor.base}/admin/bargaining_rounds/inspect/{round_id}/")
    instructor.locator("#prereview").get_by_role("link", name="第2版").click()
    instructor.wait_for_url(re.compile(r"/admin/bargaining_rounds/prereview/\d+/$"))
    expect(instructor.locator("main")).to_contain_text(WAGE_CLAUSE_V2)
    for code in ("format", "clauses", "wording"):
        instructor.locator(f"#id_{code}_ok_0").check()
    instructor.locator("#id_decision_1").check()
    whole_page(shot, instructor, "loop-instructor-pass-form")
    instructor.get_by_role("button", name="记录初审结果").click()
    instructor.wait_for_load_state()
    expect(instructor.locator(".messages")).to_contain_text("初审结果已记录")
    expect(instructor.locator("main")).to_contain_text("状态: 初审通过")
    expect(instructor.locator("main")).to_contain_text("协商状态: 指导员初审通过")
    whole_page(shot, instructor, "loop-instructor-passed")

    # 5. The administrator approves the federation review and submits to the department.
    admin.goto(f"{admin.base}/admin/bargaining_rounds/inspect/{round_id}/")
    expect(admin.locator("#prereview")).to_contain_text("初审通过的第2版")
    expect(admin.locator("#prereview")).to_contain_text(WAGE_CLAUSE_V2)
    _step(admin, round_id, "federation_review")
    admin.locator("#id_approved").select_option("1")
    admin.locator("#id_comments").fill("经审核，同意报送。")
    whole_page(shot, admin, "loop-federation-review-form")
    _back_to_round(admin, round_id)
    expect(admin.locator("main")).to_contain_text("总工会审核通过")
    _step(admin, round_id, "submit")
    expect(admin.locator("#id_department")).to_have_value(str(loop["department"]))
    whole_page(shot, admin, "loop-submit-form")
    _back_to_round(admin, round_id)
    expect(admin.locator("main")).to_contain_text("已报送人社部门")
    expect(admin.locator("#department-review").locator("xpath=..")).to_contain_text(DEPARTMENT)
    whole_page(shot, admin, "loop-submitted")

    # 6. The reviewer records the receipt and approves: the contract is effective.
    review_url = f"{reviewer.base}/review/rounds/{round_id}/"
    reviewer.goto(reviewer.base + "/review/")
    expect(reviewer.locator("main")).to_contain_text(NAME)
    expect(reviewer.locator("main")).to_contain_text("尚未登记受理")
    shot(reviewer, "loop-reviewer-home")
    reviewer.get_by_role("link", name=re.compile(NAME)).first.click()
    reviewer.wait_for_url(review_url)
    expect(reviewer.locator("main")).to_contain_text(TITLE)
    shot(reviewer, "loop-reviewer-round")
    reviewer.get_by_role("button", name="登记受理").click()
    reviewer.wait_for_url(review_url)
    expect(reviewer.locator("main")).to_contain_text("已登记受理，审查期限自受理之日起算。")
    reviewer.locator("#id_comments").fill("经审查，同意。")
    shot(reviewer, "loop-reviewer-received")
    reviewer.get_by_role("button", name="审查通过").last.click()
    reviewer.wait_for_url(review_url)
    expect(reviewer.locator("main")).to_contain_text("审查通过，合同已生效。")
    expect(reviewer.locator("main")).to_contain_text("合同已生效")
    shot(reviewer, "loop-reviewer-approved")
    reviewer.set_viewport_size({"width": 390, "height": 844})
    reviewer.goto(reviewer.base + "/review/")
    expect(reviewer.locator("main")).to_contain_text(NAME)
    _fits(reviewer)
    shot(reviewer, "loop-reviewer-home-phone")

    # 7. The administrator files the contract from its page and downloads the receipt.
    admin.goto(ledger_url)
    admin.locator("section[aria-labelledby=enterprise-contracts]").get_by_role(
        "link", name=TITLE
    ).click()
    admin.wait_for_url(re.compile(r"/admin/contracts/inspect/\d+/$"))
    contract_url = admin.url
    whole_page(shot, admin, "loop-contract-effective")
    admin.get_by_role("link", name="合同备案").click()
    admin.wait_for_url("**/admin/contracts/step/*/file/")
    expect(admin.locator("#id_filed_on")).to_have_value(today.isoformat())
    whole_page(shot, admin, "loop-filing-form")
    admin.locator("main form[method=post] button[type=submit]").first.click()
    admin.wait_for_url(contract_url)
    receipt = admin.locator("#filing-receipt")
    expect(receipt).to_be_visible()
    whole_page(shot, admin, "loop-contract-filed")
    with admin.expect_download() as download:
        admin.get_by_role("link", name="下载备案回执（PDF）").click()
    data = open(download.value.path(), "rb").read()  # noqa: SIM115 (Playwright's temp file)
    assert data.startswith(b"%PDF")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "loop-filing-receipt.pdf").write_bytes(data)
    text = "".join(pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    assert NAME in text and "集体合同备案回执" in text, text
    assert f"已报送{DEPARTMENT}审查" in text, text  # the department it went to online
    number = re.search(r"浏工集备〔\d{4}〕\d+号", text).group(0)
    code = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", text).group(0)
    expect(receipt).to_contain_text(code)  # the page and the PDF agree

    # The officer was told along the way: the return, the pass and the department's approval.
    officer.goto(officer.base + "/enterprise/")
    expect(notifications).to_contain_text("被退回修改")
    expect(notifications).to_contain_text("已通过指导员初审")
    expect(notifications).to_contain_text(f"{DEPARTMENT}已审查通过")
    _fits(officer)
    shot(officer, "loop-officer-notified-phone")

    # Anyone verifies the receipt with the number and code printed on it.
    anyone = browsers(390)
    anyone.goto(anyone.base + "/verify/")
    anyone.get_by_label("备案编号").fill(number)
    anyone.get_by_label("验证码").fill(code)
    anyone.get_by_role("button", name="查验").click()
    anyone.wait_for_load_state()
    answer = anyone.locator("main")
    expect(answer).to_contain_text("回执真实有效")
    expect(answer).to_contain_text(NAME)
    expect(answer).to_contain_text(number)
    # Approved and filed before its first day: not in force yet, and said so.
    expect(answer).to_contain_text("该合同今日不在有效期内。")
    expect(answer).to_contain_text("合同期限尚未开始。")
    _fits(anyone)
    shot(anyone, "loop-verified-phone")
