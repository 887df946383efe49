"""The public site with 300,000 contract notices in one federation.

Side by side on one gunicorn server (2 workers, load generated from this process):
- the uncached notice list and a Chinese search against a trivial uncached Wagtail page;
- the cached home page against a trivial cached page;
- queries per request at 300,000 notices and in a federation with three;
- Chinese search (jieba tokens, GIN index) against a LIKE '%…%' scan of the same text, p95 over a
  set of terms, for the list page's queries (what a reader's search costs), and whether the search
  finds every notice the scan finds (fetching every match both ways, also timed: for a word in
  every notice both read the whole table, so that ratio is near 1 by nature).

The notices are generated with SQL from clause sentences segmented once by the same code the
site uses (cms_pages.search), so their search vectors are what notice_sync would store; a sample
is checked against Python's segmentation of the stored text.
"""

from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from bench.harness import Row, bench_federation

NOTICES = int(os.environ.get("BENCH_PUBLIC_NOTICES", "300000"))  # smaller for a smoke run
ENTERPRISES = 10_000
HOST = "pub.bench"
SMALL_HOST = "small.bench"
LOAD_SECONDS = 6.0
CLIENTS = 8
SEARCH_RUNS = 15

CLAUSES = [
    "职工工资年度平均增长幅度不低于8%，并随企业经济效益增长适当提高。",
    "职工月最低工资不低于2100元，不包括加班工资和法定福利。",
    "实行标准工时制度，每周工作时间不超过40小时，安排加班应与工会协商。",
    "职工依法享受带薪年休假、婚丧假和探亲假，年休假可分段安排。",
    "企业每年组织职工职业健康检查，费用由企业承担，结果书面告知本人。",
    "女职工在孕期、产期、哺乳期内享受国家规定的特殊保护，不得降低其基本工资。",
    "企业依法为职工足额缴纳社会保险费和住房公积金。",
    "夜班津贴每班不低于30元，高温津贴按当地标准按月发放。",
    "接触职业病危害因素的岗位按标准配备防护用品，破损的当日更换。",
    "企业每年安排职工技能培训不少于40学时，培训费用由企业承担。",
    "职工因工负伤的，企业按规定及时申报工伤认定并垫付医疗费用。",
    "工资每月15日前以货币形式足额支付，不得克扣或者无故拖欠。",
    "企业实行综合计算工时工作制的，应报人力资源社会保障部门批准。",
    "哺乳期女职工每天享有一小时哺乳时间，计入工作时间。",
    "企业为职工办理补充医疗保险，并组织年度疗休养活动。",
    "劳动合同期满续订的，企业应提前三十日书面通知职工本人。",
    "经济性裁员的，企业应提前三十日向工会说明情况，听取意见。",
    "企业设立职工互助基金，用于困难职工帮扶和大病救助。",
    "冬季取暖补贴每年发放一次，标准不低于上年水平。",
    "高空作业、有限空间作业必须执行审批制度，并安排专人监护。",
]
# 2,000 employer names (40 places × 50 trades): a name is in about 150 of the notices.
PLACES = [
    "江畔", "北疆", "三江", "松花江", "东极", "龙江", "惠民", "金穗", "恒安", "康宁",
    "鑫源", "绿源", "晶源", "北方", "绿野", "智联", "恒通", "华信", "安达", "云谷",
    "佳和", "兴隆", "永安", "富锦", "同江", "桦南", "汤原", "抚远", "向阳", "前进",
    "东风", "长青", "瑞丰", "宏达", "天成", "顺发", "黑土", "白桦", "雪原", "寒地",
]  # fmt: skip
TRADES = [
    "粮油机械", "造纸", "农垦物流", "大酒店", "电力设备", "建工", "连锁超市", "米业", "纺织",
    "医疗后勤", "煤矿机械", "乳业", "电子科技", "农机装备", "生物制药", "软件", "检测技术",
    "光电材料", "新能源", "数据服务", "木业", "制糖", "水泥", "钢结构", "汽车维修", "物业管理",
    "餐饮管理", "印刷", "服装", "制药", "化工", "塑料制品", "包装", "家具", "陶瓷", "玻璃",
    "食品", "饮料", "酿酒", "肉类加工", "冷链物流", "客运", "货运", "建材", "电缆", "阀门",
    "轴承", "铸造", "模具", "环保科技",
]  # fmt: skip
EMPLOYERS = [f"{place}{trade}有限公司" for place in PLACES for trade in TRADES]
# Terms readers search for: clause words in many notices, and employers' names in few.
TERMS = [
    "集体合同", "最低工资", "女职工", "职业健康检查", "夜班津贴", "工伤认定", "取暖补贴",
    "江畔粮油机械", "北疆造纸", "松花江大酒店", "晶源电子科技", "寒地环保科技", "富锦制糖",
    "白桦家具", "顺发冷链物流",
]  # fmt: skip

