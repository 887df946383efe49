"""The enterprise's side in Chromium (issue 17, foundation and item 1).

Staff invite the enterprise union's officer from the ledger page (Chinese, 1280 px); the person
opens the e-mailed link on a phone (390 px, Chinese), chooses a name and a password, sets up an
authenticator from the QR code's key (the code computed from the key the page shows), lands on
the enterprise's home page and asks for a ledger correction; staff accept it from the list of
requests; the person then reads the notification and the outcome. Each page is read afterwards
as the person would, and audited (axe-core) when shot."""

from __future__ import annotations

import base64
import re

import pytest
from django.core import mail
from django_otp.oath import totp
from playwright.sync_api import expect

from tenants import context
from tests.browser.conftest import BROWSER, administrator, whole_page
from tests.conftest import PASSWORD
from tests.factories import compliance as f

pytestmark = [
    *BROWSER,
    pytest.mark.usefixtures("ledger"),  # made before Chromium starts (tests/browser/conftest.py)
]

NAME = "浏览器台账更正测试有限公司"
OFFICER = "officer@ledger-browser.test"
STAFF = "ledger-staff@pa.test"


RETURNING = "returning@ledger-browser.test"
BY_EMAIL = "mailbox@ledger-browser.test"
REVOKED = "revoked@ledger-browser.test"
SECOND = "浏览器回访测试股份有限公司"


@pytest.fixture(scope="module")
def ledger(browser_sites, django_db_blocker):
    """The staff member (an administrator of fed_pa) and the enterprise in its ledger; a second
    enterprise whose officer already has an account and asked for a correction, whose employer
    contact is invited (codes by e-mail allowed), and an invitation staff will revoke."""
    from compliance.services.corrections import correction_request
    from tests.factories.enterprise_accounts import enterprise_user, invite, profile_set

    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        device = administrator(STAFF, last_name="周", first_name="敏")
        enterprise = f.enterprise(name=NAME, employees=150, union_members=120)
        second = f.enterprise(name=SECOND, employees=260, union_members=200)
        officer, officer_device = enterprise_user(second, email=RETURNING)
        correction = correction_request(
            user=officer, changes={"employees": 990}, note="按上月社保缴费人数更正。"
        )
        profile_set("enterprise_email_code", "1", "flag")
        _invitation, by_email_token = invite(second, side="employer", email=BY_EMAIL)
        _revoked, revoked_token = invite(second, side="employer", email=REVOKED)
        return {
            "enterprise": enterprise.pk,
            "staff": (STAFF, device),
            "second": second.pk,
            "officer_key": officer_device.bin_key,
            "correction": correction.pk,
            "by_email_token": by_email_token,
            "revoked_token": revoked_token,
        }


@pytest.fixture(scope="module")
def accounts(ledger):
    """The staff's sign-in for `sessions` (tests/browser/conftest.py): Chinese only."""
    return {"zh-hans": ledger["staff"]}


def _code_from(secret_text: str) -> str:
    key = base64.b32decode(secret_text.replace(" ", ""))
    return f"{totp(key):06d}"


@pytest.fixture
def phone(chromium, live_tenant_server):
    context_ = chromium.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    tab = context_.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    yield tab
    context_.close()


