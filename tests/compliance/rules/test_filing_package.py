"""What a pre-review submission must hold before it is submitted (rules/filing_package.py)."""

from __future__ import annotations

from compliance.rules import filing_package as package

ALL_FILES = set(package.REQUIRED_FILES)


def test_a_complete_comprehensive_package_lacks_nothing():
    found = package.missing(
        kind="comprehensive", files=ALL_FILES, values={"covered_employees": 150}, clauses=3
    )
    assert not found


def test_each_missing_file_is_named_in_checklist_order_and_other_is_never_required():
    found = package.missing(
        kind="comprehensive",
        files={package.ACCOUNT, package.OTHER},
        values={"covered_employees": 150},
        clauses=1,
    )
    assert found.files == (
        package.TEXT,
        package.RESOLUTION,
        package.CREDENTIALS,
        package.MINUTES,
    )
    assert found.fields == () and not found.no_clauses


def test_a_wage_contract_needs_the_wage_figures_and_every_kind_a_clause():
    found = package.missing(
        kind="wages", files=ALL_FILES, values={"covered_employees": 150}, clauses=0
    )
    assert found.fields == ("last_year_average_wage", "wage_growth_pct")
    assert found.no_clauses
    complete = package.missing(
        kind="wages",
        files=ALL_FILES,
        values={"covered_employees": 150, "last_year_average_wage": 6200, "wage_growth_pct": 0},
        clauses=2,
    )
    assert not complete  # a wage freeze (0%) is a figure given
    nobody = package.missing(
        kind="comprehensive", files=ALL_FILES, values={"covered_employees": 0}, clauses=1
    )
    assert nobody.fields == ("covered_employees",)


def test_the_contract_text_is_a_docx_or_pdf():
    assert package.text_suffix_ok("合同.PDF") and package.text_suffix_ok("合同.docx")
    assert not package.text_suffix_ok("合同.jpg")
