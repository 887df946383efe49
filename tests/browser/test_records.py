"""Headless Chromium follows an enterprise's records as a clerk does (issue 14): from the
enterprise's page to its contract, where a clause is added with the real form and read back;
then to its expired contract, whose confirmed 发起续签协商 lands on the new bargaining round; and
a contract entered without its renewal link gets it through 登记所续签的原合同 (issue 15).
Screenshots at 1280 px and 390 px go to test-artifacts/."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from compliance.models import Clause
from compliance.services.contracts import contract_register_existing
from tenants import context
from tests.browser.conftest import BROWSER, administrator, send, sign_in, whole_page
from tests.conftest import PASSWORD
from tests.factories import compliance as f
from tests.factories.records import expired_contract

pytestmark = [
    *BROWSER,
    pytest.mark.usefixtures("records"),  # made before Chromium starts (tests/browser/conftest.py)
]

CLERK = "records@pa.test"
CLAUSE_TEXT = "企业每年安排职工带薪年休假，职工工作满一年不满十年的，年休假五天。"


@pytest.fixture(scope="module")
def records(browser_sites, django_db_blocker):
    """A clerk with an authenticator; an enterprise with a contract in force and an expired one."""
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        device = administrator(CLERK)
        ent = f.enterprise(name="松江精密机械有限公司")
        current = contract_register_existing(
            data={
                "enterprise": ent,
                "title": "2026年度工资专项集体合同",
                "kind": "wages",
                "starts_on": dt.date(2026, 1, 1),
                "ends_on": dt.date(2026, 12, 31) + dt.timedelta(days=365),
                "covered_employees": 150,
            }
        )[0]
        Clause.objects.create(
            contract=current, order=1, topic="wages", text="职工工资年度平均增长幅度不低于6%。"
        )
        expired = expired_contract(ent, title="2023年度集体合同")
        # Another enterprise's renewal entered by hand, without the contract it renews.
        unlinked_ent = f.enterprise(name="松江续签补录纺织有限公司")
        renewed = expired_contract(unlinked_ent, title="2023年度纺织集体合同")
        unlinked = contract_register_existing(
            data={
                "enterprise": unlinked_ent,
                "title": "2026年度纺织集体合同",
                "starts_on": dt.date(2026, 1, 1),
                "ends_on": dt.date(2028, 12, 31),
                "covered_employees": 90,
            }
        )[0]
        return {
            "device": device,
            "enterprise": ent.pk,
            "current": current.pk,
            "expired": expired.pk,
            "renewed": renewed.pk,
            "unlinked": unlinked.pk,
        }


@pytest.fixture(scope="module")
def session(records, live_tenant_server, chromium):
    """One sign-in for the module (a six-digit code is accepted once per 30-second step)."""
    context_ = chromium.new_context()
    tab = context_.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    sign_in(tab, username=CLERK, password=PASSWORD, device=records["device"])
    state = context_.storage_state()
    context_.close()
    return state


def _clerk(chromium, live_tenant_server, session, width: int):
    context_ = chromium.new_context(viewport={"width": width, "height": 900}, storage_state=session)
    tab = context_.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    return context_, tab


def test_a_clerk_follows_an_enterprise_to_its_contracts_and_acts_on_them(
    records, live_tenant_server, chromium, session, shot
):
    context_, tab = _clerk(chromium, live_tenant_server, session, 1280)
    main = tab.locator("main")
    tab.goto(tab.base + f"/admin/enterprises/inspect/{records['enterprise']}/")
    expect(main).to_contain_text("暂无监督案件")
    expect(main).to_contain_text("已期满")
    whole_page(shot, tab, "records-enterprise-1280")

    # To the contract in force; a clause added on its page with the real form.
    main.get_by_role("link", name="2026年度工资专项集体合同").click()
    tab.wait_for_url(f"**/admin/contracts/inspect/{records['current']}/")
    main.get_by_role("link", name="添加条款").click()
    expect(tab.locator("#id_order")).to_have_value("2")
    tab.locator("#id_topic").select_option("rest")
    tab.locator("#id_text").fill(CLAUSE_TEXT)
    tab.locator("main form[method=post] button[type=submit]").click()
    tab.wait_for_url(f"**/admin/contracts/inspect/{records['current']}/#contract-clauses")
    clauses = tab.locator("#contract-clauses-section")
    expect(clauses).to_contain_text(CLAUSE_TEXT)
    expect(clauses).to_contain_text("休息休假")
    expect(tab.locator(".messages")).to_contain_text("第2条已添加")
    whole_page(shot, tab, "records-contract-1280")

    # Back to the enterprise, on to its expired contract: start the renewal round, confirmed.
    tab.locator("main").get_by_role("link", name="松江精密机械有限公司").first.click()
    tab.wait_for_url(f"**/admin/enterprises/inspect/{records['enterprise']}/")
    main.get_by_role("link", name="2023年度集体合同").click()
    tab.wait_for_url(f"**/admin/contracts/inspect/{records['expired']}/")
    main.get_by_role("button", name="发起续签协商").click()
    dialog = tab.locator("#confirm-renew")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("松江精密机械有限公司")
    whole_page(shot, tab, "records-renew-dialog-1280")
    dialog.get_by_role("button", name="确认发起").click()
    tab.wait_for_url("**/admin/bargaining_rounds/inspect/**")
    expect(tab.locator(".messages")).to_contain_text("续签协商已发起")
    expect(main).to_contain_text("已发出要约，等待应约")
    expect(main.get_by_role("link", name="2023年度集体合同")).to_be_visible()  # what it renews
    whole_page(shot, tab, "records-round-1280")

    # The enterprise page now shows the round, its reply deadline and the way to it.
    tab.goto(tab.base + f"/admin/enterprises/inspect/{records['enterprise']}/")
    expect(main).to_contain_text("续签协商")
    expect(main.get_by_role("link", name="查看进行中的续签协商")).to_be_visible()
    context_.close()


def test_a_clerk_records_the_contract_a_renewal_renews(
    records, live_tenant_server, chromium, session, shot
):
    context_, tab = _clerk(chromium, live_tenant_server, session, 1280)
    main = tab.locator("main")
    tab.goto(tab.base + f"/admin/contracts/inspect/{records['unlinked']}/")
    main.get_by_role("link", name="登记所续签的原合同").click()
    tab.wait_for_url(f"**/admin/contracts/step/{records['unlinked']}/renews/")
    # Proposed: the enterprise's same-kind contract that expired most recently.
    expect(tab.locator("#id_predecessor option:checked")).to_contain_text("2023年度纺织集体合同")
    tab.locator("#id_reason").fill("补录续签关系：纸质合同首页载明续签")
    whole_page(shot, tab, "records-renews-form-1280")
    send(tab)
    tab.wait_for_url(f"**/admin/contracts/inspect/{records['unlinked']}/")
    expect(tab.locator(".messages")).to_contain_text("登记所续签的原合同：已保存。")
    expect(main.locator("dd").get_by_role("link", name="2023年度纺织集体合同")).to_be_visible()
    expect(main).to_contain_text("续签")
    history = tab.locator("#history-heading").locator("..")
    expect(history).to_contain_text("补录续签关系：纸质合同首页载明续签")
    whole_page(shot, tab, "records-renews-after-1280")

    # The contract it renews is renewed now: it names its successor and offers no renewal round.
    main.locator("dd").get_by_role("link", name="2023年度纺织集体合同").click()
    tab.wait_for_url(f"**/admin/contracts/inspect/{records['renewed']}/")
    expect(main.get_by_role("link", name="2026年度纺织集体合同").first).to_be_visible()
    expect(main.get_by_role("button", name="发起续签协商")).to_have_count(0)
    context_.close()


def test_the_record_pages_read_on_a_phone(records, live_tenant_server, chromium, session, shot):
    context_, tab = _clerk(chromium, live_tenant_server, session, 390)
    tab.goto(tab.base + f"/admin/enterprises/inspect/{records['enterprise']}/")
    expect(tab.locator("main")).to_contain_text("集体合同")
    whole_page(shot, tab, "records-enterprise-390")
    tab.goto(tab.base + f"/admin/contracts/inspect/{records['current']}/")
    expect(tab.locator("#contract-clauses-section")).to_contain_text("工资")
    whole_page(shot, tab, "records-contract-390")
    tab.goto(tab.base + "/admin/contracts/")
    whole_page(shot, tab, "records-contract-list-390")
    context_.close()
