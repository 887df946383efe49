"""Issue 16 item 7, as the public reads it in Chromium: the platform page lists the federations
as a tree with their coverage and the whole platform's figures; a parent's home shows its region's
figures (its own plus those beneath it, with the day), a child's home does not. Chinese on a
desktop, English on a phone; every page audited (axe-core) by `shot`."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER, SCHEMAS, VIEWS

pytestmark = BROWSER

TEXT = {
    "zh-hans": {
        "platform": "整个平台",
        "region": "本区域（含下级工会）数据",
        "published": "当日已报送2家，共2家",
    },
    "en": {
        "platform": "The whole platform",
        "region": "Figures of the whole region",
        "published": "2 of 2 published for the day",
    },
}


@pytest.fixture(scope="module")
def published(browser_sites, django_db_blocker):
    """Both federations' figures published for today, as the publisher would have."""
    from django.core.cache import cache
    from django.utils import timezone

    from compliance.services.network import network_publish
    from tenants import context
    from tenants.models import NetworkFigure

    with django_db_blocker.unblock():
        for schema in SCHEMAS:
            with context.federation_context(schema):
                network_publish(days=[timezone.localdate()])
        cache.clear()  # the home page keeps its figures for half an hour
    yield
    with django_db_blocker.unblock(), context.public():
        NetworkFigure.objects.filter(federation__schema_name__in=SCHEMAS).delete()


@pytest.mark.parametrize("language", list(VIEWS))
def test_the_public_reads_the_tree_and_a_region(
    chromium, live_tenant_server, published, shot, language
):
    context = chromium.new_context(viewport={"width": VIEWS[language], "height": 900})
    for host in ("localhost", "pa.test", "pb.test"):
        context.add_cookies(
            [
                {
                    "name": "portal_language",
                    "value": language,
                    "url": f"http://{host}:{live_tenant_server}",
                }
            ]
        )
    tab = context.new_page()
    text = TEXT[language]

    tab.goto(f"http://localhost:{live_tenant_server}/")
    main = tab.locator("main")
    expect(main.get_by_role("heading", name=text["platform"])).to_be_visible()
    child = main.locator("tr", has_text="浏览器乙区总工会")
    expect(child).to_contain_text("└")  # drawn beneath its parent
    parent_row = main.locator("tr", has_text="浏览器甲市总工会").first
    expect(parent_row).to_contain_text("%")
    shot(tab, f"network-platform-{language}")

    tab.goto(f"http://pa.test:{live_tenant_server}/")
    region = tab.locator("section[aria-labelledby=region-figures-title]")
    expect(region.get_by_role("heading", name=text["region"])).to_be_visible()
    expect(region).to_contain_text(text["published"])
    shot(tab, f"network-region-home-{language}")

    tab.goto(f"http://pb.test:{live_tenant_server}/")
    expect(tab.locator("section[aria-labelledby=region-figures-title]")).to_have_count(0)
    context.close()
