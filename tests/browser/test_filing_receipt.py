"""Headless Chromium, issue 17 item 7: a person holding a filing receipt opens the federation's
verification page on a phone (390 px), types the filing number and the code as printed, and
reads the answer; a wrong pair, another federation's receipt and an expired contract each read
as they should, in Chinese and, after the language switch, in English. A clerk downloads the
receipt from the contract's page (1280 px); its text and its rendering are checked and kept
under test-artifacts/ to look at."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pypdfium2
import pytest
from django.utils import timezone

from compliance.services.contracts import contract_file, contract_register_existing
from tenants import context
from tests.browser.conftest import ARTIFACTS, BROWSER, administrator, sign_in, whole_page
from tests.conftest import PASSWORD
from tests.factories import compliance as f

pytestmark = [
    *BROWSER,
    pytest.mark.usefixtures("receipts"),  # made before Chromium starts (tests/browser/conftest.py)
]

CLERK = "receipt-clerk@pa.test"


def _registered(*, name: str, title: str, starts: dt.date, ends: dt.date, number: str = ""):
    data = {
        "enterprise": f.enterprise(name=name),
        "title": title,
        "starts_on": starts,
        "ends_on": ends,
        "covered_employees": 120,
        "filed_with_department": True,
    }
    if number:
        data["filing_number"] = number
    return contract_register_existing(data=data)[0]


@pytest.fixture(scope="module")
def receipts(browser_sites, django_db_blocker):
    """In fed_pa a contract in force filed today-3 and one whose term ended (from the ledger,
    with its filing number); in fed_pb a filed contract; fed_pa's clerk. Committed."""
    today = timezone.localdate()
    with django_db_blocker.unblock():
        with context.federation_context("fed_pa"):
            current = _registered(
                name="松江回执查验机械有限公司",
                title="回执查验集体合同",
                starts=today - dt.timedelta(days=200),
                ends=today + dt.timedelta(days=800),
            )
            current = contract_file(contract_id=current.pk, filed_on=today - dt.timedelta(days=3))
            ended = _registered(
                name="松江期满回执纺织有限公司",
                title="期满回执集体合同",
                starts=dt.date(2021, 1, 1),
                ends=dt.date(2023, 12, 31),
                number="浏工集备〔2021〕9号",
            )
            device = administrator(CLERK, last_name="吴", first_name="晓红")
        with context.federation_context("fed_pb"):
            foreign = _registered(
                name="览区他会回执电子有限公司",
                title="他会回执集体合同",
                starts=today - dt.timedelta(days=100),
                ends=today + dt.timedelta(days=900),
                number=f"览工集备〔{today.year}〕4号",
            )
    pair = lambda c: (c.filing_number, c.verification_code)  # noqa: E731
    return {
        "current": pair(current),
        "current_pk": current.pk,
        "current_name": "松江回执查验机械有限公司",
        "current_term": (current.starts_on.isoformat(), current.ends_on.isoformat()),
        "ended": pair(ended),
        "foreign": pair(foreign),
        "device": device,
    }


@pytest.fixture
def phone(live_tenant_server, browser_sites, chromium):
    context_ = chromium.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    tab = context_.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    yield tab
    context_.close()


def _type_pair(tab, number: str, code: str) -> str:
    tab.get_by_label("备案编号").fill(number)
    tab.get_by_label("验证码").fill(code)
    tab.get_by_role("button", name="查验").click()
    tab.wait_for_load_state()
    return tab.locator("main").inner_text()


def test_a_person_checks_receipts_on_a_phone(receipts, phone, shot):
    phone.goto(phone.base + "/verify/")
    assert phone.locator("h1").inner_text() == "备案回执查验"
    number, code = receipts["current"]
    # Typed as from paper: square brackets for 〔〕, the code in lower case with spaces.
    typed = number.replace("〔", "[").replace("〕", "]")
    answer = _type_pair(phone, typed, code.replace("-", " ").lower())
    assert "回执真实有效" in answer
    assert "该合同今日处于有效期内" in answer
    assert receipts["current_name"] in answer and number in answer
    start, end = receipts["current_term"]
    assert f"{start}至{end}" in answer
    assert "回执查验集体合同" not in answer  # the title is not part of the answer
    shot(phone, "filing-verify-in-force-390")

    answer = _type_pair(phone, *receipts["ended"])
    assert "该合同今日不在有效期内" in answer
    assert "合同期限已于2023-12-31届满" in answer
    shot(phone, "filing-verify-ended-390")

    # Another federation's genuine receipt, and a wrong code: the same neutral message.
    for pair in (receipts["foreign"], (number, "2345-6789-ABCD")):
        answer = _type_pair(phone, *pair)
        assert "没有与该备案编号和验证码相符的备案合同" in answer
        assert "览区他会回执电子有限公司" not in answer and receipts["current_name"] not in answer
    shot(phone, "filing-verify-no-match-390")

    # The language switch keeps the question asked.
    _type_pair(phone, number, code)
    phone.get_by_role("link", name="English").click()
    phone.wait_for_load_state()
    answer = phone.locator("main").inner_text()
    assert "The receipt is genuine" in answer
    assert "The contract is in force today." in answer
    shot(phone, "filing-verify-in-force-390-en")


def test_the_qr_code_opens_the_page_with_the_code_filled_in(receipts, phone, shot):
    number, code = receipts["current"]
    phone.goto(phone.base + f"/verify/?code={code}")
    assert phone.get_by_label("验证码").input_value() == code
    assert phone.get_by_label("备案编号").input_value() == ""
    answer = _type_pair(phone, number, phone.get_by_label("验证码").input_value())
    assert "回执真实有效" in answer


def test_a_clerk_downloads_the_receipt_from_the_contract_page(
    receipts, live_tenant_server, chromium, shot
):
    context_ = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context_.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    try:
        sign_in(tab, username=CLERK, password=PASSWORD, device=receipts["device"])
        tab.goto(tab.base + f"/admin/contracts/inspect/{receipts['current_pk']}/")
        number, code = receipts["current"]
        assert code in tab.locator("#filing-receipt").inner_text()
        whole_page(shot, tab, "filing-receipt-contract-page-1280")
        with tab.expect_download() as download:
            tab.get_by_role("link", name="下载备案回执（PDF）").click()
        data = open(download.value.path(), "rb").read()  # noqa: SIM115 (Playwright's temp file)
    finally:
        context_.close()
    assert data.startswith(b"%PDF")
    text = "".join(pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text().split())
    federation = "浏览器甲市总工会"
    for expected in (number, code, receipts["current_name"], "集体合同备案回执", federation):
        assert expected in text, expected
    document = pypdfium2.PdfDocument(data)
    try:
        image = document[0].render(scale=2).to_pil().convert("RGB")
    finally:
        document.close()
    ARTIFACTS.mkdir(exist_ok=True)
    image.save(ARTIFACTS / "filing-receipt-download.png")
