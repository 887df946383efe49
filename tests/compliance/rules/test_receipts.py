"""The verification code of a filing receipt: random, typable, read leniently (no database)."""

import re

import pytest

from compliance.rules.receipts import (
    ALPHABET,
    FORMATTED_LENGTH,
    code_formatted,
    code_new,
    code_read,
    filing_number_key,
)

SHAPE = re.compile(rf"[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}")


def test_the_alphabet_leaves_out_the_characters_people_confuse():
    assert not set("01ILO") & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 31


def test_a_new_code_is_three_groups_of_four_and_codes_do_not_repeat():
    codes = [code_new() for _ in range(2000)]
    assert all(SHAPE.fullmatch(code) for code in codes), codes[:3]
    assert all(len(code) == FORMATTED_LENGTH for code in codes)
    assert len(set(codes)) == len(codes)
    # Every character of the alphabet turns up: the draw is not stuck on a subset.
    assert set("".join(codes).replace("-", "")) == set(ALPHABET)


@pytest.mark.parametrize(
    "typed",
    [
        "ABCD-EFGH-JKMN",
        "abcd-efgh-jkmn",
        "ABCDEFGHJKMN",
        " abcd efgh jkmn ",
        "ＡＢＣＤ－ＥＦＧＨ－ＪＫＭＮ",  # full-width, as a Chinese input method types it
    ],
)
def test_a_typed_code_is_read_whatever_its_case_spacing_or_width(typed):
    assert code_read(typed) == "ABCD-EFGH-JKMN"


@pytest.mark.parametrize(
    "typed", ["", "ABCD-EFGH-JKM", "ABCD-EFGH-JKMNP", "ABCD-EFGH-JKM0", "ABCD-EFGH-JKMI", "数字"]
)
def test_what_cannot_be_a_code_is_not_read(typed):
    assert code_read(typed) is None


def test_formatting_groups_the_raw_code():
    assert code_formatted("23456789ABCD") == "2345-6789-ABCD"


@pytest.mark.parametrize(
    "typed",
    [
        "甲工集备〔2026〕12号",
        "甲工集备[2026]12号",
        "甲工集备(2026)12号",
        "甲工集备（2026）12号",
        "甲工集备【2026】12号",
        "甲工集备［２０２６］１２号",
        " 甲工集备 〔2026〕 12号 ",
    ],
)
def test_a_filing_number_is_compared_whatever_brackets_were_typed(typed):
    assert filing_number_key(typed) == filing_number_key("甲工集备〔2026〕12号")


def test_a_different_filing_number_stays_different():
    assert filing_number_key("甲工集备〔2026〕13号") != filing_number_key("甲工集备〔2026〕12号")
    assert filing_number_key("乙工集备〔2026〕12号") != filing_number_key("甲工集备〔2026〕12号")
