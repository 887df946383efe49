"""The public wage highlights (issue 19 item 4): the stored quarter on the federation's site
with its roll-up, empty states, the XLSX read back, flat query counts; and the wage-guideline
report page whose live figures are read from the stored highlights at view time."""

import datetime as dt
import io

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.rich_text import RichText

from cms_pages.models import HomePage, WageGuidelinePage
from compliance.services.wages import wage_highlights_generate
from tenants import context
from tenants.models import Federation, WageFigure
from tests.factories.wages import wage_contract

TODAY = dt.date(2026, 11, 20)
Q1 = dt.date(2026, 2, 10)


def _seed(fed):
    with context.federation_context(fed):
        wage_contract(signed_on=Q1, growth="6", employees=200, industry="C")
        wage_contract(signed_on=Q1, growth="9", employees=100, industry="C")
        wage_contract(signed_on=Q1, growth="11.5", employees=50, industry="F", ownership="state")
        wage_highlights_generate(year=2026, quarter=1, today=TODAY)


def test_the_page_shows_the_quarter_with_its_spread_by_segment(client_a, fed_a):
    _seed(fed_a)
    response = client_a.get("/wages/")
    assert response.status_code == 302 and response["Location"] == "/wages/2026/q1/"
    page = client_a.get("/wages/2026/q1/").content.decode()
    assert "工资集体协商情况" in page
    assert "制造业" in page and "批发和零售业" in page
    assert "9.00%" in page  # the median of 6, 9 and 11.5
    assert "<title id=" in page and "<desc id=" in page and 'role="img"' in page
    assert "/wages/2026/q1/wages.xlsx" in page


def test_a_parent_page_includes_its_child(client_a, fed_a, fed_b):
    _seed(fed_b)
    with context.federation_context(fed_a):
        wage_highlights_generate(year=2026, quarter=1, today=TODAY)  # nothing of its own
    page = client_a.get("/wages/2026/q1/").content.decode()
    assert "9.00%" in page
    assert "2 个总工会中有 2 个" in page
    # The child's site shows its own figures, never its parent's.
    with context.federation_context(fed_a):
        wage_contract(signed_on=Q1, growth="30", industry="C")
        wage_highlights_generate(year=2026, quarter=1, today=TODAY)
    child = Client(HTTP_HOST="b.test")
    assert "30.00%" not in child.get("/wages/2026/q1/").content.decode()
    assert "30.00%" in client_a.get("/wages/2026/q1/").content.decode()


def test_empty_states(client_a, fed_a):
    page = client_a.get("/wages/").content.decode()
    assert "尚未生成工资集体协商情况" in page
    assert client_a.get("/wages/1999/q1/").status_code == 404
    with context.federation_context(fed_a):
        wage_highlights_generate(year=2026, quarter=3, today=TODAY)
    page = client_a.get("/wages/2026/q3/").content.decode()
    assert "本期没有签订工资专项集体合同" in page
    # A quarter that may still be generated is a page that says so, not a 404.
    page = client_a.get(f"/wages/{timezone.localdate().year}/q1/").content.decode()
    assert "的数据尚未生成" in page


def test_the_workbook_holds_the_tables(client_a, fed_a, english):
    _seed(fed_a)
    client_a.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client_a.get("/wages/2026/q1/wages.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('wages-2026-q1.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Quarter", "Year to date"]
    rows = list(book["Quarter"].iter_rows(values_only=True))
    assert "City A Federation of Trade Unions" in rows[0][0]
    assert rows[1][:3] == ("Dimension", "Segment", "Wage contracts")
    total = rows[2]
    assert total[2:5] == (3, 350, 3)
    assert total[5:10] == (6.0, 7.5, 9.0, 10.25, 11.5)
    by_segment = {row[1]: row for row in rows[3:]}
    assert by_segment["Manufacturing"][2] == 2 and by_segment["Manufacturing"][7] == 7.5


def test_the_page_costs_the_same_queries_with_many_federations_and_segments(client_a, fed_a):
    _seed(fed_a)
    client_a.get("/wages/2026/q1/")
    with CaptureQueriesContext(connection) as few:
        assert client_a.get("/wages/2026/q1/").status_code == 200
    with context.public():
        now = timezone.now()
        for index in range(6):
            child = Federation.objects.bulk_create(
                [
                    Federation(
                        schema_name=f"x_w{index}",
                        name=f"工资测试区{index}",
                        short_name="工",
                        level="zone",
                        region_code="230803",
                        parent=fed_a,
                    )
                ]
            )[0]
            for period in ("quarter", "year"):
                for dimension, segment in (("all", ""), ("industry", "GHIJKL"[index])):
                    WageFigure.objects.create(
                        federation=child,
                        year=2026,
                        quarter=1,
                        period=period,
                        dimension=dimension,
                        segment=segment,
                        contracts=2,
                        employees_covered=20,
                        increases={"700": 2},
                        generated_at=now,
                    )
    with CaptureQueriesContext(connection) as many:
        page = client_a.get("/wages/2026/q1/").content.decode()
    assert "8 个总工会中有 7 个" in page  # fed_b has none for the quarter
    assert len(many) == len(few)


def _report(fed, *, year=2026, quarter=1):
    with context.federation_context(fed):
        home = HomePage.objects.get()
        page = WageGuidelinePage(
            title="2026年度工资指导线分析报告",
            slug="wage-guideline-2026",
            year=2026,
            summary="本年度工资指导线与集体协商情况。",
            body=[
                ("paragraph", RichText("<p>今年以来，工资专项集体合同稳步推进。</p>")),
                (
                    "live_figure",
                    {
                        "label": "一季度约定工资增幅中位数",
                        "label_en": "Median agreed increase",
                        "figure": "median",
                        "segment": "industry:C",
                        "region": "",
                        "year": year,
                        "quarter": str(quarter),
                        "period": "quarter",
                    },
                ),
            ],
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        return page.url


def test_a_live_figure_is_read_from_the_stored_highlights_at_view_time(client_a, fed_a):
    url = _report(fed_a)
    page = client_a.get(url).content.decode()
    assert "一季度约定工资增幅中位数" in page
    assert "2026年第1季度的数据尚未生成" in page
    _seed(fed_a)
    page = client_a.get(url).content.decode()
    assert "7.50%" in page  # manufacturing's median of 6 and 9
    assert "截至" in page and "制造业" in page
