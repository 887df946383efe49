"""Property-based fuzzing of the spreadsheet importers: whatever the cells hold, an import ends
with a result (never an exception), and a workbook with any invalid row writes nothing."""

import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.models import Contract, Enterprise
from compliance.services.imports import ledger_import
from tests.compliance.excel.helpers import CONTRACTS, ENTERPRISES, code, enterprise_row, xlsx

pytestmark = pytest.mark.usefixtures("in_a")
FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same cases every run: a failure can be replayed
)
# What people type into cells: text in any script (no control characters, which the xlsx format
# cannot hold), formulas, numbers of every size, dates, booleans, blanks.
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=0, max_size=60)
CELL = st.one_of(
    st.none(),
    TEXT,
    st.sampled_from(["=1+1", '=HYPERLINK("x")', "是", "否", "私营", "制造业", "230803", "-1"]),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=dt.date(1900, 1, 2), max_value=dt.date(2200, 1, 1)),
    st.booleans(),
)


@st.composite
def enterprise_sheets(draw):
    """Mostly valid rows with some cells replaced by anything."""
    count = draw(st.integers(min_value=0, max_value=6))
    rows = []
    for serial in range(1, count + 1):
        row = enterprise_row(serial)
        for index in draw(st.sets(st.integers(0, len(row) - 1), max_size=3)):
            row[index] = draw(CELL)
        rows.append(row)
    if draw(st.booleans()):
        rows.append([draw(CELL) for _ in ENTERPRISES.columns])
    return rows


@given(rows=enterprise_sheets())
@FUZZ
def test_enterprise_imports_never_fail_and_never_write_partly(rows):
    before = Enterprise.objects.count()
    result = ledger_import(kind="enterprises", source=xlsx(rows))
    after = Enterprise.objects.count()
    if result.refused or result.invalid:
        assert after == before, result.summary()
        assert result.refused or result.errors
    else:
        assert after == before + result.created


@given(
    rows=st.lists(
        st.lists(CELL, min_size=len(CONTRACTS.columns), max_size=len(CONTRACTS.columns)),
        max_size=4,
    ),
    valid_code=st.booleans(),
)
@FUZZ
def test_contract_imports_never_fail_and_never_write_partly(rows, valid_code):
    if valid_code and rows:
        rows[0][0] = code(1)
    before = Contract.objects.count()
    result = ledger_import(
        kind="contracts",
        source=xlsx(rows, headers=CONTRACTS.headers("zh"), title="集体合同"),
    )
    if result.refused or result.invalid:
        assert Contract.objects.count() == before
    else:
        assert Contract.objects.count() == before + result.created


@given(data=st.binary(max_size=4096))
@FUZZ
def test_any_bytes_are_refused_with_a_message(data):
    result = ledger_import(kind="enterprises", source=io.BytesIO(data))
    assert result.refused or result.invalid or result.total == 0
