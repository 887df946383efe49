"""Award eligibility: 10,000 nominees checked against a federation with 100,000 enterprises.

The batch path (`eligibility_check` with the whole list: the facts of all nominees in a constant
number of queries) is measured against the single-enterprise path the admin's "check one
enterprise" form uses (`eligibility_check` with one nominee), called once per nominee. Checking
10,000 nominees one by one takes minutes, so the one-by-one path is timed on a sample of
ONE_BY_ONE_SAMPLE nominees and extrapolated per nominee to the whole list; the output says so.
The batch's query count is measured for 1,000 and 10,000 nominees: it must be the same.

The ledger is generated with SQL (generate_series) by cloning one row of each kind made through
the services, so every column the models have gets a realistic value: enterprises with and
without unions, contracts in force (some not passed by the workers' congress, some not filed),
expired predecessors, regional contracts covering neighbours, last year's performance reports,
violation records of every kind spread over five years, and open supervision cases whose highest
letter is a reminder, an opinion or a recommendation.
"""

from __future__ import annotations

import datetime as dt
import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.harness import Row, bench_federation, timed
from compliance.rules.letters import REMINDER

ENTERPRISES = 100_000
NOMINEES = 10_000
SMALL_LIST = 1_000
ONE_BY_ONE_SAMPLE = 500
RUNS = 3
AS_OF = dt.date(2026, 11, 20)
TARGET_RATIO = 20


def _clone(cursor, model, template_pk: int, overrides: dict[str, str], source: str) -> None:
    """INSERT rows copying the template row's columns, with `overrides` as SQL expressions over
    `source` (joined to the template row, aliased t: a table or series with an optional
    WHERE, one row per new row)."""
    quote = connection.ops.quote_name
    table = model._meta.db_table
    cursor.execute(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = %s ORDER BY ordinal_position",
        [table],
    )
    columns = [row[0] for row in cursor.fetchall() if row[0] != "id"]
    values = [overrides.get(column, f"t.{quote(column)}") for column in columns]
    cursor.execute(
        f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "
        f"SELECT {', '.join(values)} "
        f"FROM (SELECT * FROM {quote(table)} WHERE id = {int(template_pk)}) AS t "
        f"CROSS JOIN {source}"
    )


def _templates():
    """One enterprise, contract, case and letter made through the services, to clone."""
    from compliance.rules.uscc import check_character
    from compliance.services import supervision as sv
    from compliance.services.contracts import contract_register_existing
    from compliance.services.enterprises import enterprise_save

    first17 = "91230803MA1B2C3D0"
    enterprise, _created = enterprise_save(
        credit_code=first17 + check_character(first17),
        data={
            "name": "模板企业",
            "industry": "C",
            "region_code": "230803",
            "ownership": "private",
            "employees": 200,
            "union_established": True,
            "union_members": 150,
        },
        reason="bench",
    )
    contract, _created = contract_register_existing(
        data={
            "enterprise": enterprise,
            "title": "集体合同",
            "starts_on": dt.date(2025, 1, 1),
            "ends_on": dt.date(2027, 12, 31),
            "passed_by_congress": True,
            "filed_with_department": True,
            "filing_number": "模板〔2025〕1号",
            "as_of": AS_OF,
        }
    )
    case = sv.case_open(
        title="拒绝集体协商", source="complaint", opened_on=AS_OF, enterprise=enterprise
    )
    letter, _token = sv.letter_issue(
        case_id=case.pk,
        kind=REMINDER.code,
        issued_on=AS_OF,
        facts="未按期应约",
        legal_basis="《集体合同规定》第三十二条",
        actions=["书面回复"],
        signer="王",
        signer_title="主席",
    )
    return enterprise, contract, case, letter


