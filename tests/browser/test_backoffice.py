"""Headless Chromium: a federation clerk signs in with both factors and finds every procedure of
the back office in a submenu of its own; a worker reads an award shortlist in the public site's
chrome (its menu, footer and language switch) and reaches it from the menu."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from compliance.services.awards import Nominee, eligibility_check, notice_publish
from tenants import context
from tests.browser.conftest import ARTIFACTS, BROWSER, administrator, sign_in
from tests.conftest import PASSWORD
from tests.factories import awards as a
from tests.factories import compliance as f

pytestmark = [
    *BROWSER,
    # Made before Chromium starts (see below), whichever test runs first.
    pytest.mark.usefixtures("clerk_device", "shortlist"),
]

CLERK = "clerk@pa.test"
# The sidebar's submenus, one per procedure, and an item of each (zh-Hans, the admin's default).
PROCEDURES = {
    "企业": "企业台账",
    "协商推进": "摸底调查",
    "集体协商": "要约行动",
    "指导员工作": "指导员走访",
    "培训与专家": "专家指导团",
    "集体合同": "合同台账",
    "劳动法律监督": "监督案件",
    "履约与质效": "质效评估",
    "评选表彰": "资格核查",
    "规则与日历": "节假日安排",
}


# The records a test needs are made before Chromium starts (module fixtures, listed first):
# Django connections opened while Playwright's loop runs live in another context, outlive the
# module and are cut when its server stops (tests/browser/conftest.py).


@pytest.fixture(scope="module")
def clerk_device(browser_sites, django_db_blocker):
    """An administrator of fed_pa with a confirmed authenticator, committed like the sites."""
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        return administrator(CLERK)


@pytest.fixture(scope="module")
def shortlist(browser_sites, django_db_blocker):
    """A shortlist under public notice in fed_pa, published today for the rule's five days."""
    today = timezone.localdate()
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        award = a.award("no_union")
        good = f.enterprise(name="松江浏览器示范有限公司")
        run = eligibility_check(
            award_id=award.pk, nominees=[Nominee(good.credit_code, row=2)], as_of=today
        )
        notice = notice_publish(
            run_id=run.pk,
            data={
                "title": "松江年度劳动奖状拟推荐对象公示",
                "starts_on": today,
                "ends_on": today + dt.timedelta(days=14),
                "contact": "异议请致电 0454-1234567",
            },
        )
        return notice.pk, good.name


@pytest.fixture
def desktop(live_tenant_server, browser_sites, chromium):
    context_ = chromium.new_context(viewport={"width": 1280, "height": 900})
    tab = context_.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    yield tab
    context_.close()


def test_each_procedure_is_a_submenu_of_the_sidebar(clerk_device, desktop, shot):
    sign_in(desktop, username=CLERK, password=PASSWORD, device=clerk_device)
    desktop.goto(desktop.base + "/admin/")
    sidebar = desktop.locator("[data-wagtail-sidebar], aside").first
    for submenu, item in PROCEDURES.items():
        trigger = sidebar.get_by_role("button", name=submenu, exact=True)
        trigger.click()
        # The submenu's panel slides in: wait for its item rather than look at once.
        expect(sidebar.get_by_role("link", name=item, exact=True)).to_be_visible()
        if submenu == "评选表彰":
            desktop.wait_for_timeout(500)  # the panel slides in
            desktop.screenshot(path=str(ARTIFACTS / "admin-submenu-awards.png"))
        trigger.click()  # closes it again
    # One submenu's item opens its list, inside the same chrome.
    sidebar.get_by_role("button", name="劳动法律监督", exact=True).click()
    sidebar.get_by_role("link", name="监督案件", exact=True).click()
    desktop.wait_for_url("**/admin/supervision_cases/")
    assert desktop.locator("h1").first.inner_text().strip() == "监督案件"
    # Performance checks share a submenu with the quality evaluations (issue 18).
    sidebar.get_by_role("button", name="履约与质效", exact=True).click()
    sidebar.get_by_role("link", name="履约检查", exact=True).click()
    desktop.wait_for_url("**/admin/audit_checks/")
    shot(desktop, "admin-audit-checks")


def test_award_shortlist_wears_the_public_sites_chrome(shortlist, desktop, shot):
    pk, nominee = shortlist
    desktop.goto(desktop.base + "/")
    desktop.get_by_role("navigation", name="主菜单").get_by_role("link", name="评选公示").click()
    desktop.wait_for_url("**/notices/awards/")
    current = desktop.locator("nav.menu [aria-current=page]")
    assert current.inner_text() == "评选公示"
    desktop.get_by_role("link", name="松江年度劳动奖状拟推荐对象公示").click()
    desktop.wait_for_url(f"**/notices/awards/{pk}/")
    assert desktop.locator("h1").inner_text() == "松江年度劳动奖状拟推荐对象公示"
    expect(desktop.get_by_role("cell", name=nominee)).to_be_visible()
    expect(
        desktop.locator("footer.site-footer").get_by_text("浏览器甲市总工会").first
    ).to_be_visible()
    assert desktop.title().endswith("· 浏览器甲市总工会")
    shot(desktop, "public-award-notice")
    desktop.get_by_role("navigation", name="语言").get_by_role("link", name="English").click()
    desktop.wait_for_url(f"**/notices/awards/{pk}/")
    assert desktop.locator("nav.menu [aria-current=page]").inner_text() == "Award notices"
