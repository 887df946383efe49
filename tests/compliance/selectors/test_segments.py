import datetime as dt
import random
from dataclasses import fields

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.models import Contract, Instructor, PerformanceReport
from compliance.rules.figures import DIMENSIONS, Figures, figures_sum
from compliance.selectors.segments import segment_figures
from compliance.selectors.statistics import federation_statistics
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")
AS_OF = dt.date(2026, 11, 21)
_STATUSES = ["draft", "effective", "effective", "expired", "terminated"]


def _random_ledger(rng: random.Random) -> None:
    enterprises = [
        f.enterprise(
            employees=rng.choice([5, 60, 99, 100, 400]),
            union_established=rng.random() < 0.8,
            union_members=3,
            region_code=rng.choice(["230803", "230804", "230811"]),
            industry=rng.choice(["C", "F", "I"]),
            ownership=rng.choice(["state", "private", "foreign"]),
            above_designated_size=rng.choice([True, False, None]),
            head_model_worker=rng.random() < 0.1,
        )
        for _ in range(15)
    ]
    contracts = []
    for _ in range(30):
        starts = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(0, 3 * 365))
        status = rng.choice(_STATUSES)
        contract = Contract.objects.create(
            enterprise=rng.choice(enterprises),
            title="合同",
            scope=rng.choice(["single", "single", "regional"]),
            status=status,
            starts_on=starts,
            ends_on=starts + dt.timedelta(days=rng.choice([30, 364, 700])),
            signed_on=starts - dt.timedelta(days=rng.randrange(0, 60)),
            effective_on=None if status == "draft" else starts,
            submitted_in_time=rng.choice([True, False, None]),
        )
        if contract.scope == "regional":
            contract.covered_enterprises.set(rng.sample(enterprises, 3))
        if rng.random() < 0.3:
            PerformanceReport.objects.create(
                contract=contract, year=2025, reported_on=dt.date(2026, 3, 1)
            )
        if contracts and rng.random() < 0.3:
            predecessor = rng.choice(contracts)
            if not Contract.objects.filter(predecessor=predecessor, relation="renewal").exists():
                contract.predecessor, contract.relation = predecessor, "renewal"
                contract.save()
        contracts.append(contract)


@pytest.mark.parametrize("seed", [1, 2])
def test_the_whole_federation_matches_federation_statistics(seed):
    _random_ledger(random.Random(seed))
    for day in (dt.date(2025, 3, 31), dt.date(2026, 1, 1), AS_OF):
        stats = federation_statistics(as_of=day)
        total = segment_figures(as_of=day)[("all", "")]
        assert total.coverage() == (
            type(total.coverage())(stats.coverage.numerator, stats.coverage.denominator)
        )
        assert total.employees_covered == stats.employees_covered
        assert (total.renewed_r12, total.expired_r12) == (
            stats.renewal.numerator,
            stats.renewal.denominator,
        )
        assert (total.in_time_r12, total.signed_r12) == (
            stats.submission.numerator,
            stats.submission.denominator,
        )
        assert (total.reported, total.in_force) == (
            stats.performance_report.numerator,
            stats.performance_report.denominator,
        )
        assert (total.key_covered, total.key_enterprises) == (
            stats.key_enterprise_coverage.numerator,
            stats.key_enterprise_coverage.denominator,
        )


@pytest.mark.parametrize("seed", [3, 4])
def test_each_dimension_sums_to_the_whole(seed):
    _random_ledger(random.Random(seed))
    segments = segment_figures(as_of=AS_OF)
    total = segments[("all", "")]
    counted = [f.name for f in fields(Figures) if not f.name.startswith(("instructor", "whole"))]
    for dimension in DIMENSIONS[1:]:
        summed = figures_sum(v for (d, _s), v in segments.items() if d == dimension)
        for name in counted:
            assert getattr(summed, name) == getattr(total, name), (dimension, name)


def test_segments_follow_the_ledger():
    state = f.enterprise(employees=300, ownership="state", region_code="230804")
    f.enterprise(employees=20, union_members=10, ownership="private", above_designated_size=True)
    Contract.objects.create(
        enterprise=state,
        title="合同",
        status="effective",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2028, 12, 31),
        effective_on=dt.date(2026, 1, 1),
        signed_on=dt.date(2025, 12, 20),
        submitted_in_time=True,
    )
    segments = segment_figures(as_of=AS_OF)
    assert segments[("ownership", "state")].coverage().percent == 100
    assert segments[("ownership", "private")].coverage().percent == 0
    assert segments[("region", "230804")].employees_covered == 300
    assert segments[("size", "100plus")].key_covered == 1
    assert segments[("size", "under100")].enterprises == 1
    assert segments[("designated", "yes")].enterprises == 1
    assert segments[("designated", "unknown")].enterprises == 1
    # Signed 2025-12-20: in the trailing twelve months, not in the calendar year 2026.
    assert (segments[("all", "")].signed_r12, segments[("all", "")].signed_year) == (1, 0)


def test_instructors_count_in_the_whole_only():
    teacher = Instructor.objects.create(name="周敏")
    r = f.round_at("effective")
    r.instructor = teacher
    r.save()
    segments = segment_figures(as_of=AS_OF)
    assert (segments[("all", "")].instructors, segments[("all", "")].whole_rounds) == (1, 1)
    assert all(v.instructors == 0 for (d, _s), v in segments.items() if d != "all")


def test_query_count_does_not_grow_with_the_ledger():
    def count():
        with CaptureQueriesContext(connection) as ctx:
            segment_figures(as_of=AS_OF)
        return len(ctx.captured_queries)

    count()
    small = count()
    _random_ledger(random.Random(5))
    assert count() == small == 5  # enterprises, contracts, the funnel, instructors, answers


def test_many_days_at_once_match_one_day_at_a_time():
    from compliance.selectors.segments import segment_figures_on

    _random_ledger(random.Random(6))
    teacher = Instructor.objects.create(name="周敏")
    r = f.round_at("effective")
    r.instructor = teacher
    r.save()
    days = [dt.date(2024, 2, 29), dt.date(2025, 6, 30), dt.date(2025, 12, 31), AS_OF]
    together = segment_figures_on(days=days)
    for day in days:
        assert together[day] == segment_figures(as_of=day), day
