"""Supervision letters and the annual performance report in the enterprise area, in Chromium
(issue 17 items 8, 9).

The employer's contact signs in on a phone (390 px, Chinese), finds the letter the federation
issued to the enterprise, answers each required action with evidence and sends the reply; the
supervision staff read the reply and the evidence on the letter's admin page (1280 px). The
union officer reads the same letter without a reply form, then submits the year's performance
report with the congress minutes, is told clearly when the year is already reported, and staff
see it on the contract's page as submitted by the enterprise. Each page is read afterwards as the
person would, and audited (axe-core) when shot."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import expect

from tenants import context
from tests.browser.conftest import BROWSER, administrator, whole_page
from tests.conftest import PASSWORD

pytestmark = [
    *BROWSER,
    pytest.mark.usefixtures("letters_setting"),  # made before Chromium starts
]

NAME = "浏览器函件答复测试有限公司"
CONTACT = "contact@letters-browser.test"
OFFICER = "officer@letters-browser.test"
STAFF = "letters-staff@pa.test"
PDF = {"name": "整改报告.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 evidence"}


@pytest.fixture(scope="module")
def letters_setting(browser_sites, django_db_blocker):
    """In fed_pa: the enterprise with its employer's contact and union officer, a supervisor,
    a reminder letter with two required actions issued two days ago, and a contract in force."""
    from compliance.services import supervision as sv
    from compliance.services.contracts import contract_register_existing
    from tests.factories import compliance as f
    from tests.factories.enterprise_accounts import enterprise_user

    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        device = administrator(STAFF, last_name="赵", first_name="敏")
        ent = f.enterprise(name=NAME, employees=150, union_members=120)
        contact = enterprise_user(ent, side="employer", email=CONTACT)
        officer = enterprise_user(ent, side="union", email=OFFICER)
        case = sv.case_open(
            title="未按期开展集体协商",
            source="inspection",
            opened_on=timezone.localdate() - dt.timedelta(days=2),
            enterprise=ent,
            supervisor=device.user,
        )
        letter, _token = sv.letter_issue(
            case_id=case.pk,
            kind="reminder",
            issued_on=timezone.localdate() - dt.timedelta(days=2),
            facts="经查，企业集体合同到期后未及时开展续签协商。",
            legal_basis="《集体合同规定》第三十二条",
            actions=["向工会发出续签要约", "公布协商代表名单"],
        )
        contract, _created = contract_register_existing(
            data={
                "enterprise": ent,
                "title": "浏览器函件答复测试有限公司集体合同",
                "starts_on": dt.date(2025, 1, 1),
                "ends_on": dt.date(2027, 12, 31),
                "passed_by_congress": True,
                "as_of": timezone.localdate(),
            }
        )
        return {
            "staff": (STAFF, device),
            "contact": contact[1],
            "officer": officer[1],
            "letter": letter.pk,
            "case": case.pk,
            "number": letter.number,
            "contract": contract.pk,
        }


@pytest.fixture(scope="module")
def accounts(letters_setting):
    """The supervisor's sign-in for `sessions` (tests/browser/conftest.py): Chinese only."""
    return {"zh-hans": letters_setting["staff"]}


@pytest.fixture
def phone(chromium, live_tenant_server):
    context_ = chromium.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
    )
    tab = context_.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    yield tab
    context_.close()


def _sign_in(tab, email: str, device) -> None:
    """The area's two steps through their forms: the password, then the authenticator's code."""
    tab.goto(f"{tab.base}/enterprise/sign-in/")
    tab.locator("#id_username").fill(email)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_url("**/enterprise/sign-in/code/")
    tab.locator("#id_code").fill(f"{totp(device.bin_key, step=device.step):06d}")
    tab.locator("main form button[type=submit]").click()
    tab.wait_for_url(re.compile(r"/enterprise/$"))


