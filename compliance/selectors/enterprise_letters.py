"""Reads of the enterprise area's letters and performance reports (issue 17 items 8, 9).

An enterprise sees the letters addressed to it: those of its own cases, and the area-wide
reminders (R47) it is among the addressees of (read only: one reminder to many employers has no
single reply). A recommendation letter (建议书) goes to a department, not to the employer, and a
copy received with a referred case is the federation below's record: neither is shown.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from compliance.models import (
    Contract,
    Enterprise,
    Letter,
    PerformanceReport,
    RectificationItem,
    SupervisionCase,
)
from compliance.rules.letters import KINDS

SHOWN_KINDS = tuple(kind.code for kind in KINDS if not kind.to_department)


def enterprise_letters(*, enterprise: Enterprise) -> QuerySet[Letter]:
    """The letters addressed to `enterprise`, newest first."""
    addressed = SupervisionCase.addressees.through.objects.filter(
        supervisioncase_id=OuterRef("case_id"), enterprise_id=enterprise.pk
    )
    return (
        Letter.objects.filter(kind__in=SHOWN_KINDS, referred_copy=False)
        .filter(Q(case__enterprise=enterprise) | (Q(case__area_wide=True) & Q(Exists(addressed))))
        .select_related("case")
        .order_by("-issued_on", "-pk")
    )


def enterprise_letter(*, enterprise: Enterprise, pk: int) -> Letter | None:
    return (
        enterprise_letters(enterprise=enterprise)
        .prefetch_related(
            Prefetch(
                "items",
                queryset=RectificationItem.objects.order_by("order").prefetch_related("evidence"),
            )
        )
        .filter(pk=pk)
        .first()
    )


def enterprise_contracts(*, enterprise: Enterprise) -> QuerySet[Contract]:
    """The enterprise's contracts in force, each with its performance reports."""
    return (
        Contract.objects.filter(enterprise=enterprise, status=Contract.Status.EFFECTIVE)
        .prefetch_related(
            Prefetch("performance_reports", queryset=PerformanceReport.objects.order_by("-year"))
        )
        .order_by("-starts_on", "-pk")
    )
