"""Issue 18 item 8 in Chromium: a clerk opens a workers' survey from a contract's page, prints
its one-time codes and its poster (both read back from the PDF); a worker on a phone (390 × 844)
answers with a code from the sheet and reads the thank-you page, and the same code again is
refused with the message; the clerk records an employee representatives' inspection, and the
contract's page shows it with the rates. Screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import expect

from compliance.services.contracts import contract_register_existing
from tenants import context
from tests.browser.conftest import BROWSER, administrator, send, whole_page
from tests.conftest import PASSWORD
from tests.factories import compliance as f
from tests.factories.enterprise_accounts import enterprise_user

pytestmark = [*BROWSER, pytest.mark.usefixtures("records")]

CLERK = "voice@pa.test"
OFFICER = "union.officer@yongxin.test"
OWN_ENTERPRISE = "永新测评电子有限公司"
CODE = re.compile(r"[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}")
PRINTED: dict[str, object] = {}  # what the first test printed, for the next ones


@pytest.fixture(scope="module")
def records(browser_sites, django_db_blocker):
    today = timezone.localdate()
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        device = administrator(CLERK, last_name="周", first_name="测评")
        contract = contract_register_existing(
            data={
                "enterprise": f.enterprise(name="松江测评机械有限公司", employees=240),
                "title": "松江测评机械有限公司集体合同",
                "starts_on": dt.date(today.year - 1, 1, 1),
                "ends_on": dt.date(today.year + 1, 12, 31),
                "covered_employees": 240,
            }
        )[0]
        contract.clauses.create(order=1, topic="wages", text="职工工资年度平均增长不低于8%。")
        contract.clauses.create(order=2, topic="safety", text="企业每年组织职业健康检查。")
        # An enterprise whose union officer opens its own survey from the enterprise area.
        own = contract_register_existing(
            data={
                "enterprise": f.enterprise(name=OWN_ENTERPRISE, employees=120),
                "title": f"{OWN_ENTERPRISE}集体合同",
                "starts_on": dt.date(today.year - 1, 3, 1),
                "ends_on": dt.date(today.year + 1, 2, 28),
                "covered_employees": 120,
            }
        )[0]
        _officer, officer_device = enterprise_user(own.enterprise, email=OFFICER)
    return {"device": device, "contract": contract, "officer_key": officer_device.bin_key}


@pytest.fixture(scope="module")
def accounts(records):
    return {"zh-hans": (CLERK, records["device"])}


def _pdf_text(path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(open(path, "rb").read()))  # noqa: SIM115
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def test_a_clerk_opens_a_survey_and_prints_codes_and_poster(staff, shot, records):
    tab, contract = staff, records["contract"]
    main = tab.locator("main")
    tab.goto(tab.base + f"/admin/contracts/inspect/{contract.pk}/")
    expect(main.locator("#worker-voice")).to_have_text("职工评议")
    expect(main).to_contain_text("尚未发起测评。")
    main.locator("a", has_text="发起职工测评").click()
    tab.locator("input[name=mode][value=codes]").check()
    whole_page(shot, tab, "survey-open-zh")
    send(tab)
    expect(main).to_contain_text("测评已发起：请打印海报并张贴。")

    main.locator("a", has_text="打印一次性测评码").click()
    tab.locator("#id_count").fill("5")
    with tab.expect_download() as sheet:
        tab.locator("main form[method=post] button[type=submit]").first.click()
    codes = CODE.findall(_pdf_text(sheet.value.path()))
    assert len(set(codes)) == 5

    tab.goto(tab.base + f"/admin/contracts/inspect/{contract.pk}/")
    with tab.expect_download() as poster:
        main.locator("a", has_text="下载海报（PDF）").click()
    text = _pdf_text(poster.value.path())
    url = re.search(r"http://pa\.test:\d+/survey/[A-Za-z0-9_-]+/", text).group(0)
    assert "松江测评机械有限公司" in text and "每个测评码只能使用一次" in text
    expect(main).to_contain_text("企业打印的一次性测评码")
    whole_page(shot, tab, "survey-contract-opened-zh")
    PRINTED.update(codes=codes, url=url)


def test_a_worker_answers_on_a_phone_and_a_code_answers_once(chromium, shot):
    if not PRINTED:
        pytest.skip("needs the codes the first test printed")
    phone = chromium.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    tab = phone.new_page()
    try:
        tab.goto(PRINTED["url"])
        expect(tab.locator("h1")).to_have_text("职工测评")
        expect(tab.locator("main")).to_contain_text("松江测评机械有限公司集体合同")
        tab.locator("#id_code").fill(PRINTED["codes"][0].lower())
        tab.locator("input[name=knows][value=yes]").check()
        tab.locator("input[name=topics][value=wages]").check()
        tab.locator("input[name=topics][value=safety]").check()
        tab.locator("input[name=bargaining][value=basically]").check()
        tab.locator("input[name=result][value=satisfied]").check()
        shot(tab, "survey-phone-form-zh")
        tab.locator("form button[type=submit]").click()
        tab.wait_for_url("**/thanks/")
        expect(tab.locator("main")).to_contain_text("谢谢！您的回答已记录。")
        shot(tab, "survey-phone-thanks-zh")

        tab.goto(PRINTED["url"])
        tab.locator("#id_code").fill(PRINTED["codes"][0])
        tab.locator("input[name=knows][value=no]").check()
        tab.locator("input[name=bargaining][value=not]").check()
        tab.locator("input[name=result][value=not]").check()
        tab.locator("form button[type=submit]").click()
        tab.wait_for_load_state()
        expect(tab.locator("[role=alert]")).to_contain_text(
            "这个测评码已经使用过：每个测评码只能回答一次。"
        )
        shot(tab, "survey-phone-reused-zh")
    finally:
        phone.close()


def test_a_clerk_records_an_inspection_and_reads_the_rates(staff, shot, records):
    tab, contract = staff, records["contract"]
    main = tab.locator("main")
    tab.goto(tab.base + f"/admin/contracts/inspect/{contract.pk}/")
    main.locator("a", has_text="记录巡视").click()
    tab.locator("#id_inspected_on").fill(timezone.localdate().isoformat())
    tab.locator("#id_representatives").fill("王秀兰、刘建国")
    tab.locator("#id_subject").fill("工资支付和加班安排")
    tab.locator("#id_findings").fill("工资按时足额发放；一个班组加班前未与工会协商。")
    tab.locator("#id_follow_up").fill("工会已提出书面意见，下次巡视复查。")
    send(tab)
    section = main.locator("#worker-voice-section")
    expect(section).to_contain_text("工资支付和加班安排")
    expect(section).to_contain_text("一个班组加班前未与工会协商")
    if PRINTED:
        expect(section.locator("[data-survey-rates]")).to_contain_text(
            "1份回答：知晓率100.0%（1人知道合同），满意率100.0%"
        )
        expect(section).to_contain_text("7项中的7项")
    whole_page(shot, tab, "survey-contract-rates-zh")


def test_an_enterprise_officer_opens_a_survey_and_prints_codes_on_a_phone(
    chromium, live_tenant_server, records, shot, tmp_path
):
    """The enterprise area's two survey forms (compliance.public.enterprise.surveys), submitted
    as the union officer would: open the survey with one-time codes, refuse a count of none,
    print twelve codes and read them back from the sheet."""
    phone = chromium.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    tab = phone.new_page()
    base = f"http://pa.test:{live_tenant_server}"
    try:
        tab.goto(f"{base}/enterprise/")
        tab.wait_for_url("**/enterprise/sign-in/")
        tab.locator("#id_username").fill(OFFICER)
        tab.locator("#id_password").fill(PASSWORD)
        tab.get_by_role("button", name="继续").click()
        tab.wait_for_url("**/enterprise/sign-in/code/")
        tab.locator("#id_code").fill(f"{totp(records['officer_key']):06d}")
        tab.get_by_role("button", name="登录").click()
        tab.wait_for_url(re.compile(r"/enterprise/$"))

        tab.goto(f"{base}/enterprise/surveys/")
        card = tab.locator("section.ent-card", has_text=f"{OWN_ENTERPRISE}集体合同")
        expect(card).to_contain_text("尚无测评回答")
        card.locator("input[name=mode][value=codes]").check()
        card.get_by_role("button", name="发起职工测评").click()
        tab.wait_for_load_state()
        expect(tab.locator("main")).to_contain_text("测评已发起")
        shot(tab, "enterprise-survey-opened-phone")

        card.locator("input[name=count]").fill("0")
        card.get_by_role("button", name="打印一次性测评码").click()
        tab.wait_for_load_state()
        expect(tab.locator("main")).to_contain_text("确保该值大于或等于1")
        assert tab.url.endswith("/enterprise/surveys/")
        shot(tab, "enterprise-survey-codes-refused-phone")

        card.locator("input[name=count]").fill("12")
        with tab.expect_download() as download:
            card.get_by_role("button", name="打印一次性测评码").click()
        sheet = tmp_path / "codes.pdf"
        download.value.save_as(sheet)
        codes = CODE.findall(_pdf_text(sheet))
        assert len(set(codes)) == 12, codes
        tab.goto(f"{base}/enterprise/surveys/")
        expect(card).to_contain_text("已生成12个")
        shot(tab, "enterprise-survey-codes-issued-phone")
    finally:
        phone.close()
