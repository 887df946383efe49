"""Headless Chromium: the wage highlights (issue 19 item 4). A reader opens the city's public
page, which rolls up its district, reads the tables and downloads the XLSX; the administrator
regenerates a quarter in the back office and reads the message and the history; then writes a
wage-guideline analysis report in the Wagtail editor, inserts a live wage figure, publishes it
and reads the figure on the public page. Every screenshot is audited (axe-core)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from cms_pages.models import HomePage
from compliance.services.wages import wage_highlights_generate
from tenants import context
from tests.browser.conftest import BROWSER, administrator, sign_in, whole_page
from tests.conftest import PASSWORD
from tests.factories.wages import wage_contract

pytestmark = [*BROWSER, pytest.mark.usefixtures("wages")]  # made before Chromium starts


@pytest.fixture(scope="module")
def wages(browser_sites, django_db_blocker):
    """Wage contracts of this year's first quarter in the city (fed_pa) and its district
    (fed_pb), both quarters generated; the city's administrator."""
    year = timezone.localdate().year
    signed = dt.date(year, 2, 10)
    with django_db_blocker.unblock():
        with context.federation_context("fed_pb"):
            for growth, industry in (("6", "C"), ("9", "C"), ("12", "F")):
                wage_contract(signed_on=signed, growth=growth, industry=industry, employees=100)
            wage_highlights_generate(year=year, quarter=1)
        with context.federation_context("fed_pa"):
            wage_contract(signed_on=signed, growth="7", industry="C", employees=60)
            wage_highlights_generate(year=year, quarter=1)
            device = administrator("wages-admin@pa.test", last_name="钱", first_name="薪")
            # A second administrator for the editor's test: the same authenticator code cannot
            # sign in twice in one 30-second step (django-otp refuses a replayed code).
            editor = administrator("wages-editor@pa.test", last_name="孙", first_name="文")
            home = HomePage.objects.get().pk
    return {"year": year, "device": device, "editor": editor, "home": home}


def _tab(chromium, width=1280):
    context_ = chromium.new_context(viewport={"width": width, "height": 900}, accept_downloads=True)
    tab = context_.new_page()
    return context_, tab


def test_a_reader_reads_the_rolled_up_highlights_and_downloads_them(
    wages, live_tenant_server, chromium, shot
):
    year = wages["year"]
    browser_context, tab = _tab(chromium)
    tab.base = f"http://pa.test:{live_tenant_server}"
    try:
        tab.goto(tab.base + "/wages/")
        expect(tab.locator("h1")).to_contain_text(f"工资集体协商情况 · {year}年第1季度")
        expect(tab.locator("main")).to_contain_text("2 个总工会中有 2 个")
        # Four contracts: 6, 7, 9 (C) and 12 (F): the median is 8.
        facts = tab.locator(".wage-facts").first
        expect(facts).to_contain_text("8.00%")
        expect(facts).to_contain_text("360")  # employees covered: 3 × 100 + 60
        industry = tab.locator("table", has_text="制造业").first
        expect(industry.locator("tr", has_text="制造业")).to_contain_text("7.00%")
        expect(tab.locator("svg.wage-chart title").first).to_contain_text("约定工资增幅")
        shot(tab, "wages-public-zh")
        with tab.expect_download() as download:
            tab.get_by_role("link", name="下载XLSX").click()
        sheet = load_workbook(io.BytesIO(download.value.path().read_bytes()))["季度"]
        rows = list(sheet.iter_rows(values_only=True))
        assert rows[2][2:5] == (4, 360, 4)
        assert rows[2][7] == 8.0
        # The district's own page: its three contracts only.
        tab.goto(f"http://pb.test:{live_tenant_server}/wages/{year}/q1/")
        expect(tab.locator(".wage-facts").first).to_contain_text("9.00%")
        shot(tab, "wages-public-child-zh")
    finally:
        browser_context.close()


def test_the_administrator_regenerates_a_quarter(wages, live_tenant_server, chromium, shot):
    year = wages["year"]
    browser_context, tab = _tab(chromium)
    tab.base = f"http://pa.test:{live_tenant_server}"
    try:
        sign_in(tab, username="wages-admin@pa.test", password=PASSWORD, device=wages["device"])
        tab.goto(tab.base + "/admin/statistics/wages/")
        tab.get_by_role("button", name=f"重新生成{year}年第1季度").click()
        tab.wait_for_load_state()
        expect(tab.locator(".messages")).to_contain_text(
            f"{year}年第1季度的工资数据已重新生成：1 份工资专项集体合同"
        )
        history = tab.locator("table", has_text="触发方式")
        expect(history.locator("tbody tr").first).to_contain_text("管理员重新生成")
        expect(history.locator("tbody tr").first).to_contain_text("钱")
        whole_page(shot, tab, "wages-admin-regenerated-zh")
        tab.get_by_role("link", name=f"{year}年第1季度工资集体协商情况").click()
        expect(tab.locator("h1")).to_contain_text("工资集体协商情况")
    finally:
        browser_context.close()


def test_the_editor_writes_a_guideline_report_with_a_live_figure(
    wages, live_tenant_server, chromium, shot
):
    year = wages["year"]
    browser_context, tab = _tab(chromium)
    tab.base = f"http://pa.test:{live_tenant_server}"
    try:
        sign_in(tab, username="wages-editor@pa.test", password=PASSWORD, device=wages["editor"])
        tab.goto(tab.base + f"/admin/pages/add/cms_pages/wageguidelinepage/{wages['home']}/")
        tab.locator("#id_title").fill(f"{year}年度工资指导线分析报告")
        tab.locator("#id_year").fill(str(year))
        tab.locator("#id_summary").fill("本年度工资指导线与工资集体协商情况分析。")
        tab.get_by_role("tab", name="推荐").click()  # Wagtail's "Promote"
        tab.locator("#id_slug").fill(f"wage-guideline-{year}")
        tab.get_by_role("tab", name="内容").click()
        tab.locator("button.c-sf-add-button:visible").first.click()
        tab.locator(".w-combobox__option", has_text="实时工资数据").first.click()
        tab.locator("[name='body-0-value-label']").fill("制造业一季度约定增幅中位数")
        tab.locator("select[name='body-0-value-figure']").select_option("median")
        tab.locator("select[name='body-0-value-segment']").select_option("industry:C")
        tab.locator("[name='body-0-value-year']").fill(str(year))
        tab.locator("select[name='body-0-value-quarter']").select_option("1")
        tab.locator("select[name='body-0-value-period']").select_option("quarter")
        whole_page(shot, tab, "wages-guideline-edit-zh")
        tab.locator("footer [data-w-dropdown-target='toggle']").first.click()
        tab.locator("button[name='action-publish']").click()
        tab.wait_for_load_state()
        tab.wait_for_url(f"**/admin/pages/{wages['home']}/")
        expect(tab.locator(".messages")).to_contain_text(f"{year}年度工资指导线分析报告")
        tab.goto(tab.base + f"/wage-guideline-{year}/")
        figure = tab.locator(".live-figure")
        expect(figure).to_contain_text("制造业一季度约定增幅中位数")
        # The city's manufacturing contracts with its district's: 6, 7, 9 -> 7.
        expect(figure.locator("strong")).to_have_text("7.00%")
        expect(figure).to_contain_text("截至")
        shot(tab, "wages-guideline-public-zh")
    finally:
        browser_context.close()
