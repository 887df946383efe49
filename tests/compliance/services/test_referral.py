"""Referral of a supervision case to the federation above (issue 16, item 6): district B refers
its case to city A, A receives a copy of the file and acts, B reads the outcome from the shared
referral row."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import translation

from compliance.models import (
    Enterprise,
    ItemEvidence,
    Letter,
    RectificationItem,
    ReminderNotice,
    SupervisionCase,
)
from compliance.services import supervision as sv
from compliance.services.audit_trail import audit_trail_verify
from tenants import context
from tenants.models import Referral
from tests.factories import compliance as f

DAY = dt.date(2026, 3, 2)
PDF = b"%PDF-1.4\n% rectification evidence\n"


@pytest.fixture(autouse=True)
def _private_files():
    """The test's copies of evidence files are removed with its rows."""
    yield
    for schema in ("fed_a", "fed_b"):
        shutil.rmtree(Path(settings.PRIVATE_MEDIA_ROOT) / schema / "evidence", ignore_errors=True)


@pytest.fixture
def clerk(fed_b):
    with context.federation_context(fed_b):
        return get_user_model().objects.create_user(
            username="sup@b.test", email="sup@b.test", last_name="李", first_name="明"
        )


def _child_case(*, enterprise=None) -> SupervisionCase:
    """In B: a case with an opinion letter (replied late), its two actions, evidence on one."""
    case = sv.case_open(
        title="拖欠工资未整改",
        source="complaint",
        opened_on=DAY,
        enterprise=enterprise or f.enterprise(name="乙区拖欠工资机械有限公司"),
        summary="职工投诉拖欠三个月工资。",
    )
    letter, _token = sv.letter_issue(
        case_id=case.pk,
        kind="opinion",
        issued_on=DAY,
        facts="经查，该企业拖欠工资。",
        legal_basis="《劳动法》第五十条",
        actions=["补发拖欠工资", "提交工资支付台账"],
        signer="王强",
        signer_title="主席",
    )
    sv.letter_record_reply(
        letter_id=letter.pk, replied_on=DAY + dt.timedelta(days=40), text="正在筹措资金。"
    )
    evidence = ItemEvidence(item=letter.items.first(), original_name="工资台账.pdf")
    evidence.file.save("ledger.pdf", ContentFile(PDF), save=False)
    evidence.save()
    return case


def _refer(fed_b, clerk, **kwargs):
    with context.federation_context(fed_b):
        case = kwargs.pop("case", None) or _child_case()
        referral = sv.case_refer(
            case=case,
            reason=kwargs.pop("reason", "开发区总工会无权发出建议书，报请市总工会。"),
            user=clerk,
        )
        return case, referral


def test_the_parent_receives_a_copy_of_the_case_file(fed_a, fed_b, clerk):
    case, referral = _refer(fed_b, clerk)

    referral.refresh_from_db()
    assert (referral.child, referral.parent) == (fed_b, fed_a)
    assert referral.child_case_id == case.pk and referral.child_case_title == "拖欠工资未整改"
    assert referral.status == Referral.Status.RECEIVED
    assert referral.referred_by == "李明"
    with context.federation_context(fed_a):
        copy = SupervisionCase.objects.get(pk=referral.parent_case_id)
        assert copy.source == "referred" and copy.referred_from_id == referral.pk
        assert copy.title == "拖欠工资未整改" and copy.summary == "职工投诉拖欠三个月工资。"
        # Not in A's ledger: named as B's ledger names it, not added to A's ledger.
        assert copy.enterprise is None
        assert copy.referred_enterprise.startswith("乙区拖欠工资机械有限公司（")
        assert not Enterprise.objects.filter(name="乙区拖欠工资机械有限公司").exists()
        letter = copy.letters.get()
        assert letter.referred_copy and letter.number == "乙工监意〔2026〕1号"
        assert letter.reply_text == "正在筹措资金。" and letter.reply_token_hash == ""
        assert [i.text for i in letter.items.order_by("order")] == [
            "补发拖欠工资",
            "提交工资支付台账",
        ]
        evidence = ItemEvidence.objects.get(item__case=copy)
        assert evidence.original_name == "工资台账.pdf"
        assert "/fed_a/" in evidence.file.path
        with evidence.file.open("rb") as handle:
            assert handle.read() == PDF
        (reason,) = copy.history.values_list("history_change_reason", flat=True)
        assert "乙区总工会" in reason and "李明" in reason
    with context.federation_context(fed_b):
        case.refresh_from_db()
        assert case.referred_to_id == referral.pk
        assert case.letters.get().referred_copy is False  # B's own letter is unchanged


