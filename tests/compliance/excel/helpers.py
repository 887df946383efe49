"""Building workbooks in tests: small, in memory, written the way Excel users' files are."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from openpyxl import Workbook

from compliance.excel.columns import Choices, contract_spec, enterprise_spec
from compliance.rules.uscc import check_character

INDUSTRY = Choices.build(
    [
        ("C", ["制造业", "Manufacturing"]),
        ("F", ["批发和零售业", "Wholesale and retail trade"]),
    ]
)
OWNERSHIP = Choices.build([("private", ["私营", "Private"]), ("state", ["国有", "State-owned"])])
SCOPE = Choices.build([("single", ["单独（企业）", "Single enterprise"]), ("regional", ["区域性"])])
KIND = Choices.build([("comprehensive", ["综合性", "Comprehensive"]), ("wages", ["工资专项"])])
ENTERPRISES = enterprise_spec(industry=INDUSTRY, ownership=OWNERSHIP)
CONTRACTS = contract_spec(scope=SCOPE, kind=KIND)
ZH_HEADERS = ENTERPRISES.headers("zh")
EN_HEADERS = ENTERPRISES.headers("en")


def code(serial: int, region: str = "230803") -> str:
    first17 = f"91{region}MA{serial:07d}"[:17]
    return first17 + check_character(first17)


def enterprise_row(serial: int = 1, **overrides) -> list:
    values = {
        "credit_code": code(serial),
        "name": f"测试企业{serial}有限公司",
        "industry": "制造业",
        "region_code": "230803",
        "ownership": "私营",
        "employees": 150,
        "union_established": "是",
        "union_members": 120,
        "workers_congress": "是",
        "workers_congress_last_held": "",
        "above_designated_size": "",
        "fortune500_investor": "否",
        "head_npc_deputy": "否",
        "head_cppcc_member": "否",
        "head_model_worker": "否",
    }
    values.update(overrides)
    return [values[column.key] for column in ENTERPRISES.columns]


def xlsx(
    rows: Sequence[Sequence],
    *,
    headers: Sequence[str] | None = ZH_HEADERS,
    title: str = "企业台账",
    above: Sequence[Sequence] = (),
    extra_sheets: Sequence[str] = (),
) -> io.BytesIO:
    """A workbook whose first sheet holds `above` rows, the header row and `rows`."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in above:
        sheet.append(list(row))
    if headers is not None:
        sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    for name in extra_sheets:
        workbook.create_sheet(name)
    buffer = io.BytesIO()
    workbook.save(buffer)
    buffer.seek(0)
    return buffer


def rezip(source: io.BytesIO, replace: dict[str, bytes], *, add: dict[str, bytes] | None = None):
    """The same workbook with some parts replaced (hostile variants of a valid file)."""
    source.seek(0)
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts.update(replace)
    parts.update(add or {})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def sheet_xml(body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"<sheetData>{body}</sheetData></worksheet>"
    ).encode()
