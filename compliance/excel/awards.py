"""The award workbooks: violation records (imported like the ledger), nomination lists (read to
check nominees) and the results of an eligibility check (written, never read back).

Headers may be Chinese or English, as in the ledger workbooks (compliance.excel.columns). The
results workbook streams through openpyxl's write_only mode: a list of 10,000 nominees with a
dozen criteria each is 120,000 reason lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from compliance.excel.columns import Choices, Column, SheetSpec, choice, date, text
from compliance.excel.writer import Target, safe_cell

_BOLD = Font(bold=True)


def violation_spec(*, kind: Choices) -> SheetSpec:
    return SheetSpec(
        kind="violations",
        title={"zh": "违法记录", "en": "Violation records"},
        key="reference",
        columns=(
            Column(
                "enterprise_credit_code",
                "统一社会信用代码",
                text(18, code=True),
                required=True,
                as_text=True,
                width=22,
                hint=gettext_lazy("The enterprise must already be in the ledger."),
                aliases=("credit_code", "企业统一社会信用代码", "信用代码"),
            ),
            Column(
                "kind",
                "记录类型",
                choice(kind),
                required=True,
                choices=kind,
                width=26,
                hint=gettext_lazy(
                    "Wage arrears, unpaid social insurance, safety accident, occupational "
                    "hazard, mass incident, or wage-bargaining breach: from the list."
                ),
                aliases=("类型", "类别"),
            ),
            Column(
                "occurred_on",
                "发生日期",
                date(),
                required=True,
                hint=gettext_lazy("A date like 2026-03-01, not in the future."),
                aliases=("日期", "认定日期"),
            ),
            Column(
                "reference",
                "文书编号",
                text(60),
                free_text=True,
                width=24,
                default="",
                hint=gettext_lazy(
                    "The decision's or report's number; with the enterprise, type and date it "
                    "identifies the record, so importing it again changes nothing."
                ),
                aliases=("编号", "文号"),
            ),
            Column(
                "description",
                "情况说明",
                text(2000),
                free_text=True,
                width=40,
                default="",
                hint=gettext_lazy("What happened; may be empty."),
                aliases=("说明", "描述"),
            ),
            Column(
                "source",
                "信息来源",
                text(100),
                free_text=True,
                width=24,
                default="",
                hint=gettext_lazy("Who reported it; may be empty."),
                aliases=("来源",),
            ),
        ),
    )


def nomination_spec() -> SheetSpec:
    """A nomination list: one credit code per row; the name is optional and only informative."""
    return SheetSpec(
        kind="nominations",
        title={"zh": "推荐名单", "en": "Nominations"},
        key="credit_code",
        idempotent=False,
        columns=(
            Column(
                "credit_code",
                "统一社会信用代码",
                text(40, code=True),
                required=True,
                as_text=True,
                width=22,
                hint=gettext_lazy("18 characters; nominees are matched with the ledger by it."),
                aliases=("信用代码", "社会信用代码", "企业统一社会信用代码", "uscc", "credit code"),
            ),
            Column(
                "name",
                "企业名称",
                text(200),
                free_text=True,
                width=32,
                default="",
                hint=gettext_lazy("For your reference; the ledger's name is used."),
                aliases=("单位名称", "推荐单位", "名称"),
            ),
        ),
    )


# --- The results workbook ----------------------------------------------------------------------


@dataclass(frozen=True)
class ResultLine:
    row: int | None
    credit_code: str
    name: str
    outcome: str  # translated
    lapses_on: Any
    note: str
    criteria: Sequence[dict[str, Any]]  # as stored: code, label, verdict, reason, records …


def _header(sheet, titles: Sequence[str]) -> None:
    cells = []
    for title in titles:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = _BOLD
        cells.append(cell)
    sheet.append(cells)


def write_results(
    *,
    title: str,
    facts: Sequence[tuple[str, Any]],
    criteria: Sequence[tuple[str, str]],
    verdicts: dict[str, str],
    lines: Iterable[ResultLine],
    target: Target,
) -> int:
    """Two sheets: one row per nominee with every criterion's verdict, then one row per nominee
    and criterion with the reason, the records relied on and the lapse date.

    criteria: (code, label) in the award's order; verdicts: stored verdict → translated label.
    facts: (label, value) lines above the first table (award, as-of date, counts)."""
    workbook = Workbook(write_only=True)
    summary = workbook.create_sheet(_("Results"))
    reasons = workbook.create_sheet(_("Reasons"))
    summary.append([WriteOnlyCell(summary, value=title)])
    for label, value in facts:
        summary.append([label, value])
    summary.append([])
    _header(
        summary,
        [
            _("Row"),
            _("Unified social credit code"),
            _("Enterprise"),
            pgettext("eligibility", "Outcome"),
            _("Veto lapses on"),
            *(label for _code, label in criteria),
            _("Note"),
        ],
    )
    for letter, width in zip("ABCDE", (8, 22, 32, 12, 14), strict=True):
        summary.column_dimensions[letter].width = width
    _header(
        reasons,
        [
            _("Row"),
            _("Unified social credit code"),
            _("Enterprise"),
            _("Criterion"),
            _("Verdict"),
            _("Reason"),
            _("Records relied on"),
            _("Veto lapses on"),
            _("Legal basis"),
        ],
    )
    for letter, width in zip("ABCDEFGHI", (8, 22, 32, 30, 12, 80, 20, 14, 40), strict=True):
        reasons.column_dimensions[letter].width = width
    codes = [code for code, _label in criteria]
    count = 0
    for line in lines:
        by_code = {c["code"]: c for c in line.criteria}
        name = safe_cell(summary, line.name)
        summary.append(
            [
                line.row,
                line.credit_code,
                name,
                line.outcome,
                line.lapses_on,
                *(
                    verdicts.get(by_code[code]["verdict"], "") if code in by_code else ""
                    for code in codes
                ),
                line.note,
            ]
        )
        for criterion in line.criteria:
            reasons.append(
                [
                    line.row,
                    line.credit_code,
                    safe_cell(reasons, line.name),
                    criterion["label"],
                    verdicts.get(criterion["verdict"], criterion["verdict"]),
                    safe_cell(reasons, criterion["reason"]),
                    criterion.get("records_text", ""),
                    criterion.get("lapses_on") or "",
                    criterion.get("basis", ""),
                ]
            )
        count += 1
    workbook.save(target)
    return count
