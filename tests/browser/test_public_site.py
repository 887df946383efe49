"""Headless Chromium drives a federation's public site: home, search, filter, notice, download,
at phone and desktop widths, and never sees the other federation's content."""

from __future__ import annotations

import pytest

from tests.browser.conftest import BROWSER

pytestmark = [
    *BROWSER,
    # .ci/run sets REQUIRE_BROWSER, so there a missing chromium fails (in the fixture) instead.
]

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


@pytest.fixture(params=list(WIDTHS))
def page(request, live_tenant_server, browser_sites, chromium):
    # Chromium last: Django's connections made while Playwright's loop runs live in another
    # context and would outlive the test database.
    width, height = WIDTHS[request.param]
    context = chromium.new_context(
        viewport={"width": width, "height": height}, accept_downloads=True
    )
    tab = context.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    tab.other = f"http://pb.test:{live_tenant_server}"
    tab.label = request.param
    yield tab
    context.close()


def _never_b(tab, browser_sites):
    html = tab.content()
    assert browser_sites["fed_pb"]["word"] not in html
    assert "浏览器乙区总工会" not in html


def test_home_search_filter_notice_download(page, browser_sites, shot, tmp_path):
    word = browser_sites["fed_pa"]["word"]
    page.goto(page.base + "/")
    assert page.title() == "首页 · 浏览器甲市总工会"
    assert page.locator("h1").inner_text() == "浏览器甲市总工会"
    assert page.get_by_text(f"{word}工资协商典型案例").is_visible()
    _never_b(page, browser_sites)
    shot(page, f"home-{page.label}")

    page.locator("#home-q").fill("职业健康检查")
    page.locator("#home-q").press("Enter")
    page.wait_for_url("**/notices/?q=*")
    results = page.locator("ol.results > li")
    assert results.count() == 1
    assert page.locator("ol.results mark").first.inner_text() in ("职业健康检查", "健康", "检查")
    _never_b(page, browser_sites)
    shot(page, f"search-{page.label}")

    page.goto(page.base + "/notices/")
    assert page.locator("ol.results > li").count() == 3
    page.locator("details.more-filters summary").click()
    page.select_option("#id_industry", "H")
    page.locator(".filter-actions button").click()
    page.wait_for_url("**industry=H**")
    assert page.locator("ol.results > li").count() == 1
    assert "住宿和餐饮业" in page.locator("ol.results").inner_text()
    shot(page, f"filter-{page.label}")

    page.locator("ol.results h3 a").first.click()
    page.wait_for_url("**/notices/*-*/")
    assert page.locator("h1").inner_text().startswith(word)
    body = page.locator("main").inner_text()
    assert "13812345678" not in body and "孕期" in body
    _never_b(page, browser_sites)
    shot(page, f"notice-{page.label}")

    page.goto(page.base + "/downloads/")
    with page.expect_download() as download_info:
        page.locator("a.download-link").first.click()
    download = download_info.value
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    assert target.suffix == ".docx" and target.read_bytes()[:2] == b"PK"
    shot(page, f"downloads-{page.label}")


def test_other_federations_notice_is_not_found_here(page, browser_sites):
    theirs = browser_sites["fed_pb"]["notices"][0]
    response = page.goto(f"{page.base}/notices/{theirs}/")
    assert response.status == 404
    response = page.goto(f"{page.other}/notices/{theirs}/")
    assert response.status == 200
    assert browser_sites["fed_pa"]["word"] not in page.content()


def test_keyboard_and_language_switch(page, browser_sites):
    page.goto(page.base + "/notices/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "en"
    assert "Skip to content" in page.content()
    page.get_by_role("link", name="简体中文").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "zh-Hans"
