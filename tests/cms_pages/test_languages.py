"""The public site in the visitor's language: page titles and introductions, the menu, the
federation's name, the footer, regions and case topics are English for an English reader, with
the Chinese text where no English was written.

Regression (issue 14): the English site showed Chinese navigation, titles, regions, names and
footer, and the cached chrome of one language was served to the other."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.models import Site

from cms_pages.models import FederationContact
from cms_pages.regions import region_name
from cms_pages.services.topics import case_topic_name_set
from tenants import context
from tests.cms_pages import pages

CJK = re.compile(r"[\u4e00-\u9fff]")


def _english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _nav(html: str) -> str:
    return " ".join(re.findall(r"<nav class=\"menu\".*?</nav>", html, re.S))


def test_region_names_follow_the_language():
    with translation.override("en"):
        assert region_name("230803") == "Xiangyang District"
        assert region_name("999999") == "999999"
    with translation.override("zh-hans"):
        assert region_name("230803") == "向阳区"


@pytest.mark.parametrize("path", ("/", "/notices/", "/cases/", "/legal/", "/downloads/"))
def test_english_sections_have_english_titles_menu_and_federation_name(client_a, fed_a, path):
    chinese = pages.html(client_a.get(path))  # fills the chrome's cache in Chinese first
    assert "集体合同公示" in _nav(chinese)
    html = pages.html(_english(client_a).get(path))
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    assert title.endswith("· City A Federation of Trade Unions") and not CJK.search(title)
    nav = _nav(html)
    assert "Contract notices" in nav and "Case studies" in nav and "Award notices" in nav
    assert not CJK.search(nav)
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert not CJK.search(h1), h1
    assert '<footer class="site-footer">' in html
    footer = html[html.index('<footer class="site-footer">') :]
    assert "City A Federation of Trade Unions" in footer and not CJK.search(footer)


def test_footer_contacts_in_english_fall_back_to_chinese(client_a, fed_a):
    with context.federation_context(fed_a):
        site = Site.objects.get(is_default_site=True)
        FederationContact.objects.update_or_create(
            site=site,
            defaults={
                "address": "甲市中山街1号",
                "address_en": "1 Zhongshan Street, City A",
                "office_hours": "工作日 8:30–17:00",
                "office_hours_en": "",
            },
        )
    html = pages.html(_english(client_a).get("/legal/"))
    assert "1 Zhongshan Street, City A" in html and "甲市中山街1号" not in html
    assert "工作日 8:30–17:00" in html  # no English given: the Chinese text


def test_case_study_in_english_with_topics_and_fallback(client_a, fed_a):
    with context.federation_context(fed_a):
        case_topic_name_set(name="工资集体协商", name_en="Wage bargaining")
    pages.case(
        fed_a,
        title="造纸企业工资协商",
        slug="paper",
        date=dt.date(2026, 3, 1),
        tags=("工资集体协商", "制造业"),
        title_en="Wage bargaining at a paper mill",
        summary_en="Three rounds of talks.",
        body_en=[("paragraph", "<p>How the talks went.</p>")],
        region_code="230804",
    )
    pages.case(fed_a, title="只有中文的案例", slug="chinese-only", date=dt.date(2026, 2, 1))
    index = pages.html(_english(client_a).get("/cases/"))
    assert "Wage bargaining at a paper mill" in index and "Three rounds of talks." in index
    assert "只有中文的案例" in index  # no English version: the Chinese title, not nothing
    assert '<option value="工资集体协商">Wage bargaining</option>' in index
    assert '<option value="制造业">制造业</option>' in index  # topic without an English name
    assert "Qianjin District" in index
    case = pages.html(client_a.get("/cases/paper/"))
    assert "<h1>Wage bargaining at a paper mill</h1>" in case
    assert "How the talks went." in case and "协商经过" not in case
    assert ">Wage bargaining</a>" in case
    client_a.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    chinese = pages.html(client_a.get("/cases/paper/"))
    assert "<h1>造纸企业工资协商</h1>" in chinese and "Wage bargaining" not in chinese


def test_a_notices_chinese_record_is_marked_chinese_on_the_english_page(client_a, fed_a):
    notice = pages.notice(fed_a, title="甲市英文测试集体合同")
    html = pages.html(_english(client_a).get(f"/notices/{notice.public_id}/"))
    assert '<h1 id="notice-title" lang="zh-Hans">甲市英文测试集体合同</h1>' in html
    chinese = pages.html(client_a.get(f"/notices/{notice.public_id}/", HTTP_COOKIE=""))
    assert 'id="notice-title" lang=' not in chinese
