"""The facts the one-vote veto reads, for many enterprises at once, in a constant number of
queries (seven, whatever the number of nominees)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.contrib.postgres.aggregates import ArrayAgg

from compliance.models import (
    AwardNotice,
    CongressVote,
    Contract,
    EligibilityResult,
    Enterprise,
    PerformanceReport,
    Scope,
    SupervisionCase,
    ViolationRecord,
)
from compliance.rules.deadlines import add_months
from compliance.rules.letters import letter_kind
from compliance.rules.veto import (
    CaseFacts,
    ContractFacts,
    Facts,
    Record,
    congress_window_start,
)
from compliance.selectors.statistics import effective_on


def enterprises_by_code(codes: list[str]) -> dict[str, Enterprise]:
    return {e.credit_code: e for e in Enterprise.objects.filter(credit_code__in=codes)}


def veto_facts(
    *,
    enterprises: list[Enterprise],
    as_of: dt.date,
    complete_kinds: frozenset[str],
    earliest: dt.date,
) -> dict[int, Facts]:
    """Facts per enterprise id. `earliest` is the first day any selected look-back reaches."""
    ids = [e.pk for e in enterprises]
    in_force = Contract.objects.filter(effective_on(as_of))
    contract_of: dict[int, Contract] = {}
    for contract in in_force.filter(enterprise_id__in=ids).order_by("-effective_on"):
        contract_of.setdefault(contract.enterprise_id, contract)
    covered = in_force.filter(covered_enterprises__in=ids).values(
        "pk",
        "title",
        "passed_by_congress",
        "filed_with_department",
        "filing_number",
        "covered_enterprises",
    )
    covering = {row["covered_enterprises"]: row for row in covered}
    last_year = as_of.year - 1
    year_start, year_end = dt.date(last_year, 1, 1), dt.date(last_year, 12, 31)
    covered_last_year = {
        c["enterprise_id"]: c["pk"]
        for c in Contract.objects.filter(
            enterprise_id__in=ids, effective_on__lte=year_end, ends_on__gte=year_start
        ).values("enterprise_id", "pk")
    }
    reported = set(
        PerformanceReport.objects.filter(
            contract_id__in=covered_last_year.values(), year=last_year
        ).values_list("contract_id", flat=True)
    )
    cases: dict[int, list[CaseFacts]] = defaultdict(list)
    open_cases = (
        SupervisionCase.objects.filter(status="open", enterprise_id__in=ids)
        .annotate(kinds=ArrayAgg("letters__kind", default=[]))
        .values("pk", "title", "enterprise_id", "kinds")
    )
    for case in open_cases:
        kinds = [k for k in case["kinds"] if k]
        highest = max(kinds, key=lambda k: letter_kind(k).award_rank, default="")
        cases[case["enterprise_id"]].append(CaseFacts(case["pk"], case["title"], highest))
    records: dict[int, list[Record]] = defaultdict(list)
    for v in ViolationRecord.objects.filter(
        enterprise_id__in=ids, occurred_on__gte=earliest, occurred_on__lte=as_of
    ).values("pk", "enterprise_id", "kind", "occurred_on", "description"):
        records[v["enterprise_id"]].append(
            Record(
                kind=v["kind"],
                id=v["pk"],
                occurred_on=v["occurred_on"],
                description=v["description"],
            )
        )
    # A workers' congress vote in the enterprise's own round shows it has a congress; a regional
    # or industry round's vote is that region's or industry's congress (rules/veto.py).
    votes: dict[int, list[Record]] = defaultdict(list)
    for v in CongressVote.objects.filter(
        round__enterprise_id__in=ids,
        round__scope=Scope.SINGLE,
        held_on__gte=congress_window_start(as_of),
        held_on__lte=as_of,
    ).values("round_id", "round__enterprise_id", "held_on"):
        votes[v["round__enterprise_id"]].append(
            Record(kind="congress_vote", id=v["round_id"], occurred_on=v["held_on"])
        )
    facts = {}
    for enterprise in enterprises:
        contract = contract_of.get(enterprise.pk)
        row = covering.get(enterprise.pk)
        if contract is not None:
            contract_facts = ContractFacts(
                contract.pk,
                contract.title,
                contract.passed_by_congress,
                contract.filed_with_department,
                bool(contract.filing_number),
            )
        elif row is not None:
            contract_facts = ContractFacts(
                row["pk"],
                row["title"],
                row["passed_by_congress"],
                row["filed_with_department"],
                bool(row["filing_number"]),
            )
        else:
            contract_facts = None
        last = covered_last_year.get(enterprise.pk)
        facts[enterprise.pk] = Facts(
            union_established=enterprise.union_established,
            contract=contract_facts,
            last_year_report=None if last is None else last in reported,
            open_cases=tuple(cases.get(enterprise.pk, ())),
            violations=tuple(records.get(enterprise.pk, ())),
            complete_kinds=complete_kinds,
            workers_congress=enterprise.workers_congress,
            congress_last_held=enterprise.workers_congress_last_held,
            congress_votes=tuple(votes.get(enterprise.pk, ())),
        )
    return facts


def earliest_lookback(*, as_of: dt.date, sinces: list[dt.date]) -> dt.date:
    """The first day any criterion may look at: three years back, or an earlier 'since'."""
    return min([add_months(as_of, -36), *sinces])


# Reads for the admin's result pages and the public notice ------------------------------------

# Which table a criterion's "records relied on" ids point into.
RECORD_TABLES = {
    "no_workers_congress": "round",
    "no_effective_contract": "contract",
    "contract_not_filed": "contract",
    "no_performance_report": "contract",
    "open_case_letter": "case",
}


def record_table(code: str) -> str:
    """Where the ids of criterion `code` point: "contract", "case", "round" or "violation"."""
    return RECORD_TABLES.get(code, "violation")


def notices_visible(*, today: dt.date):
    """Published notices whose period has begun (during it, and after it as an archive)."""
    return AwardNotice.objects.filter(
        status=AwardNotice.Status.PUBLISHED, starts_on__lte=today
    ).select_related("run__award")


def notice_shortlist(*, notice) -> list[dict]:
    """The eligible nominees of the notice's run, in list order: name and credit code only."""
    return list(
        EligibilityResult.objects.filter(
            run_id=notice.run_id, outcome=EligibilityResult.Outcome.ELIGIBLE
        )
        .order_by("row", "pk")
        .values("name", "credit_code")
    )
