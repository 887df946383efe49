"""Issue 19 parts 2 and 3 in Chromium: a clerk enters a contract's coded key terms on its edit
form (an invalid value is refused with the codebook's reason, in Chinese), the public notice
shows them in a table with units; a reader ticks notices on the public list and compares them
side by side; the codebook page. Every page passes the axe scan (shot)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tenants import context
from tests.browser.conftest import BROWSER, administrator, send, whole_page
from tests.factories.notices import published_contract

pytestmark = [*BROWSER, pytest.mark.usefixtures("records")]

ADMIN = "codebook@pa.test"


@pytest.fixture(scope="module")
def records(browser_sites, django_db_blocker):
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        device = administrator(ADMIN, last_name="周", first_name="编码")
        contract = published_contract(title="龙沙编码机械有限公司集体合同")
        from cms_pages.models import ContractNotice

        return {
            "device": device,
            "contract": contract.pk,
            "notice": str(ContractNotice.objects.get(contract=contract).public_id),
        }


@pytest.fixture(scope="module")
def accounts(records):
    return {"zh-hans": (ADMIN, records["device"])}


def test_the_contract_form_takes_key_terms_and_refuses_a_bad_one(
    staff, records, shot, live_tenant_server
):
    tab = staff
    tab.goto(f"{tab.base}/admin/contracts/edit/{records['contract']}/")
    expect(tab.locator("label[for=id_kt_overtime_restday_pct]")).to_contain_text(
        "休息日加班工资标准"
    )
    tab.locator("#id_kt_overtime_restday_pct").fill("150")
    tab.locator("#id_kt_night_shift_allowance").fill("35")
    tab.select_option("#id_kt_enterprise_annuity", "yes")
    tab.select_option("#id_kt_safety_commitment", "plan_budget")
    tab.locator("#id_change_reason").fill("补录关键条款")
    send(tab)
    expect(tab.locator("main")).to_contain_text(
        "150超出范围：休息日加班工资标准应在200至600（% 工资）之间。"
    )
    # The other values typed are kept for the correction.
    expect(tab.locator("#id_kt_night_shift_allowance")).to_have_value("35")
    whole_page(shot, tab, "key-terms-form-refused")
    tab.locator("#id_kt_overtime_restday_pct").fill("200")
    tab.locator("#id_change_reason").fill("补录关键条款")
    send(tab)
    expect(tab.locator("main")).not_to_contain_text("超出范围")
    tab.goto(f"{tab.base}/admin/contracts/edit/{records['contract']}/")
    expect(tab.locator("#id_kt_night_shift_allowance")).to_have_value("35.00")
    expect(tab.locator("#id_kt_overtime_restday_pct")).to_have_value("200")

    tab.goto(f"{tab.base}/notices/{records['notice']}/")
    table = tab.locator("table.key-terms")
    expect(table).to_contain_text("夜班津贴")
    expect(table.locator("tr", has_text="夜班津贴")).to_contain_text("35")
    expect(table.locator("tr", has_text="夜班津贴")).to_contain_text("元/班")
    expect(table.locator("tr", has_text="企业年金")).to_contain_text("是")
    expect(table.locator("tr", has_text="安全生产承诺")).to_contain_text("有具体措施和专项经费")
    shot(tab, "key-terms-notice")


def test_a_reader_ticks_notices_and_compares_them(
    browser_sites, chromium, live_tenant_server, shot
):
    context_ = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context_.new_page()
    base = f"http://pa.test:{live_tenant_server}"
    word = browser_sites["fed_pa"]["word"]
    try:
        tab.goto(base + "/notices/")
        boxes = tab.locator("input[name=ids][type=checkbox]")
        assert boxes.count() >= 3
        # Too few: a clear message, and the way back.
        boxes.nth(0).check()
        tab.get_by_role("button", name="比较已勾选的合同").click()
        tab.wait_for_url("**/notices/compare/**")
        expect(tab.locator("main")).to_contain_text("请至少选择2份合同进行比较（您选择了1份）。")
        shot(tab, "compare-too-few")
        tab.goto(base + "/notices/")  # afresh: going back would keep the first box ticked
        # The three seeded notices (night-shift allowance 30, 40 and 50 yuan).
        seeded = tab.locator("ol.results > li", has_text=word)
        assert seeded.count() == 3
        titles = []
        for index in range(3):
            seeded.nth(index).locator("input[name=ids]").check()
            titles.append(seeded.nth(index).locator("h3").inner_text())
        tab.get_by_role("button", name="比较已勾选的合同").click()
        tab.wait_for_url("**/notices/compare/?ids=*")
        expect(tab.locator("h1")).to_have_text("合同比较")
        head = tab.locator("table.compare").first.locator("thead")
        for title in titles:
            expect(head).to_contain_text(title)
        night = tab.locator("table.compare tr", has_text="夜班津贴")
        expect(night).to_contain_text("有差异")
        for value in ("30", "40", "50"):
            expect(night.locator("td", has_text=value)).to_have_count(1)
        same = tab.locator("table.compare tr", has_text="工作日加班工资标准")
        expect(same).not_to_contain_text("有差异")
        clauses = tab.locator("table.compare-clauses")
        expect(clauses).to_contain_text(word)
        assert clauses.locator("mark").count() >= 1
        shot(tab, "compare-three")

        # From a notice: "compare with other contracts" keeps it ticked on the list.
        first = tab.locator("table.compare thead a").first
        first.click()
        tab.wait_for_url("**/notices/*-*/")
        tab.get_by_role("link", name="与其他合同比较").click()
        tab.wait_for_url("**/notices/?compare=*")
        expect(tab.locator("main")).to_contain_text("正在与")
        tab.locator("input[name=ids][type=checkbox]").first.check()
        tab.get_by_role("button", name="比较已勾选的合同").click()
        tab.wait_for_url("**/notices/compare/**")
        assert tab.locator("table.compare").first.locator("thead th").count() == 3

        tab.goto(base + "/notices/codebook/")
        expect(tab.locator("h1")).to_have_text("关键条款编码表")
        expect(tab.locator("main")).to_contain_text("wage_increase_pct")
        shot(tab, "codebook")
    finally:
        context_.close()
