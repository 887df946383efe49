import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.models import Contract, Instructor, PerformanceReport
from compliance.selectors.statistics import federation_statistics
from compliance.services.contracts import contract_register_existing
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")
AS_OF = dt.date(2026, 11, 21)


def _contract(ent, start, end, **extra):
    data = {
        "enterprise": ent,
        "title": f"{ent.name}集体合同",
        "starts_on": start,
        "ends_on": end,
        "covered_employees": ent.employees,
        "as_of": AS_OF,
        **extra,
    }
    return contract_register_existing(data=data)[0]


def test_coverage_counts_unionised_enterprises_with_a_contract_in_force():
    covered = f.enterprise(employees=200, union_members=150)
    f.enterprise(employees=50, union_members=40)  # unionised, no contract
    f.enterprise(employees=30, union_established=False, union_members=0)  # not unionised
    expired = f.enterprise(employees=60, union_members=50)
    _contract(covered, dt.date(2025, 1, 1), dt.date(2027, 12, 31))
    _contract(expired, dt.date(2023, 1, 1), dt.date(2025, 12, 31))
    stats = federation_statistics(as_of=AS_OF)
    assert (stats.coverage.numerator, stats.coverage.denominator) == (1, 3)
    assert stats.coverage.percent == Decimal("33.3")
    assert stats.employees_covered == 200


def test_regional_contract_covers_each_covered_enterprise():
    lead = f.enterprise(employees=10, union_members=5)
    members = [f.enterprise(employees=40, union_members=30) for _ in range(3)]
    contract = _contract(lead, dt.date(2026, 1, 1), dt.date(2026, 12, 31), scope="regional")
    contract.covered_enterprises.set(members)
    stats = federation_statistics(as_of=AS_OF)
    assert stats.coverage.numerator == 4
    assert stats.employees_covered == 130
    # A regional contract is not a key enterprise's own contract.
    assert stats.key_enterprise_coverage.numerator == 0


def test_as_of_date_moves_the_figures():
    ent = f.enterprise()
    _contract(ent, dt.date(2026, 1, 1), dt.date(2026, 12, 31))
    assert federation_statistics(as_of=dt.date(2026, 12, 31)).coverage.numerator == 1
    assert federation_statistics(as_of=dt.date(2027, 1, 1)).coverage.numerator == 0
    assert federation_statistics(as_of=dt.date(2025, 12, 31)).coverage.numerator == 0


def test_key_enterprise_coverage_needs_its_own_contract():
    key_with = f.enterprise(employees=150)
    f.enterprise(employees=20, union_members=10, head_model_worker=True)  # key by flag, no contract
    f.enterprise(employees=20, union_members=10)  # not key
    _contract(key_with, dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    stats = federation_statistics(as_of=AS_OF)
    assert (stats.key_enterprise_coverage.numerator, stats.key_enterprise_coverage.denominator) == (
        1,
        2,
    )


def test_renewal_rate_counts_renewals_signed_before_expiry():
    renewed = _contract(f.enterprise(), dt.date(2023, 6, 1), dt.date(2026, 5, 31))
    _contract(f.enterprise(), dt.date(2023, 6, 1), dt.date(2026, 6, 30))  # not renewed
    successor = _contract(renewed.enterprise, dt.date(2026, 6, 1), dt.date(2029, 5, 31))
    successor.predecessor, successor.relation = renewed, Contract.Relation.RENEWAL
    successor.signed_on = dt.date(2026, 5, 20)
    successor.save()
    stats = federation_statistics(as_of=AS_OF)
    assert (stats.renewal.numerator, stats.renewal.denominator) == (1, 2)


def test_submission_rate_and_performance_reports():
    r = f.round_at("effective")  # signed 2026-04-10, submitted in time
    PerformanceReport.objects.create(
        contract=r.contract, year=2025, reported_on=dt.date(2026, 3, 1)
    )
    _contract(f.enterprise(), dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    stats = federation_statistics(as_of=AS_OF)
    assert (stats.submission.numerator, stats.submission.denominator) == (1, 1)
    assert (stats.performance_report.numerator, stats.performance_report.denominator) == (1, 2)


def test_instructor_participation_counts_whole_rounds_this_year():
    teacher = Instructor.objects.create(name="周敏")
    Instructor.objects.create(name="吴刚")
    r = f.round_at("effective")
    r.instructor = teacher
    r.save()
    stats = federation_statistics(as_of=AS_OF)
    assert stats.instructors[0] == ("周敏", 1)
    assert stats.instructors_meeting_target == 0


def test_empty_ledger_gives_no_rates():
    stats = federation_statistics(as_of=AS_OF)
    assert stats.coverage.percent is None
    assert stats.as_dict()["coverage"]["percent"] is None


def test_query_count_does_not_grow_with_the_ledger():
    def count():
        with CaptureQueriesContext(connection) as ctx:
            federation_statistics(as_of=AS_OF)
        return len(ctx.captured_queries)

    count()  # warm-up: the first call may load the calendar/profile caches
    small = count()
    for _ in range(15):
        ent = f.enterprise()
        _contract(ent, dt.date(2026, 1, 1), dt.date(2027, 12, 31))
    assert count() == small == 4


def test_a_contract_inside_its_submission_deadline_is_not_counted_late():
    r = f.round_at("signed")  # signed 2026-04-10, due 2026-04-20
    assert federation_statistics(as_of=dt.date(2026, 4, 20)).submission.denominator == 0
    late = federation_statistics(as_of=dt.date(2026, 4, 21)).submission
    assert (late.numerator, late.denominator) == (0, 1)
    assert r.contract.submitted_in_time is None


def test_amendment_not_yet_effective_leaves_the_contract_in_force():
    """Regression: "superseded by an amendment" must be one successor that is both an amendment
    and already effective, not any effective successor plus any amendment."""
    from compliance.services.contracts import contract_amend

    ent = f.enterprise()
    old = _contract(ent, dt.date(2025, 1, 1), dt.date(2027, 12, 31))
    renewal = _contract(ent, dt.date(2028, 1, 1), dt.date(2030, 12, 31))
    renewal.predecessor, renewal.relation, renewal.effective_on = (
        old,
        "renewal",
        dt.date(2026, 1, 1),
    )
    renewal.save()
    contract_amend(contract_id=old.pk, changes={}, amended_on=dt.date(2027, 1, 1))
    # On AS_OF the amendment (effective 2027-01-01) has not replaced the old contract yet.
    assert federation_statistics(as_of=AS_OF).coverage.numerator == 1