_ENTERPRISES_SQL = """
INSERT INTO compliance_enterprise (credit_code, name, industry, region_code, ownership, employees,
    union_established, union_members, fortune500_investor, head_npc_deputy, head_cppcc_member,
    head_model_worker, created_at, updated_at)
SELECT 'P' || lpad(g::text, 17, '0'), (%(employers)s::text[])[1 + g %% %(n_employers)s],
       chr(65 + abs(hashtext(g || 'i')) %% 20),
       '2308' || lpad((3 + abs(hashtext(g || 'r')) %% 9)::text, 2, '0'), 'private',
       50 + g %% 900, true, 40, false, false, false, false, now(), now()
FROM generate_series(1, %(n)s) AS g
"""
# Kind, status and dates are drawn from hashes of the row number, independent of each other
# and of the enterprise (modular arithmetic on one counter made them correlated, which no real
# ledger is).
_CONTRACTS_SQL = """
INSERT INTO compliance_contract (enterprise_id, title, scope, kind, status, starts_on, ends_on,
    covered_employees, passed_by_congress, signed_on, effective_on, filing_number,
    filed_with_department, published_on, publish_publicly, relation, end_reason, created_at,
    updated_at, verification_code)
SELECT e.id, '集体合同', CASE WHEN h.s %% 25 = 0 THEN 'regional' ELSE 'single' END,
       (ARRAY['comprehensive','wages','women','safety'])[1 + h.k %% 4],
       CASE WHEN h.t %% 3 = 0 THEN 'expired' ELSE 'effective' END,
       h.start, h.start + interval '3 years' - interval '1 day',
       e.employees, true, h.start, h.start, '', true, h.start, true, '', '', now(), now(), ''
FROM generate_series(1, %(n)s) AS g
CROSS JOIN LATERAL (
    SELECT abs(hashtext(g || 's')) AS s, abs(hashtext(g || 'k')) AS k,
           abs(hashtext(g || 't')) AS t,
           DATE '2015-01-01' + abs(hashtext(g || 'd')) %% 4380 AS start
) h
JOIN compliance_enterprise e
  ON e.id = %(first)s + g %% %(enterprises)s
"""
_NOTICES_SQL = """
INSERT INTO cms_pages_contractnotice (public_id, contract_id, relation, title, employer, "union",
    covered_enterprises, scope, kind, status, industry, region_code, year, starts_on, ends_on,
    in_force_from, in_force_until, signed_on, effective_on, published_on, filing_number,
    covered_employees, clauses, withheld_clauses, body_text, search, first_published_at,
    updated_at)
SELECT gen_random_uuid(), c.id, '', e.name || c.title, e.name, e.name || '工会', '[]'::jsonb,
       c.scope, c.kind, c.status, e.industry, e.region_code, extract(year FROM c.starts_on),
       c.starts_on, c.ends_on, c.starts_on, c.ends_on, c.signed_on, c.effective_on,
       c.published_on, '', c.covered_employees,
       jsonb_build_array(
           jsonb_build_object('order', 1, 'topic', 'other',
                              'text', (%(clauses)s::text[])[1 + c.id %% 20]),
           jsonb_build_object('order', 2, 'topic', 'other',
                              'text', (%(clauses)s::text[])[1 + (c.id / 20) %% 20]),
           jsonb_build_object('order', 3, 'topic', 'other',
                              'text', (%(clauses)s::text[])[1 + (c.id / 400) %% 20])),
       0,
       e.name || c.title || E'\\n' || e.name || E'\\n' || e.name || '工会' || E'\\n'
           || (%(clauses)s::text[])[1 + c.id %% 20] || E'\\n'
           || (%(clauses)s::text[])[1 + (c.id / 20) %% 20] || E'\\n'
           || (%(clauses)s::text[])[1 + (c.id / 400) %% 20],
       to_tsvector('simple', (%(title_seg)s::text[])[1 + (e.id - %(first)s + 1) %% %(n_employers)s]
           || ' ' || (%(employer_seg)s::text[])[1 + (e.id - %(first)s + 1) %% %(n_employers)s]
           || ' ' || (%(union_seg)s::text[])[1 + (e.id - %(first)s + 1) %% %(n_employers)s]
           || ' ' || (%(clause_seg)s::text[])[1 + c.id %% 20]
           || ' ' || (%(clause_seg)s::text[])[1 + (c.id / 20) %% 20] || ' '
           || (%(clause_seg)s::text[])[1 + (c.id / 400) %% 20]),
       now() - (c.id %% 1000) * interval '1 hour', now() - (c.id %% 1000) * interval '1 hour'
FROM compliance_contract c JOIN compliance_enterprise e ON e.id = c.enterprise_id
WHERE e.credit_code LIKE 'P%%'
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _populate(schema: str, *, notices: int = NOTICES, enterprises: int = ENTERPRISES) -> None:
    """Generate `enterprises` enterprises (credit codes P…), `notices` contracts of theirs and
    their notices; a federation's other enterprises and contracts (seed_demo's) are left alone."""
    from django.db import connection

    from cms_pages.search import search_document
    from tenants import context

    # Each line of a notice's text is segmented on its own (jieba splits at the line break), so
    # the vector of title + employer + union + clauses is the concatenation of theirs.
    clause_seg = [search_document(text) for text in CLAUSES]
    employer_seg = [search_document(name) for name in EMPLOYERS]
    title_seg = [search_document(f"{name}集体合同") for name in EMPLOYERS]
    union_seg = [search_document(f"{name}工会") for name in EMPLOYERS]
    with context.federation_context(schema), connection.cursor() as cursor:
        cursor.execute(
            _ENTERPRISES_SQL,
            {"employers": EMPLOYERS, "n_employers": len(EMPLOYERS), "n": enterprises},
        )
        cursor.execute("SELECT min(id) FROM compliance_enterprise WHERE credit_code LIKE 'P%'")
        first = cursor.fetchone()[0]
        cursor.execute(_CONTRACTS_SQL, {"n": notices, "enterprises": enterprises, "first": first})
        cursor.execute(
            _NOTICES_SQL,
            {
                "clauses": CLAUSES,
                "clause_seg": clause_seg,
                "employer_seg": employer_seg,
                "title_seg": title_seg,
                "union_seg": union_seg,
                "n_employers": len(EMPLOYERS),
                "first": first,
            },
        )
        cursor.execute("ANALYZE")


def _check_vectors(schema: str, sample: int = 200) -> tuple[int, int]:
    """Stored vectors of a sample compared with what notice_sync would store for the same text:
    returns (checked, differing)."""
    from django.db import connection

    from cms_pages.search import search_document
    from tenants import context

    mismatched = 0
    with context.federation_context(schema), connection.cursor() as cursor:
        cursor.execute(
            "SELECT body_text, tsvector_to_array(search) FROM cms_pages_contractnotice "
            "ORDER BY id LIMIT %s",
            [sample],
        )
        rows = cursor.fetchall()
        for text, stored in rows:
            cursor.execute(
                "SELECT tsvector_to_array(to_tsvector('simple', %s))", [search_document(text)]
            )
            if set(cursor.fetchone()[0]) != set(stored):
                mismatched += 1
    return len(rows), mismatched


def _gunicorn(port: int) -> subprocess.Popen:
    env = dict(os.environ)
    env["ALLOWED_HOSTS"] = f"{HOST},{SMALL_HOST},127.0.0.1"
    env["LOG_LEVEL"] = "WARNING"
    env["DEBUG"] = "false"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
        start_new_session=True,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            _get(port, HOST, "/healthz")
            return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("gunicorn did not start")


def _get(port: int, host: str, path: str) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - loopback only
        response.read()
        return response.status


def _rate(port: int, path: str, host: str = HOST, seconds: float = LOAD_SECONDS) -> float:
    """Requests per second with CLIENTS concurrent clients for `seconds`."""
    assert _get(port, host, path) == 200, path
    stop = time.perf_counter() + seconds
    counts = [0] * CLIENTS

    def client(i: int) -> None:
        while time.perf_counter() < stop:
            _get(port, host, path)
            counts[i] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(counts) / (time.perf_counter() - start)


def _queries(host: str, path: str) -> int:
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=host)
    with override_settings(ALLOWED_HOSTS=[HOST, SMALL_HOST]):
        client.get(path)  # warm the facet and chrome caches, as a running site has them
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(path).status_code == 200
    return len([q for q in ctx.captured_queries if "search_path" not in q["sql"]])


def _search_vs_scan(schema: str) -> tuple[list[Row], dict]:
    """Per term: the site's page query (count up to the cap, then the first 20, newest first)
    and the retrieval of every match, by the jieba/GIN search and by a LIKE scan of the same
    text. p95 over all terms and runs."""
    from django.contrib.postgres.search import SearchQuery
    from django.db import connection

    from cms_pages.search import query_terms
    from cms_pages.selectors import notices_page, notices_public
    from tenants import context

    times = {key: [] for key in ("search page", "scan page", "search all", "scan all")}
    found, misses = {}, {}

    def page(queryset, terms=()):
        ordered = queryset.order_by("-in_force_from", "-id")
        return [n.id for n in notices_page(ordered, number=1, terms=terms).items]

    def all_ids(queryset):
        return set(queryset.values_list("id", flat=True))

    def timed_into(key, fn, runs):
        for _ in range(runs):
            start = time.perf_counter()
            result = fn()
            times[key].append(time.perf_counter() - start)
        return result

    with context.federation_context(schema):
        for term in TERMS:
            terms = query_terms(term)
            search_qs = notices_public().filter(
                search=SearchQuery(" ".join(terms), config="simple", search_type="plain")
            )
            scan_qs = notices_public()
            for word in terms:
                scan_qs = scan_qs.filter(body_text__contains=word)
            # One unmeasured run each, so every term is timed on warm caches, as on a live site.
            page(search_qs, terms), page(scan_qs)
            search_page = timed_into(
                "search page", lambda q=search_qs, t=terms: page(q, t), SEARCH_RUNS
            )
            scan_page = timed_into("scan page", lambda q=scan_qs: page(q), 3)
            search_ids = timed_into("search all", lambda q=search_qs: all_ids(q), 3)
            scan_ids = timed_into("scan all", lambda q=scan_qs: all_ids(q), 3)
            found[term] = (len(search_ids), len(scan_ids))
            if scan_ids - search_ids:
                misses[term] = len(scan_ids - search_ids)
            if search_page != scan_page:
                misses[f"{term} (first page)"] = "differs"
        connection.close()

    def p95(samples):
        return statistics.quantiles(samples, n=20)[-1]

    rows = []
    for shape in ("page", "all"):
        search, scan = times[f"search {shape}"], times[f"scan {shape}"]
        label = "the list page's queries" if shape == "page" else "fetching every match"
        rows.append(
            Row("public", f"search, {label} (jieba, GIN)", len(search),
                statistics.mean(search), min(search), f"p95 {p95(search):.4f}s")
        )  # fmt: skip
        rows.append(
            Row("public", f"baseline LIKE scan, {label}", len(scan), statistics.mean(scan),
                min(scan), f"p95 {p95(scan):.4f}s; search {p95(scan) / p95(search):.1f}x faster")
        )  # fmt: skip
    return rows, {"found": found, "misses": misses}


def run() -> list[Row]:
    from django.db import connection

    from cms_pages.models import HomePage, LegalIndexPage, LegalPage
    from tenants import context

    for schema, host in (("bench_pub", HOST), ("bench_small", SMALL_HOST)):
        bench_federation(schema=schema, name=f"测{schema}总工会", domain=host)
    for schema in ("bench_pub", "bench_small"):
        with context.federation_context(schema):
            index = LegalIndexPage.objects.get()
            trivial = LegalPage(title="trivial", slug="trivial", summary="-", body=[])
            index.add_child(instance=trivial)
            trivial.save_revision().publish()
            assert HomePage.objects.exists()
    started = time.perf_counter()
    _populate("bench_pub")
    populate_s = time.perf_counter() - started
    checked, mismatched = _check_vectors("bench_pub")
    with context.federation_context("bench_small"):
        from tests.factories.notices import published_contract

        for _ in range(3):
            published_contract()
    connection.close()

    search_path = "/notices/?q=%E6%9C%80%E4%BD%8E%E5%B7%A5%E8%B5%84"  # 最低工资
    paths = {
        "trivial page, uncached": "/legal/trivial/?uncached=1",
        "notice list, uncached": "/notices/?sort=newest",
        "notice list + facet, uncached": "/notices/?industry=C&status=effective",
        "search 最低工资, uncached": search_path,
        "trivial page, cached": "/legal/trivial/",
        "home page, cached": "/",
    }
    queries = {
        name: (_queries(HOST, path), _queries(SMALL_HOST, path))
        for name, path in paths.items()
        if "uncached" in name
    }
    connection.close()
    port = _free_port()
    server = _gunicorn(port)
    try:
        for path in paths.values():
            # Unmeasured: every worker loads jieba and fills its caches, as a running site has.
            _rate(port, path, seconds=1.5)
        rates = {name: _rate(port, path) for name, path in paths.items()}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    search_rows, search_info = _search_vs_scan("bench_pub")
    rows = [
        Row("public", f"generate {NOTICES:,} notices in SQL", 1, populate_s, populate_s,
            f"vectors checked against jieba: {checked}, differing: {mismatched}"),
    ]  # fmt: skip
    for name, rate in rates.items():
        baseline = rates["trivial page, cached" if "cached" in name and "uncached" not in name
                         else "trivial page, uncached"]  # fmt: skip
        note = f"{rate:.0f} req/s, {rate / baseline:.2f}x the trivial page"
        if name in queries:
            note += f"; queries/request {queries[name][0]} (3 notices: {queries[name][1]})"
        rows.append(Row("public", name, int(rate * LOAD_SECONDS), 1 / rate, 1 / rate, note))
    rows += search_rows
    misses = search_info["misses"]
    rows.append(
        Row("public", "search finds what the scan finds", len(TERMS), 0, 0,
            "all terms" if not misses else f"missed: {misses}")
    )  # fmt: skip
    print("matches per term (search, scan):", search_info["found"], flush=True)
    return rows