def _fits(tab) -> None:
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_employer_answers_the_letter_and_the_supervisor_reads_it(
    letters_setting, phone, staff, shot
):
    _sign_in(phone, CONTACT, letters_setting["contact"])
    main = phone.locator("main")
    # The issue was notified; the letter is one tap from home.
    expect(main.locator("section[aria-labelledby=notifications-heading]")).to_contain_text(
        letters_setting["number"]
    )
    phone.get_by_role("link", name="监督函件").first.click()
    phone.wait_for_url("**/enterprise/letters/")
    expect(main).to_contain_text(letters_setting["number"])
    expect(main).to_contain_text("已签发")
    _fits(phone)
    shot(phone, "enterprise-letters-phone")
    main.get_by_role("link", name=re.compile(re.escape(letters_setting["number"]))).click()
    phone.wait_for_url(f"**/enterprise/letters/{letters_setting['letter']}/")
    expect(main).to_contain_text("经查，企业集体合同到期后未及时开展续签协商。")

    # An empty reply is refused with the field's message; nothing is sent.
    phone.get_by_role("button", name="提交回复").click()
    phone.wait_for_load_state()
    expect(main.locator("[role=alert]")).to_contain_text("必需字段")

    fieldsets = main.locator("fieldset.item")
    expect(fieldsets).to_have_count(2)
    fieldsets.nth(0).locator("textarea").fill("已于本周向工会发出续签要约。")
    fieldsets.nth(0).locator("input[type=file]").set_input_files(PDF)
    fieldsets.nth(1).locator("textarea").fill("协商代表名单已在厂区公告栏公布。")
    main.locator("#id_text").fill("我公司已按提示函要求开展自查并整改。")
    _fits(phone)
    shot(phone, "enterprise-letter-reply-form-phone")
    phone.get_by_role("button", name="提交回复").click()
    phone.wait_for_url(f"**/enterprise/letters/{letters_setting['letter']}/")
    expect(phone.locator(".ent-message").first).to_contain_text("答复已送达")
    expect(main).to_contain_text("已于本周向工会发出续签要约。")
    expect(main).to_contain_text("整改报告.pdf")
    expect(main.get_by_role("button", name="提交回复")).to_have_count(0)
    _fits(phone)
    shot(phone, "enterprise-letter-replied-phone")

    # The supervisor was told, and reads the reply and the evidence on the letter's page.
    staff.goto(f"{staff.base}/admin/letters/inspect/{letters_setting['letter']}/")
    page = staff.locator("main")
    expect(page).to_contain_text("我公司已按提示函要求开展自查并整改。")
    expect(page).to_contain_text("企业专区提交的答复")  # the history's reason
    whole_page(shot, staff, "enterprise-letter-reply-staff")
    # Each action's answer and evidence are read beside its outcome form, on the case's page.
    staff.goto(f"{staff.base}/admin/supervision_cases/inspect/{letters_setting['case']}/")
    expect(page).to_contain_text("已于本周向工会发出续签要约。")
    expect(page).to_contain_text("协商代表名单已在厂区公告栏公布。")
    expect(page.get_by_role("link", name="整改报告.pdf")).to_have_count(1)
    whole_page(shot, staff, "enterprise-letter-reply-case-staff")


def test_the_union_officer_reads_the_letter_and_submits_the_performance_report(
    letters_setting, phone, staff, shot
):
    _sign_in(phone, OFFICER, letters_setting["officer"])
    main = phone.locator("main")
    phone.goto(f"{phone.base}/enterprise/letters/{letters_setting['letter']}/")
    expect(main).to_contain_text("经查，企业集体合同到期后未及时开展续签协商。")
    expect(main.get_by_role("button", name="提交回复")).to_have_count(0)

    phone.goto(f"{phone.base}/enterprise/")
    phone.get_by_role("link", name="年度履约情况报告").click()
    phone.wait_for_url("**/enterprise/reports/")
    expect(main).to_contain_text("浏览器函件答复测试有限公司集体合同")
    expect(main).to_contain_text("尚未记录履约报告")
    shot(phone, "enterprise-reports-phone")
    phone.get_by_role("link", name="报送履约情况报告").click()
    phone.wait_for_url(f"**/enterprise/reports/{letters_setting['contract']}/new/")

    def fill(year: str):
        main.locator("#id_year").fill(year)
        main.locator("#id_reported_on").fill("2026-01-20")
        main.locator("#id_document").set_input_files({**PDF, "name": "2025年度履约报告.pdf"})
        main.locator("#id_minutes").set_input_files({**PDF, "name": "职代会会议纪要.pdf"})

    fill("2025")
    _fits(phone)
    shot(phone, "enterprise-report-form-phone")
    phone.get_by_role("button", name="报送履约情况报告").click()
    phone.wait_for_url("**/enterprise/reports/")
    expect(phone.locator(".ent-message").first).to_contain_text("2025年度的履约情况报告已登记")
    expect(main).to_contain_text("2025年度报告，2026-01-20向职工代表大会报告")
    expect(main).to_contain_text("由本单位报送")
    _fits(phone)
    shot(phone, "enterprise-report-recorded-phone")

    # The same year again: refused with the year named, nothing recorded twice.
    phone.get_by_role("link", name="报送履约情况报告").click()
    phone.wait_for_url(f"**/enterprise/reports/{letters_setting['contract']}/new/")
    expect(main).to_contain_text("已报告年度")
    fill("2025")
    phone.get_by_role("button", name="报送履约情况报告").click()
    phone.wait_for_load_state()
    expect(main.locator(".ent-alert")).to_contain_text("2025")
    shot(phone, "enterprise-report-twice-phone")

    # Staff see it on the contract's page as submitted by the enterprise, with its files.
    staff.goto(f"{staff.base}/admin/contracts/inspect/{letters_setting['contract']}/")
    page = staff.locator("main")
    expect(page).to_contain_text("由企业报送（王立新）")
    expect(page.get_by_role("link", name="职代会会议纪要")).to_have_count(1)
    whole_page(shot, staff, "enterprise-report-staff")
