"""Pre-review (初审) with feedback and versions in Chromium (issue 17 items 4 and 5).

The enterprise union's officer, on a phone (390 px, Chinese), starts the draft of its signed
round, enters the key terms and two clauses, uploads the filing package and submits it; the
round's assigned instructor (1280 px) reads it with each clause's similarity to the model text,
fails the wording check and comments on a clause, and returns it; the officer reads the comments,
starts version 2 from version 1, corrects the clause, submits it and reads the difference between
the versions; the instructor passes version 2. Returning the signed round's version sent the round
back to negotiation (as the back office's return), so version 2 is passed as a draft: the round
passes its instructor review with the version submitted after it is signed again (tested in
tests/compliance/services/test_prereview.py). Each
page is read afterwards as the person would, and audited (axe-core) when shot."""

from __future__ import annotations

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tenants import context
from tests.browser.conftest import BROWSER, whole_page
from tests.conftest import PASSWORD
from tests.factories.compliance import round_at
from tests.factories.enterprise_accounts import enterprise_user
from tests.factories.users import user_with_permissions

pytestmark = [*BROWSER, pytest.mark.usefixtures("prereview_round")]

OFFICER = "officer@prereview-browser.test"
INSTRUCTOR = "instructor@prereview-browser.test"
# Copied word for word from the model text: the instructor sees it marked.
COPIED = "用人单位应当依法建立工资正常增长机制并按时足额支付职工工资"
WAGE_CLAUSE = COPIED + "，每年调整一次。"
WAGE_CLAUSE_V2 = COPIED + "，职工工资每年增长不低于百分之六。"
HOURS_CLAUSE = "实行标准工时制度，每周工作四十小时。"
PDF = b"%PDF-1.4\n% prereview browser test\n"


@pytest.fixture(scope="module")
def prereview_round(browser_sites, django_db_blocker):
    """A signed round of fed_pa, its union officer and its instructor (a reviewer only)."""
    from compliance.models import Instructor, ModelClause
    from compliance.services.bargaining import round_assign_instructor

    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        round_ = round_at("signed")
        _officer, officer_device = enterprise_user(round_.enterprise, email=OFFICER)
        reviewer = user_with_permissions(
            INSTRUCTOR, "view_bargaininground", "review_bargaininground"
        )
        reviewer.last_name, reviewer.first_name = "赵", "明"
        reviewer.save()
        device = TOTPDevice.objects.create(user=reviewer, name="authenticator", confirmed=True)
        instructor = Instructor.objects.create(name="赵明", user=reviewer)
        round_assign_instructor(round_id=round_.pk, instructor=instructor, reason="分片包干")
        ModelClause.objects.create(kind=round_.kind, order=1, topic="wages", text=COPIED + "。")
        return {
            "round": round_.pk,
            "name": round_.enterprise.name,
            "officer": officer_device,
            "instructor": (INSTRUCTOR, device),
        }


@pytest.fixture(scope="module")
def accounts(prereview_round):
    return {"zh-hans": prereview_round["instructor"]}


@pytest.fixture
def phone(chromium, live_tenant_server, prereview_round):
    """The officer, signed in with both factors on a phone."""
    context_ = chromium.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    tab = context_.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    tab.goto(f"{tab.base}/enterprise/sign-in/")
    tab.locator("#id_username").fill(OFFICER)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("form.ent-form button[type=submit], main form button[type=submit]").first.click()
    tab.wait_for_url("**/enterprise/sign-in/code/")
    device = prereview_round["officer"]
    tab.locator("#id_code").fill(f"{totp(device.bin_key, step=device.step):06d}")
    tab.locator("main form button[type=submit]").first.click()
    tab.wait_for_url(re.compile(r"/enterprise/$"))
    yield tab
    context_.close()


def _fits(tab) -> None:
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390


def _files(tab, names: list[str]) -> None:
    for item, name in names:
        tab.locator(f"#id_package-file_{item}").set_input_files(
            {"name": name, "mimeType": "application/pdf", "buffer": PDF}
        )


def _submission_of_round(prereview_round):
    from compliance.models import FilingSubmission

    return FilingSubmission.objects.filter(round_id=prereview_round["round"]).latest("version")