def _populate() -> None:
    from compliance.models import (
        Contract,
        Enterprise,
        Letter,
        PerformanceReport,
        SupervisionCase,
        ViolationRecord,
    )

    enterprise, contract, case, letter = _templates()
    n = ENTERPRISES
    with connection.cursor() as cursor:
        _clone(
            cursor,
            Enterprise,
            enterprise.pk,
            {
                "credit_code": "'A' || lpad(g::text, 17, '0')",
                "name": "'企业' || g",
                "employees": "20 + (g * 37) % 900",
                "union_established": "g % 12 <> 0",
                "union_members": "CASE WHEN g % 12 <> 0 THEN 10 ELSE 0 END",
            },
            f"generate_series(1, {n}) AS g",
        )
        # A contract in force for 90% of enterprises: some not passed by the workers' congress,
        # some not filed with the labour administration, some without a federation number.
        _clone(
            cursor,
            Contract,
            contract.pk,
            {
                "enterprise_id": "e.id",
                "filing_number": "CASE WHEN e.id % 19 = 0 THEN '' ELSE 'F' || e.id END",
                "verification_code": "''",  # unique per contract: the template's is not copied
                "passed_by_congress": "e.id % 23 <> 0",
                "filed_with_department": "e.id % 17 <> 0",
                "scope": "CASE WHEN e.id % 50 = 0 THEN 'regional' ELSE 'single' END",
            },
            "compliance_enterprise e WHERE e.id % 10 <> 0 AND e.credit_code LIKE 'A%'",
        )
        # Expired predecessors for half of them.
        _clone(
            cursor,
            Contract,
            contract.pk,
            {
                "enterprise_id": "e.id",
                "filing_number": "'P' || e.id",
                "verification_code": "''",
                "status": "'expired'",
                "starts_on": "DATE '2022-01-01'",
                "effective_on": "DATE '2022-01-01'",
                "ends_on": "DATE '2024-12-31'",
            },
            "compliance_enterprise e WHERE e.id % 2 = 0 AND e.credit_code LIKE 'A%'",
        )
        cursor.execute(
            "INSERT INTO compliance_contract_covered_enterprises (contract_id, enterprise_id) "
            "SELECT c.id, e.id FROM compliance_contract c JOIN compliance_enterprise e "
            "ON e.id BETWEEN c.enterprise_id + 1 AND c.enterprise_id + 5 "
            "WHERE c.scope = 'regional' AND c.status = 'effective'"
        )
        _clone(
            cursor,
            PerformanceReport,
            _report(contract),
            {"contract_id": "c.id"},
            "compliance_contract c WHERE c.status = 'effective' AND c.enterprise_id % 4 <> 0 "
            f"AND c.id <> {contract.pk}",
        )
        # 6,000 violation records of every kind over five years.
        cursor.execute("SELECT min(id), max(id) FROM compliance_enterprise")
        low, high = cursor.fetchone()
        span = high - low + 1
        kinds = [
            "wage_arrears",
            "unpaid_social_insurance",
            "safety_accident",
            "occupational_hazard",
            "mass_incident",
            "wage_bargaining_breach",
        ]
        record = ViolationRecord.objects.create(
            enterprise=enterprise, kind="wage_arrears", occurred_on=dt.date(2026, 1, 5)
        )
        _clone(
            cursor,
            ViolationRecord,
            record.pk,
            {
                "enterprise_id": f"{low} + (g * 16) % {span}",
                "kind": f"(ARRAY{kinds!r})[1 + g % 6]",
                "occurred_on": "DATE '2022-01-01' + (g * 37) % 1780",
                "reference": "'R' || g",
                "description": "'记录' || g",
            },
            "generate_series(1, 6000) AS g",
        )
        # 1,000 open cases; their letters: a reminder, an opinion or a recommendation.
        _clone(
            cursor,
            SupervisionCase,
            case.pk,
            {"enterprise_id": f"{low} + (g * 97) % {span}", "title": "'案件' || g"},
            "generate_series(1, 1000) AS g",
        )
        _clone(
            cursor,
            Letter,
            letter.pk,
            {
                "case_id": "c.id",
                "number": "'L' || c.id",
                "sequence": "c.id",
                "kind": "(ARRAY['reminder', 'opinion', 'recommendation'])[1 + c.id % 3]",
                "trigger": "CASE WHEN c.id % 3 = 2 THEN 'no_reply' ELSE '' END",
            },
            f"compliance_supervisioncase c WHERE c.id <> {case.pk}",
        )
        cursor.execute("ANALYZE")


