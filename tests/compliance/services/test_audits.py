import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from compliance.models import AuditCheck, RuleParameter
from compliance.services import audits
from compliance.services.contracts import contract_register_existing, contract_terminate
from compliance.tasks import audits_daily
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")
TODAY = dt.date(2026, 11, 21)
GOOD = {"parties": 90, "procedure": 90, "content": 85, "performance": 85, "effect": 80}
POOR = {"parties": 70, "procedure": 60, "content": 80, "performance": 70, "effect": 60}


def _contract(start=dt.date(2026, 1, 1), end=dt.date(2028, 12, 31)):
    return contract_register_existing(
        data={
            "enterprise": f.enterprise(),
            "title": "集体合同",
            "starts_on": start,
            "ends_on": end,
            "as_of": TODAY,
        }
    )[0]


def _levels():
    return sorted(AuditCheck.objects.values_list("level", "due_on"))


def test_checks_appear_for_an_effective_contract_once():
    contract = _contract()
    first = audits_daily.apply(kwargs={"today": TODAY.isoformat()}).get()
    second = audits_daily.apply(kwargs={"today": TODAY.isoformat()}).get()
    assert second["scheduled"] == 0
    due = _levels()
    # Quarterly (enterprise group) from 2026-01-01 up to a month ahead, half-yearly, yearly.
    assert ("enterprise", dt.date(2026, 4, 1)) in due and (
        "enterprise",
        dt.date(2026, 10, 1),
    ) in due
    assert ("industry", dt.date(2026, 7, 1)) in due
    assert ("enterprise", dt.date(2027, 1, 1)) not in due  # more than a month ahead
    assert first["scheduled"] == len(due) == AuditCheck.objects.filter(contract=contract).count()


def test_the_schedule_reaches_the_yearly_checks_as_they_come_due():
    _contract()
    audits.audits_schedule(today=dt.date(2026, 12, 15))
    assert ("federation", dt.date(2027, 1, 1)) in _levels()
    assert ("report", dt.date(2027, 1, 1)) in _levels()


def test_the_unique_constraint_not_luck_prevents_doubles():
    contract = _contract()
    audits.audits_schedule(today=TODAY)
    check = AuditCheck.objects.filter(contract=contract).first()
    with pytest.raises(ValidationError):
        AuditCheck(contract=contract, level=check.level, due_on=check.due_on).full_clean()


def test_checks_stop_when_the_contract_ends():
    contract = _contract()
    audits.audits_schedule(today=dt.date(2026, 12, 15))
    contract_terminate(contract_id=contract.pk, ended_on=dt.date(2026, 12, 1), reason="企业注销")
    cancelled = audits.audits_close(today=dt.date(2026, 12, 15))
    assert cancelled == AuditCheck.objects.filter(status="cancelled").count() > 0
    assert not AuditCheck.objects.filter(
        status="scheduled", due_on__gt=dt.date(2026, 12, 1)
    ).exists()
    assert AuditCheck.objects.filter(status="scheduled", due_on__lte=dt.date(2026, 12, 1)).exists()
    audits.audits_schedule(today=dt.date(2026, 12, 16))  # a terminated contract gets no new ones
    assert not AuditCheck.objects.filter(
        status="scheduled", due_on__gt=dt.date(2026, 12, 1)
    ).exists()


def test_recording_a_check_scores_it_against_the_pass_line():
    _contract()
    audits.audits_schedule(today=TODAY)
    check = AuditCheck.objects.first()
    done = audits.audit_record(
        check_id=check.pk, done_on=TODAY, checker="企业监督小组", scores=GOOD
    )
    assert done.status == "done" and done.passed and str(done.total) == "86.00"
    assert done.history.filter(status="done").exists()


def test_weights_and_pass_line_are_the_federations():
    RuleParameter.objects.filter(key="audit_pass_line").update(value="90")
    _contract()
    audits.audits_schedule(today=TODAY)
    check = AuditCheck.objects.first()
    assert (
        audits.audit_record(check_id=check.pk, done_on=TODAY, checker="x", scores=GOOD).passed
        is False
    )


def test_a_failed_check_opens_one_case(english):
    _contract()
    audits.audits_schedule(today=TODAY)
    passed_check, failed_check = AuditCheck.objects.all()[:2]
    audits.audit_record(check_id=passed_check.pk, done_on=TODAY, checker="x", scores=GOOD)
    with pytest.raises(ValidationError, match="Only a failed"):
        audits.audit_open_case(check_id=passed_check.pk, opened_on=TODAY)
    audits.audit_record(
        check_id=failed_check.pk,
        done_on=TODAY,
        checker="x",
        scores=POOR,
        findings="工资增幅条款未兑现",
    )
    case = audits.audit_open_case(check_id=failed_check.pk, opened_on=TODAY)
    assert case.source == "audit_finding" and case.source_check_id == failed_check.pk
    assert audits.audit_open_case(check_id=failed_check.pk, opened_on=TODAY) == case


