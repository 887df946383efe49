"""The labour administration's review online in Chromium (issue 17 item 6), in Chinese at 1280 px.

An administrator records the federation's department, invites a reviewer from its page and
submits a round to it (the only department: preselected); the reviewer opens the e-mailed link,
chooses a password, sets up an authenticator from the key the page shows, records the receipt
and asks for missing materials; the administrator records the materials sent; the reviewer
objects (the round goes back to bargaining); after the round is signed and reviewed again the
administrator resubmits it and the reviewer approves it: the contract is effective. Each page is
read afterwards as the person would, and audited (axe-core) when shot."""

from __future__ import annotations

import base64
import datetime as dt
import re
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import expect

from compliance.models import Department
from compliance.services import bargaining
from tenants import context
from tests.browser.conftest import BROWSER, administrator, send, whole_page
from tests.conftest import PASSWORD
from tests.factories import compliance as f

pytestmark = [*BROWSER, pytest.mark.usefixtures("review_setting")]  # before Chromium starts

ADMIN = "review-admin@pa.test"
REVIEWER = "reviewer@hrss-browser.test"
DEPARTMENT = "浏览器高新区人力资源和社会保障局"


@pytest.fixture(scope="module")
def review_setting(browser_sites, django_db_blocker):
    """The administrator and a round through federation review."""
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        device = administrator(ADMIN, last_name="孙", first_name="立")
        assert not Department.objects.exists()  # the department is recorded in the test
        round_ = f.round_at("federation_approved")
        return {
            "device": device,
            "round": round_.pk,
            "enterprise": round_.enterprise.name,
        }


@pytest.fixture(scope="module")
def accounts(review_setting):
    return {"zh-hans": (ADMIN, review_setting["device"])}


@pytest.fixture
def desk(chromium, live_tenant_server):
    """The reviewer's own browser: Chinese, 1280 px, signed in to nothing."""
    context_ = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context_.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    yield tab
    context_.close()


def _code_from(secret_text: str) -> str:
    key = base64.b32decode(secret_text.replace(" ", ""))
    return f"{totp(key):06d}"


def _rebargain(django_db_blocker, round_pk: int) -> None:
    """After the objection the parties vote, sign and pass both reviews again (the steps other
    browser tests walk), in a thread of its own: Playwright's loop forbids database calls here."""

    def work():
        try:
            with django_db_blocker.unblock(), context.federation_context("fed_pa"):
                today = timezone.localdate()
                bargaining.round_record_vote(
                    round_id=round_pk, held_on=today, total=30, present=25, in_favour=22
                )
                bargaining.round_sign(
                    round_id=round_pk,
                    signed_on=today,
                    title="2026年度集体合同（修订稿）",
                    starts_on=today,
                    ends_on=today + dt.timedelta(days=3 * 365 - 2),
                    covered_employees=150,
                )
                for stage in ("instructor", "federation"):
                    bargaining.round_review(
                        round_id=round_pk, stage=stage, approved=True, reviewed_on=today
                    )
        finally:
            connection.close()

    with ThreadPoolExecutor(1) as pool:
        pool.submit(work).result()


def _submit(staff, setting, department: int, shot, name: str) -> None:
    staff.goto(f"{staff.base}/admin/bargaining_rounds/step/{setting['round']}/submit/")
    expect(staff.locator("#id_department")).to_have_value(str(department))
    shot(staff, name)
    staff.locator("main form[method=post] button[type=submit]").first.click()
    staff.wait_for_url(f"**/admin/bargaining_rounds/inspect/{setting['round']}/**")
    expect(staff.locator("main")).to_contain_text("已报送人社部门")
    expect(staff.locator("#department-review").locator("xpath=..")).to_contain_text(DEPARTMENT)


