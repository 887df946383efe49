"""The pre-review's similarity section of a contract's page at a large federation's ledger:
10,000 enterprises, 30,000 contracts, 240,000 clauses.

What is measured: `compliance.selectors.similarity.contract_similarity` for a contract of eight
clauses, against the model text of its kind and the same-topic clauses of the `RECENT_CONTRACTS`
(200) other enterprises' contracts entered most recently, as the contract page calls it; then
with a bound of 1,000; then, as the baseline, with no effective bound (every same-topic clause of
every other contract, 210,000 clauses loaded and indexed in Python per request), which is what
the bound saves. Also counted: the queries of each (the same four whatever the bound).

What is generated (SQL generate_series in a fresh federation, not through the services; plain
inserts without history rows): three contracts per enterprise, eight clauses per contract, one
per topic; each clause is one of six stock sentences of its topic (what copying looks like) or,
for two in five, a sentence of its own, followed by a sentence naming its contract. The model
text: one clause per topic.

Timings: 5 runs after a warm-up (1 run for the baseline). Nothing here asserts a timing.
"""

from __future__ import annotations

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.harness import Row, bench_federation, timed

ENTERPRISES = 10_000
CONTRACTS_PER_ENTERPRISE = 3
RUNS = 5
TOPICS = ("wages", "hours", "rest", "safety", "training", "insurance", "women", "other")
STOCK = (
    "企业应当建立工资集体协商制度，每年至少开展一次工资集体协商，协商确定职工年度工资增长幅度",
    "企业实行标准工时制度，职工每日工作时间不超过八小时，平均每周工作时间不超过四十小时",
    "职工依法享受国家规定的法定节假日、年休假、婚丧假、探亲假和产假等假期",
    "企业应当为职工提供符合国家规定的劳动安全卫生条件和必要的劳动防护用品",
    "企业按照国家规定提取和使用职工教育经费，有计划地组织职工参加职业技能培训",
    "企业依法为职工缴纳养老、医疗、失业、工伤和生育保险费，并按时足额缴纳住房公积金",
)

_ENTERPRISES_SQL = """
INSERT INTO compliance_enterprise (credit_code, name, industry, region_code, ownership, employees,
    union_established, union_members, fortune500_investor, head_npc_deputy, head_cppcc_member,
    head_model_worker, created_at, updated_at)
SELECT 'S' || lpad(g::text, 17, '0'), '企业' || g, chr(65 + g %% 20), '230803', 'private',
       20 + (g * 37) %% 400, true, (20 + (g * 37) %% 400) / 2, false, false, false, false,
       now(), now()
FROM generate_series(1, %(n)s) AS g
"""

_CONTRACTS_SQL = """
INSERT INTO compliance_contract (enterprise_id, title, scope, kind, status, starts_on, ends_on,
    covered_employees, passed_by_congress, submitted_in_time, signed_on, effective_on,
    filing_number, filed_with_department, publish_publicly, relation, end_reason,
    created_at, updated_at)
SELECT e.id, e.name || '集体合同' || gen, 'single', 'comprehensive',
       CASE WHEN gen = %(gens)s THEN 'effective' ELSE 'expired' END,
       make_date(2017 + gen * 3, 1, 1), make_date(2019 + gen * 3, 12, 31),
       e.employees, true, true, make_date(2016 + gen * 3, 12, 1),
       make_date(2017 + gen * 3, 1, 1), '', true, false, '', '', now(), now()
FROM compliance_enterprise e CROSS JOIN generate_series(1, %(gens)s) AS gen
ORDER BY gen, e.id
"""

_CLAUSES_SQL = """
INSERT INTO compliance_clause (contract_id, "order", topic, text, is_business_secret)
SELECT c.id, t.n, t.topic,
       CASE WHEN (c.id * 7 + t.n) %% 5 < 3
            THEN (%(stock)s::text[])[1 + (c.id + t.n) %% 6]
            ELSE '本企业' || t.topic || '事项按双方第' || (c.id * 13 %% 997) || '次协商记录执行'
       END || '。本条适用于合同编号' || c.id || '。',
       false
FROM compliance_contract c
CROSS JOIN unnest(%(topics)s::text[]) WITH ORDINALITY AS t(topic, n)
"""


def _populate() -> None:
    with connection.cursor() as cursor:
        cursor.execute(_ENTERPRISES_SQL, {"n": ENTERPRISES})
        cursor.execute(_CONTRACTS_SQL, {"gens": CONTRACTS_PER_ENTERPRISE})
        cursor.execute(_CLAUSES_SQL, {"stock": list(STOCK), "topics": list(TOPICS)})
        cursor.execute("ANALYZE compliance_contract; ANALYZE compliance_clause;")


def run() -> list[Row]:
    from compliance.models import Clause, Contract
    from compliance.selectors.similarity import RECENT_CONTRACTS, contract_similarity
    from compliance.services.model_texts import model_clause_save
    from tenants import context

    federation = bench_federation(
        schema="bench_similarity", name="相似度基准总工会", domain="bench-similarity.localhost"
    )
    with context.federation_context(federation):
        started = time.perf_counter()
        _populate()
        for order, topic in enumerate(TOPICS, start=1):
            model_clause_save(
                clause=None,
                data={
                    "kind": "comprehensive",
                    "order": order,
                    "topic": topic,
                    "text": STOCK[order % len(STOCK)] + "。",
                },
                reason="bench",
            )
        populate_s = time.perf_counter() - started
        contracts, clauses = Contract.objects.count(), Clause.objects.count()
        # A contract in the middle of the ledger, not one of the most recent.
        target = Contract.objects.order_by("pk").values_list("pk", flat=True)[contracts // 2]

        def measured(bound: int):
            with CaptureQueriesContext(connection) as captured:
                result = contract_similarity(contract_id=target, bound=bound)
            return result, len(captured)

        measured(RECENT_CONTRACTS)  # warm: plans, caches
        cases = []
        for bound, runs in ((RECENT_CONTRACTS, RUNS), (1_000, RUNS), (contracts, 1)):
            mean, least = timed(
                lambda b=bound: contract_similarity(contract_id=target, bound=b), runs
            )
            result, queries = measured(bound)
            cases.append((bound, runs, mean, least, result, queries))
        count_mean, count_min = timed(lambda: Clause.objects.count(), RUNS)

    rows = [
        Row(
            "similarity",
            f"ledger: {contracts:,} contracts, {clauses:,} clauses generated",
            1,
            populate_s,
            populate_s,
            "8 model-text clauses",
        ),
        Row("similarity", "COUNT(*) over the clauses (baseline)", RUNS, count_mean, count_min),
    ]
    baseline = cases[-1][2]
    for bound, runs, mean, least, result, queries in cases:
        label = "every other contract (baseline)" if bound == contracts else f"bound {bound:,}"
        rows.append(
            Row(
                "similarity",
                f"one contract's 8 clauses, {label}",
                runs,
                mean,
                least,
                f"{result.contracts_compared:,} contracts compared, {queries} queries, "
                f"overall {result.share}% copied; {baseline / mean:.1f}× faster than all",
            )
        )
    return rows
