"""Issue 19 item 5 in Chromium: a parent federation's site searches its whole region (全辖区)
and the platform page searches every federation; each result names its federation and links to
the notice on that federation's own site. Chinese on a desktop, English on a phone; every page
audited (axe-core) by `shot`."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER, VIEWS

pytestmark = BROWSER

TEXT = {
    "zh-hans": {
        "switch": "全辖区",
        "publisher": "发布单位",
        "two": "共找到 2 份合同",
        "three": "共找到 3 份合同",
        "empty": "辖区内没有符合这些条件的已公示合同。",
        "district": "浏览器乙区总工会",
    },
    "en": {
        "switch": "Whole region",
        "publisher": "Published by",
        "two": "Contracts found: 2",
        "three": "Contracts found: 3",
        "empty": "No published contract of the region matches these filters.",
        "district": "Browser District Federation of Trade Unions",
    },
}


def _tab(chromium, port, language):
    context = chromium.new_context(viewport={"width": VIEWS[language], "height": 900})
    context.add_cookies(
        [
            {"name": "portal_language", "value": language, "url": f"http://{host}:{port}"}
            for host in ("localhost", "pa.test", "pb.test")
        ]
    )
    return context, context.new_page()


@pytest.mark.parametrize("language", list(VIEWS))
def test_a_parent_searches_its_whole_region(
    chromium, live_tenant_server, browser_sites, shot, language
):
    port = live_tenant_server
    child_word = browser_sites["fed_pb"]["word"]
    text = TEXT[language]
    context, tab = _tab(chromium, port, language)
    tab.goto(f"http://pa.test:{port}/notices/")
    tab.get_by_role("link", name=text["switch"]).click()
    tab.wait_for_url("**/notices/region/")
    shot(tab, f"region-list-{language}")

    # Both federations' notices with 职业健康检查: the parent's own and its district's.
    tab.locator("#id_q").fill("职业健康检查")
    tab.locator("#id_q").press("Enter")
    tab.wait_for_url("**/notices/region/?q=*")
    main = tab.locator("main")
    expect(main.locator("h2.result-count")).to_have_text(text["two"])
    child = main.locator("ol.results > li", has_text=child_word)
    expect(child).to_contain_text(f"{text['publisher']}: ")
    expect(child).to_contain_text(text["district"])
    expect(main.locator("ol.results mark").first).to_be_visible()
    shot(tab, f"region-search-{language}")

    # Narrowed to the district, through the filters' form.
    main.locator("details.more-filters summary").click()
    tab.select_option("#id_federation", label=text["district"])
    main.locator(".filter-actions button").click()
    tab.wait_for_url("**federation=*")
    expect(main.locator("ol.results > li")).to_have_count(1)
    shot(tab, f"region-one-federation-{language}")

    # The result opens the notice on the district's own site.
    main.locator("ol.results h3 a").first.click()
    tab.wait_for_url(f"http://pb.test:{port}/notices/*-*/")
    expect(tab.locator("h1")).to_contain_text(child_word)
    assert "13812345678" not in tab.locator("main").inner_text()

    # A district has nobody beneath it: no switch on its list.
    tab.goto(f"http://pb.test:{port}/notices/")
    expect(tab.get_by_role("link", name=text["switch"])).to_have_count(0)
    context.close()


@pytest.mark.parametrize("language", list(VIEWS))
def test_the_platform_searches_every_federation(
    chromium, live_tenant_server, browser_sites, shot, language
):
    port = live_tenant_server
    child_word = browser_sites["fed_pb"]["word"]
    text = TEXT[language]
    context, tab = _tab(chromium, port, language)
    tab.goto(f"http://localhost:{port}/")
    tab.locator("#platform-q").fill(child_word)
    tab.locator("#platform-q").press("Enter")
    tab.wait_for_url("**/notices/?q=*")
    main = tab.locator("main")
    expect(main.locator("h2.result-count")).to_have_text(text["three"])
    links = main.locator("ol.results h3 a")
    expect(links).to_have_count(3)
    for index in range(3):
        assert links.nth(index).get_attribute("href").startswith(f"http://pb.test:{port}/notices/")
    shot(tab, f"platform-search-{language}")

    tab.locator("#id_q").fill("这个词不在任何合同里")
    tab.locator("#id_q").press("Enter")
    tab.wait_for_url("**/notices/?q=*")
    expect(main.locator(".empty")).to_contain_text(text["empty"])
    shot(tab, f"platform-search-empty-{language}")
    context.close()