def test_draft_returned_with_comments_corrected_and_passed(
    prereview_round, staff, phone, shot, django_db_blocker
):
    main = phone.locator("main")
    # The officer starts the draft from the home page.
    phone.get_by_role("link", name="我的合同草案").click()
    phone.wait_for_url("**/enterprise/prereview/")
    expect(main).to_contain_text("已签字")
    shot(phone, "prereview-list-phone")
    phone.get_by_role("button", name="开始填写草案").click()
    phone.wait_for_url(re.compile(r"/enterprise/prereview/\d+/edit/$"))
    expect(phone.locator(".ent-message")).to_contain_text("第1版已创建")

    # Submitting too early: the missing items are named.
    phone.locator("#id_clauses-0-topic").select_option("wages")
    phone.locator("#id_clauses-0-text").fill(WAGE_CLAUSE)
    phone.get_by_role("button", name="保存草稿").click()
    phone.wait_for_url(re.compile(r"/enterprise/prereview/\d+/$"))
    alert = phone.locator(".ent-alert")
    expect(alert).to_contain_text("缺少材料：合同文本（DOCX 或 PDF）")
    expect(alert).to_contain_text("缺少材料：双方首席代表签字的协商会议记录")
    expect(phone.get_by_role("button", name="提交初审")).to_have_count(0)
    shot(phone, "prereview-missing-phone")

    # It completes the draft: a second clause and the package.
    phone.get_by_role("link", name="编辑草案").click()
    phone.wait_for_url(re.compile(r"/edit/$"))
    expect(phone.locator("#id_clauses-0-text")).to_have_value(WAGE_CLAUSE)
    phone.locator("#id_clauses-1-topic").select_option("hours")
    phone.locator("#id_clauses-1-text").fill(HOURS_CLAUSE)
    phone.locator("#id_terms-covered_employees").fill("150")
    phone.locator("#id_terms-weekly_hours").fill("40")
    # Two codebook key terms: annual leave in range, workday overtime below the legal 150 %.
    phone.locator("#id_terms-kt_paid_annual_leave_days").fill("10")
    phone.locator("#id_terms-kt_overtime_workday_pct").fill("120")
    phone.get_by_role("button", name="保存草稿").click()
    phone.wait_for_load_state()
    assert re.search(r"/edit/$", phone.url)
    expect(phone.locator("#id_terms-kt_overtime_workday_pct ~ .ent-error")).to_have_text(
        "120超出范围：工作日加班工资标准应在150至500（% 工资）之间。"
    )
    expect(phone.locator("#id_terms-kt_paid_annual_leave_days")).to_have_value("10")
    expect(phone.locator("#id_clauses-1-text")).to_have_value(HOURS_CLAUSE)
    _fits(phone)
    shot(phone, "prereview-key-term-error-phone")
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        assert _submission_of_round(prereview_round).key_terms == {}
    phone.locator("#id_terms-kt_overtime_workday_pct").fill("200%")
    _files(
        phone,
        [
            ("contract_text", "合同草案.pdf"),
            ("bargaining_account", "协商情况说明.pdf"),
            ("congress_resolution", "职代会决议.pdf"),
            ("chief_credentials", "首席代表身份证明.pdf"),
            ("signed_minutes", "会议记录.pdf"),
        ],
    )
    _fits(phone)
    shot(phone, "prereview-form-phone")
    phone.get_by_role("button", name="保存草稿").click()
    phone.wait_for_url(re.compile(r"/enterprise/prereview/\d+/$"))
    first_url = phone.url
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        stored = _submission_of_round(prereview_round)
        assert stored.key_terms == {"paid_annual_leave_days": 10, "overtime_workday_pct": 200}
        assert stored.weekly_hours == 40
    package = phone.locator("section[aria-labelledby=package-heading]")
    expect(package).to_contain_text("会议记录.pdf")
    terms = phone.locator("section[aria-labelledby=terms-heading]")
    leave = terms.locator("dt", has_text="带薪年休假（天/年）")
    expect(leave.locator("xpath=following-sibling::dd[1]")).to_have_text("10")
    overtime = terms.locator("dt", has_text="工作日加班工资标准（% 工资）")
    expect(overtime.locator("xpath=following-sibling::dd[1]")).to_have_text("200")
    expect(main).to_contain_text(HOURS_CLAUSE)
    phone.get_by_role("button", name="提交初审").click()
    phone.wait_for_url(first_url)
    expect(phone.locator(".ent-message")).to_contain_text("第1版已提交，已通知指导员。")
    expect(main).to_contain_text("已提交初审")
    expect(phone.get_by_role("link", name="编辑草案")).to_have_count(0)
    _fits(phone)
    shot(phone, "prereview-submitted-phone")

    # The instructor opens it from the round's page and returns it.
    staff.goto(f"{staff.base}/admin/bargaining_rounds/inspect/{prereview_round['round']}/")
    section = staff.locator("#prereview")
    expect(section).to_contain_text("已提交初审")
    section.get_by_role("link", name="第1版").click()
    staff.wait_for_url(re.compile(r"/admin/bargaining_rounds/prereview/\d+/$"))
    page = staff.locator("main")
    expect(page.locator("mark").first).to_contain_text(COPIED[:12])
    expect(page).to_contain_text("示范文本第1条")
    expect(page).to_contain_text("职代会决议.pdf")
    expect(page.locator("section[aria-labelledby=terms-heading]")).to_contain_text(
        "带薪年休假（天/年）: 10"
    )
    staff.locator("#id_clauses_ok_0").check()
    staff.locator("#id_format_ok_0").check()
    staff.locator("#id_wording_ok_1").check()
    staff.locator("#id_wording_note").fill("第一条照抄示范文本，未写明增长幅度。")
    staff.get_by_label("第1条的意见").fill("请写明工资增长的具体比例。")
    staff.locator("#id_decision_0").check()
    whole_page(shot, staff, "prereview-review")
    staff.get_by_role("button", name="记录初审结果").click()
    staff.wait_for_load_state()
    expect(staff.locator(".messages")).to_contain_text("初审结果已记录")
    expect(page).to_contain_text("退回修改")
    expect(page).to_contain_text("协商状态: 协商中")  # a signed round returned is negotiated again
    expect(page).to_contain_text("请写明工资增长的具体比例。")
    whole_page(shot, staff, "prereview-returned")

    # The officer reads the comments and corrects them in version 2.
    phone.goto(phone.base + "/enterprise/")
    expect(main.locator("section[aria-labelledby=notifications-heading]")).to_contain_text(
        "被退回修改"
    )
    phone.goto(first_url)
    expect(main).to_contain_text("退回修改")
    review = phone.locator("section[aria-labelledby=review-heading]")
    expect(review).to_contain_text("文字表达规范")
    expect(review).to_contain_text("第一条照抄示范文本")
    expect(main.locator(".ent-comment")).to_contain_text("请写明工资增长的具体比例。")
    _fits(phone)
    shot(phone, "prereview-comments-phone")
    phone.get_by_role("link", name="全部草案").click()
    phone.get_by_role("button", name="在最新版本基础上创建新版本").click()
    phone.wait_for_url(re.compile(r"/edit/$"))
    expect(main.locator("h1")).to_contain_text("第2版")
    expect(phone.locator("#id_clauses-1-text")).to_have_value(HOURS_CLAUSE)
    expect(phone.locator("#id_terms-kt_paid_annual_leave_days")).to_have_value("10")
    expect(phone.locator("#id_terms-kt_overtime_workday_pct")).to_have_value("200")
    phone.locator("#id_clauses-0-text").fill(WAGE_CLAUSE_V2)
    phone.locator("#id_terms-kt_paid_annual_leave_days").fill("12")
    phone.get_by_role("button", name="保存草稿").click()
    phone.wait_for_url(re.compile(r"/enterprise/prereview/\d+/$"))
    expect(phone.locator("section[aria-labelledby=package-heading]")).to_contain_text(
        "合同草案.pdf"
    )  # the files carried over from version 1
    phone.get_by_role("button", name="提交初审").click()
    expect(phone.locator(".ent-message")).to_contain_text("第2版已提交")
    phone.get_by_role("link", name="与第1版相比的修改").click()
    phone.wait_for_url(re.compile(r"/changes/$"))
    expect(main).to_contain_text("1条有修改。")
    changed_terms = main.locator("section[aria-labelledby=terms-heading]")
    expect(changed_terms).to_contain_text("带薪年休假（天/年）: 10 → 12")
    expect(changed_terms).not_to_contain_text("加班")
    diff = main.locator(".ent-diff").first
    expect(diff).to_contain_text(WAGE_CLAUSE_V2.split("，")[0])
    added = "".join(diff.locator("ins").all_inner_texts())
    removed = "".join(diff.locator("del").all_inner_texts())
    assert "增长不低于百分之六" in added and "职工工资" in added, added
    assert "调整一次" in removed and "增长" not in removed, removed
    expect(main).to_contain_text("请写明工资增长的具体比例。")  # the comment beside the change
    _fits(phone)
    shot(phone, "prereview-changes-phone")

    # The instructor passes version 2, a draft now that the round is negotiated again.
    staff.goto(f"{staff.base}/admin/bargaining_rounds/inspect/{prereview_round['round']}/")
    staff.locator("#prereview").get_by_role("link", name="第2版").click()
    staff.wait_for_url(re.compile(r"/admin/bargaining_rounds/prereview/\d+/$"))
    expect(page).to_contain_text("本次协商尚未签字：此版本按草稿审核")
    for code in ("format", "clauses", "wording"):
        staff.locator(f"#id_{code}_ok_0").check()
    staff.locator("#id_decision_1").check()
    staff.get_by_role("button", name="记录初审结果").click()
    staff.wait_for_load_state()
    expect(staff.locator(".messages")).to_contain_text("初审结果已记录")
    expect(page).to_contain_text("状态: 初审通过")
    expect(page).to_contain_text("协商状态: 协商中")
    staff.goto(f"{staff.base}/admin/bargaining_rounds/inspect/{prereview_round['round']}/")
    expect(staff.locator("#prereview")).to_contain_text("初审通过的第2版")
    expect(staff.locator("#prereview")).to_contain_text(WAGE_CLAUSE_V2)
    whole_page(shot, staff, "prereview-passed-round")

    phone.goto(phone.base + "/enterprise/")
    expect(main.locator("section[aria-labelledby=notifications-heading]")).to_contain_text(
        "已通过指导员初审"
    )
    shot(phone, "prereview-passed-phone")
