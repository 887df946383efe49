"""The case studies' index (CaseStudyIndexPage.get_context): filters by tag, industry, region and
year, messages for bad values, and constant queries."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.cms_pages import pages


def _cases(fed, count: int, *, start: int = 0) -> None:
    for n in range(start, start + count):
        pages.case(
            fed,
            title=f"甲市案例{n}",
            slug=f"case-{n}",
            date=dt.date(2025 + n % 2, 3, 1),
            industry="C" if n % 2 else "H",
            region_code="230803",
            tags=("工资协商",) if n % 2 else ("女职工",),
        )


def test_cases_are_filtered_by_tag_industry_region_and_year(client_a, fed_a):
    _cases(fed_a, 2)
    html = pages.html(client_a.get("/cases/"))
    assert "甲市案例0" in html and "甲市案例1" in html
    assert 'value="工资协商"' in html and 'value="2026"' in html  # the options present
    for params in ({"tag": "工资协商"}, {"industry": "C"}, {"year": "2026"}):
        html = pages.html(client_a.get("/cases/", params))
        assert "甲市案例1" in html and "甲市案例0" not in html, params
        assert 'name="robots" content="noindex, follow"' in html
    html = pages.html(client_a.get("/cases/", {"region": "230804"}))
    assert 'class="empty"' in html and "甲市案例" not in html


def test_bad_industry_and_year_show_a_message_each_and_every_case(client_a, fed_a):
    _cases(fed_a, 2)
    html = pages.html(client_a.get("/cases/", {"industry": "Z", "year": "26"}))
    assert html.count('role="alert"') == 2
    assert "甲市案例0" in html and "甲市案例1" in html


def test_case_list_queries_do_not_grow_with_cases(client_a, fed_a):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            pages.html(client_a.get("/cases/", {"region": "230803"}))
        return len(ctx.captured_queries)

    _cases(fed_a, 1)
    client_a.get("/cases/", {"region": "230803"})  # warm the caches of chrome and options
    few = queries()
    _cases(fed_a, 4, start=1)
    client_a.get("/cases/", {"region": "230803"})
    assert queries() == few
