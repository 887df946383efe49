"""The wage highlights' demo (issue 19 item 4): every quarter of this year and the last generated
from the wage contracts the rest of the demo registered, as the quarterly task would have done,
and in the full-demo federations a published wage-guideline analysis report (工资指导线分析报告)
with live figures of the last quarter that ended."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from wagtail.rich_text import RichText

from cms_pages.models import HomePage, WageGuidelinePage
from compliance.rules.wages import previous_quarter, quarters_offered
from compliance.services.wages import wage_highlights_generate
from tenants.models import WageGeneration


def _figure(label: str, label_en: str, figure: str, year: int, quarter: int, period="year"):
    return (
        "live_figure",
        {
            "label": label,
            "label_en": label_en,
            "figure": figure,
            "segment": "all",
            "region": "",
            "year": year,
            "quarter": str(quarter),
            "period": period,
        },
    )


def _report(today: dt.date) -> None:
    year, quarter = previous_quarter(today)
    body = [
        ("heading", "一、本年度工资指导线"),
        (
            "paragraph",
            RichText(
                "<p>市人力资源和社会保障部门发布的本年度企业工资指导线，基准线为7%，"
                "上线为11%，下线为3%。经营状况良好的企业应参照基准线以上幅度与职工协商确定"
                "工资增长；生产经营困难的企业可参照下线协商。</p>"
            ),
        ),
        ("heading", "二、工资集体协商进展"),
        _figure(
            "年初以来签订工资专项集体合同",
            "Wage contracts signed this year",
            "contracts",
            year,
            quarter,
        ),
        _figure("覆盖职工人数", "Employees covered", "employees_covered", year, quarter),
        _figure("约定工资增幅中位数", "Median agreed increase", "median", year, quarter),
        _figure(
            "增幅下四分位数", "Lower quartile of the increases", "lower_quartile", year, quarter
        ),
        _figure(
            "增幅上四分位数", "Upper quartile of the increases", "upper_quartile", year, quarter
        ),
        (
            "paragraph",
            RichText(
                "<p>全国总工会提出在岗职工年工资收入增长率达到8%至12%的目标。"
                "请各级工会对照上述数据，重点指导约定增幅低于基准线的企业开展二次协商，"
                "并把劳动定额、工时工价一并纳入行业性协商。</p>"
            ),
        ),
    ]
    body_en = [
        ("heading", "1. This year's wage guideline"),
        (
            "paragraph",
            RichText(
                "<p>The city's human resources and social security bureau set this year's"
                " enterprise wage guideline at 7% (baseline), 11% (upper line) and 3% (lower"
                " line). Profitable enterprises should agree increases above the baseline with"
                " their workers; enterprises in difficulty may bargain towards the lower line.</p>"
            ),
        ),
        ("heading", "2. Progress of wage bargaining"),
        *(block for block in body if block[0] == "live_figure"),
        (
            "paragraph",
            RichText(
                "<p>The national federation's target is yearly wage growth of 8% to 12% for"
                " workers in post. Unions should compare the figures above with it, help"
                " enterprises whose agreed increase is below the baseline to bargain again,"
                " and bring work quotas and piece rates into industry-wide bargaining.</p>"
            ),
        ),
    ]
    page = WageGuidelinePage(
        title=f"{today.year}年度工资指导线分析报告",
        title_en=f"Wage-guideline analysis report {today.year}",
        slug=f"wage-guideline-{today.year}",
        year=today.year,
        summary="本年度工资指导线、工资专项集体合同签订情况和约定增幅分析，供开展工资集体协商参考。",
        summary_en=(
            "This year's wage guideline, the wage contracts signed and the increases they"
            " agreed, for unions preparing wage bargaining."
        ),
        body=body,
        body_en=body_en,
    )
    HomePage.objects.get().add_child(instance=page)
    page.save_revision().publish()


def seed_wages(*, today: dt.date, with_report: bool) -> bool:
    """Generate the quarters (once) and, when asked, the report; True when anything was added."""
    if WageGeneration.objects.filter(federation_id=connection.tenant.pk).exists():
        return False
    for year, quarter in sorted(quarters_offered(today=today)):
        wage_highlights_generate(
            year=year,
            quarter=quarter,
            trigger=WageGeneration.Trigger.SCHEDULED,
            today=today,
        )
    if with_report and not WageGuidelinePage.objects.exists():
        _report(today)
    return True
