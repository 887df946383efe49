"""Headless Chromium reads the public site in English and in Chinese, at phone and desktop widths:
home, the notice list, a notice, a case study, the downloads, the open-data XLSX and the award
shortlist.

Regression (issue 14): in English the navigation, page titles and introductions, region names,
the federation's name, the footer, case topics and the award notice were Chinese.

What may stay Chinese on an English page, and why: the published contract's own words (its
title, parties, covered enterprises, clauses and search excerpts) and the names of enterprises
on an award shortlist. They are records with legal force that exist only in Chinese; the page
marks each with lang="zh-Hans" (so screen readers read it as Chinese), and only the elements
listed in ALLOWED_CHINESE may carry that mark. The language switch names 简体中文 in itself.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from urllib.parse import quote

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from tests.browser.conftest import BROWSER

pytestmark = [
    *BROWSER,
    pytest.mark.usefixtures("award_notice"),  # made before Chromium starts
]

SEARCH_WORD = "健康"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
# The only elements whose Chinese text an English page may show (see the module's docstring).
ALLOWED_CHINESE = ", ".join(
    (
        "nav.lang a",  # 简体中文, the language switch
        "#notice-title",
        "ol.results h3 a",
        "ol.results .compare-pick label span",  # the ticked notice's title, for screen readers
        "ol.results .excerpt",
        "dl.facts dd",
        "ol.clauses span",
        ".cards a.card-title[href*='/notices/']",  # latest notices on the home page
        "table.shortlist td",
    )
)
# Latin words a Chinese page may show outside [lang=en]: names of formats and standards.
LATIN_ALLOWED = re.compile(r"GB/T|CSV|XLSX|Excel|OpenAPI|API|Atom", re.IGNORECASE)

# In the page: CJK text outside the allowed elements, and elements marked Chinese that are not
# allowed to be. Runs on a copy of <body> so the page itself is left as it is.
_VISIBLE_CHINESE = """(allowed) => {
  const marked = [...document.body.querySelectorAll('[lang^="zh"]')];
  const misplaced = marked.filter((el) => !el.matches(allowed)).map((el) => el.outerHTML);
  const copy = document.body.cloneNode(true);
  copy.querySelectorAll('[lang^="zh"], script, style').forEach((el) => el.remove());
  return {text: copy.textContent, misplaced};
}"""
# The navigation, headings and controls of a Chinese page, without what is marked English.
_CHINESE_CHROME = """() => {
  const parts = [...document.querySelectorAll(
    'nav, h1, h2, h3, label, button, summary, th, caption, .figure-label, footer dt')];
  return parts.map((el) => {
    const copy = el.cloneNode(true);
    copy.querySelectorAll('[lang="en"]').forEach((e) => e.remove());
    return copy.textContent;
  }).join('\\n');
}"""


@pytest.fixture(scope="module")
def award_notice(browser_sites, django_db_blocker):
    """A shortlist of one enterprise under public notice in fed_pa from today, in Chinese and
    English. Made before Chromium starts: no database call while Playwright's loop runs."""
    from django.utils import timezone

    from compliance.models import CalendarDay
    from compliance.services.awards import Nominee, eligibility_check, notice_publish
    from tenants import context
    from tests.factories import awards, compliance

    today = timezone.localdate()
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        for year in {today.year, today.year + 1}:
            CalendarDay.objects.get_or_create(
                date=dt.date(year, 1, 1),
                defaults={"kind": "holiday", "name": "元旦", "covers_year": True},
            )
        good = compliance.enterprise(name="松江粮油机械有限公司")
        run = eligibility_check(
            award_id=awards.award("no_union").pk,
            nominees=[Nominee(good.credit_code, row=2)],
            as_of=today,
        )
        notice = notice_publish(
            run_id=run.pk,
            data={
                "title": "2027年度五一劳动奖状拟推荐对象公示",
                "body": "经逐项核查，拟推荐以下单位，现予公示。",
                "contact": "如有异议，请向本会评审委员会办公室书面反映。",
                "title_en": "Public notice of the nominees for the 2027 May Day Labour Award",
                "body_en": "After checking every criterion, we propose the enterprise below.",
                "contact_en": "Write to the award committee office with any objection.",
                "starts_on": today,
                "ends_on": today + dt.timedelta(days=14),
            },
            today=today,
        )
        return {"pk": notice.pk, "enterprise": good.name}


def _tab(chromium, server, width: str, language: str):
    context = chromium.new_context(
        viewport=dict(zip(("width", "height"), WIDTHS[width], strict=True)),
        accept_downloads=True,
    )
    base = f"http://pa.test:{server}"
    context.add_cookies([{"name": "portal_language", "value": language, "url": base}])
    tab = context.new_page()
    tab.base = base
    return tab


