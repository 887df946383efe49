"""Realistic letters as unsaved model instances: rendering reads attributes, never the database."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from compliance.documents.defaults import DEFAULT_TEMPLATES
from compliance.models import Enterprise, Letter, LetterTemplate, RectificationItem, SupervisionCase
from tenants.models import Federation

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "letters"
REPLY_URL = "https://a.test/reply/k7Qm2xW9pL4vN8cR"
FACTS = (
    "2026年9月1日，公司工会委员会代表职工向你单位书面提出工资集体协商要约。"
    "你单位自收到要约书之日起超过20日未作书面回应，经我会两次上门督促，"
    "仍以生产任务繁忙为由拒绝协商。"
)
ITEMS = [
    "自收到本文书之日起20日内书面回应工会的协商要约，确定协商的时间和地点；",
    "依法与工会开展工资集体协商，就工资分配制度、工资标准和增长幅度等事项进行协商；",
    "协商形成的集体合同草案提交职工代表大会审议通过后，报送人力资源和社会保障部门审查。",
]
# A recommendation letter speaks to the labour inspectorate about the employer.
FACTS_TO_DEPARTMENT = (
    "2026年9月1日，该单位工会委员会代表职工书面提出工资集体协商要约，"
    "该单位超过20日未作书面回应，经我会两次上门督促，仍拒绝协商。"
)
ITEMS_TO_DEPARTMENT = [
    "依法对该单位拒绝工资集体协商的行为开展调查；",
    "责令该单位限期回应工会的协商要约，依法开展工资集体协商。",
]
PREFIXES = {
    "reminder": "工监函",
    "opinion": "工监意",
    "recommendation": "工监建",
    "rectification": "工监改",
}


@dataclass
class Sample:
    letter: Letter
    template: LetterTemplate
    federation: Federation
    items: list[RectificationItem]
    reply_url: str = REPLY_URL
    extra: dict = field(default_factory=dict)

    def kwargs(self) -> dict:
        return {
            "letter": self.letter,
            "template": self.template,
            "federation": self.federation,
            "items": self.items,
            "reply_url": self.reply_url,
        }


def build(kind: str = "opinion", **letter_fields) -> Sample:
    federation = Federation(name="甲市总工会", short_name="甲", level="county")
    enterprise = Enterprise(name="甲市恒达机械制造有限公司", credit_code="91230800MA1K7Q3X2N")
    case = SupervisionCase(
        title="恒达公司拒绝工资集体协商",
        enterprise=enterprise,
        source="refused_offer",
        opened_on=dt.date(2026, 10, 9),
    )
    recommendation = kind == "recommendation"
    fields = {
        "case": case,
        "kind": kind,
        "number": f"甲{PREFIXES[kind]}〔2026〕12号",
        "year": 2026,
        "sequence": 12,
        "issued_on": dt.date(2026, 11, 21),
        "addressee": "甲市劳动保障监察支队" if recommendation else enterprise.name,
        "facts": FACTS_TO_DEPARTMENT if recommendation else FACTS,
        "legal_basis": "《中华人民共和国劳动合同法》第五十一条、《集体合同规定》第三十二条",
        "due_on": dt.date(2026, 12, 14),
        "due_rule": "自收到之日起15个工作日内",
        "signer": "王建国",
        "signer_title": "主席",
        "copies_to": "甲市人力资源和社会保障局，甲市人民检察院",
        "trigger": "no_reply" if recommendation else "",
        "department": "甲市劳动保障监察支队" if recommendation else "",
    }
    fields.update(letter_fields)
    letter = Letter(**fields)
    items = [
        RectificationItem(case=case, letter=letter, order=order, text=text)
        for order, text in enumerate(ITEMS_TO_DEPARTMENT if recommendation else ITEMS, start=1)
    ]
    template = LetterTemplate(kind=kind, **DEFAULT_TEMPLATES[kind])
    return Sample(letter=letter, template=template, federation=federation, items=items)


@pytest.fixture
def sample() -> Sample:
    return build()


@pytest.fixture
def artifacts() -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS
