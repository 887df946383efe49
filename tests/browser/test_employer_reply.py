"""Headless Chromium: the employer opens the private link of a union's letter, switches the
language and sends its reply with what it did for each required action; the page then says the
reply was received. Django's test client sends no Origin header, so only a browser shows that
these forms are accepted."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER
from tests.factories.supervision import issued_letter

pytestmark = [
    *BROWSER,
    pytest.mark.usefixtures("reply_links"),  # made before Chromium starts
]


@pytest.fixture(scope="module")
def reply_links(browser_sites, django_db_blocker):
    """A reminder letter with two required actions per width, in fed_pa, committed like the
    sites (a reply is taken once). Made before Chromium starts: no database call while
    Playwright's loop runs (tests/browser/conftest.py)."""
    with django_db_blocker.unblock():
        return {width: f"/reply/{issued_letter('fed_pa')[1]}/" for width in ("desktop", "phone")}


@pytest.fixture(params=[(1280, 900), (390, 844)], ids=["desktop", "phone"])
def tab(request, live_tenant_server, browser_sites, chromium):
    width, height = request.param
    context_ = chromium.new_context(viewport={"width": width, "height": height})
    page = context_.new_page()
    page.base = f"http://pa.test:{live_tenant_server}"
    page.label = request.node.callspec.id
    yield page
    context_.close()


def test_the_employer_switches_language_and_sends_the_reply(reply_links, tab, shot):
    """Regression: the page sent Referrer-Policy: no-referrer, so Chromium posted its forms with
    Origin: null and Django answered 403 "Origin checking failed": no reply could be sent."""
    tab.goto(tab.base + reply_links[tab.label])
    assert "发出要约" in tab.locator("main").inner_text()
    tab.locator("#language-select").select_option("en")
    tab.get_by_role("button", name="切换").click()
    tab.wait_for_load_state()
    expect(tab.get_by_role("button", name="Send the reply")).to_be_visible()
    tab.locator("#language-select").select_option("zh-hans")
    tab.get_by_role("button", name="Switch").click()
    tab.wait_for_load_state()

    for textarea in tab.locator("fieldset.item textarea").all():
        textarea.fill("已于本月发出要约，并召开职代会审议。")
    tab.locator("textarea[name=text]").fill("我单位已按要求整改，附职代会决议。")
    with tab.expect_response(lambda r: r.request.method == "POST") as posted:
        tab.get_by_role("button", name="提交回复").click()
    assert posted.value.status == 302
    tab.wait_for_load_state()
    received = tab.locator("main").inner_text()
    assert "提交的回复已收到" in received
    assert received.count("已于本月发出要约，并召开职代会审议。") == 2  # each action's answer
    shot(tab, f"employer-reply-{tab.label}")