def _pages(browser_sites, award_notice) -> dict[str, str]:
    notice = browser_sites["fed_pa"]["notices"][0]
    return {
        "home": "/",
        "notices": "/notices/",
        "notice": f"/notices/{notice}/",
        "search": f"/notices/?q={quote(SEARCH_WORD)}",  # a result with a Chinese excerpt
        "case": "/cases/case/",
        "cases": "/cases/",
        "downloads": "/downloads/",
        "awards": "/notices/awards/",
        "award": f"/notices/awards/{award_notice['pk']}/",
    }


@pytest.fixture(params=list(WIDTHS))
def width(request):
    return request.param


def test_english_pages_show_no_chinese_outside_the_records(
    live_tenant_server, browser_sites, award_notice, chromium, shot, width
):
    tab = _tab(chromium, live_tenant_server, width, "en")
    for name, path in _pages(browser_sites, award_notice).items():
        response = tab.goto(tab.base + path)
        assert response.status == 200, path
        assert tab.evaluate("document.documentElement.lang") == "en"
        found = tab.evaluate(_VISIBLE_CHINESE, ALLOWED_CHINESE)
        assert not found["misplaced"], (path, found["misplaced"])
        assert not CJK.findall(found["text"]), (path, sorted(set(CJK.findall(found["text"]))))
        # A notice's page is titled by the contract's own (Chinese) title, a search by the
        # visitor's own words; the rest is English.
        record = tab.locator("#notice-title")
        title = tab.title().replace(record.inner_text(), "") if record.count() else tab.title()
        title = title.replace(SEARCH_WORD, "")
        assert not CJK.search(title), (path, tab.title())
        assert tab.title().endswith("· Browser City Federation of Trade Unions"), tab.title()
        shot(tab, f"en-{name}-{width}")
    tab.context.close()


def test_english_pages_name_regions_topics_and_footer_in_english(
    live_tenant_server, browser_sites, award_notice, chromium, width
):
    tab = _tab(chromium, live_tenant_server, width, "en")
    tab.goto(tab.base + "/")
    expect(tab.locator("h1")).to_have_text("Browser City Federation of Trade Unions")
    expect(tab.locator(".menu")).to_contain_text("Contract notices")
    expect(tab.locator(".menu")).to_contain_text("Case studies")
    expect(tab.locator("footer h2")).to_have_text("Browser City Federation of Trade Unions")
    expect(tab.get_by_text("Songjiang: a case of wage bargaining")).to_be_visible()
    tab.goto(tab.base + "/cases/")
    expect(tab.locator("#case-tag option", has_text="Wage bargaining")).to_have_count(1)
    expect(tab.locator("a.tag")).to_have_text(["Wage bargaining"])
    tab.goto(tab.base + "/notices/")
    expect(tab.locator("ol.results").first).to_contain_text("Xiangyang District")
    expect(tab.locator("#id_region option", has_text="Xiangyang District")).to_have_count(1)
    tab.goto(tab.base + f"/notices/awards/{award_notice['pk']}/")
    expect(tab.locator("h1")).to_have_text(
        "Public notice of the nominees for the 2027 May Day Labour Award"
    )
    expect(tab.locator("table.shortlist td[lang='zh-Hans']")).to_have_text(
        award_notice["enterprise"]
    )
    tab.context.close()


def test_open_data_xlsx_in_english_has_english_headings_and_labels(
    live_tenant_server, chromium, tmp_path
):
    tab = _tab(chromium, live_tenant_server, "desktop", "en")
    tab.goto(tab.base + "/notices/")
    with tab.expect_download() as download_info:
        tab.get_by_role("link", name="Excel (.xlsx)").click()
    target = tmp_path / "notices.xlsx"
    download_info.value.save_as(target)
    tab.context.close()
    sheet = load_workbook(io.BytesIO(target.read_bytes())).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    headings = rows[0]
    assert "Term starts" in headings and "Wage growth (%)" in headings
    assert not any(CJK.search(str(h)) for h in headings)
    status = rows[1][headings.index("Contract status")]
    assert status and not CJK.search(status)
    assert isinstance(rows[1][headings.index("Term starts")], dt.datetime)


def test_chinese_pages_show_no_english_navigation(
    live_tenant_server, browser_sites, award_notice, chromium, shot, width
):
    tab = _tab(chromium, live_tenant_server, width, "zh-hans")
    for name, path in _pages(browser_sites, award_notice).items():
        tab.goto(tab.base + path)
        assert tab.evaluate("document.documentElement.lang") == "zh-Hans"
        chrome = LATIN_ALLOWED.sub("", tab.evaluate(_CHINESE_CHROME))
        words = re.findall(r"[A-Za-z]{2,}", chrome)
        assert not words, (path, words)
        assert "Browser City" not in tab.locator("body").inner_text()
        shot(tab, f"zh-{name}-{width}")
    tab.context.close()
