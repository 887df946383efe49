"""The figures federations report (DOMAIN.md §5), for any as-of date, in a constant number of
queries whatever the number of enterprises and contracts."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q, Sum

from compliance.models import Contract, Enterprise, Instructor, PerformanceReport
from compliance.models.enterprises import KEY_EMPLOYEE_THRESHOLD

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
    """Contracts in force on `day`: effective then, within term, not yet ended."""
    return (
        Q(status__in=_WAS_EFFECTIVE, effective_on__lte=day, ends_on__gte=day)
        & (Q(ended_on__isnull=True) | Q(ended_on__gt=day))
        & ~Q(successors__relation=Contract.Relation.AMENDMENT, successors__effective_on__lte=day)
    )


def federation_statistics(*, as_of: dt.date) -> Statistics:
    """Four queries, whatever the size of the ledger."""
    period_start = as_of.replace(year=as_of.year - 1) + dt.timedelta(days=1)
    in_force = Contract.objects.filter(effective_on(as_of))
    covering = Exists(in_force.filter(enterprise=OuterRef("pk"))) | Exists(
        in_force.filter(covered_enterprises=OuterRef("pk"))
    )
    own = Exists(in_force.filter(enterprise=OuterRef("pk"), scope="single"))
    is_key = (
        Q(employees__gte=KEY_EMPLOYEE_THRESHOLD)
        | Q(fortune500_investor=True)
        | Q(head_npc_deputy=True)
        | Q(head_cppcc_member=True)
        | Q(head_model_worker=True)
    )
    ledger = Enterprise.objects.aggregate(
        unionised=Count("pk", filter=Q(union_established=True)),
        unionised_covered=Count("pk", filter=Q(union_established=True) & Q(covering)),
        employees_covered=Sum("employees", filter=Q(covering)),
        key=Count("pk", filter=is_key),
        key_own=Count("pk", filter=is_key & Q(own)),
    )
    renewed = Exists(
        Contract.objects.filter(
            predecessor=OuterRef("pk"),
            relation=Contract.Relation.RENEWAL,
            signed_on__lte=OuterRef("ends_on"),
        )
    )
    expired_in_period = Q(ends_on__gte=period_start, ends_on__lt=as_of)
    period = Contract.objects.aggregate(
        expired=Count("pk", filter=expired_in_period),
        renewed=Count("pk", filter=expired_in_period & Q(renewed)),
        signed=Count("pk", filter=Q(signed_on__gte=period_start, signed_on__lte=as_of)),
        in_time=Count(
            "pk",
            filter=Q(signed_on__gte=period_start, signed_on__lte=as_of, submitted_in_time=True),
        ),
    )
    reported = Exists(
        PerformanceReport.objects.filter(contract=OuterRef("pk"), year=as_of.year - 1)
    )
    reports = in_force.aggregate(total=Count("pk"), reported=Count("pk", filter=Q(reported)))
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
        performance_report=Ratio(reports["reported"], reports["total"]),
        key_enterprise_coverage=Ratio(ledger["key_own"], ledger["key"]),
        instructors=instructors,
        instructors_meeting_target=sum(
            1 for _n, whole in instructors if whole >= INSTRUCTOR_TARGET
        ),
    )
