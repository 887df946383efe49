"""A supervisor's whole case in Chromium, through the real forms: open a case and land on it,
issue a letter from it, open the letter from the case, let the employer answer through the
private link with a file, then decide an action's outcome on the case page while reading the
answer and the evidence beside the form, and read the case afterwards, on a desktop and a phone."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tenants import context
from tests.browser.conftest import BROWSER, administrator, sign_in
from tests.conftest import PASSWORD
from tests.factories import compliance as f

pytestmark = [
    *BROWSER,
    pytest.mark.usefixtures("records"),  # made before Chromium starts (tests/browser/conftest.py)
]

PDF = b"%PDF-1.4\n% evidence\n"
ENTERPRISES = {"desktop": "松江案件测试机械有限公司", "phone": "松江案件测试纺织有限公司"}


@pytest.fixture(scope="module")
def records(browser_sites, django_db_blocker):
    """Per screen size, a supervisor with an authenticator (a code is accepted once, so each
    sign-in has its own device) and an enterprise to open the case on."""
    made = {}
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        for label, enterprise in ENTERPRISES.items():
            username = f"cases-{label}@pa.test"
            made[label] = {
                "username": username,
                "device": administrator(username),
                "enterprise": f.enterprise(name=enterprise).name,
            }
    return made


@pytest.fixture(params=[(1280, 900), (390, 844)], ids=["desktop", "phone"])
def screen(request, records, live_tenant_server, browser_sites, chromium):
    width, height = request.param
    label = request.node.callspec.id
    context_ = chromium.new_context(viewport={"width": width, "height": height})
    tab = context_.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    tab.label = label
    sign_in(
        tab, username=records[label]["username"], password=PASSWORD, device=records[label]["device"]
    )
    employer = chromium.new_context(viewport={"width": width, "height": height}).new_page()
    yield tab, employer
    employer.context.close()
    context_.close()


def _submit(tab) -> None:
    tab.locator("main form[method=post] button[type=submit]").first.click()
    tab.wait_for_load_state()


def test_a_supervisor_works_a_case_from_its_page(screen, records, shot):
    tab, employer = screen
    enterprise = records[tab.label]["enterprise"]
    today = timezone.localdate().isoformat()

    # Open the case through Wagtail's create form; it lands on the case, not on the list.
    tab.goto(tab.base + "/admin/supervision_cases/new/")
    tab.locator("#id_title").fill(f"拖欠加班费投诉（{tab.label}）")
    tab.locator("#id_enterprise").select_option(label=enterprise)
    tab.locator("#id_source").select_option("complaint")
    tab.locator("#id_opened_on").fill(today)
    _submit(tab)
    expect(tab).to_have_url(re.compile(r"/admin/supervision_cases/inspect/\d+/$"))
    case_url = tab.url
    main = tab.locator("main")
    expect(main).to_contain_text(f"拖欠加班费投诉（{tab.label}）")
    # The enterprise is a link both among the related records and in the case's fields.
    expect(main.locator("dl").get_by_role("link", name=enterprise)).to_be_visible()
    expect(main).to_contain_text("暂无文书。")

    # Issue a reminder letter from the case's step button.
    main.get_by_role("link", name="签发提示函").click()
    expect(tab.locator("#id_issued_on")).to_have_value(today)
    tab.locator("#id_facts").fill("职工投诉企业拖欠加班费。")
    tab.locator("#id_legal_basis").fill("《劳动法》第四十四条")
    tab.locator("#id_actions").fill("补发拖欠的加班费\n提交工资支付记录")
    _submit(tab)
    expect(tab).to_have_url(re.compile(r"/admin/letters/inspect/\d+/$"))
    reply_url = tab.locator("main code").inner_text().strip()
    assert "/reply/" in reply_url, reply_url

    # Back on the case, the letter is a link in its table; it opens the letter.
    tab.goto(case_url)
    letter_link = tab.locator("#case-letters").locator("..").locator("table a").first
    letter_number = letter_link.inner_text()
    assert letter_number
    letter_link.click()
    expect(tab).to_have_url(re.compile(r"/admin/letters/inspect/\d+/$"))
    expect(tab.locator("main")).to_contain_text(letter_number)

    # The employer answers each action through the private link, with a file for the first.
    employer.goto(reply_url)
    answers = employer.locator("fieldset.item textarea")
    answers.nth(0).fill("已补发三月加班费。")
    answers.nth(1).fill("工资支付记录见附件。")
    employer.locator("fieldset.item input[type=file]").first.set_input_files(
        {"name": "补发凭证.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    employer.locator("textarea[name=text]").fill("我单位已按要求整改。")
    employer.get_by_role("button", name="提交回复").click()
    employer.wait_for_load_state()
    expect(employer.locator("main")).to_contain_text("提交的回复已收到")

    # The case shows the answer and the evidence beside each action's outcome form.
    tab.goto(case_url)
    first = tab.locator(".case-item").first
    expect(first).to_contain_text("补发拖欠的加班费")
    expect(first).to_contain_text("已补发三月加班费。")
    expect(tab.locator("#case-answers").locator("..")).to_contain_text("我单位已按要求整改。")
    with tab.expect_download() as download:
        first.get_by_role("link", name="补发凭证.pdf").click()
    assert download.value.suggested_filename == "补发凭证.pdf"
    first.scroll_into_view_if_needed()
    shot(tab, f"case-answers-{tab.label}")

    # Record the first action's outcome with the form beside the answer.
    form = first.locator("form")
    expect(form.locator("select[name=outcome]")).to_be_visible()
    expect(form.locator("input[name=decided_on]")).to_have_value(today)
    form.locator("select[name=outcome]").select_option("rectified")
    form.locator("textarea[name=note]").fill("核对补发凭证，金额一致。")
    form.get_by_role("button", name="登记整改结果").click()
    tab.wait_for_load_state()
    first = tab.locator(".case-item").first
    expect(tab).to_have_url(f"{case_url}#{first.get_attribute('id')}")
    expect(first).to_contain_text("整改到位")
    expect(first).to_contain_text("核对补发凭证，金额一致。")
    expect(first.locator("form")).to_be_hidden()  # folded under "change the outcome"
    expect(tab.locator(".case-item").nth(1).locator("form")).to_be_visible()
    history = tab.locator("#history-heading").locator("..")
    expect(history).to_contain_text(f"{letter_number} 的第 1 项整改事项")
    expect(history).to_contain_text("通过专用链接收到回复")
    shot(tab, f"case-after-outcome-{tab.label}")
    history.scroll_into_view_if_needed()
    shot(tab, f"case-history-{tab.label}")
