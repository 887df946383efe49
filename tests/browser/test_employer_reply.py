"""Headless Chromium: the employer opens the private link of a union's letter, switches the
language and sends its reply with what it did for each required action; the page then says the
reply was received. Django's test client sends no Origin header, so only a browser shows that
these forms are accepted."""

from __future__ import annotations

import os

import pytest

from compliance.models import Letter
from tenants import context
from tests.browser.conftest import CHROMIUM
from tests.factories.supervision import issued_letter

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and not os.environ.get("REQUIRE_BROWSER"),
        reason="Debian's chromium is not installed (apt-get install -y chromium fonts-noto-cjk)",
    ),
]


@pytest.fixture
def letter_link(browser_sites, django_db_blocker):
    """A reminder letter with two required actions in fed_pa, committed like the sites (a reply
    is taken once, so each width gets a letter of its own)."""
    with django_db_blocker.unblock():
        letter, token = issued_letter("fed_pa")
    return letter.pk, f"/reply/{token}/"


@pytest.fixture(params=[(1280, 900), (390, 844)], ids=["desktop", "phone"])
def tab(request, live_tenant_server, browser_sites, chromium):
    width, height = request.param
    context_ = chromium.new_context(viewport={"width": width, "height": height})
    page = context_.new_page()
    page.base = f"http://pa.test:{live_tenant_server}"
    page.label = request.node.callspec.id
    yield page
    context_.close()


def test_the_employer_switches_language_and_sends_the_reply(
    tab, letter_link, django_db_blocker, shot
):
    """Regression: the page sent Referrer-Policy: no-referrer, so Chromium posted its forms with
    Origin: null and Django answered 403 "Origin checking failed": no reply could be sent."""
    pk, path = letter_link
    tab.goto(tab.base + path)
    assert "发出要约" in tab.locator("main").inner_text()
    tab.locator("#language-select").select_option("en")
    tab.get_by_role("button", name="切换").click()
    tab.wait_for_load_state()
    assert tab.get_by_role("button", name="Send the reply").is_visible()
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
    assert "提交的回复已收到" in tab.locator("main").inner_text()
    shot(tab, f"employer-reply-{tab.label}")
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        letter = Letter.objects.get(pk=pk)
        assert letter.reply_text == "我单位已按要求整改，附职代会决议。"
        assert all(item.employer_response for item in letter.items.all())
