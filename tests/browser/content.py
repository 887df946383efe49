"""Content of the browser tests' federations, committed through the demo's builders; each
federation's texts carry its own word, so a page showing the other's is caught."""

from __future__ import annotations

import datetime as dt

from cms_pages.models import ContractNotice
from portal.demo.builders import (
    case_study,
    downloads_publish,
    enterprise,
    published_contract,
    template_document,
)
from tenants import context

UNIQUE = {"fed_pa": "松江", "fed_pb": "柳河"}
UNIQUE_EN = {"fed_pa": "Songjiang", "fed_pb": "Liuhe"}


def seed(schema: str) -> dict:
    word = UNIQUE[schema]
    with context.federation_context(schema):
        notices = []
        for n, (industry, clause) in enumerate(
            [
                ("C", f"{word}企业职工月最低工资不低于2100元，每年组织职业健康检查。"),
                ("H", f"{word}酒店女职工在孕期、哺乳期享受特殊保护。"),
                ("C", f"{word}机械公司实行标准工时制度，每周工作时间不超过40小时。"),
            ]
        ):
            contract = published_contract(
                enterprise=enterprise(name=f"{word}测试企业{n}有限公司", industry=industry),
                title=f"{word}测试企业{n}集体合同",
                starts_on=dt.date(2025, 1, 1),
                ends_on=dt.date(2027, 12, 31),
                as_of=dt.date(2026, 6, 1),
                clauses=(("wages", clause), ("other", "联系人手机13812345678。")),
                # Coded key terms (issue 19) that differ between the notices, for the compare page.
                key_terms={
                    "overtime_workday_pct": 150,
                    "night_shift_allowance": f"{30 + 10 * n}",
                    "enterprise_annuity": n == 1,
                    "safety_commitment": "plan",
                },
            )
            notices.append(ContractNotice.objects.get(contract=contract))
        case_study(
            title=f"{word}工资协商典型案例",
            slug="case",
            date=dt.date(2026, 3, 1),
            summary=f"{word}一家制造企业通过三轮协商确定了年度工资增幅。",
            industry="C",
            featured=True,
            paragraphs=["协商经过与结果。"],
            figures=[("8.5%", "工资增幅")],
            tags=[("工资集体协商", "Wage bargaining")],
            title_en=f"{UNIQUE_EN[schema]}: a case of wage bargaining",
            summary_en="A manufacturer settled its annual wage rise in three rounds of talks.",
            paragraphs_en=["How the talks went, and what they achieved."],
            figures_en=[("8.5%", "Wage rise")],
        )
        document = template_document(
            title=f"{word}集体合同范本",
            filename="template.docx",
            lines=[f"{word}集体合同（范本）"],
        )
        downloads_publish(
            heading="合同范本",
            heading_en="Contract templates",
            items=[
                (
                    document,
                    "综合性集体合同",
                    f"{UNIQUE_EN[schema]} collective contract (model)",
                    "A comprehensive collective contract",
                )
            ],
        )
        return {"word": word, "notices": [str(n.public_id) for n in notices]}