def test_invited_officer_asks_for_a_correction_and_staff_accept_it(ledger, staff, phone, shot):
    # Staff invite the officer from the enterprise's page in the ledger.
    inspect_url = f"{staff.base}/admin/enterprises/inspect/{ledger['enterprise']}/"
    staff.goto(inspect_url)
    section = staff.locator("#enterprise-accounts").locator("xpath=..")
    staff.locator("#id_email").fill(OFFICER)
    staff.locator("#id_side").select_option("union")
    mail.outbox.clear()
    staff.get_by_role("button", name="发送邀请").click()
    staff.wait_for_load_state()
    expect(staff.locator(".messages")).to_contain_text(f"已向 {OFFICER} 发送邀请")
    expect(section).to_contain_text(OFFICER)
    expect(section).to_contain_text("待接受")
    whole_page(shot, staff, "enterprise-invitation-sent")

    # The e-mail carries the link; the server sent it with the test's locmem backend.
    (message,) = [m for m in mail.outbox if m.to == [OFFICER]]
    link = re.search(r"http://[^\s]+/enterprise/invitation/[\w-]+/", message.body).group(0)
    path = link.split("/enterprise/", 1)[1]

    # The officer opens it on a phone, in Chinese.
    phone.goto(f"{phone.base}/enterprise/{path}")
    main = phone.locator("main")
    expect(main).to_contain_text(NAME)
    expect(main).to_contain_text("工会方")
    phone.locator("#id_family_name").fill("王")
    phone.locator("#id_given_name").fill("立新")
    phone.locator("#id_password").fill(PASSWORD)
    phone.locator("#id_password_again").fill(PASSWORD)
    shot(phone, "enterprise-accept-phone")
    phone.get_by_role("button", name="继续").click()
    phone.wait_for_url("**/enterprise/sign-in/second-factor/")
    expect(phone.locator(".ent-qr svg")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "enterprise-enrol-phone")
    phone.locator("#id_code").fill(_code_from(phone.locator("#secret").inner_text()))
    phone.get_by_role("button", name="确认并登录").click()
    phone.wait_for_url(re.compile(r"/enterprise/$"))
    expect(phone.locator("h1")).to_have_text(NAME)
    expect(main).to_contain_text("你在台账中的信息")
    expect(main).to_contain_text("暂无通知。")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    shot(phone, "enterprise-home-phone")

    # It asks for a correction of the employees and members.
    phone.get_by_role("link", name="申请更正台账").first.click()
    phone.wait_for_url("**/enterprise/corrections/new/")
    expect(phone.locator("#id_employees")).to_have_value("150")
    phone.locator("#id_employees").fill("180")
    phone.locator("#id_union_members").fill("130")
    phone.locator("#id_note").fill("依据2026年11月职工花名册。")
    shot(phone, "enterprise-correction-form-phone")
    phone.get_by_role("button", name="提交申请").click()
    phone.wait_for_url(re.compile(r"/enterprise/corrections/\d+/$"))
    expect(main).to_contain_text("待处理")
    expect(main).to_contain_text("依据2026年11月职工花名册。")
    expect(main.locator("table")).to_contain_text("180")
    request_url = phone.url
    shot(phone, "enterprise-correction-sent-phone")

    # Staff find it in the list of requests and accept it.
    staff.goto(inspect_url)
    staff.locator("#enterprise-accounts").locator("xpath=..").get_by_role(
        "link", name=re.compile("台账更正申请")
    ).click()
    staff.wait_for_load_state()
    staff.locator("main table").get_by_role("link", name=re.compile(r"第\d+号申请")).first.click()
    staff.wait_for_load_state()
    expect(staff.locator("main")).to_contain_text("依据2026年11月职工花名册。")
    whole_page(shot, staff, "enterprise-correction-decide")
    staff.get_by_role("button", name="采纳并更新台账").click()
    staff.wait_for_load_state()
    expect(staff.locator(".messages")).to_contain_text("已采纳更正")
    expect(staff.locator("main")).to_contain_text("已采纳")
    staff.goto(inspect_url)
    expect(staff.locator("main")).to_contain_text("号台账更正申请")  # the history's reason
    whole_page(shot, staff, "enterprise-ledger-corrected")

    # The officer reads the notification and the outcome.
    phone.goto(f"{phone.base}/enterprise/")
    notifications = phone.locator("section[aria-labelledby=notifications-heading]")
    expect(notifications).to_contain_text("已采纳")
    expect(notifications.locator(".unread")).to_have_count(1)
    shot(phone, "enterprise-notified-phone")
    phone.get_by_role("button", name="标为已读").click()
    phone.wait_for_url(re.compile(r"/enterprise/$"))
    expect(notifications.locator(".unread")).to_have_count(0)
    notifications.get_by_role("link").first.click()
    phone.wait_for_url(request_url)
    expect(phone.locator("main")).to_contain_text("已采纳")
    phone.get_by_role("button", name="退出").click()
    phone.wait_for_url("**/enterprise/sign-in/")
    expect(phone.locator("h1")).to_contain_text("登录")


