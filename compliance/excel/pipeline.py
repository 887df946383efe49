"""The pipeline's workbooks: the baseline survey (imported like the ledger) and the forecast
(协商预报, written in write_only mode)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from compliance.excel.columns import (
    CellError,
    Choices,
    Column,
    Parser,
    SheetSpec,
    choice,
    date,
    integer,
    spelling_key,
    text,
)
from compliance.excel.writer import Target, safe_cell

_BOLD = Font(bold=True)


def write_table(
    *,
    title: str,
    heading: str,
    headers: Sequence[str],
    widths: Sequence[int],
    rows: Iterable[Sequence[Any]],
    target: Target,
) -> int:
    """One sheet: a heading line, a bold header row, then `rows`; returns the rows written."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title[:31])
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.append([heading])
    cells = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = _BOLD
        cells.append(cell)
    sheet.append(cells)
    count = 0
    for row in rows:
        sheet.append([safe_cell(sheet, value) for value in row])
        count += 1
    workbook.save(target)
    return count


# --- The baseline survey workbook --------------------------------------------------------------

_SEPARATORS = re.compile(r"[,，、;；/\n]+")


def choice_list(choices: Choices) -> Parser:
    """Several codes in one cell, separated by 、 , ; or new lines; empty: none."""
    options = "、".join(choices.labels.values())

    def parse(value: Any) -> list[str]:
        codes = []
        for part in _SEPARATORS.split(str(value or "")):
            if not part.strip():
                continue
            code = choices.accepted.get(spelling_key(part))
            if code is None:
                raise CellError(
                    _("“%(value)s” is not a typical reason. Choose from: %(options)s.")
                    % {"value": part.strip(), "options": options}
                )
            codes.append(code)
        order = list(choices.labels)  # the choices' own order, as the admin lists them
        return sorted(set(codes), key=order.index)

    return parse


def survey_spec(*, category: Choices, reasons: Choices) -> SheetSpec:
    return SheetSpec(
        kind="surveys",
        title={"zh": "摸底调查", "en": "Baseline survey"},
        key="enterprise_credit_code",
        columns=(
            Column(
                "enterprise_credit_code",
                "统一社会信用代码",
                text(18, code=True),
                required=True,
                as_text=True,
                width=22,
                hint=gettext_lazy("The enterprise must be in the ledger, with its union."),
                aliases=("credit_code", "企业统一社会信用代码", "信用代码"),
            ),
            Column(
                "year",
                "调查年度",
                integer(minimum=2000, maximum=2100),
                required=True,
                width=10,
                hint=gettext_lazy("The year surveyed, e.g. 2026: one row per enterprise and year."),
                aliases=("年度",),
            ),
            Column(
                "category",
                "类别",
                choice(category),
                required=True,
                choices=category,
                width=26,
                hint=gettext_lazy(
                    "Willing, unwilling (不愿谈), afraid (不敢谈), unable (不会谈), already "
                    "bargaining or contract not performed (执行不到位): from the list."
                ),
                aliases=("分类", "调查结果"),
            ),
            Column(
                "reasons",
                "典型原因",
                choice_list(reasons),
                default=(),
                width=36,
                hint=gettext_lazy(
                    "For the three “not” categories, any of the typical reasons, separated by 、"
                    " (e.g. 担心增加用工成本、认为协商走过场); may be empty."
                ),
                aliases=("原因",),
            ),
            Column(
                "notes",
                "原因说明",
                text(2000),
                free_text=True,
                width=40,
                default="",
                hint=gettext_lazy("What the enterprise said; may be empty."),
                aliases=("说明", "备注"),
            ),
            Column(
                "surveyed_on",
                "调查日期",
                date(),
                required=True,
                hint=gettext_lazy("A date like 2026-03-01, in the year or its October before."),
                aliases=("日期",),
            ),
            Column(
                "surveyed_by",
                "调查人",
                text(100),
                required=True,
                free_text=True,
                width=16,
                hint=gettext_lazy("Who surveyed the enterprise."),
                aliases=("调查人员",),
            ),
        ),
    )
