"""The trigger-maintained statistics log against an oracle computed straight from the ledger.

The oracle is the plain set-based SQL the portal used before the log existed (joins over every
enterprise and contract). Random writes through every path the database sees — ORM saves, bulk
creates, queryset updates and deletes, many-to-many changes, reports — must leave the log giving
exactly the oracle's figures on every day checked.
"""

import datetime as dt
import random

import pytest
from django.db import connection

from compliance.models import Contract, Enterprise, PerformanceReport
from compliance.rules.deadlines import add_months
from compliance.selectors.statistics import federation_statistics
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")

_WAS_EFFECTIVE = ["effective", "expired", "terminated", "superseded"]
_ORACLE_SQL = """
WITH in_force AS MATERIALIZED (
    SELECT c.id, c.enterprise_id, c.scope FROM compliance_contract c
    WHERE c.status = ANY(%(statuses)s) AND c.effective_on <= %(day)s AND c.ends_on >= %(day)s
      AND (c.ended_on IS NULL OR c.ended_on > %(day)s)
      AND NOT EXISTS (SELECT 1 FROM compliance_contract a WHERE a.predecessor_id = c.id
                      AND a.relation = 'amendment' AND a.effective_on <= %(day)s)
), flags AS (
    SELECT enterprise_id, bool_or(own) AS own FROM (
        SELECT enterprise_id, scope = 'single' AS own FROM in_force
        UNION ALL
        SELECT ce.enterprise_id, false FROM compliance_contract_covered_enterprises ce
        JOIN in_force f ON f.id = ce.contract_id
    ) AS coverage GROUP BY enterprise_id
), key AS (
    SELECT e.*, (e.employees >= 100 OR e.fortune500_investor OR e.head_npc_deputy
                 OR e.head_cppcc_member OR e.head_model_worker) AS is_key
    FROM compliance_enterprise e
)
SELECT
    (SELECT count(*) FROM key WHERE union_established),
    (SELECT count(*) FROM key e JOIN flags fl ON fl.enterprise_id = e.id
     WHERE e.union_established),
    (SELECT coalesce(sum(e.employees), 0) FROM key e JOIN flags fl ON fl.enterprise_id = e.id),
    (SELECT count(*) FROM key WHERE is_key),
    (SELECT count(*) FROM key e JOIN flags fl ON fl.enterprise_id = e.id
     WHERE e.is_key AND fl.own),
    (SELECT count(*) FROM in_force),
    (SELECT count(*) FROM in_force f JOIN compliance_performancereport r
     ON r.contract_id = f.id AND r.year = %(last_year)s),
    (SELECT count(*) FROM compliance_contract c
     WHERE c.ends_on >= %(start)s AND c.ends_on < %(day)s AND c.status = ANY(%(statuses)s)
       AND c.effective_on IS NOT NULL),
    (SELECT count(*) FROM compliance_contract c
     WHERE c.ends_on >= %(start)s AND c.ends_on < %(day)s AND c.status = ANY(%(statuses)s)
       AND c.effective_on IS NOT NULL
       AND EXISTS (SELECT 1 FROM compliance_contract r WHERE r.predecessor_id = c.id
                   AND r.relation = 'renewal' AND r.signed_on <= c.ends_on)),
    (SELECT count(*) FROM compliance_contract c
     WHERE c.signed_on >= %(start)s AND c.signed_on <= %(day)s
       AND c.submitted_in_time IS NOT NULL),
    (SELECT count(*) FROM compliance_contract c
     WHERE c.signed_on >= %(start)s AND c.signed_on <= %(day)s AND c.submitted_in_time)
"""


def _oracle(day: dt.date) -> tuple:
    start = add_months(day, -12) + dt.timedelta(days=1)
    with connection.cursor() as cursor:
        cursor.execute(
            _ORACLE_SQL,
            {"statuses": _WAS_EFFECTIVE, "day": day, "start": start, "last_year": day.year - 1},
        )
        return tuple(int(v) for v in cursor.fetchone())


def _figures(day: dt.date) -> tuple:
    s = federation_statistics(as_of=day)
    return (
        s.unionised_enterprises,
        s.coverage.numerator,
        s.employees_covered,
        s.key_enterprise_coverage.denominator,
        s.key_enterprise_coverage.numerator,
        s.performance_report.denominator,
        s.performance_report.numerator,
        s.renewal.denominator,
        s.renewal.numerator,
        s.submission.denominator,
        s.submission.numerator,
    )


def _day(rng: random.Random) -> dt.date:
    return dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(0, 9 * 365))


