"""The public pages of a federation together: rendering, isolation, caching, languages, sitemap.

What each page type shows is tested beside its model, in tests/cms_pages/models/."""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms_pages.models import HomePage
from tenants import context
from tests.cms_pages import pages

PAGES = ("/", "/notices/", "/cases/", "/legal/", "/downloads/")


@pytest.mark.parametrize("path", PAGES)
def test_every_section_renders_with_title_canonical_and_no_inline_script(client_a, fed_a, path):
    html = pages.html(client_a.get(path))
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.strip().endswith("· 甲市总工会")
    assert f'<link rel="canonical" href="http://a.test{path}">' in html
    assert "<script" not in html and " style=" not in html and "onclick" not in html
    assert 'lang="zh-Hans"' in html
    assert html.count("<h1") == 1
    for section in ("/notices/", "/cases/", "/legal/", "/downloads/"):
        assert f'href="{section}"' in html  # the menu


def test_federation_b_content_never_appears_on_a(client_a, client_b, fed_a, fed_b):
    mine = pages.notice(fed_a, title="甲方专属合同", clauses=(("wages", "甲市特有的条款文字"),))
    theirs = pages.notice(fed_b, title="乙方专属合同", clauses=(("wages", "乙区特有的条款文字"),))
    for path, params in [("/", {}), ("/notices/", {}), ("/notices/", {"q": "特有"})]:
        html_a = pages.html(client_a.get(path, params))
        html_b = pages.html(client_b.get(path, params))
        assert "乙方专属合同" not in html_a and "甲方专属合同" not in html_b
        assert "乙区总工会" not in html_a
    assert "甲方专属合同" in pages.html(client_a.get("/notices/"))
    assert client_a.get(f"/notices/{theirs.public_id}/").status_code == 404
    assert client_b.get(f"/notices/{mine.public_id}/").status_code == 404
    sitemap_a = pages.html(client_a.get("/sitemap.xml"))
    assert str(mine.public_id) in sitemap_a and str(theirs.public_id) not in sitemap_a


def test_cached_pages_are_served_without_queries_until_a_publish(client_a, fed_a):
    first = pages.html(client_a.get("/"))
    with CaptureQueriesContext(connection) as ctx:
        again = pages.html(client_a.get("/"))
    assert again == first
    # Only the host's federation is looked up (FederationMiddleware), nothing of the page.
    page_queries = [
        q["sql"]
        for q in ctx.captured_queries
        if "search_path" not in q["sql"] and "tenants_domain" not in q["sql"]
    ]
    assert page_queries == []
    with context.federation_context(fed_a):
        home = HomePage.objects.get()
        home.intro = "新的首页介绍文字"
        home.save_revision().publish()
    assert "新的首页介绍文字" in pages.html(client_a.get("/"))


def test_cache_keeps_languages_apart(client_a, fed_a):
    chinese = pages.html(client_a.get("/"))
    assert "跳到正文" in chinese
    response = client_a.get("/language/en/", {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    english = pages.html(client_a.get("/"))
    assert "Skip to content" in english and 'lang="en"' in english
    client_a.get("/language/zh-hans/", {"next": "/"})
    assert "跳到正文" in pages.html(client_a.get("/"))


def test_cached_pages_vary_on_cookie(client_a, fed_a):
    response = client_a.get("/cases/")
    assert "Cookie" in response["Vary"]


def test_language_switch_refuses_other_hosts_and_unknown_languages(client_a, fed_a):
    assert client_a.get("/language/en/", {"next": "https://evil.test/"})["Location"] == "/"
    assert client_a.get("/language/fr/").status_code == 404
