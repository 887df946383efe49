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
from compliance.selectors.instructors import instructor_target, whole_rounds_q

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


# The figures are kept as a log of daily changes by database triggers (migration
# 0009_statistics_facts, docs/architecture.md "Statistics"): a figure on day D is the sum of the
# changes logged up to D, whatever the size of the ledger. Figure numbers as in the migration.
_FIGURES_SQL = """
SELECT metric,
    coalesce(sum(delta) FILTER (WHERE day <= %(day)s), 0) AS on_day,
    coalesce(sum(delta) FILTER (WHERE day < %(day)s), 0) AS before_day,
    coalesce(sum(delta) FILTER (WHERE day < %(start)s), 0) AS before_start
FROM compliance_statdelta
WHERE day <= %(day)s
GROUP BY metric
"""
(
    UNIONISED_COVERED,
    EMPLOYEES_COVERED,
    KEY_OWN,
    IN_FORCE,
    REPORTED,
    EXPIRED,
    RENEWED,
    SIGNED_SUBMITTED,
    IN_TIME,
) = range(3, 12)

# Unionised and key enterprises are the ledger's present state: one scan, no history needed.
_LEDGER_SQL = """
SELECT count(*) FILTER (WHERE union_established),
    count(*) FILTER (WHERE employees >= %(key_employees)s OR fortune500_investor
                     OR head_npc_deputy OR head_cppcc_member OR head_model_worker)
FROM compliance_enterprise
"""

# Signed contracts not yet submitted count as signed once their submission deadline has passed;
# they are few (a partial index), so they are read directly.
_OVERDUE_UNSUBMITTED_SQL = """
SELECT count(*)
FROM compliance_contract c
JOIN compliance_bargaininground br ON br.id = c.round_id
WHERE c.submitted_in_time IS NULL AND c.signed_on >= %(start)s AND c.signed_on <= %(day)s
  AND br.submission_due < %(day)s
"""


def federation_statistics(*, as_of: dt.date) -> Statistics:
    """Four queries, whatever the size of the ledger."""
    period_start = add_months(as_of, -12) + dt.timedelta(days=1)
    params = {"day": as_of, "start": period_start}
    with connection.cursor() as cursor:
        cursor.execute(_FIGURES_SQL, params)
        figures = {row[0]: row[1:] for row in cursor.fetchall()}
        cursor.execute(_OVERDUE_UNSUBMITTED_SQL, params)
        (overdue_unsubmitted,) = cursor.fetchone()
        cursor.execute(_LEDGER_SQL, {"key_employees": KEY_EMPLOYEE_THRESHOLD})
        unionised, key = cursor.fetchone()

    def on_day(metric: int) -> int:
        return int(figures.get(metric, (0, 0, 0))[0])

    def since_start(metric: int, *, inclusive: bool) -> int:
        on, before, before_start = figures.get(metric, (0, 0, 0))
        return int((on if inclusive else before) - before_start)

    instructors = tuple(
        Instructor.objects.filter(active=True)
        .annotate(
            whole=Count(
                "rounds", filter=whole_rounds_q(year=as_of.year, up_to=as_of, prefix="rounds__")
            )
        )
        .order_by("-whole", "name")
        .values_list("name", "whole")
    )
    target = instructor_target() if instructors else 0  # the profile, only when someone counts
    return Statistics(
        as_of=as_of,
        period_start=period_start,
        unionised_enterprises=unionised,
        coverage=Ratio(on_day(UNIONISED_COVERED), unionised),
        employees_covered=on_day(EMPLOYEES_COVERED),
        renewal=Ratio(since_start(RENEWED, inclusive=False), since_start(EXPIRED, inclusive=False)),
        submission=Ratio(
            since_start(IN_TIME, inclusive=True),
            since_start(SIGNED_SUBMITTED, inclusive=True) + overdue_unsubmitted,
        ),
        performance_report=Ratio(on_day(REPORTED), on_day(IN_FORCE)),
        key_enterprise_coverage=Ratio(on_day(KEY_OWN), key),
        instructors=instructors,
        instructors_meeting_target=sum(1 for _n, whole in instructors if whole >= target),
    )
