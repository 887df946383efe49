"""The workers' survey rules (issue 18 item 8): codes typed leniently, hashes keyed per survey,
the terms quiz scored topic by topic, rates summed from numerators and denominators."""

from decimal import Decimal

from compliance.rules.worker_surveys import (
    ALPHABET,
    LENGTH,
    SurveyRates,
    code_hash,
    code_new,
    code_read,
    terms_score,
)


def test_a_new_code_reads_back_as_itself():
    code = code_new()
    assert len(code.replace("-", "")) == LENGTH
    assert all(char in ALPHABET for char in code.replace("-", ""))
    assert code_read(code) == code


def test_a_typed_code_ignores_case_spaces_hyphens_and_full_width():
    assert code_read(" abcde fghjk ") == "ABCDE-FGHJK"
    assert code_read("ＡＢＣＤＥ－ＦＧＨＪＫ") == "ABCDE-FGHJK"


def test_a_code_of_the_wrong_length_or_alphabet_is_none():
    assert code_read("ABCDE-FGHJ") is None
    assert code_read("ABCDE-FGHJ0") is None  # 0 is not in the alphabet
    assert code_read("") is None


def test_the_hash_depends_on_the_survey():
    one = code_hash(code="ABCDE-FGHJK", survey_key="survey-1")
    assert one == code_hash(code="ABCDE-FGHJK", survey_key="survey-1")
    assert one != code_hash(code="ABCDE-FGHJK", survey_key="survey-2")
    assert "ABCDE" not in one


def test_terms_are_scored_topic_by_topic():
    asked = ("wages", "hours", "rest", "safety")
    covered = {"wages", "safety"}
    assert terms_score(chosen={"wages", "safety"}, covered=covered, asked=asked) == 4
    assert terms_score(chosen={"wages", "hours"}, covered=covered, asked=asked) == 2
    assert terms_score(chosen=set(), covered=covered, asked=asked) == 2
    assert terms_score(chosen={"wages"}, covered=covered, asked=()) == 0


def test_rates_sum_and_round():
    total = SurveyRates(10, 9, 8) + SurveyRates(20, 17, 15)
    assert total == SurveyRates(30, 26, 23)
    assert total.awareness == Decimal("86.7")
    assert total.satisfaction == Decimal("76.7")
    assert SurveyRates().awareness is None