def _report(contract) -> int:
    from compliance.models import PerformanceReport

    return PerformanceReport.objects.create(
        contract=contract, year=2025, reported_on=dt.date(2026, 3, 1)
    ).pk


def _award():
    from compliance.rules.veto import CATALOGUE
    from compliance.services.awards import CriterionChoice, award_criteria_set, award_save

    award = award_save(award=None, data={"name": "五一劳动奖状", "year": 2027}, reason="bench")
    award_criteria_set(
        award_id=award.pk,
        criteria=[
            # Records of every kind declared complete, so that nominees nothing vetoes come out
            # eligible; those without a contract last year still need review.
            CriterionChoice(code, records_complete=True)
            for code in CATALOGUE
        ],
    )
    return award


def run() -> list[Row]:

    from compliance.models import Enterprise
    from compliance.services.awards import Nominee, eligibility_check
    from tenants import context

    federation = bench_federation(
        schema="bench_awards", name="评选基准总工会", domain="bench-awards.localhost"
    )
    with context.federation_context(federation):
        started = time.perf_counter()
        _populate()
        populate_s = time.perf_counter() - started
        award = _award()
        codes = list(
            Enterprise.objects.filter(credit_code__startswith="A")
            .order_by("pk")
            .values_list("credit_code", flat=True)[:: ENTERPRISES // NOMINEES]
        )[:NOMINEES]
        # Some nominees the ledger does not know, as real lists have.
        nominees = [Nominee(code) for code in codes[:-50]] + [
            Nominee(f"Z{n:017d}") for n in range(50)
        ]

        def batch(size: int):
            return eligibility_check(award_id=award.pk, nominees=nominees[:size], as_of=AS_OF)

        def one_by_one() -> None:
            for nominee in nominees[:ONE_BY_ONE_SAMPLE]:
                eligibility_check(award_id=award.pk, nominees=[nominee], as_of=AS_OF)

        batch(SMALL_LIST)  # warm: plans, caches
        batch_mean, batch_min = timed(lambda: batch(NOMINEES), RUNS)
        single_mean, _single_min = timed(one_by_one, 1)
        queries = {}
        for size in (SMALL_LIST, NOMINEES):
            with CaptureQueriesContext(connection) as captured:
                last = batch(size)
            queries[size] = len(captured)
        outcomes = f"{last.eligible} eligible, {last.vetoed} vetoed, "
        outcomes += f"{last.needs_review} need review, {last.unmatched} unmatched"
    per_nominee = single_mean / ONE_BY_ONE_SAMPLE
    extrapolated = per_nominee * NOMINEES
    ratio = extrapolated / batch_mean
    same = "same" if queries[SMALL_LIST] == queries[NOMINEES] else "DIFFERENT"
    verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
    return [
        Row(
            "awards",
            f"ledger: {ENTERPRISES:,} enterprises generated",
            1,
            populate_s,
            populate_s,
            "contracts, reports, 6,000 violation records, 1,000 open cases",
        ),
        Row(
            "awards",
            f"one by one, {ONE_BY_ONE_SAMPLE} nominees timed (baseline)",
            1,
            single_mean,
            single_mean,
            f"{per_nominee * 1000:.1f} ms per nominee → {extrapolated:.1f} s for "
            f"{NOMINEES:,} (extrapolated)",
        ),
        Row(
            "awards",
            f"batch, {NOMINEES:,} nominees",
            RUNS,
            batch_mean,
            batch_min,
            f"{ratio:.1f}× faster than one by one ({verdict} the {TARGET_RATIO}× target); "
            f"{outcomes}",
        ),
        Row(
            "awards",
            f"batch queries, {SMALL_LIST:,} vs {NOMINEES:,} nominees",
            1,
            0.0,
            0.0,
            f"{queries[SMALL_LIST]} vs {queries[NOMINEES]} queries ({same}), "
            "plus one COPY of the results in each",
        ),
    ]
