"""Headless Chromium: an administrator adds a day to the holiday calendar through its form (the
date keeps its value), creates an offer campaign and launches it; the offers' reply deadline then
moves past the day just added, as the round's page shows. Chinese at 1280 px; the calendar and
campaign forms also in English on a phone (390 px). Every screenshot is audited
(tests/browser/audit.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from compliance.rules.presets import Key
from compliance.selectors.profile import deadline_for, working_calendar
from tenants import context
from tests.browser.conftest import BROWSER, VIEWS, administrator, send, whole_page
from tests.factories import compliance as f

pytestmark = [*BROWSER, pytest.mark.usefixtures("ledger")]  # made before Chromium starts

HOLIDAY_NAME = "地方性休息日"
CAMPAIGN = "2027年春季集体协商要约行动"
CANDIDATES = ("松江要约行动甲机械有限公司", "松江要约行动乙纺织有限公司")


@pytest.fixture(scope="module")
def ledger(browser_sites, django_db_blocker):
    """An administrator, two key enterprises without a contract (the campaign's candidates), and
    the reply deadline of an offer sent today with and without a holiday on its last day."""
    today = timezone.localdate()
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        devices = {language: _administrator(language) for language in VIEWS}
        for name in CANDIDATES:
            f.enterprise(name=name, employees=320)
        calendar = working_calendar()
        before = deadline_for(key=Key.OFFER_REPLY, start=today, calendar=calendar).due
        moved = calendar.with_overrides(holidays={before: HOLIDAY_NAME})
        after = deadline_for(key=Key.OFFER_REPLY, start=today, calendar=moved).due
    assert after > before
    return {**devices, "today": today, "holiday": before, "reply_due": after}


def _email(language: str) -> str:
    return f"campaigns-{language}@pa.test"


def _administrator(language: str):
    """An administrator whose admin speaks `language` (the account's preference)."""
    device = administrator(_email(language), last_name="孙", first_name="立华")
    profile = UserProfile.get_for_user(device.user)
    profile.preferred_language = language
    profile.current_time_zone = "Asia/Shanghai"
    profile.save()
    return device


@pytest.fixture(scope="module")
def accounts(ledger):
    return {language: (_email(language), ledger[language]) for language in VIEWS}


def _menu(tab, submenu: str, item: str) -> None:
    sidebar = tab.locator("[data-wagtail-sidebar], aside").first
    sidebar.get_by_role("button", name=submenu, exact=True).click()
    link = sidebar.get_by_role("link", name=item, exact=True)
    expect(link).to_be_visible()
    link.click()


def test_a_holiday_moves_the_reply_deadline_of_a_launched_campaign(ledger, staff, shot):
    main = staff.locator("main")
    holiday, today = ledger["holiday"], ledger["today"]

    # The holiday calendar, from the sidebar; a day added with its form.
    staff.goto(staff.base + "/admin/")
    _menu(staff, "规则与日历", "节假日安排")
    staff.wait_for_url("**/admin/holiday_calendar/")
    main.get_by_role("link", name="添加").first.click()
    staff.wait_for_url("**/admin/holiday_calendar/new/")
    staff.locator("#id_date").fill(holiday.isoformat())
    staff.keyboard.press("Escape")  # the date picker's calendar closes
    staff.locator("#id_kind").select_option("holiday")
    staff.locator("#id_name").fill(HOLIDAY_NAME)
    staff.locator("#id_covers_year").check()
    shot(staff, "campaign-calendar-form-zh-hans")
    send(staff)
    expect(staff.locator(".messages")).to_contain_text(HOLIDAY_NAME)
    expect(main).to_contain_text(holiday.isoformat())
    expect(main).to_contain_text("法定节假日")
    whole_page(shot, staff, "campaign-calendar-day-zh-hans")
    # Its edit form shows the date it was given (a "2026/12/25" would show an empty field).
    staff.goto(staff.url.replace("/inspect/", "/edit/"))
    expect(staff.locator("#id_date")).to_have_value(holiday.isoformat())

    # A campaign, from the sidebar, with its dates typed in; it lands on the campaign's page.
    _menu(staff, "集体协商", "要约行动")
    staff.wait_for_url("**/admin/campaigns/")
    main.get_by_role("link", name="添加").first.click()
    staff.locator("#id_name").fill(CAMPAIGN)
    staff.locator("#id_starts_on").fill(today.isoformat())
    staff.keyboard.press("Escape")
    staff.locator("#id_ends_on").fill((today + dt.timedelta(days=30)).isoformat())
    staff.keyboard.press("Escape")
    shot(staff, "campaign-form-zh-hans")
    send(staff)
    staff.wait_for_url("**/admin/campaigns/inspect/**")
    campaign_url = staff.url
    expect(main).to_contain_text(CAMPAIGN)
    expect(main).to_contain_text(today.isoformat())
    for name in CANDIDATES:
        expect(main).to_contain_text(name)
    whole_page(shot, staff, "campaign-page-zh-hans")

    # Launch: the offer date defaults to the campaign's first day; confirm by sending.
    main.get_by_role("link", name="发出本次要约行动的要约").click()
    expect(staff.locator("#id_offer_date")).to_have_value(today.isoformat())
    staff.locator("#id_kind").select_option("wages")
    staff.locator("#id_dual_offer").check()
    shot(staff, "campaign-launch-form-zh-hans")
    send(staff)
    staff.wait_for_url(campaign_url)
    expect(staff.locator(".messages")).to_contain_text(f"已发出要约{len(CANDIDATES)}份。")
    expect(main).to_contain_text(f"已发出要约{len(CANDIDATES)}份，已答复0份。")
    whole_page(shot, staff, "campaign-launched-zh-hans")

    # One of its rounds: the reply deadline is past the holiday just added.
    staff.goto(staff.base + "/admin/bargaining_rounds/")
    main.get_by_role("link", name=CANDIDATES[0]).first.click()
    staff.wait_for_url("**/admin/bargaining_rounds/inspect/**")
    deadlines = staff.locator("#deadlines-heading + table")
    expect(deadlines).to_contain_text(ledger["reply_due"].isoformat())
    expect(main).to_contain_text(CAMPAIGN)
    whole_page(shot, staff, "campaign-round-zh-hans")


@pytest.mark.parametrize("staff", ["en"], indirect=True)
def test_the_calendar_and_campaign_forms_on_a_phone_in_english(ledger, staff, shot):
    main = staff.locator("main")
    # A make-up working day (a Sunday worked in its year's calendar), typed on a phone.
    sunday = ledger["today"] + dt.timedelta(days=(6 - ledger["today"].weekday()) or 7)
    staff.goto(staff.base + "/admin/holiday_calendar/new/")
    staff.locator("#id_date").fill(sunday.isoformat())
    staff.keyboard.press("Escape")
    staff.locator("#id_kind").select_option("workday")
    staff.locator("#id_name").fill("元旦调休")
    shot(staff, "campaign-calendar-form-en")
    send(staff)
    expect(staff.locator(".messages")).to_contain_text("元旦调休")
    expect(main).to_contain_text("Make-up working day")
    expect(main).to_contain_text(sunday.isoformat())
    whole_page(shot, staff, "campaign-calendar-day-en")

    staff.goto(staff.base + "/admin/campaigns/new/")
    staff.locator("#id_name").fill("Spring offer campaign")
    staff.locator("#id_starts_on").fill(ledger["today"].isoformat())
    staff.keyboard.press("Escape")
    staff.locator("#id_ends_on").fill((ledger["today"] + dt.timedelta(days=60)).isoformat())
    staff.keyboard.press("Escape")
    staff.locator("#id_include_all_unionised").check()
    shot(staff, "campaign-form-en")
    send(staff)
    staff.wait_for_url("**/admin/campaigns/inspect/**")
    expect(main).to_contain_text("Spring offer campaign")
    expect(main).to_contain_text("Feedback and exposure list")
    whole_page(shot, staff, "campaign-page-en")
    staff.goto(staff.url.replace("/inspect/", "/edit/"))
    expect(staff.locator("#id_starts_on")).to_have_value(ledger["today"].isoformat())