def _new_contract(rng, enterprises, contracts, **extra):
    starts = _day(rng)
    ends = starts + dt.timedelta(days=rng.choice([0, 30, 364, 365 * 3 - 1]))
    status = rng.choice(["draft", "effective", "effective", "expired", "terminated"])
    fields = {
        "enterprise": rng.choice(enterprises),
        "title": "合同",
        "scope": rng.choice(["single", "single", "regional", "industry"]),
        "status": status,
        "starts_on": starts,
        "ends_on": ends,
        "signed_on": starts - dt.timedelta(days=rng.randrange(0, 60)),
        "effective_on": None if status == "draft" else starts,
        "submitted_in_time": rng.choice([True, False, None]),
        "ended_on": (
            starts + dt.timedelta(days=rng.randrange(0, 400)) if status == "terminated" else None
        ),
    }
    if contracts and rng.random() < 0.4:
        predecessor = rng.choice(contracts)
        relation = rng.choice(["amendment", "renewal"])
        taken = Contract.objects.filter(predecessor=predecessor, relation="renewal").exists()
        if relation == "amendment" or not taken:
            fields.update(predecessor=predecessor, relation=relation)
    fields.update(extra)
    return fields


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_log_matches_the_oracle_after_random_writes(seed):
    rng = random.Random(seed)
    enterprises = [
        f.enterprise(
            employees=rng.choice([5, 60, 99, 100, 400]),
            union_established=rng.random() < 0.8,
            union_members=3,
        )
        for _ in range(12)
    ]
    contracts: list[Contract] = []
    for _step in range(60):
        action = rng.randrange(10)
        if action <= 2:  # one ORM save
            contracts.append(Contract.objects.create(**_new_contract(rng, enterprises, contracts)))
        elif action == 3:  # a bulk insert, as the importers do
            batch = [Contract(**_new_contract(rng, enterprises, [])) for _ in range(3)]
            contracts += Contract.objects.bulk_create(batch)
        elif action == 4 and contracts:  # a queryset update of dates or status
            target = rng.choice(contracts)
            Contract.objects.filter(pk=target.pk).update(
                ends_on=target.starts_on + dt.timedelta(days=rng.randrange(0, 900)),
                status=rng.choice([*_WAS_EFFECTIVE, "draft"]),
                effective_on=target.starts_on,
            )
        elif action == 5 and contracts:  # covered enterprises of a regional contract
            target = rng.choice(contracts)
            target.covered_enterprises.set(rng.sample(enterprises, rng.randrange(0, 4)))
        elif action == 6 and contracts:  # performance reports come and go
            target = rng.choice(contracts)
            year = rng.randrange(2020, 2029)
            report, created = PerformanceReport.objects.get_or_create(
                contract=target, year=year, defaults={"reported_on": dt.date(year + 1, 3, 1)}
            )
            if not created:
                report.delete()
        elif action == 7:  # ledger edits that change who is key or unionised
            target = rng.choice(enterprises)
            Enterprise.objects.filter(pk=target.pk).update(
                employees=rng.choice([10, 100, 250]),
                union_established=rng.random() < 0.7,
                head_model_worker=rng.random() < 0.2,
            )
        elif action == 8 and contracts:  # a contract deleted with its links
            target = contracts.pop(rng.randrange(len(contracts)))
            if not Contract.objects.filter(predecessor=target).exists():
                PerformanceReport.objects.filter(contract=target).delete()
                target.covered_enterprises.clear()
                target.delete()
            else:
                contracts.append(target)
        else:  # an enterprise without contracts joins or leaves the ledger
            if rng.random() < 0.5:
                enterprises.append(f.enterprise(employees=rng.choice([20, 150]), union_members=3))
            else:
                lonely = [e for e in enterprises if not e.contracts.exists()]
                if lonely and len(enterprises) > 4:
                    gone = rng.choice(lonely)
                    Contract.covered_enterprises.through.objects.filter(enterprise=gone).delete()
                    enterprises.remove(gone)
                    gone.delete()
    for day in [_day(rng) for _ in range(25)] + [dt.date(2026, 11, 21)]:
        assert _figures(day) == _oracle(day), day


def test_compaction_keeps_the_figures():
    ent = f.enterprise(employees=150)
    for year in (2021, 2024):
        Contract.objects.create(
            enterprise=ent,
            title="合同",
            status="expired",
            starts_on=dt.date(year, 1, 1),
            ends_on=dt.date(year + 2, 12, 31),
            effective_on=dt.date(year, 1, 1),
            signed_on=dt.date(year - 1, 12, 1),
            submitted_in_time=True,
        )
    days = [dt.date(2021, 6, 1), dt.date(2024, 2, 1), dt.date(2026, 11, 21)]
    before = [_figures(d) for d in days]
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM compliance_statdelta")
        (logged,) = cursor.fetchone()
        cursor.execute("SELECT compliance_stat_compact()")
        cursor.execute("SELECT count(*) FROM compliance_statdelta")
        (compacted,) = cursor.fetchone()
    assert compacted < logged
    assert [_figures(d) for d in days] == before == [_oracle(d) for d in days]


def test_rebuild_restores_a_log_lost_behind_the_triggers(fed_a):
    import io

    from django.core.management import call_command

    from compliance.tasks import statistics_compact

    ent = f.enterprise(employees=120)
    Contract.objects.create(
        enterprise=ent,
        title="合同",
        status="effective",
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2028, 12, 31),
        effective_on=dt.date(2026, 1, 1),
    )
    day = dt.date(2026, 11, 21)
    expected = _oracle(day)
    assert _figures(day) == expected
    with connection.cursor() as cursor:  # e.g. a restore with triggers disabled
        cursor.execute("DELETE FROM compliance_statdelta")
    assert _figures(day) != expected
    err = io.StringIO()
    call_command(
        "federation_stats", "--schema", "fed_a", "--rebuild", stdout=io.StringIO(), stderr=err
    )
    assert "rebuilt" in err.getvalue()
    assert _figures(day) == expected
    assert statistics_compact() > 0
    assert _figures(day) == expected
