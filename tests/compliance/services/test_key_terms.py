"""Coded key terms on the contract (issue 19 part 2): validated by every writer (the edit
service, the ledger import with its error workbook, the enterprise's filing submission) and
copied from the filing submission to the contract at signature."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from compliance.models import Contract
from compliance.services import bargaining, imports
from compliance.services.contracts import contract_update
from compliance.services.imports import ledger_export, ledger_import
from compliance.services.prereview import submission_save, submission_start, submission_submit
from tests.compliance.excel.helpers import KIND, SCOPE, code, xlsx
from tests.factories import compliance as f
from tests.factories.enterprise_accounts import enterprise_user
from tests.factories.notices import published_contract

pytestmark = pytest.mark.usefixtures("in_a", "english")

SPEC = imports.sheet_spec("contracts", "zh")


def _row(serial: int, **overrides):
    values = {
        "enterprise_credit_code": code(serial),
        "title": f"企业{serial}集体合同",
        "scope": "单独（企业）",
        "kind": "综合性",
        "starts_on": dt.date(2025, 1, 1),
        "ends_on": dt.date(2027, 12, 31),
        "covered_employees": 150,
        "wage_growth_pct": 5.5,
        "minimum_wage": 2200,
        "weekly_hours": 40,
        "filing_number": f"甲工集备〔2025〕{serial}号",
        "signed_on": dt.date(2024, 12, 20),
        "renews_filing_number": "",
    }
    values.update(overrides)
    return [values.get(column.key, "") for column in SPEC.columns]


def _import(rows):
    source = xlsx(rows, headers=SPEC.headers("zh"), title="集体合同")
    return ledger_import(kind="contracts", source=source)


def test_the_contract_workbook_has_a_column_per_entered_variable():
    headers = SPEC.headers("zh")
    assert "夜班津贴（元/班）" in headers and "企业年金（是/否）" in headers
    assert SPEC.headers("en")[-1] == "wage_review"
    assert KIND and SCOPE  # the helpers' own spec stays without key terms


def test_import_writes_key_terms_and_again_changes_nothing():
    f.enterprise(credit_code=code(1))
    rows = [
        _row(
            1,
            overtime_workday_pct=150,
            night_shift_allowance="30元",
            enterprise_annuity="是",
            safety_commitment="plan",
        )
    ]
    result = _import(rows)
    assert result.ok, result.errors
    contract = Contract.objects.get()
    assert contract.key_terms == {
        "overtime_workday_pct": 150,
        "night_shift_allowance": "30.00",
        "enterprise_annuity": True,
        "safety_commitment": "plan",
    }
    again = _import(rows)
    assert again.unchanged == 1
    # An empty cell clears one term; the others stay.
    changed = _import(
        [_row(1, overtime_workday_pct=150, enterprise_annuity="是", safety_commitment="plan")]
    )
    assert changed.updated == 1
    contract.refresh_from_db()
    assert contract.key_terms == {
        "overtime_workday_pct": 150,
        "enterprise_annuity": True,
        "safety_commitment": "plan",
    }


def test_the_error_workbook_names_the_cell_and_the_reason():
    f.enterprise(credit_code=code(1))
    f.enterprise(credit_code=code(2))
    letters = {column.key: index for index, column in enumerate(SPEC.columns)}
    result = _import(
        [
            _row(1, overtime_workday_pct=120, probation_months=7.5),
            _row(2, safety_training_hours="3天", enterprise_annuity="maybe"),
        ]
    )
    assert not result.ok and Contract.objects.count() == 0
    found = {(e.row, e.column): e.message for e in result.errors}

    def letter(key):
        from openpyxl.utils import get_column_letter

        return get_column_letter(letters[key] + 1)

    assert "out of range" in found[(2, letter("overtime_workday_pct"))]
    assert "150" in found[(2, letter("overtime_workday_pct"))]
    assert "whole number" in found[(2, letter("probation_months"))]
    assert "Wrong unit “天”" in found[(3, letter("safety_training_hours"))]
    assert "yes or no" in found[(3, letter("enterprise_annuity"))]


def test_the_export_round_trips_the_key_terms(tmp_path):
    published_contract(key_terms={"enterprise_annuity": True, "night_shift_allowance": "30"})
    target = tmp_path / "export.xlsx"
    ledger_export(kind="contracts", target=str(target), language="zh")
    from openpyxl import load_workbook

    sheet = load_workbook(target).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header_row = next(i for i, row in enumerate(rows) if row and "夜班津贴（元/班）" in row)
    header = rows[header_row]
    values = dict(zip(header, rows[header_row + 1], strict=False))
    assert values["夜班津贴（元/班）"] == "30.00"
    assert values["企业年金（是/否）"] == "是"


def test_the_edit_service_refuses_a_bad_value_saying_which_and_why():
    contract = published_contract()
    with pytest.raises(ValidationError) as refused:
        contract_update(
            contract_id=contract.pk,
            data={"key_terms": {"housing_fund_pct": "15"}},
            reason="更正",
        )
    message = refused.value.message_dict["key_terms"][0]
    assert "Housing provident fund rate" in message and "5 to 12" in message
    contract.refresh_from_db()
    assert contract.key_terms == {}


def test_the_filing_submission_carries_key_terms_to_the_signed_contract():
    round_ = f.round_at("voted")
    officer, _ = enterprise_user(round_.enterprise, side="union")
    submission = submission_start(round_id=round_.pk, user=officer)
    with pytest.raises(ValidationError):
        submission_save(
            submission_id=submission.pk,
            user=officer,
            terms={"key_terms": {"overtime_holiday_pct": "200"}},
            clauses=[],
        )
    submission_save(
        submission_id=submission.pk,
        user=officer,
        terms={"covered_employees": 150, "key_terms": {"overtime_holiday_pct": "300"}},
        clauses=[("wages", "职工工资每年增长不低于百分之五。")],
    )
    submission.refresh_from_db()
    assert submission.key_terms == {"overtime_holiday_pct": 300}
    from django.core.files.uploadedfile import SimpleUploadedFile

    from compliance.rules import filing_package as package
    from compliance.services.prereview import submission_attach

    for item in package.REQUIRED_FILES:
        submission_attach(
            submission_id=submission.pk,
            item=item,
            upload=SimpleUploadedFile("f.pdf", b"%PDF-1.4 test", content_type="application/pdf"),
            user=officer,
        )
    submission_submit(submission_id=submission.pk, user=officer)
    contract = bargaining.round_sign(
        round_id=round_.pk,
        signed_on=dt.date(2026, 4, 10),
        title="2026年度集体合同",
        starts_on=dt.date(2026, 5, 1),
        ends_on=dt.date(2029, 4, 30),
        covered_employees=150,
    )
    assert contract.key_terms == {"overtime_holiday_pct": 300}
