"""What a letter says about its deadline and legal basis (issue 14), for letters issued through the
service in federation A: a Heilongjiang city federation (region 230800) on the national preset.

Regression: a reminder printed "（截止日期…依据R45 淮北市实践; …）", a Heilongjiang federation's
opinion letter cited a Zhejiang regulation, and a basis typed with a full stop printed
"第四十四条。的有关规定"."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError

from compliance.documents.letters import letter_docx, letter_pdf
from compliance.models import RuleParameter
from compliance.rules.letters import CODES
from compliance.services import supervision as sv
from compliance.services.profile import profile_apply_preset
from tests.compliance.documents.test_letters import flowing, pdf_pages, rasterise
from tests.factories import compliance as factories

DAY = dt.date(2026, 3, 2)  # a Monday
TYPED = "《中华人民共和国劳动法》第四十四条。"  # as a clerk types it, with its full stop
SPLICED = "《中华人民共和国劳动法》第四十四条"
# The sentence each kind splices the letter's basis into.
SENTENCE = {
    "reminder": f"根据{SPLICED}的有关规定",
    "opinion": f"上述行为不符合{SPLICED}的规定",
    "recommendation": f"上述行为不符合{SPLICED}的规定",
    "rectification": f"上述问题不符合{SPLICED}的规定",
}
# The national preset prints each kind's period alone: its numbers are practice or defaults.
PERIOD = {
    "reminder": "（自发文之日起15日内）",
    "opinion": "（自发文之日起15个工作日内）",
    "recommendation": "（自发文之日起5个工作日内）",
    "rectification": "（自发文之日起15日内）",
}


def _case(source: str, enterprise: str | None = None):
    extra = {"name": enterprise} if enterprise else {}
    return sv.case_open(
        title="加班工资投诉" if source == "complaint" else "联合检查",
        source=source,
        opened_on=DAY,
        enterprise=factories.enterprise(**extra),
    )


def _letters() -> dict:
    """One letter of every kind, issued as a clerk does: the ladder on one case, the notice on
    another."""
    common = {
        "issued_on": DAY,
        "facts": "你单位2026年1月至2月安排职工休息日加班，未依法支付加班工资。",
        "legal_basis": TYPED,
        "actions": ["足额补发加班工资", "建立工时台账"],
    }
    case = _case("complaint", enterprise="甲市恒达机械制造有限公司")
    reminder, _t = sv.letter_issue(case_id=case.pk, kind="reminder", **common)
    opinion, _t = sv.letter_issue(
        case_id=case.pk, kind="opinion", signer="王建华", signer_title="主席", **common
    )
    sv.letter_record_delivery(
        letter_id=opinion.pk, method="in_person", delivered_on=DAY, refused=True
    )
    recommendation, _t = sv.letter_issue(
        case_id=case.pk,
        kind="recommendation",
        trigger="refused",
        department="甲市劳动保障监察支队",
        **common,
    )
    other = _case("inspection", enterprise="甲市顺丰物流有限公司")
    rectification, _t = sv.letter_issue(case_id=other.pk, kind="rectification", **common)
    return {
        "reminder": reminder,
        "opinion": opinion,
        "recommendation": recommendation,
        "rectification": rectification,
    }


def _printed(letter, federation) -> str:
    data = letter_pdf(
        letter=letter,
        template=sv.letter_template(letter.kind),
        federation=federation,
        items=list(letter.items.all()),
    )
    return flowing(pdf_pages(data))


def _never_internal(text: str) -> None:
    assert not re.search(r"R\d+", text), text
    assert "实践" not in text
    assert "。的" not in text
    assert "浙江" not in text and "淮北" not in text
    assert "默认值" not in text


def test_each_kind_prints_only_what_a_letter_may_say(in_a, artifacts):
    issued = _letters()
    assert list(issued) == list(CODES)
    for kind, letter in issued.items():
        assert letter.legal_basis == SPLICED
        text = _printed(letter, in_a)
        _never_internal(text)
        assert SENTENCE[kind] in text, kind
        assert f"2026年{letter.due_on.month}月{letter.due_on.day}日前{PERIOD[kind]}" in text, kind
    data = letter_pdf(
        letter=issued["reminder"],
        template=sv.letter_template("reminder"),
        federation=in_a,
        items=list(issued["reminder"].items.all()),
    )
    (artifacts / "reminder-national.pdf").write_bytes(data)
    rasterise(data, artifacts / "reminder-national-page1.png")
    document = letter_docx(
        letter=issued["opinion"],
        template=sv.letter_template("opinion"),
        federation=in_a,
        items=list(issued["opinion"].items.all()),
    )
    (artifacts / "opinion-national.docx").write_bytes(document)


def test_a_basis_the_federation_prints_follows_the_period(in_a):
    parameter = RuleParameter.objects.get(key="opinion_reply")
    parameter.basis = "《中华人民共和国工会法》第二十二条"
    parameter.save()
    text = _printed(_letters()["opinion"], in_a)
    _never_internal(text)
    assert "前（自发文之日起15个工作日内，依据《中华人民共和国工会法》第二十二条）" in text


def test_a_zhejiang_federation_prints_its_own_regulation(in_a):
    profile_apply_preset(preset="zhejiang")
    text = _printed(_letters()["opinion"], in_a)
    assert "（自发文之日起15个工作日内，依据《浙江省工会劳动法律监督条例》第二十二条）" in text
    assert not re.search(r"R\d+", text) and "。的" not in text


def test_a_date_the_issuer_sets_is_printed_alone(in_a):
    case = _case("inspection")
    letter, _t = sv.letter_issue(
        case_id=case.pk,
        kind="rectification",
        issued_on=DAY,
        due_on=DAY + dt.timedelta(days=20),
        facts="联合检查发现未按约定支付夜班津贴。",
        legal_basis=SPLICED,
        actions=["补发夜班津贴"],
    )
    assert letter.due_rule == ""
    text = _printed(letter, in_a)
    assert "请你单位于2026年3月22日前整改完毕" in text
    assert "（）" not in text


@pytest.mark.parametrize("typed", ["依据R45", "R20/R21 《集体合同规定》第四十五条"])
def test_a_rule_number_is_refused_as_a_letters_basis(in_a, typed):
    case = _case("complaint")
    with pytest.raises(ValidationError, match="内部规则编号"):
        sv.letter_issue(
            case_id=case.pk,
            kind="reminder",
            issued_on=DAY,
            facts="职工投诉。",
            legal_basis=typed,
            actions=[],
        )
