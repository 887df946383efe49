"""The public pages of a federation: rendering, isolation, caching, languages, sitemap."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms_pages.models import CaseStudyIndexPage, CaseStudyPage, ContractNotice, HomePage
from compliance.services import contracts
from tenants import context
from tests.factories.notices import published_contract

PAGES = ("/", "/notices/", "/cases/", "/legal/", "/downloads/")


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _notice(fed, **kwargs):
    with context.federation_context(fed):
        contract = published_contract(**kwargs)
        return ContractNotice.objects.get(contract=contract)


@pytest.mark.parametrize("path", PAGES)
def test_every_section_renders_with_title_canonical_and_no_inline_script(client_a, fed_a, path):
    html = _html(client_a.get(path))
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.strip().endswith("· 甲市总工会")
    assert f'<link rel="canonical" href="http://a.test{path}">' in html
    assert "<script" not in html and " style=" not in html and "onclick" not in html
    assert 'lang="zh-Hans"' in html
    assert html.count("<h1") == 1
    for section in ("/notices/", "/cases/", "/legal/", "/downloads/"):
        assert f'href="{section}"' in html  # the menu


def test_home_shows_latest_notices_figures_and_cases(client_a, fed_a):
    notice = _notice(fed_a, title="甲市测试集体合同")
    with context.federation_context(fed_a):
        index = CaseStudyIndexPage.objects.get()
        case = CaseStudyPage(
            title="甲市工资协商案例",
            slug="wage-case",
            date=dt.date(2026, 3, 1),
            summary="一家企业通过工资集体协商提高了一线职工收入。",
            featured=True,
            body=[("paragraph", "<p>协商经过。</p>")],
        )
        index.add_child(instance=case)
        case.save_revision().publish()
    html = _html(client_a.get("/"))
    assert "甲市测试集体合同" in html and f"/notices/{notice.public_id}/" in html
    assert "甲市工资协商案例" in html
    assert 'class="figures"' in html


def test_notice_list_search_highlights_matches(client_a, fed_a):
    _notice(fed_a, clauses=(("safety", "企业每年组织职工职业健康检查。"),))
    html = _html(client_a.get("/notices/", {"q": "健康检查"}))
    assert "<mark>" in html and "健康" in html
    assert 'name="robots" content="noindex, follow"' in html


def test_bad_parameters_show_a_message_not_an_error(client_a, fed_a):
    _notice(fed_a)
    html = _html(client_a.get("/notices/", {"in_force_on": "tomorrow", "year": "abc"}))
    assert 'role="alert"' in html and 'aria-invalid="true"' in html


def test_empty_states(client_a, fed_a):
    assert 'class="empty"' in _html(client_a.get("/notices/"))
    _notice(fed_a)
    html = _html(client_a.get("/notices/", {"q": "完全不存在的词语组合"}))
    assert 'class="empty"' in html and 'href="/notices/"' in html


def test_notice_detail_shows_public_content_only(client_a, fed_a):
    notice = _notice(
        fed_a,
        clauses=(
            ("wages", "职工月最低工资不低于2100元。"),
            ("other", "核心工艺岗位津贴另行约定。"),
            ("other", "联系人手机13812345678。"),
        ),
        secret_orders=(2,),
    )
    html = _html(client_a.get(f"/notices/{notice.public_id}/"))
    assert notice.title in html and notice.filing_number in html
    assert "职工月最低工资不低于2100元" in html
    assert "核心工艺" not in html and "13812345678" not in html
    assert f'href="http://a.test/notices/{notice.public_id}/"' in html  # canonical


def test_withdrawn_notice_is_gone(client_a, fed_a):
    notice = _notice(fed_a)
    with context.federation_context(fed_a):
        contracts.contract_publish(
            contract_id=notice.contract_id, published_on=notice.published_on, publish_publicly=False
        )
    response = client_a.get(f"/notices/{notice.public_id}/")
    assert response.status_code == 410
    assert notice.title not in _html(client_a.get("/notices/"))
    assert client_a.get("/notices/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_federation_b_content_never_appears_on_a(client_a, client_b, fed_a, fed_b):
    mine = _notice(fed_a, title="甲方专属合同", clauses=(("wages", "甲市特有的条款文字"),))
    theirs = _notice(fed_b, title="乙方专属合同", clauses=(("wages", "乙区特有的条款文字"),))
    for path, params in [("/", {}), ("/notices/", {}), ("/notices/", {"q": "特有"})]:
        html_a = _html(client_a.get(path, params))
        html_b = _html(client_b.get(path, params))
        assert "乙方专属合同" not in html_a and "甲方专属合同" not in html_b
        assert "乙区总工会" not in html_a
    assert "甲方专属合同" in _html(client_a.get("/notices/"))
    assert client_a.get(f"/notices/{theirs.public_id}/").status_code == 404
    assert client_b.get(f"/notices/{mine.public_id}/").status_code == 404
    sitemap_a = _html(client_a.get("/sitemap.xml"))
    assert str(mine.public_id) in sitemap_a and str(theirs.public_id) not in sitemap_a


def test_list_queries_do_not_grow_with_notices(client_a, fed_a):
    def queries(params):
        with CaptureQueriesContext(connection) as ctx:
            _html(client_a.get("/notices/", params))
        return len(ctx.captured_queries)

    _notice(fed_a)
    client_a.get("/notices/", {"q": "职工"})  # warm the caches of chrome and facets
    few = queries({"q": "职工"}), queries({"industry": "C"}), queries({"page": "1"})
    for _ in range(5):
        _notice(fed_a)
    client_a.get("/notices/", {"q": "职工"})
    assert (queries({"q": "职工"}), queries({"industry": "C"}), queries({"page": "1"})) == few


def test_cached_pages_are_served_without_queries_until_a_publish(client_a, fed_a):
    first = _html(client_a.get("/"))
    with CaptureQueriesContext(connection) as ctx:
        again = _html(client_a.get("/"))
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
    assert "新的首页介绍文字" in _html(client_a.get("/"))


def test_cache_keeps_languages_apart(client_a, fed_a):
    chinese = _html(client_a.get("/"))
    assert "跳到正文" in chinese
    response = client_a.get("/language/en/", {"next": "/"})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    english = _html(client_a.get("/"))
    assert "Skip to content" in english and 'lang="en"' in english
    client_a.get("/language/zh-hans/", {"next": "/"})
    assert "跳到正文" in _html(client_a.get("/"))


def test_cached_pages_vary_on_cookie(client_a, fed_a):
    response = client_a.get("/cases/")
    assert "Cookie" in response["Vary"]


def test_language_switch_refuses_other_hosts_and_unknown_languages(client_a, fed_a):
    assert client_a.get("/language/en/", {"next": "https://evil.test/"})["Location"] == "/"
    assert client_a.get("/language/fr/").status_code == 404
