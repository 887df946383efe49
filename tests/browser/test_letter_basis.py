"""Issue 14 in Chromium: an administrator writes the legal basis letters print for the reminder's
self-check period on the rule profile form, then issues a reminder; the letter page and the PDF
state the due date with the period and that basis, never the rule number or the research note
("R45 淮北市实践"), and the basis typed with a full stop prints without it."""

from __future__ import annotations

import io
import re

import pypdf
import pypdfium2
import pytest
from playwright.sync_api import expect

from compliance.models import RuleParameter
from compliance.services import supervision as sv
from tenants import context
from tests.browser.conftest import ARTIFACTS, BROWSER, administrator, sign_in
from tests.conftest import PASSWORD
from tests.factories import compliance as f
from tests.factories.supervision import DAY

pytestmark = [
    *BROWSER,
    pytest.mark.usefixtures("records"),  # made before Chromium starts (tests/browser/conftest.py)
]

ADMIN = "basis@pa.test"
BASIS = "《中华人民共和国工会法》第二十二条"


@pytest.fixture(scope="module")
def records(browser_sites, django_db_blocker):
    """An administrator with an authenticator, the reminder's period parameter, an open case."""
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        device = administrator(ADMIN)
        case = sv.case_open(
            title="加班工资投诉", source="complaint", opened_on=DAY, enterprise=f.enterprise()
        )
        return {
            "device": device,
            "parameter": RuleParameter.objects.get(key="reminder_self_check").pk,
            "case": case.pk,
        }


@pytest.fixture
def admin(records, live_tenant_server, browser_sites, chromium):
    context_ = chromium.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    tab = context_.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    sign_in(tab, username=ADMIN, password=PASSWORD, device=records["device"])
    yield tab
    context_.close()


def test_the_printed_basis_of_the_profile_reaches_the_letter(admin, records, shot):
    # The rule profile: the research note is labelled as such, the printed basis is empty.
    admin.goto(admin.base + f"/admin/rule_profile/edit/{records['parameter']}/")
    expect(admin.locator("label[for=id_source]")).to_contain_text("来源说明")
    expect(admin.locator("label[for=id_basis]")).to_contain_text("法律依据（文书引用）")
    expect(admin.locator("#id_source")).to_have_value("淮北市实践")
    expect(admin.locator("#id_basis")).to_have_value("")
    admin.locator("#id_basis").fill(BASIS + "。")
    admin.locator("#id_change_reason").fill("提示函需引用工会法条文")
    shot(admin, "letter-basis-profile-form")
    admin.locator("main form[method=post] button[type=submit]").first.click()
    admin.wait_for_url("**/admin/rule_profile/")
    expect(admin.locator("main")).to_contain_text(BASIS)
    shot(admin, "letter-basis-profile-list")
    admin.goto(admin.base + f"/admin/rule_profile/inspect/{records['parameter']}/")
    expect(admin.locator("#history-heading ~ table")).to_contain_text("提示函需引用工会法条文")

    # A reminder in the open case: the clerk types the basis with its full stop.
    admin.goto(admin.base + f"/admin/supervision_cases/issue/{records['case']}/reminder/")
    admin.locator("#id_facts").fill("职工反映休息日加班未足额支付加班工资。")
    admin.locator("#id_legal_basis").fill("《中华人民共和国劳动法》第四十四条。")
    admin.locator("#id_actions").fill("核查并补发加班工资")
    admin.locator("main form[method=post] button[type=submit]").click()
    admin.wait_for_url("**/admin/letters/inspect/**")
    main = admin.locator("main")
    expect(main).to_contain_text(f"自发文之日起15日内，依据{BASIS}")
    expect(main).not_to_contain_text("R45")
    expect(main).not_to_contain_text("淮北市实践")
    shot(admin, "letter-basis-letter-page")

    with admin.expect_download() as download:
        admin.get_by_role("link", name="下载PDF").click()
    data = download.value.path().read_bytes()
    text = "".join(
        "".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages
    )
    assert f"前（自发文之日起15日内，依据{BASIS}）" in text
    assert "根据《中华人民共和国劳动法》第四十四条的有关规定" in text
    assert not re.search(r"R\d+", text) and "实践" not in text and "。的" not in text
    document = pypdfium2.PdfDocument(data)
    try:
        image = document[0].render(scale=2).to_pil()
    finally:
        document.close()
    image.save(ARTIFACTS / "letter-basis-pdf-page1.png")
