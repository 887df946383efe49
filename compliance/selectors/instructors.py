"""Instructors (集体协商指导员, issues 15 and 18): who a round is proposed for, what counts as a
whole round, and the yearly assessment sheet.

Proposal (分片包干): an enterprise assigned to an instructor by name proposes that instructor;
otherwise the instructor whose areas hold the enterprise's region code, when exactly one does;
when several do, none is chosen for the clerk, but they are listed first. Only instructors who
may be proposed count: active, and with no appointment term that has ended.

A whole round (完整集体协商, R54): a round the instructor is assigned to that reached effect
(its contract effective) in the year. The figures (selectors.statistics, selectors.segments),
the instructor list, the sheet and the admin home all count with `whole_rounds_q`; the yearly
target is the rule profile's `instructor_target` (4 by default, seed 004).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import BooleanField, Count, Exists, ExpressionWrapper, OuterRef, Q, QuerySet
from django.utils import timezone

from compliance.models import (
    BargainingRound,
    Contract,
    Enterprise,
    EnterpriseAssignment,
    Instructor,
    InstructorAssessment,
    InstructorTraining,
    InstructorVisit,
)
from compliance.rules.presets import Key
from compliance.selectors.profile import current_profile


@dataclass(frozen=True)
class Proposal:
    first: tuple[int, ...] = ()  # the active instructors covering the area, by name
    proposed: int | None = None  # the only one of them; None for nobody or several


def instructor_target() -> int:
    """Whole rounds an instructor should take part in each year (the profile's parameter)."""
    return current_profile().count(Key.INSTRUCTOR_TARGET)


def whole_rounds_q(*, year: int, up_to: dt.date | None = None, prefix: str = "") -> Q:
    """The rounds that count as whole rounds in `year` (up to `up_to` when given); `prefix` is
    the path to the round from the queried model ("rounds__" from an instructor)."""
    start = dt.date(year, 1, 1)
    end = min(dt.date(year, 12, 31), up_to) if up_to else dt.date(year, 12, 31)
    return Q(
        **{
            f"{prefix}status": BargainingRound.Status.EFFECTIVE,
            f"{prefix}effective_date__gte": start,
            f"{prefix}effective_date__lte": end,
        }
    )


def proposable_q(*, today: dt.date | None = None, prefix: str = "") -> Q:
    """Instructors who may be proposed or assigned: active, their term not ended."""
    today = today or timezone.localdate()
    return Q(**{f"{prefix}active": True}) & (
        Q(**{f"{prefix}term_ends_on__isnull": True}) | Q(**{f"{prefix}term_ends_on__gte": today})
    )


def proposable_instructors(*, today: dt.date | None = None) -> QuerySet[Instructor]:
    return Instructor.objects.filter(proposable_q(today=today))


def area_proposals() -> dict[str, Proposal]:
    """The proposal for every area a proposable instructor covers, in one query (the registry is
    small), for a form that proposes as the clerk chooses the enterprise."""
    covering: dict[str, list[int]] = {}
    rows = proposable_instructors().order_by("name", "pk").values_list("pk", "areas")
    for pk, areas in rows:
        for code in areas:
            covering.setdefault(code, []).append(pk)
    return {
        code: Proposal(tuple(ids), ids[0] if len(ids) == 1 else None)
        for code, ids in covering.items()
    }


def direct_assignments() -> dict[int, int]:
    """{enterprise id: instructor id} for every enterprise assigned by name to a proposable
    instructor; one query."""
    return dict(
        EnterpriseAssignment.objects.filter(proposable_q(prefix="instructor__")).values_list(
            "enterprise_id", "instructor_id"
        )
    )


def proposal_for(*, region_code: str) -> Proposal:
    return area_proposals().get(region_code, Proposal())


def proposal_for_enterprise(*, enterprise: Enterprise) -> Proposal:
    """The direct assignment first, then the area's proposal."""
    assigned = (
        EnterpriseAssignment.objects.filter(proposable_q(prefix="instructor__"))
        .filter(enterprise_id=enterprise.pk)
        .values_list("instructor_id", flat=True)
        .first()
    )
    if assigned is not None:
        return Proposal((assigned,), assigned)
    return proposal_for(region_code=enterprise.region_code)


def instructors_for_region(
    *, region_code: str, enterprise_id: int | None = None
) -> QuerySet[Instructor]:
    """The proposable instructors, the one the enterprise is assigned to and those covering
    `region_code` first (each annotated `covers`), then by name."""
    covers = Q(areas__contains=[region_code])
    if enterprise_id is not None:
        covers |= Exists(
            EnterpriseAssignment.objects.filter(
                instructor_id=OuterRef("pk"), enterprise_id=enterprise_id
            )
        )
    return (
        proposable_instructors()
        .annotate(covers=ExpressionWrapper(covers, output_field=BooleanField()))
        .order_by("-covers", "name", "pk")
    )


def whole_rounds_by_instructor(*, year: int, up_to: dt.date | None = None) -> dict[int, int]:
    """{instructor id: whole rounds in `year`} for instructors with at least one; one query."""
    return dict(
        BargainingRound.objects.filter(whole_rounds_q(year=year, up_to=up_to))
        .filter(instructor__isnull=False)
        .values("instructor_id")
        .annotate(n=Count("pk"))
        .values_list("instructor_id", "n")
    )


def enterprises_of(instructor: Instructor) -> QuerySet[Enterprise]:
    """The instructor's enterprises: those assigned by name and those in the instructor's areas
    not assigned to another instructor by name."""
    return Enterprise.objects.filter(
        Q(instructor_assignment__instructor=instructor)
        | (Q(region_code__in=instructor.areas) & Q(instructor_assignment__isnull=True))
    )


def _contract_in_force() -> Exists:
    return Exists(
        Contract.objects.filter(status=Contract.Status.EFFECTIVE).filter(
            Q(enterprise_id=OuterRef("pk")) | Q(covered_enterprises=OuterRef("pk"))
        )
    )


def my_enterprises(instructor: Instructor) -> QuerySet[Enterprise]:
    """The instructor's enterprises for the phone page: each with its last visit by this
    instructor and whether a contract is in force; those assigned by name first."""
    last_visit = (
        InstructorVisit.objects.filter(instructor=instructor, enterprise_id=OuterRef("pk"))
        .order_by("-visited_on")
        .values("visited_on")[:1]
    )
    return (
        enterprises_of(instructor)
        .annotate(
            assigned=Exists(
                EnterpriseAssignment.objects.filter(
                    enterprise_id=OuterRef("pk"), instructor=instructor
                )
            ),
            in_force=_contract_in_force(),
            last_visited=last_visit,
        )
        .order_by("-assigned", "name", "pk")
    )


@dataclass
class AssessmentSheet:
    """One instructor's year (年度考核表), from the records."""

    instructor: Instructor
    year: int
    target: int
    visits: list = field(default_factory=list)
    trainings: list = field(default_factory=list)
    whole_rounds: list = field(default_factory=list)
    enterprises: int = 0
    enterprises_in_force: int = 0
    enterprises_visited: int = 0
    assessment: InstructorAssessment | None = None

    @property
    def trained_people(self) -> int:
        return sum(t.attendees for t in self.trainings)

    @property
    def meets_target(self) -> bool:
        return len(self.whole_rounds) >= self.target

    @property
    def coverage_percent(self) -> int | None:
        if not self.enterprises:
            return None
        return round(100 * self.enterprises_in_force / self.enterprises)


def assessment_sheet(*, instructor: Instructor, year: int) -> AssessmentSheet:
    """Five queries whatever the number of records."""
    visits = list(
        InstructorVisit.objects.filter(instructor=instructor, visited_on__year=year)
        .select_related("enterprise")
        .order_by("visited_on", "pk")
    )
    trainings = list(
        InstructorTraining.objects.filter(instructor=instructor, held_on__year=year).order_by(
            "held_on", "pk"
        )
    )
    rounds = list(
        BargainingRound.objects.filter(whole_rounds_q(year=year), instructor=instructor)
        .select_related("enterprise")
        .order_by("effective_date", "pk")
    )
    counts = enterprises_of(instructor).aggregate(
        total=Count("pk", distinct=True),
        in_force=Count("pk", distinct=True, filter=Q(_contract_in_force())),
    )
    return AssessmentSheet(
        instructor=instructor,
        year=year,
        target=instructor_target(),
        visits=visits,
        trainings=trainings,
        whole_rounds=rounds,
        enterprises=counts["total"],
        enterprises_in_force=counts["in_force"],
        enterprises_visited=len({v.enterprise_id for v in visits}),
        assessment=InstructorAssessment.objects.filter(instructor=instructor, year=year).first(),
    )


@dataclass(frozen=True)
class TargetRow:
    instructor: Instructor
    whole_rounds: int
    target: int
    visits_this_quarter: int

    @property
    def meets_target(self) -> bool:
        return self.whole_rounds >= self.target


def instructors_against_targets(*, today: dt.date) -> list[TargetRow]:
    """Each active instructor's whole rounds this year against the target and visits this
    quarter, fewest whole rounds first (who needs help shows at the top); three queries."""
    target = instructor_target()
    quarter_start = dt.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    instructors = (
        Instructor.objects.filter(active=True)
        .annotate(
            whole=Count(
                "rounds",
                filter=whole_rounds_q(year=today.year, up_to=today, prefix="rounds__"),
                distinct=True,
            ),
        )
        .order_by("name", "pk")
    )
    visits = dict(
        InstructorVisit.objects.filter(visited_on__gte=quarter_start, visited_on__lte=today)
        .values("instructor_id")
        .annotate(n=Count("pk"))
        .values_list("instructor_id", "n")
    )
    rows = [TargetRow(i, i.whole, target, visits.get(i.pk, 0)) for i in instructors]
    return sorted(rows, key=lambda r: (r.whole_rounds, r.instructor.name))
