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


@pytest.fixture(scope="module")
def ledger(browser_sites, django_db_blocker):
    """The staff member (an administrator of fed_pa) and the enterprise in its ledger."""
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        device = administrator(STAFF, last_name="周", first_name="敏")
        enterprise = f.enterprise(name=NAME, employees=150, union_members=120)
        return {"enterprise": enterprise.pk, "staff": (STAFF, device)}


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
