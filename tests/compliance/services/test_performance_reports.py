"""The annual performance report submitted by the enterprise (R31, issue 17 item 9): checked,
recorded once as the same fact a clerk records, and read by the report check, the report rate
and the award veto exactly as a staff-entered report."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from compliance.models import AuditCheck, Contract, Notification, PerformanceReport
from compliance.selectors.awards import veto_facts
from compliance.selectors.statistics import federation_statistics
from compliance.services import audits
from compliance.services.contracts import (
    contract_register_existing,
    contract_report_record,
    contract_terminate,
)
from compliance.services.performance_reports import performance_report_submit
from tests.factories.compliance import enterprise
from tests.factories.enterprise_accounts import enterprise_user
from tests.factories.users import user_with_permissions

pytestmark = pytest.mark.usefixtures("in_a")
AS_OF = dt.date(2026, 3, 1)
REPORTED_ON = dt.date(2026, 1, 20)


def _pdf(name):
    return SimpleUploadedFile(name, b"%PDF-1.4 report", content_type="application/pdf")


def _contract(ent):
    return contract_register_existing(
        data={
            "enterprise": ent,
            "title": "集体合同",
            "starts_on": dt.date(2025, 1, 1),
            "ends_on": dt.date(2027, 12, 31),
            "passed_by_congress": True,
            "filed_with_department": True,
            "filing_number": f"甲工集备〔2025〕{ent.pk}号",
            "as_of": AS_OF,
        }
    )[0]


@pytest.fixture
def setting():
    ent = enterprise(name="甲企业有限公司")
    officer, _device = enterprise_user(ent, side="union")
    return ent, officer, _contract(ent)


def _submit(officer, contract, year=2025, **kwargs):
    values = {
        "reported_on": REPORTED_ON,
        "document": _pdf("履约报告.pdf"),
        "minutes": _pdf("职代会纪要.pdf"),
        **kwargs,
    }
    return performance_report_submit(user=officer, contract_id=contract.pk, year=year, **values)


def _readers(contract):
    """What the veto, the report rate and the report check read, on AS_OF."""
    facts = veto_facts(
        enterprises=[contract.enterprise], as_of=AS_OF, complete_kinds=frozenset(), earliest=AS_OF
    )[contract.enterprise_id]
    rate = federation_statistics(as_of=AS_OF).performance_report
    check = AuditCheck.objects.get(contract=contract, level="report")
    return facts.last_year_report, rate.numerator, check.status, check.report_id


def test_the_report_is_recorded_with_its_files_who_entered_it_and_why(setting, english):
    _ent, officer, contract = setting
    report = _submit(officer, contract)
    assert (report.year, report.reported_on, report.from_enterprise) == (2025, REPORTED_ON, True)
    assert report.entered_by == officer
    assert report.document.read().startswith(b"%PDF") and report.minutes
    assert "/media/" not in report.minutes.path  # private storage
    row = report.history.first()
    assert row.history_user == officer
    assert row.history_change_reason == "Performance report submitted by the enterprise"


def test_the_enterprises_report_counts_as_a_staff_one(setting):
    _ent, officer, contract = setting
    staff_ent = enterprise(name="乙企业有限公司")
    staff_contract = _contract(staff_ent)
    audits.audits_schedule(today=dt.date(2025, 12, 20))
    assert _readers(contract)[0] is False and _readers(staff_contract)[0] is False
    rate_before = _readers(contract)[1]

    _submit(officer, contract)
    clerk = user_with_permissions("clerk@a.test", "change_contract")
    contract_report_record(
        contract_id=staff_contract.pk, year=2025, reported_on=REPORTED_ON, user=clerk
    )

    ours, theirs = _readers(contract), _readers(staff_contract)
    assert ours[0] is True and theirs[0] is True  # the veto reads both
    assert ours[1] == rate_before + 2  # both count in the report rate
    assert ours[2] == theirs[2] == AuditCheck.Status.DONE  # each closes its report check
    assert ours[3] == PerformanceReport.objects.get(contract=contract).pk


def test_a_year_already_reported_is_refused_with_its_year(setting, english):
    _ent, officer, contract = setting
    contract_report_record(contract_id=contract.pk, year=2025, reported_on=REPORTED_ON)
    with pytest.raises(ValidationError, match="2025 is already recorded"):
        _submit(officer, contract)
    assert PerformanceReport.objects.count() == 1


@pytest.mark.parametrize(
    ("year", "reported_on", "words"),
    [
        (2026, dt.date(2025, 12, 30), "later year"),
        (2024, REPORTED_ON, "took effect in 2025"),
        (2025, dt.date(2099, 1, 1), "future"),
    ],
)
def test_dates_that_cannot_be_are_refused(setting, english, year, reported_on, words):
    _ent, officer, contract = setting
    with pytest.raises(ValidationError, match=words):
        _submit(officer, contract, year=year, reported_on=reported_on)
    assert not PerformanceReport.objects.exists()


def test_files_are_required_and_checked(setting, english):
    _ent, officer, contract = setting
    with pytest.raises(ValidationError, match="minutes"):
        _submit(officer, contract, minutes=None)
    fake = SimpleUploadedFile("纪要.pdf", b"MZ\x90\x00", content_type="application/pdf")
    with pytest.raises(ValidationError, match=r"纪要\.pdf"):
        _submit(officer, contract, minutes=fake)
    assert not PerformanceReport.objects.exists()


def test_another_enterprises_contract_or_one_not_in_force_is_refused(setting, english):
    _ent, officer, contract = setting
    other = _contract(enterprise(name="乙企业有限公司"))
    with pytest.raises(Contract.DoesNotExist):
        _submit(officer, other)
    contract_terminate(contract_id=contract.pk, ended_on=dt.date(2026, 2, 1), reason="企业关闭")
    with pytest.raises(ValidationError, match="in force"):
        _submit(officer, contract)


def test_without_a_round_the_administrators_are_told(setting):
    """A contract entered from the ledger has no round, so no instructor or clerk: the
    federation's administrators are told rather than nobody."""
    _ent, officer, contract = setting
    report = _submit(officer, contract)
    notes = Notification.objects.filter(key=f"performance_report:{report.pk}:submitted")
    assert "admin@a.test" in {note.recipient.username for note in notes}  # the federation's
    note = notes.first()
    assert note.link == f"/admin/contracts/inspect/{contract.pk}/"
    assert "2025" in note.text and "甲企业有限公司" in note.text
    assert not notes.filter(recipient=officer).exists()
