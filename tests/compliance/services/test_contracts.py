import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from compliance.models import Contract
from compliance.services import contracts as services
from compliance.tasks import bargaining_daily_sweep
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")


def _effective():
    return f.round_at("effective").contract


def test_filing_numbers_are_sequential_per_year_with_the_short_name():
    first = services.contract_file(contract_id=_effective().pk, filed_on=dt.date(2026, 5, 8))
    second = services.contract_file(contract_id=_effective().pk, filed_on=dt.date(2026, 5, 9))
    assert first.filing_number == "甲工集备〔2026〕1号"
    assert second.filing_number == "甲工集备〔2026〕2号"


def test_filing_twice_is_refused(english):
    contract = services.contract_file(contract_id=_effective().pk, filed_on=dt.date(2026, 5, 8))
    with pytest.raises(ValidationError, match="Already filed"):
        services.contract_file(contract_id=contract.pk, filed_on=dt.date(2026, 5, 9))


def test_draft_cannot_be_published_or_filed(english):
    draft = f.round_at("signed").contract
    with pytest.raises(ValidationError, match="effective"):
        services.contract_publish(
            contract_id=draft.pk, published_on=dt.date(2026, 5, 1), publish_publicly=True
        )
    with pytest.raises(ValidationError, match="effective"):
        services.contract_file(contract_id=draft.pk, filed_on=dt.date(2026, 5, 1))


def test_publication_before_effect_is_refused(english):
    contract = _effective()
    with pytest.raises(ValidationError, match="before it is effective"):
        services.contract_publish(
            contract_id=contract.pk, published_on=dt.date(2026, 4, 1), publish_publicly=False
        )


def test_termination_keeps_the_record_and_needs_a_reason(english):
    contract = _effective()
    with pytest.raises(ValidationError, match="reason"):
        services.contract_terminate(
            contract_id=contract.pk, ended_on=dt.date(2026, 8, 1), reason=""
        )
    services.contract_terminate(
        contract_id=contract.pk, ended_on=dt.date(2026, 8, 1), reason="企业注销"
    )
    contract.refresh_from_db()
    assert contract.status == "terminated"
    assert contract.history.filter(status="effective").exists()


def test_amendment_is_a_new_version_superseding_the_old():
    contract = _effective()
    contract.clauses.create(order=1, topic="wages", text="职工工资年增长不低于8%")
    new = services.contract_amend(
        contract_id=contract.pk, changes={"wage_growth_pct": 9}, amended_on=dt.date(2026, 9, 1)
    )
    contract.refresh_from_db()
    assert contract.status == "superseded"
    assert new.predecessor == contract and new.relation == "amendment"
    assert new.status == "effective" and new.wage_growth_pct == 9
    assert list(new.clauses.values_list("text", flat=True)) == ["职工工资年增长不低于8%"]


def test_sweep_expires_contracts_after_their_last_day():
    contract = _effective()  # ends 2029-04-30
    services.contracts_sweep(today=dt.date(2029, 4, 30))
    contract.refresh_from_db()
    assert contract.status == "effective"
    services.contracts_sweep(today=dt.date(2029, 5, 1))
    contract.refresh_from_db()
    assert contract.status == "expired"


def test_renewal_reminder_opens_with_the_window_once():
    contract = _effective()  # window opens 2029-01-30 (3 months, R29)
    assert services.contracts_sweep(today=dt.date(2029, 1, 29))["renewal_reminders"] == 0
    assert services.contracts_sweep(today=dt.date(2029, 1, 30))["renewal_reminders"] == 1
    assert services.contracts_sweep(today=dt.date(2029, 1, 31))["renewal_reminders"] == 0
    contract.refresh_from_db()
    assert contract.renewal_reminded_on == dt.date(2029, 1, 30)


def test_daily_task_is_idempotent():
    offered = f.offered_round()
    submitted = f.round_at("submitted")
    first = bargaining_daily_sweep.apply(kwargs={"today": "2026-05-06"}).get()
    second = bargaining_daily_sweep.apply(kwargs={"today": "2026-05-06"}).get()
    assert first["no_reply"] == 1 and first["effective"] == 1
    assert second["no_reply"] == 0 and second["effective"] == 0
    offered.refresh_from_db()
    submitted.refresh_from_db()
    assert offered.status == "no_reply"
    assert submitted.contract.status == "effective"
    assert Contract.objects.filter(status="effective").count() == 1


def test_register_existing_is_idempotent_by_filing_number():
    ent = f.enterprise()
    data = {
        "enterprise": ent,
        "title": "2025年集体合同",
        "starts_on": dt.date(2025, 1, 1),
        "ends_on": dt.date(2027, 12, 31),
        "filing_number": "甲工集备〔2025〕7号",
        "covered_employees": 150,
        "as_of": dt.date(2026, 11, 21),
    }
    contract, created = services.contract_register_existing(data=data)
    again, created_again = services.contract_register_existing(data=data)
    assert created and not created_again and again.pk == contract.pk
    assert contract.status == "effective"
    assert contract.history.count() == 1
