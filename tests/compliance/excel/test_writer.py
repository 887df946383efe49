"""Templates, exports and error workbooks, opened again with openpyxl (no database)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from compliance.excel.reader import RowError, read_errors, read_workbook
from compliance.excel.writer import write_errors, write_rows, write_template
from tests.compliance.excel.helpers import CONTRACTS, ENTERPRISES, code

pytestmark = pytest.mark.usefixtures("english")


def _template(spec, language="zh"):
    buffer = io.BytesIO()
    write_template(spec=spec, language=language, target=buffer)
    buffer.seek(0)
    return load_workbook(buffer)


def test_template_has_the_header_row_frozen_and_sized():
    workbook = _template(ENTERPRISES)
    data = workbook.worksheets[0]
    assert data.title == "企业台账"
    assert [cell.value for cell in data[1]] == ENTERPRISES.headers("zh")
    assert data.freeze_panes == "A2"
    assert data.column_dimensions["A"].width == 22
    assert data.column_dimensions["A"].number_format == "@"  # credit codes stay text


def test_template_dropdowns_point_at_the_hidden_lists_sheet():
    workbook = _template(ENTERPRISES)
    lists = workbook["lists"]
    assert lists.sheet_state == "hidden"
    validations = {
        str(v.sqref).split(":")[0]: v
        for v in workbook.worksheets[0].data_validations.dataValidation
    }
    industry, ownership, union = validations["C2"], validations["E2"], validations["G2"]
    assert industry.type == "list" and industry.formula1 == "'lists'!$A$1:$A$2"
    listed = [row[0] for row in lists.iter_rows(min_col=1, max_col=1, values_only=True)]
    assert listed == ["制造业", "批发和零售业"]
    assert ownership.formula1.startswith("'lists'!$B$1")
    assert union.formula1 == validations["I2"].formula1  # one 是/否 list for every yes/no column
    assert "C200001" in str(industry.sqref)


def test_template_in_english_and_for_contracts():
    workbook = _template(CONTRACTS, language="en")
    assert workbook.worksheets[0].title == "Contracts"
    assert [c.value for c in workbook.worksheets[0][1]] == CONTRACTS.headers("en")
    notes = workbook["Instructions"]
    rows = list(notes.iter_rows(min_row=6, values_only=True))
    assert rows[0][:2] == ("enterprise_credit_code", "yes")
    assert rows[0][2] == "The enterprise must already be in the ledger."


def test_instructions_say_what_a_second_upload_does():
    from compliance.excel.awards import nomination_spec

    ledger = _template(ENTERPRISES, language="en")["Instructions"]["A2"].value
    nominations = _template(nomination_spec(), language="en")["Instructions"]["A2"].value
    assert ledger == "Importing the same file again changes nothing."
    assert nominations == "Each upload starts a new check; earlier checks are kept."


def test_template_reads_back_with_no_rows():
    buffer = io.BytesIO()
    write_template(spec=ENTERPRISES, language="zh", target=buffer)
    assert read_workbook(buffer, spec=ENTERPRISES).rows == []


FLAGS_1 = (False, True, False, False)
FLAGS_2 = (False, False, False, True)
NO_FLAGS = (False, False, False, False)


def test_export_writes_labels_yes_no_and_reads_back_the_same_values():
    held = dt.date(2026, 3, 15)
    # credit code, name, industry, region, ownership, employees, union, members, congress,
    # last held, 规上, and the four key-enterprise flags
    stored = [
        (code(1), "甲企业", "C", "230803", "private", 150, True, 120, True, held, True, *FLAGS_1),
        (code(2), "乙企业", "F", "230803", "state", 20, False, 0, None, None, None, *FLAGS_2),
        (code(3), "丙企业", "F", "230803", "state", 20, True, 5, False, None, False, *NO_FLAGS),
    ]
    buffer = io.BytesIO()
    assert write_rows(spec=ENTERPRISES, rows=iter(stored), language="zh", target=buffer) == 3
    buffer.seek(0)
    sheet = load_workbook(buffer, read_only=True).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == tuple(ENTERPRISES.headers("zh"))
    assert rows[1][:7] == (code(1), "甲企业", "制造业", "230803", "私营", 150, "是")
    # The workers' congress has three states: 是, 否, and an empty cell for "not known".
    assert [row[8] for row in rows[1:]] == ["是", None, "否"]
    back = read_workbook(buffer, spec=ENTERPRISES)
    assert [tuple(values.values()) for _line, values in back.rows] == stored


def test_export_never_writes_user_text_as_a_formula():
    stored = [
        (
            code(1),
            '=HYPERLINK("http://evil.example","点我")',
            "C",
            "230803",
            "private",
            1,
            False,
            0,
            None,
            None,
            None,
            False,
            False,
            False,
            False,
        )
    ]
    buffer = io.BytesIO()
    write_rows(spec=ENTERPRISES, rows=stored, language="zh", target=buffer)
    buffer.seek(0)
    cell = load_workbook(buffer).worksheets[0]["B2"]
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")


def test_contract_export_keeps_dates_and_decimals():
    stored = [
        (
            code(1),
            "集体合同",
            "single",
            "wages",
            dt.date(2025, 1, 1),
            dt.date(2027, 12, 31),
            150,
            Decimal("5.50"),
            None,
            Decimal("40.0"),
            "甲工集备〔2025〕7号",
            None,
            "甲工集备〔2022〕3号",
        )
    ]
    buffer = io.BytesIO()
    write_rows(spec=CONTRACTS, rows=stored, language="zh", target=buffer)
    values = read_workbook(buffer, spec=CONTRACTS).rows[0][1]
    assert values["kind"] == "wages" and values["starts_on"] == dt.date(2025, 1, 1)
    assert values["wage_growth_pct"] == Decimal("5.5") and values["minimum_wage"] is None
    assert values["renews_filing_number"] == "甲工集备〔2022〕3号"


def test_error_workbook_lists_row_column_value_and_what_to_fix():
    errors = [
        RowError(4, "F", "职工人数", "many", "Enter a whole number, for example 120."),
        RowError(7, "B", "企业名称", "=cmd|' /C calc'!A0", "Too long."),
    ]
    buffer = io.BytesIO()
    write_errors(errors=errors, invalid_rows=2, target=buffer)
    buffer.seek(0)
    sheet = load_workbook(buffer).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Row", "Column", "Header", "Value", "What to fix")
    assert rows[1] == (4, "F", "职工人数", "many", "Enter a whole number, for example 120.")
    assert sheet["D3"].data_type == "s"


def test_error_workbook_says_when_the_list_is_capped():
    errors = [RowError(2, "A", "统一社会信用代码", "x", "Wrong.")]
    buffer = io.BytesIO()
    write_errors(errors=errors, invalid_rows=500, target=buffer)
    buffer.seek(0)
    rows = list(load_workbook(buffer).worksheets[0].iter_rows(values_only=True))
    assert "500 rows have problems" in rows[-1][0]


def test_the_first_problems_are_read_back_from_the_error_workbook():
    errors = [
        RowError(3, "F", "职工人数", "many", "Enter a whole number."),
        RowError(5, "A", "统一社会信用代码", 12, "Wrong."),
    ]
    buffer = io.BytesIO()
    write_errors(errors=errors, invalid_rows=500, target=buffer)  # with the note under them
    assert read_errors(buffer, limit=20) == errors
    assert read_errors(buffer, limit=1) == errors[:1]