def test_the_enterprise_in_the_parents_ledger_is_used(fed_a, fed_b, clerk):
    with context.federation_context(fed_b):
        mine = f.enterprise(name="乙区登记名称")
    with context.federation_context(fed_a):
        theirs = f.enterprise(name="甲市登记名称", credit_code=mine.credit_code)
    with context.federation_context(fed_b):
        case = _child_case(enterprise=mine)
        referral = sv.case_refer(case=case, reason="请求上级督办。", user=clerk)
    with context.federation_context(fed_a):
        copy = SupervisionCase.objects.get(pk=referral.parent_case_id)
        assert copy.enterprise_id == theirs.pk and copy.referred_enterprise == ""


def test_a_case_already_referred_is_refused_with_no_change(fed_a, fed_b, clerk):
    case, _referral = _refer(fed_b, clerk)
    with context.public():
        before = Referral.objects.count()
    with context.federation_context(fed_a):
        cases_a = SupervisionCase.objects.count()
    with context.federation_context(fed_b), translation.override("zh-hans"):
        history = case.history.count()
        with pytest.raises(ValidationError) as refused:
            sv.case_refer(case=case, reason="再次报送。", user=clerk)
        assert refused.value.messages == ["该案件已报请上级工会。"]
        assert case.history.count() == history
    with context.public():
        assert Referral.objects.count() == before
    with context.federation_context(fed_a):
        assert SupervisionCase.objects.count() == cases_a


def test_a_federation_without_a_parent_cannot_refer(fed_a, english):
    with context.federation_context(fed_a):
        case = _child_case()
        with pytest.raises(ValidationError, match="no federation above"):
            sv.case_refer(case=case, reason="报请上级。")
        case.refresh_from_db()
        assert case.referred_to_id is None
    with context.public():
        assert not Referral.objects.exists()


@pytest.mark.parametrize("reason", ["", "   ", "理" * 501])
def test_the_reason_is_required_and_bounded(fed_b, clerk, reason):
    with context.federation_context(fed_b):
        case = _child_case()
        with pytest.raises(ValidationError):
            sv.case_refer(case=case, reason=reason, user=clerk)
    with context.public():
        assert not Referral.objects.exists()


