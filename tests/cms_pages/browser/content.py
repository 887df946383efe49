"""Content of the browser tests' federations, committed through the services."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from cms_pages.models import CaseStudyIndexPage, CaseStudyPage, ContractNotice, DownloadsPage
from tenants import context

UNIQUE = {"fed_pa": "松江", "fed_pb": "柳河"}


def seed(schema: str) -> dict:
    from tests.factories.notices import published_contract

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
                enterprise_data={"industry": industry, "name": f"{word}测试企业{n}有限公司"},
                title=f"{word}测试企业{n}集体合同",
                clauses=(("wages", clause), ("other", "联系人手机13812345678。")),
            )
            notices.append(ContractNotice.objects.get(contract=contract))
        index = CaseStudyIndexPage.objects.get()
        case = CaseStudyPage(
            title=f"{word}工资协商典型案例",
            slug="case",
            date=dt.date(2026, 3, 1),
            summary=f"{word}一家制造企业通过三轮协商确定了年度工资增幅。",
            industry="C",
            featured=True,
            body=[("paragraph", "<p>协商经过与结果。</p>")],
        )
        index.add_child(instance=case)
        case.save_revision().publish()
        document = get_document_model()(title=f"{word}集体合同范本")
        data = _docx(word)
        document.file.save("template.docx", ContentFile(data), save=False)
        document.file_size = len(data)
        document.save()
        downloads = DownloadsPage.objects.get()
        downloads.sections = [
            (
                "section",
                {
                    "heading": "合同范本",
                    "items": [{"document": document, "description": "综合性集体合同"}],
                },
            )
        ]
        downloads.save_revision().publish()
        return {"word": word, "notices": [str(n.public_id) for n in notices]}


def _docx(word: str) -> bytes:
    from docx import Document

    docx = Document()
    docx.add_paragraph(f"{word}集体合同（范本）")
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()
