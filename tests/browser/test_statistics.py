"""Headless Chromium: a federation administrator reads the statistics. Our figures: the day,
period and dimension changed through the form, a one-click period, the table read back and the
XLSX downloaded and opened; the roll-up of the federations beneath, drilled into the child.
Chinese at 1280 px, English on a phone (390 px). Every screenshot is audited."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import load_workbook
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from compliance.models import Contract
from compliance.selectors.figure_tables import own_statistics
from compliance.selectors.presentation import ratio_text
from compliance.services.network import network_publish
from tenants import context
from tenants.models import Federation
from tests.browser.conftest import BROWSER, VIEWS, whole_page
from tests.conftest import PASSWORD
from tests.factories import compliance as f

pytestmark = [*BROWSER, pytest.mark.usefixtures("figures")]  # made before Chromium starts


def _administrator(language: str):
    email = f"stats-{language}@pa.test"
    user = get_user_model().objects.create_superuser(
        username=email, email=email, password=PASSWORD, last_name="吴", first_name="晓梅"
    )
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.current_time_zone = "Asia/Shanghai"
    profile.save()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


@pytest.fixture(scope="module")
def figures(browser_sites, django_db_blocker):
    """fed_pa's ledger (enterprises in two regions, state-owned and private, contracts), both
    federations' figures published for the chosen day and today, and the texts the pages should
    show, computed before Chromium runs (no database call while its loop runs)."""
    today = timezone.localdate()
    day = today.replace(day=1)  # the day the form chooses: this month's first
    month_end = day - dt.timedelta(days=1)  # a point of the month-end chart
    with django_db_blocker.unblock():
        with context.federation_context("fed_pa") as federation:
            devices = {language: _administrator(language) for language in VIEWS}
            covered = f.enterprise(
                name="统计向阳机械有限公司", region_code="230803", ownership="state"
            )
            f.enterprise(name="统计向阳商贸有限公司", region_code="230803")
            f.enterprise(name="统计前进电子有限公司", region_code="230804", ownership="state")
            Contract.objects.create(
                enterprise=covered,
                title="集体合同",
                status="effective",
                starts_on=day - dt.timedelta(days=200),
                ends_on=day + dt.timedelta(days=700),
                effective_on=day - dt.timedelta(days=200),
                signed_on=day - dt.timedelta(days=210),
                submitted_in_time=True,
            )
            network_publish(days=[day, today, month_end])
            expected = {}
            for language in VIEWS:
                with translation.override(language):
                    region = own_statistics(
                        federation=federation,
                        day=day,
                        period="month",
                        dimension="region",
                        today=today,
                    )
                    ownership = own_statistics(
                        federation=federation,
                        day=today,
                        period="r12",
                        dimension="ownership",
                        today=today,
                    )
                    expected[language] = {
                        "region": {r.label: ratio_text(r.figures.coverage()) for r in region.rows},
                        "ownership": {
                            r.label: ratio_text(r.figures.coverage()) for r in ownership.rows
                        },
                    }
        with context.federation_context("fed_pb"):
            f.enterprise(name="统计乙区物流有限公司", region_code="230803")
            network_publish(days=[day, today, month_end])
        with context.public():
            child = Federation.objects.get(schema_name="fed_pb")
    return {**devices, "today": today, "day": day, "expected": expected, "child": child}


@pytest.fixture(scope="module")
def accounts(figures):
    return {lang: (f"stats-{lang}@pa.test", figures[lang]) for lang in VIEWS}


def _row(tab, table: str, label: str):
    return tab.locator(f"#{table} tbody tr").filter(
        has=tab.get_by_role("rowheader", name=label, exact=True)
    )


def _download(tab, link_name: str):
    with tab.expect_download() as download:
        tab.get_by_role("link", name=link_name).click()
    return load_workbook(io.BytesIO(download.value.path().read_bytes())).active


def test_the_administrator_reads_our_figures_and_the_roll_up_in_chinese(figures, staff, shot):
    main = staff.locator("main")
    day, today = figures["day"], figures["today"]
    month_end = day - dt.timedelta(days=1)
    expected = figures["expected"]["zh-hans"]

    # From the sidebar's 统计 submenu.
    staff.goto(staff.base + "/admin/")
    sidebar = staff.locator("[data-wagtail-sidebar], aside").first
    sidebar.get_by_role("button", name="统计", exact=True).click()
    sidebar.get_by_role("link", name="本级统计").click()
    staff.wait_for_url("**/admin/statistics/")
    expect(main.locator("h2").first).to_contain_text(today.isoformat())

    # The day, the period and the dimension through the form.
    staff.locator("#id_day").fill(day.isoformat())
    staff.locator("#id_period").select_option("month")
    staff.locator("#id_dimension").select_option("region")
    main.get_by_role("button", name="查询").click()
    staff.wait_for_load_state()
    expect(main).to_contain_text(f"{day.isoformat()} · 本月至当日 · 按地区")
    expect(staff.locator("#id_day")).to_have_value(day.isoformat())
    for label, text in expected["region"].items():
        expect(_row(staff, "stats-segments", label)).to_contain_text(text)
    expect(main.locator("svg[role=img] title").first).to_have_text("分类建制率")
    whole_page(shot, staff, "statistics-own-zh")

    # A one-click period: last year, its last day.
    main.get_by_role("link", name="去年", exact=True).click()
    staff.wait_for_load_state()
    expect(main).to_contain_text(f"{today.year - 1}-12-31 · 本年至当日 · 按地区")

    # The XLSX of the table, opened.
    sheet = _download(staff, "下载XLSX")
    rows = list(sheet.iter_rows(values_only=True))
    assert "浏览器甲市总工会" in rows[0][0] and f"{today.year - 1}-12-31" in rows[0][0]
    assert rows[1][:2] == ("地区", "建制率")

    # The roll-up, and the child drilled into.
    staff.goto(staff.base + "/admin/statistics/network/")
    child = _row(staff, "stats-branches", "浏览器乙区总工会")
    expect(child).to_contain_text("1/1")
    expect(_row(staff, "stats-branches", "合计")).to_contain_text("2/2")
    if month_end.year == today.year:  # the month ends of the day's year, one published
        expect(main.locator("svg[role=img]")).to_have_count(2)
        expect(main.locator("svg[role=img] title").nth(1)).to_have_text(
            f"{today.year}年各月末建制率"
        )
    whole_page(shot, staff, "statistics-network-zh")
    child.get_by_role("link").click()
    staff.wait_for_url(f"**/admin/statistics/network/{figures['child'].pk}/**")
    expect(main.get_by_role("navigation", name="下级汇总")).to_contain_text("浏览器乙区总工会")
    expect(main).to_contain_text("浏览器乙区总工会没有下级总工会")
    shot(staff, "statistics-drill-zh")


@pytest.mark.parametrize("staff", ["en"], indirect=True)
def test_the_administrator_reads_the_figures_in_english_on_a_phone(figures, staff, shot):
    main = staff.locator("main")
    today = figures["today"]
    expected = figures["expected"]["en"]

    staff.goto(staff.base + "/admin/statistics/")
    staff.locator("#id_dimension").select_option("ownership")
    main.get_by_role("button", name="Show figures").click()
    staff.wait_for_load_state()
    expect(main).to_contain_text(f"{today.isoformat()} · Twelve months to the day · by Ownership")
    expect(_row(staff, "stats-segments", "State-owned")).to_contain_text(
        expected["ownership"]["State-owned"]
    )
    whole_page(shot, staff, "statistics-own-en")

    sheet = _download(staff, "Download XLSX")
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:2] == ("Ownership", "Coverage rate (建制率)")
    state = next(row for row in rows if row[0] == "State-owned")
    assert isinstance(state[2], int) and isinstance(state[3], int)

    staff.goto(staff.base + "/admin/statistics/network/")
    main.get_by_role("link", name="Browser District Federation of Trade Unions").click()
    staff.wait_for_url(f"**/admin/statistics/network/{figures['child'].pk}/**")
    expect(main.get_by_role("navigation", name="Federations beneath")).to_contain_text(
        "Browser District Federation of Trade Unions"
    )
    whole_page(shot, staff, "statistics-drill-en")