def test_a_failure_in_the_parent_leaves_nothing_in_either_schema(fed_a, fed_b, clerk, monkeypatch):
    with context.federation_context(fed_b):
        case = _child_case()
        history_b = case.history.count()
    with context.federation_context(fed_a):
        cases_a, letters_a = SupervisionCase.objects.count(), Letter.objects.count()
    real_save = ItemEvidence.save

    def fail_after_file(self, *args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(ItemEvidence, "save", fail_after_file)
    with context.federation_context(fed_b), pytest.raises(RuntimeError):
        sv.case_refer(case=case, reason="报请上级。", user=clerk)
    monkeypatch.setattr(ItemEvidence, "save", real_save)

    with context.public():
        assert not Referral.objects.exists()
    with context.federation_context(fed_a):
        assert SupervisionCase.objects.count() == cases_a
        assert Letter.objects.count() == letters_a
        assert not RectificationItem.objects.filter(case__source="referred").exists()
    with context.federation_context(fed_b):
        case.refresh_from_db()
        assert case.referred_to_id is None and case.history.count() == history_b
    copied = Path(settings.PRIVATE_MEDIA_ROOT) / "fed_a" / "evidence" / "referred"
    assert not copied.exists() or not any(p.is_file() for p in copied.rglob("*"))


def test_the_parents_letter_result_and_closing_reach_the_child(fed_a, fed_b, clerk):
    _case, referral = _refer(fed_b, clerk)
    with context.federation_context(fed_a):
        copy = SupervisionCase.objects.get(pk=referral.parent_case_id)
        # The child's opinion letter, answered late, is the trigger of A's recommendation.
        letter, _token = sv.letter_issue(
            case_id=copy.pk,
            kind="recommendation",
            issued_on=dt.date(2026, 5, 6),
            facts="该企业逾期答复意见书。",
            legal_basis="《工会法》第二十二条",
            actions=["依法查处拖欠工资行为"],
            trigger="no_reply",
            department="市劳动保障监察支队",
        )
        assert letter.number == "甲工监建〔2026〕1号"
    referral.refresh_from_db()
    assert referral.status == Referral.Status.ACTED
    assert (referral.letter_kind, referral.letter_number) == ("recommendation", letter.number)
    assert referral.letter_issued_on == dt.date(2026, 5, 6)
    assert referral.department == "市劳动保障监察支队"

    with context.federation_context(fed_a):
        sv.letter_record_department_result(
            letter_id=letter.pk, case_opened_on=dt.date(2026, 5, 9), result="已立案，责令补发工资。"
        )
    referral.refresh_from_db()
    assert referral.department_result == "已立案，责令补发工资。"
    assert referral.department_case_opened_on == dt.date(2026, 5, 9)

    with context.federation_context(fed_a):
        for item in RectificationItem.objects.filter(case=copy):
            sv.item_decide(
                item_id=item.pk, outcome="rectified", note="核实。", decided_on=dt.date(2026, 6, 1)
            )
        sv.case_close(case_id=copy.pk, closed_on=dt.date(2026, 6, 2))
    referral.refresh_from_db()
    assert referral.status == Referral.Status.CLOSED and referral.closed_on == dt.date(2026, 6, 2)


def test_the_copy_is_read_only_and_the_child_waits(fed_a, fed_b, clerk, english):
    case, referral = _refer(fed_b, clerk)
    with context.federation_context(fed_a):
        copied = Letter.objects.get(case_id=referral.parent_case_id)
        with pytest.raises(ValidationError, match="read-only"):
            sv.letter_record_reply(letter_id=copied.pk, replied_on=DAY, text="x")
        with pytest.raises(ValidationError, match="read-only"):
            sv.letter_new_reply_link(letter_id=copied.pk)
    with context.federation_context(fed_b), pytest.raises(ValidationError, match="referred"):
        sv.letter_issue(
            case_id=case.pk,
            kind="reminder",
            issued_on=DAY,
            facts="x",
            legal_basis="《劳动法》第五十条",
            actions=["y"],
        )


def test_the_sweep_leaves_copies_and_referred_cases_alone(fed_a, fed_b, clerk):
    with context.federation_context(fed_b):
        case = _child_case()
        letter, _token = sv.letter_issue(
            case_id=case.pk,
            kind="reminder",
            issued_on=DAY,
            facts="x",
            legal_basis="《劳动法》第五十条",
            actions=["y"],
        )
        sv.case_refer(case=case, reason="报请上级。", user=clerk)
        sv.letters_sweep(today=dt.date(2026, 9, 1))
        assert not ReminderNotice.objects.filter(letter=letter).exists()
    with context.federation_context(fed_a):
        sv.letters_sweep(today=dt.date(2026, 9, 1))
        assert not ReminderNotice.objects.filter(letter__referred_copy=True).exists()


def test_both_audit_trails_record_the_referral_and_stay_intact(fed_a, fed_b, clerk):
    case, referral = _refer(fed_b, clerk)
    with context.federation_context(fed_b):
        latest = case.history.order_by("-history_id").first()
        assert latest.referred_to_id == referral.pk
        assert latest.history_user_id == clerk.pk
        assert "甲市总工会" in latest.history_change_reason
        assert audit_trail_verify().intact
    with context.federation_context(fed_a):
        received = SupervisionCase.history.get(id=referral.parent_case_id)
        assert received.referred_from_id == referral.pk and received.history_user_id is None
        assert "乙区总工会" in received.history_change_reason
        assert audit_trail_verify().intact