def test_a_reviewer_is_invited_objects_once_and_then_approves(
    review_setting, staff, desk, shot, django_db_blocker
):
    setting = review_setting
    round_url = f"{desk.base}/review/rounds/{setting['round']}/"

    # The administrator records the department, landing on its page.
    staff.goto(f"{staff.base}/admin/departments/new/")
    staff.locator("#id_name").fill(DEPARTMENT)
    shot(staff, "review-department-form")
    send(staff)
    staff.wait_for_url(re.compile(r"/admin/departments/inspect/\d+/"))
    department = int(staff.url.rstrip("/").split("/")[-1])
    expect(staff.locator("main")).to_contain_text("尚无审查人员账号。")

    # It invites the reviewer from the department's page.
    mail.outbox.clear()
    staff.locator("#id_email").fill(REVIEWER)
    staff.get_by_role("button", name="发送邀请").click()
    staff.wait_for_load_state()
    expect(staff.locator(".messages")).to_contain_text(f"已向 {REVIEWER} 发送邀请")
    section = staff.locator("#reviewers").locator("xpath=..")
    expect(section).to_contain_text(REVIEWER)
    expect(section).to_contain_text("待接受")
    whole_page(shot, staff, "review-invitation-sent")

    # It submits the round to the department (the only one: preselected).
    _submit(staff, setting, department, shot, "review-submit-form")
    whole_page(shot, staff, "review-submitted")

    # The reviewer opens the link, chooses a password and sets up an authenticator.
    (message,) = [m for m in mail.outbox if m.to == [REVIEWER]]
    assert DEPARTMENT in message.body
    path = re.search(r"/review/invitation/[\w-]+/", message.body).group(0)
    desk.goto(desk.base + path)
    main = desk.locator("main")
    expect(main).to_contain_text(DEPARTMENT)
    desk.locator("#id_family_name").fill("赵")
    desk.locator("#id_given_name").fill("审查")
    desk.locator("#id_password").fill(PASSWORD)
    desk.locator("#id_password_again").fill(PASSWORD)
    shot(desk, "review-accept")
    desk.get_by_role("button", name="继续").click()
    desk.wait_for_url("**/review/sign-in/second-factor/")
    shot(desk, "review-enrol")
    desk.locator("#id_code").fill(_code_from(desk.locator("#secret").inner_text()))
    desk.get_by_role("button", name="确认并登录").click()
    desk.wait_for_url(re.compile(r"/review/$"))
    expect(desk.locator("h1")).to_have_text(DEPARTMENT)
    expect(main).to_contain_text(setting["enterprise"])
    expect(main).to_contain_text("尚未登记受理")
    shot(desk, "review-home")

    # It records the receipt, then asks for missing materials.
    desk.get_by_role("link", name=re.compile(setting["enterprise"])).first.click()
    desk.wait_for_url(round_url)
    expect(main).to_contain_text("2026年度集体合同")
    expect(desk.locator("#id_received_on")).to_have_value(timezone.localdate().isoformat())
    desk.get_by_role("button", name="登记受理").click()
    desk.wait_for_url(round_url)
    expect(main).to_contain_text("已登记受理，审查期限自受理之日起算。")
    expect(desk.locator("#id_received_on")).to_have_count(0)
    desk.locator("#id_items").fill("载明出席人数和表决票数的职工代表大会决议")
    desk.get_by_role("button", name="发出补正要求").click()
    desk.wait_for_url(round_url)
    expect(main).to_contain_text("补正材料要求已发送给总工会和企业。")
    expect(main).to_contain_text("总工会尚未报送。")
    shot(desk, "review-materials-asked")

    # The administrator records the materials sent, from the round's page.
    staff.goto(f"{staff.base}/admin/bargaining_rounds/inspect/{setting['round']}/")
    expect(staff.locator("main")).to_contain_text("载明出席人数和表决票数的职工代表大会决议")
    staff.get_by_role("link", name="登记已报送的补正材料").click()
    staff.wait_for_load_state()
    staff.locator("#id_note").fill("已报送职代会决议原件扫描件")
    shot(staff, "review-materials-sent-form")
    staff.locator("main form[method=post] button[type=submit]").first.click()
    staff.wait_for_url(f"**/admin/bargaining_rounds/inspect/{setting['round']}/**")
    expect(staff.locator(".messages")).to_contain_text("已登记，并已通知人社部门和企业。")

    # The reviewer sees it and objects: the round goes back to bargaining.
    desk.goto(round_url)
    expect(main).to_contain_text("已报送职代会决议原件扫描件")
    desk.locator("#id_points").fill("第八条工作时间条款与劳动法规定不符，请修改后重新报送。")
    desk.get_by_role("button", name="发出审查意见").click()
    desk.wait_for_url(round_url)
    expect(main).to_contain_text("审查意见已登记，本轮协商退回重新协商。")
    expect(main).to_contain_text("协商中")
    expect(desk.locator("#id_points")).to_have_count(0)
    shot(desk, "review-objected")
    staff.goto(f"{staff.base}/admin/bargaining_rounds/inspect/{setting['round']}/")
    expect(staff.locator("main")).to_contain_text("第八条工作时间条款")

    # Bargaining resumes; the administrator resubmits; the reviewer approves.
    _rebargain(django_db_blocker, setting["round"])
    _submit(staff, setting, department, shot, "review-resubmit-form")
    desk.goto(desk.base + "/review/")
    expect(main).to_contain_text("尚未登记受理")
    desk.goto(round_url)
    expect(main).to_contain_text("2026年度集体合同（修订稿）")
    desk.locator("#id_comments").fill("经审查，同意。")
    desk.get_by_role("button", name="审查通过").last.click()
    desk.wait_for_url(round_url)
    expect(main).to_contain_text("审查通过，合同已生效。")
    expect(main).to_contain_text("合同已生效")
    expect(main).to_contain_text("经审查，同意。")
    shot(desk, "review-approved")
    desk.get_by_role("button", name="退出").click()
    desk.wait_for_url("**/review/sign-in/")
    expect(desk.locator("h1")).to_contain_text("登录")
