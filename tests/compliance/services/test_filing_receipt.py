"""Issue 17 item 7: a filed contract gets its receipt's verification code when it is filed (or
registered from the ledger with its filing number), unique in the federation and recorded in the
filing's history row; a new version starts without one; migration 0028 gave contracts filed
before it theirs."""

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from compliance.models import Contract
from compliance.rules.receipts import code_read
from compliance.services import contracts as services
from compliance.services.audit_trail import audit_trail_verify
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")

migration = importlib.import_module("compliance.migrations.0028_filing_receipt_code")


def _effective():
    return f.round_at("effective").contract


def _filed(day=dt.date(2026, 5, 8)) -> Contract:
    return services.contract_file(contract_id=_effective().pk, filed_on=day)


def test_filing_gives_the_contract_a_code_recorded_in_the_filing_history_row(english):
    contract = _effective()
    assert contract.verification_code == ""
    filed = services.contract_file(contract_id=contract.pk, filed_on=dt.date(2026, 5, 8))
    assert code_read(filed.verification_code) == filed.verification_code  # the stored shape
    filed.refresh_from_db()
    assert filed.verification_code
    row = filed.history.latest("history_date")
    assert row.history_change_reason == "Filed"
    assert row.verification_code == filed.verification_code
    assert row.filing_number == filed.filing_number


def test_codes_are_unique_and_the_database_refuses_a_second_holder():
    first, second = _filed(), _filed(dt.date(2026, 5, 9))
    assert first.verification_code != second.verification_code
    second.verification_code = first.verification_code
    with pytest.raises(ValidationError):
        second.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_a_contract_registered_from_the_ledger_with_its_filing_number_gets_a_code():
    data = {
        "enterprise": f.enterprise(),
        "title": "2025年集体合同",
        "starts_on": dt.date(2025, 1, 1),
        "ends_on": dt.date(2027, 12, 31),
        "as_of": dt.date(2026, 11, 21),
    }
    filed, _ = services.contract_register_existing(
        data={**data, "filing_number": "甲工集备〔2025〕7号"}
    )
    unfiled, _ = services.contract_register_existing(data={**data, "enterprise": f.enterprise()})
    assert code_read(filed.verification_code) == filed.verification_code
    assert unfiled.verification_code == ""
    # Registering the same row again keeps its code (the import is idempotent).
    again, created = services.contract_register_existing(
        data={**data, "filing_number": "甲工集备〔2025〕7号"}
    )
    assert not created and again.verification_code == filed.verification_code
    assert filed.history.count() == 1


def test_an_amendment_starts_without_the_old_versions_code():
    old = _filed()
    new = services.contract_amend(
        contract_id=old.pk, changes={"wage_growth_pct": 9}, amended_on=dt.date(2026, 9, 1)
    )
    old.refresh_from_db()
    assert new.verification_code == "" and new.filing_number == ""
    assert old.verification_code  # the old receipt still verifies (as replaced)
    again = services.contract_file(contract_id=new.pk, filed_on=dt.date(2026, 9, 3))
    assert again.verification_code not in ("", old.verification_code)


def test_the_migration_gives_contracts_filed_before_it_their_codes():
    filed, other = _filed(), _filed(dt.date(2026, 5, 9))
    unfiled = _effective()
    kept = other.verification_code
    # As before the migration: a filed contract without a code (no history row is written).
    Contract.objects.filter(pk=filed.pk).update(verification_code="")
    history_rows = filed.history.count()
    migration.backfill(apps, None)
    filed.refresh_from_db()
    other.refresh_from_db()
    unfiled.refresh_from_db()
    assert code_read(filed.verification_code) == filed.verification_code
    assert filed.verification_code != kept
    assert other.verification_code == kept  # a code already given stays
    assert unfiled.verification_code == ""  # not filed: no receipt
    assert filed.history.count() == history_rows


def test_the_new_history_column_is_registered_with_the_audit_chain():
    _filed()
    with connection.cursor() as cursor:
        # Registered with "", the value rows written before the column was added hold.
        cursor.execute(
            "SELECT unset = '\"\"'::jsonb FROM compliance_auditcolumn"
            " WHERE table_name = 'compliance_historicalcontract'"
            " AND column_name = 'verification_code'"
        )
        assert cursor.fetchone() == (True,)
    assert audit_trail_verify().intact