def test_staff_refuse_and_revoke_a_returning_officer_signs_in_and_a_contact_uses_email_codes(
    ledger, staff, phone, shot
):
    # Staff refuse the correction: a refusal without a reason is sent back in Chinese.
    staff.goto(f"{staff.base}/admin/enterprises/corrections/{ledger['correction']}/")
    expect(staff.locator("main")).to_contain_text("按上月社保缴费人数更正。")
    staff.get_by_role("button", name="不予采纳").click()
    staff.wait_for_load_state()
    expect(staff.locator("main .error-message")).to_be_visible()
    staff.locator("main textarea").fill("社保缴费人数含劳务派遣人员，不计入本企业职工。")
    whole_page(shot, staff, "enterprise-correction-refuse")
    staff.get_by_role("button", name="不予采纳").click()
    staff.wait_for_load_state()
    expect(staff.locator("main")).to_contain_text("社保缴费人数含劳务派遣人员")
    expect(staff.get_by_role("button", name="不予采纳")).to_have_count(0)  # decided

    # Staff revoke a pending invitation from the ledger page; its link then says so.
    staff.goto(f"{staff.base}/admin/enterprises/inspect/{ledger['second']}/")
    row = staff.locator("#enterprise-accounts").locator("xpath=..").locator("tr", has_text=REVOKED)
    row.get_by_role("button", name="撤销").click()
    staff.wait_for_load_state()
    row = staff.locator("#enterprise-accounts").locator("xpath=..").locator("tr", has_text=REVOKED)
    expect(row).to_contain_text("已撤销")
    whole_page(shot, staff, "enterprise-invitation-revoked")
    phone.goto(f"{phone.base}/enterprise/invitation/{ledger['revoked_token']}/")
    expect(phone.locator("main")).to_contain_text("邀请已失效")

    # The officer, who already has an account, signs in with password and authenticator code.
    phone.goto(f"{phone.base}/enterprise/")
    phone.wait_for_url("**/enterprise/sign-in/")
    phone.locator("#id_username").fill(RETURNING)
    phone.locator("#id_password").fill(PASSWORD)
    shot(phone, "enterprise-sign-in-phone")
    phone.get_by_role("button", name="继续").click()
    phone.wait_for_url("**/enterprise/sign-in/code/")
    right = f"{totp(ledger['officer_key']):06d}"
    phone.locator("#id_code").fill("000000" if right != "000000" else "111111")
    phone.get_by_role("button", name="登录").click()
    expect(phone.locator("main")).to_contain_text("验证码不正确")
    phone.locator("#id_code").fill(f"{totp(ledger['officer_key']):06d}")
    shot(phone, "enterprise-code-phone")
    phone.get_by_role("button", name="登录").click()
    phone.wait_for_url(re.compile(r"/enterprise/$"))
    expect(phone.locator("h1")).to_have_text(SECOND)
    notifications = phone.locator("section[aria-labelledby=notifications-heading]")
    expect(notifications).to_contain_text("社保缴费人数含劳务派遣人员")
    shot(phone, "enterprise-refusal-notified-phone")
    phone.get_by_role("button", name="退出").click()
    phone.wait_for_url("**/enterprise/sign-in/")

    # The employer's contact has no authenticator app: codes by e-mail, as the federation allows.
    phone.goto(f"{phone.base}/enterprise/invitation/{ledger['by_email_token']}/")
    phone.locator("#id_family_name").fill("赵")
    phone.locator("#id_given_name").fill("静")
    phone.locator("#id_password").fill(PASSWORD)
    phone.locator("#id_password_again").fill(PASSWORD)
    phone.get_by_role("button", name="继续").click()
    phone.wait_for_url("**/enterprise/sign-in/second-factor/")
    mail.outbox.clear()
    phone.get_by_role("link", name=re.compile("通过邮件接收验证码")).click()
    expect(phone.locator("main")).to_contain_text(BY_EMAIL)
    (message,) = [m for m in mail.outbox if m.to == [BY_EMAIL]]
    code = re.search(r"\b(\d{6})\b", message.body).group(1)
    shot(phone, "enterprise-enrol-email-phone")
    phone.locator("#id_code").fill(code)
    phone.get_by_role("button", name="确认并登录").click()
    phone.wait_for_url(re.compile(r"/enterprise/$"))
    expect(phone.locator("main")).to_contain_text("企业行政方")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
