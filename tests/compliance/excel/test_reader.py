"""Reading a workbook into typed rows and row errors (no database)."""

import datetime as dt
import zipfile

import pytest

from compliance.excel.reader import read_workbook
from compliance.excel.safety import WorkbookRefused
from tests.compliance.excel.helpers import (
    CONTRACTS,
    EN_HEADERS,
    ENTERPRISES,
    code,
    enterprise_row,
    rezip,
    xlsx,
)

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize("headers", [ENTERPRISES.headers("zh"), EN_HEADERS])
def test_reads_rows_with_chinese_or_english_headers(headers):
    sheet = read_workbook(
        xlsx([enterprise_row(1), enterprise_row(2)], headers=headers), spec=ENTERPRISES
    )
    assert not sheet.errors
    assert [line for line, _values in sheet.rows] == [2, 3]
    values = sheet.rows[0][1]
    assert values["credit_code"] == code(1)
    assert values["industry"] == "C" and values["ownership"] == "private"
    assert values["employees"] == 150 and values["union_established"] is True


def test_header_below_a_title_row_and_row_numbers_as_excel_shows_them():
    source = xlsx([enterprise_row(1, employees="many")], above=[["某市企业台账"], []])
    sheet = read_workbook(source, spec=ENTERPRISES)
    assert sheet.header_row == 3
    (error,) = sheet.errors
    assert (error.row, error.column, error.header, error.value) == (4, "F", "职工人数", "many")
    assert "whole number" in error.message


def test_empty_optional_cells_take_defaults_and_required_ones_are_errors():
    row = enterprise_row(1, union_members="", fortune500_investor=None, name="  ")
    sheet = read_workbook(xlsx([row]), spec=ENTERPRISES)
    assert sheet.rows[0][1]["union_members"] == 0
    assert sheet.rows[0][1]["fortune500_investor"] is False
    assert [(e.column, e.message) for e in sheet.errors] == [("B", "This cell is required.")]


def test_empty_rows_between_and_after_data_are_skipped():
    source = xlsx([enterprise_row(1), [None] * 12, enterprise_row(2), [None] * 12, [None] * 12])
    sheet = read_workbook(source, spec=ENTERPRISES)
    assert [line for line, _values in sheet.rows] == [2, 4]


def test_missing_required_columns_are_named():
    headers = [h for h in ENTERPRISES.headers("zh") if h not in ("行业", "职工人数")]
    with pytest.raises(WorkbookRefused) as caught:
        read_workbook(xlsx([], headers=headers), spec=ENTERPRISES)
    assert "行业 (industry)" in str(caught.value) and "职工人数 (employees)" in str(caught.value)


def test_optional_columns_may_be_left_out():
    keep = [c for c in ENTERPRISES.columns if c.required]
    row = enterprise_row(1)[: len(keep)]
    sheet = read_workbook(xlsx([row], headers=[c.zh for c in keep]), spec=ENTERPRISES)
    assert set(sheet.columns) == {c.key for c in keep}
    assert "union_members" not in sheet.rows[0][1]


def test_a_column_twice_is_refused():
    headers = [*ENTERPRISES.headers("zh"), "企业名称"]
    with pytest.raises(WorkbookRefused, match="more than once"):
        read_workbook(xlsx([], headers=headers), spec=ENTERPRISES)


def test_the_wrong_workbook_names_what_is_missing():
    """A contracts workbook uploaded as enterprises: its first sheet lacks the ledger columns."""
    source = xlsx([], headers=CONTRACTS.headers("zh"), title="集体合同")
    with pytest.raises(WorkbookRefused, match="“集体合同” lacks the columns"):
        read_workbook(source, spec=ENTERPRISES)


def test_the_data_sheet_is_found_by_name_after_other_sheets():
    from openpyxl import load_workbook

    source = xlsx([enterprise_row(1)], title="企业台账")
    workbook = load_workbook(source)
    workbook.move_sheet("企业台账", offset=1)
    workbook.create_sheet("说明", 0)
    source.seek(0)
    source.truncate()
    workbook.save(source)
    assert len(read_workbook(source, spec=ENTERPRISES).rows) == 1


def test_a_workbook_without_visible_sheets_is_refused():
    source = xlsx([enterprise_row(1)])
    source.seek(0)
    with zipfile.ZipFile(source) as archive:
        workbook_xml = archive.read("xl/workbook.xml")
    hidden = rezip(
        source, {"xl/workbook.xml": workbook_xml.replace(b'state="visible"', b'state="hidden"')}
    )
    with pytest.raises(WorkbookRefused, match="no visible sheet"):
        read_workbook(hidden, spec=ENTERPRISES)


def test_row_limit():
    from compliance.excel.safety import Limits

    source = xlsx([enterprise_row(n) for n in range(1, 6)])
    with pytest.raises(WorkbookRefused, match="more than 3 rows"):
        read_workbook(source, spec=ENTERPRISES, limits=Limits(max_rows=3))


def test_dates_and_decimals_of_contracts():
    row = [
        code(1),
        "2025年集体合同",
        "",
        "综合性",
        dt.date(2025, 1, 1),
        "2027-12-31",
        150,
        5.5,
        2200,
        40,
        "甲工集备〔2025〕7号",
        "",
    ]
    sheet = read_workbook(
        xlsx([row], headers=CONTRACTS.headers("zh"), title="集体合同"), spec=CONTRACTS
    )
    values = sheet.rows[0][1]
    assert not sheet.errors
    assert values["starts_on"] == dt.date(2025, 1, 1) and values["ends_on"] == dt.date(2027, 12, 31)
    assert values["scope"] == "single" and values["kind"] == "comprehensive"
    assert str(values["wage_growth_pct"]) == "5.50" and values["signed_on"] is None


def test_progress_is_reported():
    calls = []
    read_workbook(
        xlsx([enterprise_row(n) for n in range(1, 4)]),
        spec=ENTERPRISES,
        progress=lambda d, t: calls.append((d, t)),
    )
    assert calls[0] == (0, 3) and calls[-1] == (3, 3)


def test_many_errors_are_capped_but_all_rows_counted(monkeypatch):
    from compliance.excel import reader

    monkeypatch.setattr(reader, "MAX_ERRORS", 2)
    rows = [enterprise_row(n, employees="x") for n in range(1, 6)]
    sheet = read_workbook(xlsx(rows), spec=ENTERPRISES)
    assert len(sheet.errors) == 2 and sheet.error_count == 5
