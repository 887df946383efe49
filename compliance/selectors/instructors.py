"""Which instructor a round is proposed for (分片包干, issue 15 item 8): the active instructor
whose areas hold the enterprise's region code, when exactly one does; when several do, none is
chosen for the clerk, but they are listed first."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet

from compliance.models import Instructor


@dataclass(frozen=True)
class Proposal:
    first: tuple[int, ...] = ()  # the active instructors covering the area, by name
    proposed: int | None = None  # the only one of them; None for nobody or several


def area_proposals() -> dict[str, Proposal]:
    """The proposal for every area an active instructor covers, in one query (the registry is
    small), for a form that proposes as the clerk chooses the enterprise."""
    covering: dict[str, list[int]] = {}
    rows = Instructor.objects.filter(active=True).order_by("name", "pk").values_list("pk", "areas")
    for pk, areas in rows:
        for code in areas:
            covering.setdefault(code, []).append(pk)
    return {
        code: Proposal(tuple(ids), ids[0] if len(ids) == 1 else None)
        for code, ids in covering.items()
    }


def proposal_for(*, region_code: str) -> Proposal:
    return area_proposals().get(region_code, Proposal())


def instructors_for_region(*, region_code: str) -> QuerySet[Instructor]:
    """The active instructors, those covering `region_code` first (each annotated `covers`),
    then by name."""
    covers = ExpressionWrapper(Q(areas__contains=[region_code]), output_field=BooleanField())
    return (
        Instructor.objects.filter(active=True)
        .annotate(covers=covers)
        .order_by("-covers", "name", "pk")
    )
