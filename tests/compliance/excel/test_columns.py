"""Cell parsers and header matching (no database)."""

import datetime as dt
from decimal import Decimal

import pytest

from compliance.excel import columns as c
from tests.compliance.excel.helpers import CONTRACTS, ENTERPRISES, INDUSTRY

pytestmark = pytest.mark.usefixtures("english")


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("统一社会信用代码", "credit_code"),
        ("credit_code", "credit_code"),
        (" Credit Code ", "credit_code"),
        ("CREDIT_CODE*", "credit_code"),
        ("世界500强投资", "fortune500_investor"),
        ("union members", "union_members"),
    ],
)
def test_headers_match_in_chinese_or_english(header, key):
    assert ENTERPRISES.by_header[c.header_key(header)].key == key


def test_contract_headers_accept_the_percent_sign_and_aliases():
    assert CONTRACTS.by_header[c.header_key("工资增幅（%）")].key == "wage_growth_pct"
    assert CONTRACTS.by_header[c.header_key("credit_code")].key == "enterprise_credit_code"


def test_code_text_keeps_whole_numbers_and_refuses_rounded_ones():
    parse = c.text(6, code=True)
    assert parse(230803.0) == "230803"
    assert parse(" 2308 03 ") == "230803"
    with pytest.raises(c.CellError, match="lost digits"):
        c.text(18, code=True)(9.1e17)


def test_text_length_limit_names_the_limit():
    with pytest.raises(c.CellError, match="At most 3 characters"):
        c.text(3)("abcd")


@pytest.mark.parametrize(("value", "expected"), [(12, 12), (12.0, 12), ("1,200", 1200), (" 7 ", 7)])
def test_integer_accepts_numbers_and_digits(value, expected):
    assert c.integer()(value) == expected


@pytest.mark.parametrize("value", [1.5, "abc", "１２", True, -1, "-3"])
def test_integer_refuses_fractions_words_and_negatives(value):
    with pytest.raises(c.CellError):
        c.integer()(value)


def test_decimal_rounds_to_the_places_and_checks_the_digits():
    parse = c.decimal(max_digits=5, places=2)
    assert parse(3.3000000000000003) == Decimal("3.30")
    assert parse("5.5%") == Decimal("5.50")
    with pytest.raises(c.CellError, match="too large"):
        parse(1234.5)
    for huge in (1.000000062271131e27, "1e400", -(10**30)):  # past the decimal precision
        with pytest.raises(c.CellError, match="too large"):
            parse(huge)
    with pytest.raises(c.CellError, match="too large"):
        parse(999.999)  # rounds up to 1000.00
    with pytest.raises(c.CellError):
        parse("nan")


@pytest.mark.parametrize(
    "value",
    ["2026-01-31", "2026/1/31", "2026年1月31日", "20260131", dt.datetime(2026, 1, 31, 8, 0)],
)
def test_date_accepts_the_usual_spellings(value):
    assert c.date()(value) == dt.date(2026, 1, 31)


def test_date_refuses_other_text_and_implausible_years():
    with pytest.raises(c.CellError, match="2026-01-31"):
        c.date()("31.01.2026x")
    with pytest.raises(c.CellError, match="1900"):
        c.date()(dt.date(1900, 1, 1))


@pytest.mark.parametrize(
    ("value", "expected"), [("是", True), ("否", False), ("Yes", True), ("0", False), (1.0, True)]
)
def test_boolean_spellings(value, expected):
    assert c.boolean()(value) is expected


def test_boolean_refuses_anything_else():
    with pytest.raises(c.CellError, match="yes or no"):
        c.boolean()("maybe")


def test_choice_accepts_code_and_labels_in_both_languages():
    parse = c.choice(INDUSTRY)
    assert parse("C") == parse("制造业") == parse("manufacturing") == "C"
    with pytest.raises(c.CellError, match="制造业、批发和零售业"):
        parse("农业")


def test_exporters_write_labels_and_yes_no():
    industry = ENTERPRISES.column("industry").exporter("zh")
    flag = ENTERPRISES.column("union_established").exporter("en")
    assert industry("C") == "制造业"
    assert (flag(True), flag(False)) == ("yes", "no")
    assert ENTERPRISES.column("name").exporter("zh") is None
