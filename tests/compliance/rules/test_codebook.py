import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from compliance.rules import codebook
from compliance.rules.codebook import BY_CODE, VARIABLES, key_terms_all, key_terms_validate


def test_the_codebook_has_twenty_variables_each_fully_described():
    assert len(VARIABLES) >= 20
    assert len(BY_CODE) == len(VARIABLES)  # codes are unique
    for variable in VARIABLES:
        assert variable.type in (
            codebook.DECIMAL,
            codebook.INTEGER,
            codebook.BOOLEAN,
            codebook.CHOICE,
        )
        assert variable.label_zh and variable.label_en and variable.unit_zh and variable.unit_en
        assert variable.definition_zh and variable.definition_en
        if variable.type in (codebook.DECIMAL, codebook.INTEGER):
            assert variable.minimum is not None and variable.maximum is not None
            assert variable.minimum < variable.maximum
        if variable.type == codebook.CHOICE:
            assert len(variable.choices) >= 2
    assert codebook.CODEBOOK_VERSION and isinstance(codebook.CODEBOOK_DATE, dt.date)


def test_the_three_contract_columns_are_codebook_variables():
    assert {v.column for v in codebook.COLUMN_VARIABLES} == {
        "wage_growth_pct",
        "minimum_wage",
        "weekly_hours",
    }


def test_valid_values_are_cleaned_to_json():
    cleaned, errors = key_terms_validate(
        {
            "overtime_workday_pct": "150",
            "night_shift_allowance": "30.5",
            "high_temperature_allowance": 300,
            "women_health_checkup": "是",
            "enterprise_annuity": False,
            "safety_commitment": "plan_budget",
            "wage_review": "每年协商调整",
            "housing_fund_pct": "12%",
            "paid_annual_leave_days": "10天",
        }
    )
    assert errors == {}
    assert cleaned == {
        "overtime_workday_pct": 150,
        "night_shift_allowance": "30.50",
        "high_temperature_allowance": "300.00",
        "women_health_checkup": True,
        "enterprise_annuity": False,
        "safety_commitment": "plan_budget",
        "wage_review": "annual",
        "housing_fund_pct": "12.0",
        "paid_annual_leave_days": 10,
    }


def test_empty_values_are_not_stated():
    cleaned, errors = key_terms_validate(
        {"probation_months": "", "menstrual_period_protection": None}
    )
    assert cleaned == {} and errors == {}


@pytest.mark.parametrize(
    ("code", "value", "words"),
    [
        ("overtime_workday_pct", "120", ["120", "150", "500"]),  # below the legal minimum
        ("probation_months", "7", ["7", "0", "6"]),  # above six months
        ("wage_payment_day", "0", ["out of range"]),
    ],
)
def test_out_of_range_says_which_range(code, value, words):
    with translation.override("en"):
        _cleaned, errors = key_terms_validate({code: value})
    assert list(errors) == [code]
    for word in words:
        assert word in errors[code][0]


def test_a_wrong_unit_is_named():
    with translation.override("en"):
        _cleaned, errors = key_terms_validate({"safety_training_hours": "3天"})
    assert "Wrong unit “天”" in errors["safety_training_hours"][0]
    assert "hours a year" in errors["safety_training_hours"][0]


def test_the_reason_is_in_chinese_for_chinese_readers():
    with translation.override("zh-hans"):
        _cleaned, errors = key_terms_validate({"safety_training_hours": "3天"})
    assert "单位" in errors["safety_training_hours"][0]
    assert "小时/年" in errors["safety_training_hours"][0]


def test_not_a_number():
    with translation.override("en"):
        _cleaned, errors = key_terms_validate({"night_shift_allowance": "about fifty"})
    assert "is not a number" in errors["night_shift_allowance"][0]


def test_a_fraction_where_a_whole_number_is_expected():
    with translation.override("en"):
        _cleaned, errors = key_terms_validate({"paid_annual_leave_days": "7.5"})
    assert "whole number" in errors["paid_annual_leave_days"][0]


def test_too_many_decimal_places():
    with translation.override("en"):
        _cleaned, errors = key_terms_validate({"housing_fund_pct": "7.25"})
    assert "At most 1 decimal places" in errors["housing_fund_pct"][0]


def test_a_boolean_that_is_no_yes_or_no():
    with translation.override("en"):
        _cleaned, errors = key_terms_validate({"supplementary_medical": "maybe"})
    assert "yes or no" in errors["supplementary_medical"][0]


def test_a_boolean_is_not_a_number():
    with translation.override("en"):
        _cleaned, errors = key_terms_validate({"night_shift_allowance": True})
    assert "Give a number" in errors["night_shift_allowance"][0]


def test_a_choice_outside_the_list_names_the_choices():
    with translation.override("en"):
        _cleaned, errors = key_terms_validate({"safety_commitment": "lots"})
    assert "plan_budget" in errors["safety_commitment"][0]


def test_an_unknown_code_is_refused():
    with translation.override("en"):
        _cleaned, errors = key_terms_validate({"bonus_months": "2"})
    assert "Unknown key term “bonus_months”" in errors["bonus_months"][0]


def test_derived_and_column_variables_are_not_entered():
    _cleaned, errors = key_terms_validate({"term_months": 36, "wage_increase_pct": "5"})
    assert set(errors) == {"term_months", "wage_increase_pct"}


def test_every_value_of_a_contract_in_codebook_order():
    values = key_terms_all(
        entered={"enterprise_annuity": True, "overtime_workday_pct": 150},
        columns={"wage_growth_pct": Decimal("8.5"), "minimum_wage": None, "weekly_hours": 40},
        starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2027, 12, 31),
        covered=120,
    )
    assert values == {
        "wage_increase_pct": "8.50",
        "weekly_hours": "40.0",
        "overtime_workday_pct": 150,
        "enterprise_annuity": True,
        "term_months": 36,
        "workers_covered": 120,
    }
    assert list(values) == [v.code for v in VARIABLES if v.code in values]


@pytest.mark.parametrize(
    ("starts", "ends", "months"),
    [
        (dt.date(2025, 1, 1), dt.date(2027, 12, 31), 36),
        (dt.date(2025, 3, 15), dt.date(2026, 3, 14), 12),
        (dt.date(2025, 3, 15), dt.date(2026, 3, 10), 11),
        (dt.date(2025, 3, 15), dt.date(2025, 3, 20), 1),
    ],
)
def test_term_months(starts, ends, months):
    assert codebook.term_months(starts, ends) == months


def test_values_as_a_reader_sees_them():
    with translation.override("en"):
        assert codebook.value_display(BY_CODE["enterprise_annuity"], True) == "Yes"
        assert codebook.value_display(BY_CODE["safety_commitment"], "plan") == "Specific measures"
        assert codebook.value_display(BY_CODE["night_shift_allowance"], "30.50") == "30.50"
        assert codebook.value_display(BY_CODE["minimum_monthly_wage"], "2300.00") == "2300"


def test_the_codebook_rows_document_each_variable():
    rows = codebook.codebook_rows()
    assert [row["code"] for row in rows] == [v.code for v in VARIABLES]
    assert set(rows[0]) == set(codebook.CODEBOOK_FIELDS)