def _report_check(contract):
    audits.audits_schedule(today=TODAY)
    return AuditCheck.objects.get(contract=contract, level="report")


def test_a_report_check_records_the_report_the_veto_and_the_report_rate_read():
    # Issue 15: the clerk records the report once, on its check; the award veto and the
    # statistics read that same fact.
    from compliance.selectors.awards import veto_facts
    from compliance.selectors.statistics import federation_statistics

    contract = _contract(start=dt.date(2025, 1, 1))
    check = _report_check(contract)
    assert check.due_on == dt.date(2026, 1, 1)
    as_of = dt.date(2026, 3, 1)
    facts = veto_facts(
        enterprises=[contract.enterprise],
        as_of=as_of,
        complete_kinds=frozenset(),
        earliest=as_of,
    )[contract.enterprise_id]
    assert facts.last_year_report is False  # not reported: the veto would apply
    before = federation_statistics(as_of=as_of).performance_report

    done = audits.audit_record(
        check_id=check.pk, done_on=dt.date(2026, 1, 20), checker="职代会", scores=GOOD
    )
    report = done.report
    assert (report.contract_id, report.year, report.reported_on) == (
        contract.pk,
        2025,  # the year before the report, as the form proposes
        dt.date(2026, 1, 20),
    )
    assert report.history.count() == 1
    facts = veto_facts(
        enterprises=[contract.enterprise],
        as_of=as_of,
        complete_kinds=frozenset(),
        earliest=as_of,
    )[contract.enterprise_id]
    assert facts.last_year_report is True
    after = federation_statistics(as_of=as_of).performance_report
    assert after.numerator == before.numerator + 1


def test_a_report_entered_on_the_contract_closes_its_check_and_is_not_entered_twice(english):
    from compliance.models import PerformanceReport
    from compliance.services.contracts import contract_report_record

    contract = _contract(start=dt.date(2025, 1, 1))
    check = _report_check(contract)
    report = contract_report_record(
        contract_id=contract.pk, year=2025, reported_on=dt.date(2026, 2, 10)
    )
    check.refresh_from_db()
    assert check.status == "done" and check.report == report
    assert check.done_on == dt.date(2026, 2, 10) and check.total is None
    assert "recorded on the contract" in check.history.first().history_change_reason
    assert PerformanceReport.objects.filter(contract=contract).count() == 1


def test_a_report_outside_half_a_year_of_a_check_leaves_it_open():
    from compliance.services.contracts import contract_report_record

    contract = _contract(start=dt.date(2025, 1, 1))
    check = _report_check(contract)  # due 2026-01-01
    contract_report_record(contract_id=contract.pk, year=2025, reported_on=dt.date(2026, 7, 5))
    check.refresh_from_db()
    assert check.status == "scheduled" and check.report is None


def test_a_second_check_cannot_record_the_same_years_report(english):
    contract = _contract(start=dt.date(2024, 12, 1), end=dt.date(2027, 11, 30))
    audits.audits_schedule(today=TODAY)
    first, second = AuditCheck.objects.filter(contract=contract, level="report").order_by("due_on")[
        :2
    ]
    audits.audit_record(
        check_id=first.pk, done_on=dt.date(2025, 12, 10), checker="职代会", scores=GOOD
    )
    with pytest.raises(ValidationError, match="already recorded with the check due 2025-12-01"):
        audits.audit_record(
            check_id=second.pk,
            done_on=dt.date(2026, 12, 10),
            checker="职代会",
            scores=GOOD,
            report_year=2024,
        )
    done = audits.audit_record(
        check_id=second.pk, done_on=dt.date(2026, 12, 10), checker="职代会", scores=GOOD
    )
    assert done.report.year == 2025


def test_the_migration_gives_reports_recorded_before_it_their_report():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("compliance.migrations.0015_audit_check_report")
    contract = _contract(start=dt.date(2025, 1, 1))
    check = _report_check(contract)
    AuditCheck.objects.filter(pk=check.pk).update(status="done", done_on=dt.date(2026, 1, 9))
    migration.link_recorded_reports(apps, None)
    check.refresh_from_db()
    assert (check.report.year, check.report.reported_on) == (2025, dt.date(2026, 1, 9))
    migration.link_recorded_reports(apps, None)  # run again: nothing doubles
    assert contract.performance_reports.count() == 1
