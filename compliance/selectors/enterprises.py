"""One enterprise's records, for its page in the ledger: bargaining rounds (with the deadline of
their current step), contracts (with their renewal state), supervision cases (with the deadline
of their open letters), letters, performance checks, violation records and award eligibility
results. One query per kind of record, whatever their number."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Min, Q

from compliance.models import (
    AuditCheck,
    BargainingRound,
    Contract,
    EligibilityResult,
    Enterprise,
    Letter,
    SupervisionCase,
    ViolationRecord,
)
from compliance.rules.procedure import DEADLINE_FIELD
from compliance.selectors.contracts import with_renewal_state

_OPEN_LETTER = Q(letters__status__in=(Letter.Status.ISSUED, Letter.Status.OVERDUE))


@dataclass(frozen=True)
class EnterpriseRecords:
    rounds: list[BargainingRound]
    contracts: list[Contract]
    cases: list[SupervisionCase]
    letters: list[Letter]
    audits: list[AuditCheck]
    violations: list[ViolationRecord]
    results: list[EligibilityResult]


def enterprise_records(*, enterprise: Enterprise) -> EnterpriseRecords:
    """Each round carries `deadline` (the date its current step is due, or None); each contract
    with_renewal_state's annotations; each case `letter_due` (its earliest open letter's)."""
    rounds = list(
        BargainingRound.objects.filter(Q(enterprise=enterprise) | Q(covered_enterprises=enterprise))
        .distinct()
        .order_by("-offer_date", "-pk")
        .prefetch_related("representatives")  # the next step depends on them (R6, R7)
    )
    for round_ in rounds:
        field = DEADLINE_FIELD.get(round_.status)
        round_.deadline = getattr(round_, field) if field else None
    contracts = with_renewal_state(
        Contract.objects.filter(Q(enterprise=enterprise) | Q(covered_enterprises=enterprise))
        .distinct()
        .order_by("-starts_on", "-pk")
    )
    cases = (
        SupervisionCase.objects.filter(Q(enterprise=enterprise) | Q(addressees=enterprise))
        .annotate(letter_due=Min("letters__due_on", filter=_OPEN_LETTER))
        .order_by("-opened_on", "-pk")
    )
    letters = (
        Letter.objects.filter(Q(case__enterprise=enterprise) | Q(case__addressees=enterprise))
        .distinct()
        .select_related("case")
        .order_by("-issued_on", "-pk")
    )
    audits = (
        AuditCheck.objects.filter(contract__enterprise=enterprise)
        .select_related("contract")
        .order_by("-due_on", "-pk")
    )
    results = (
        EligibilityResult.objects.filter(enterprise=enterprise)
        .select_related("run__award")
        .order_by("-run__as_of", "-pk")
    )
    return EnterpriseRecords(
        rounds=rounds,
        contracts=list(contracts),
        cases=list(cases),
        letters=list(letters),
        audits=list(audits),
        violations=list(enterprise.violations.order_by("-occurred_on", "-pk")),
        results=list(results),
    )
