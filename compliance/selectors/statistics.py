"""The figures federations report (DOMAIN.md §5), for any as-of date, in a constant number of
queries whatever the number of enterprises and contracts."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q

from compliance.models import Contract, Instructor
from compliance.models.enterprises import KEY_EMPLOYEE_THRESHOLD
from compliance.rules.deadlines import add_months

INSTRUCTOR_TARGET = 4  # whole rounds a year (R54, seed 004)
_WAS_EFFECTIVE = (
    Contract.Status.EFFECTIVE,
    Contract.Status.EXPIRED,
    Contract.Status.TERMINATED,
    Contract.Status.SUPERSEDED,
)


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        if not self.denominator:
            return None
        value = Decimal(self.numerator * 100) / Decimal(self.denominator)
        return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Statistics:
    as_of: dt.date
    period_start: dt.date
    unionised_enterprises: int
    coverage: Ratio  # 建制率
    employees_covered: int  # 覆盖职工
    renewal: Ratio  # 续签率
    submission: Ratio  # 报审率
    performance_report: Ratio  # 履约报告率
    key_enterprise_coverage: Ratio
    instructors: tuple[tuple[str, int], ...]  # (name, whole rounds in the as-of year)
    instructors_meeting_target: int

    def as_dict(self) -> dict:
        data = asdict(self)
        for key, value in list(data.items()):
            if isinstance(getattr(self, key), Ratio):
                ratio = getattr(self, key)
                data[key] = {
                    **value,
                    "percent": None if ratio.percent is None else str(ratio.percent),
                }
        data["as_of"] = self.as_of.isoformat()
        data["period_start"] = self.period_start.isoformat()
        data["instructors"] = [{"name": n, "rounds": r} for n, r in self.instructors]
        return data


def effective_on(day: dt.date) -> Q:
    """Contracts in force on `day`: effective then, within term, not ended, not yet replaced by
    an amendment effective by then (one and the same successor: an explicit Exists)."""
    amended = Contract.objects.filter(
        predecessor=OuterRef("pk"),
        relation=Contract.Relation.AMENDMENT,
        effective_on__lte=day,
    )
    return (
        Q(status__in=_WAS_EFFECTIVE, effective_on__lte=day, ends_on__gte=day)
        & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        & ~Q(Exists(amended))
    )


# Set-based SQL: the in-force contracts are computed once (a materialised CTE) and joined,
# instead of one correlated subquery per enterprise; see bench/bench_statistics.py.
_LEDGER_SQL = """
WITH in_force AS MATERIALIZED (
    SELECT c.id, c.enterprise_id, c.scope
    FROM compliance_contract c
    WHERE c.status = ANY(%(statuses)s) AND c.effective_on <= %(day)s AND c.ends_on >= %(day)s
      AND (c.ended_on IS NULL OR c.ended_on > %(day)s)
      AND NOT EXISTS (
          SELECT 1 FROM compliance_contract a
          WHERE a.predecessor_id = c.id AND a.relation = 'amendment' AND a.effective_on <= %(day)s
      )
), flags AS (
    -- one row per enterprise with a contract in force: own (single-scope) or covered
    SELECT enterprise_id, bool_or(own) AS own
    FROM (
        SELECT enterprise_id, scope = 'single' AS own FROM in_force
        UNION ALL
        SELECT ce.enterprise_id, false
        FROM compliance_contract_covered_enterprises ce JOIN in_force f ON f.id = ce.contract_id
    ) AS coverage
    GROUP BY enterprise_id
), ledger AS (
    SELECT
        count(*) FILTER (WHERE e.union_established) AS unionised,
        count(*) FILTER (WHERE e.union_established AND fl.enterprise_id IS NOT NULL)
            AS unionised_covered,
        coalesce(sum(e.employees) FILTER (WHERE fl.enterprise_id IS NOT NULL), 0)
            AS employees_covered,
        count(*) FILTER (WHERE %(key)s) AS key,
        count(*) FILTER (WHERE %(key)s AND fl.own) AS key_own
    FROM compliance_enterprise e
    LEFT JOIN flags fl ON fl.enterprise_id = e.id
), reports AS (
    SELECT count(*) AS total, count(r.contract_id) AS reported
    FROM in_force f
    LEFT JOIN compliance_performancereport r  -- one report per contract and year (a constraint)
        ON r.contract_id = f.id AND r.year = %(last_year)s
)
SELECT ledger.*, reports.* FROM ledger, reports
"""
_KEY_SQL = (
    "(e.employees >= {n} OR e.fortune500_investor OR e.head_npc_deputy OR e.head_cppcc_member"
    " OR e.head_model_worker)"
)

_PERIOD_SQL = """
SELECT
    count(*) FILTER (WHERE c.ends_on >= %(start)s AND c.ends_on < %(day)s) AS expired,
    count(*) FILTER (WHERE c.ends_on >= %(start)s AND c.ends_on < %(day)s
                     AND renewal.id IS NOT NULL) AS renewed,
    count(*) FILTER (WHERE c.signed_on >= %(start)s AND c.signed_on <= %(day)s
                     AND (c.submitted_in_time IS NOT NULL OR br.submission_due < %(day)s))
        AS signed,
    count(*) FILTER (WHERE c.signed_on >= %(start)s AND c.signed_on <= %(day)s
                     AND c.submitted_in_time) AS in_time
