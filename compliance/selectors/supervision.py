"""Reads for supervision: the dashboard figures, what a new letter's form starts from and the
supervision ledger workbook."""

from __future__ import annotations

import io

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from openpyxl import Workbook

from compliance.models import Letter, RectificationItem, SupervisionCase
from compliance.rules.letters import RECOMMENDATION, SOURCE_BASIS, STARTS_FROM
from compliance.selectors.profile import current_profile


def supervision_dashboard() -> dict[str, int]:
    """Open, overdue, escalated and rectified cases; letters by kind. Two queries."""
    cases = SupervisionCase.objects.aggregate(
        open=Count("pk", filter=Q(status="open"), distinct=True),
        overdue=Count("pk", filter=Q(status="open", letters__status="overdue"), distinct=True),
        escalated=Count("pk", filter=Q(letters__kind=RECOMMENDATION.code), distinct=True),
        closed=Count("pk", filter=Q(status="closed"), distinct=True),
        proposals=Count("pk", filter=Q(status="open") & ~Q(proposed_next=""), distinct=True),
    )
    items = RectificationItem.objects.aggregate(
        rectified=Count("pk", filter=Q(outcome="rectified")),
        not_rectified=Count("pk", filter=Q(outcome="not_rectified")),
        pending=Count("pk", filter=Q(outcome="pending")),
    )
    return {**cases, **items}


def letter_initial(*, case: SupervisionCase, kind: str) -> dict[str, str]:
    """The issue form's starting values for a letter of `kind` in `case`: an opinion letter after a
    reminder repeats the reminder's facts, legal basis and the actions not yet rectified; any
    other letter starts from the printed legal basis of the profile parameter the case's source
    breached (rules/letters.py), or from nothing."""
    earlier_kind = STARTS_FROM.get(kind)
    earlier = (
        case.letters.filter(kind=earlier_kind).order_by("-issued_on", "-pk").first()
        if earlier_kind
        else None
    )
    if earlier is not None:
        actions = [
            item.text
            for item in earlier.items.order_by("order")
            if item.outcome != RectificationItem.Outcome.RECTIFIED
        ]
        return {
            "facts": earlier.facts,
            "legal_basis": earlier.legal_basis,
            "actions": "\n".join(actions),
        }
    key = SOURCE_BASIS.get(case.source)
    basis = current_profile().parameter(key).basis if key else ""
    return {"legal_basis": basis} if basis else {}


LEDGER_COLUMNS = (
    ("case", "案件"),
    ("enterprise", "企业"),
    ("credit_code", "统一社会信用代码"),
    ("kind", "文书类型"),
    ("number", "文号"),
    ("issued_on", "签发日期"),
    ("due_on", "期限"),
    ("due_rule", "期限依据"),
    ("status", "状态"),
    ("delivered_on", "送达日期"),
    ("delivery_refused", "拒收"),
    ("replied_on", "回复日期"),
    ("trigger", "移送理由"),
    ("department", "接收部门"),
    ("items", "整改事项"),
    ("rectified", "整改到位"),
    ("case_status", "案件状态"),
)


def supervision_ledger_workbook() -> bytes:
    """Every letter with its case and outcomes, streamed with openpyxl's write_only mode."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Supervision ledger"))
    sheet.append([header for _key, header in LEDGER_COLUMNS])
    letters = (
        Letter.objects.select_related("case", "case__enterprise")
        .annotate(
            item_count=Count("items"),
            rectified_count=Count("items", filter=Q(items__outcome="rectified")),
        )
        .order_by("issued_on", "pk")
    )
    yes, no = _("yes"), _("no")
    for letter in letters.iterator(chunk_size=2000):
        enterprise = letter.case.enterprise
        sheet.append(
            [
                letter.case.title,
                enterprise.name if enterprise else letter.addressee,
                enterprise.credit_code if enterprise else "",
                letter.get_kind_display(),
                letter.number,
                letter.issued_on,
                letter.due_on,
                letter.due_rule,
                letter.get_status_display(),
                letter.delivered_on,
                yes if letter.delivery_refused else no,
                letter.replied_on,
                letter.get_trigger_display() if letter.trigger else "",
                letter.department,
                letter.item_count,
                letter.rectified_count,
                letter.case.get_status_display(),
            ]
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