FROM compliance_contract c
LEFT JOIN compliance_bargaininground br ON br.id = c.round_id
LEFT JOIN compliance_contract renewal
    ON renewal.predecessor_id = c.id AND renewal.relation = 'renewal'
   AND renewal.signed_on <= c.ends_on  -- at most one renewal per contract (a constraint)
WHERE (c.ends_on >= %(start)s AND c.ends_on < %(day)s)
   OR (c.signed_on >= %(start)s AND c.signed_on <= %(day)s)
"""


def _fetch(sql: str, params: dict) -> dict:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        columns = [col.name for col in cursor.description]
        return dict(zip(columns, cursor.fetchone(), strict=True))


def federation_statistics(*, as_of: dt.date) -> Statistics:
    """Three queries, whatever the size of the ledger."""
    period_start = add_months(as_of, -12) + dt.timedelta(days=1)
    ledger = _fetch(
        _LEDGER_SQL.replace("%(key)s", _KEY_SQL.format(n=int(KEY_EMPLOYEE_THRESHOLD))),
        {"statuses": list(_WAS_EFFECTIVE), "day": as_of, "last_year": as_of.year - 1},
    )
    period = _fetch(_PERIOD_SQL, {"start": period_start, "day": as_of})
    year_start, year_end = dt.date(as_of.year, 1, 1), dt.date(as_of.year, 12, 31)
    instructors = tuple(
        Instructor.objects.filter(active=True)
        .annotate(
            whole=Count(
                "rounds",
                filter=Q(
                    rounds__status="effective",
                    rounds__effective_date__gte=year_start,
                    rounds__effective_date__lte=min(year_end, as_of),
                ),
            )
        )
        .order_by("-whole", "name")
        .values_list("name", "whole")
    )
    return Statistics(
        as_of=as_of,
        period_start=period_start,
        unionised_enterprises=ledger["unionised"],
        coverage=Ratio(ledger["unionised_covered"], ledger["unionised"]),
        employees_covered=ledger["employees_covered"] or 0,
        renewal=Ratio(period["renewed"], period["expired"]),
        submission=Ratio(period["in_time"], period["signed"]),
        performance_report=Ratio(ledger["reported"], ledger["total"]),
        key_enterprise_coverage=Ratio(ledger["key_own"], ledger["key"]),
        instructors=instructors,
        instructors_meeting_target=sum(
            1 for _n, whole in instructors if whole >= INSTRUCTOR_TARGET
        ),
    )
