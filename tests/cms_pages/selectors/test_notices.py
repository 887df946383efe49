"""Finding notices: facets, dates, search, sorting, paging, bad parameters, constant queries."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms_pages.selectors import notices as notice_selectors
from cms_pages.selectors.notices import notice_facets, notices_filter, notices_page
from compliance.services import contracts
from tests.factories.notices import published_contract

TODAY = dt.date(2026, 6, 1)


def _ids(search):
    return {n.contract_id for n in search.queryset}


@pytest.fixture
def three(in_a):
    manufacturing = published_contract(
        enterprise_data={"industry": "C", "region_code": "230803"},
        clauses=(("safety", "企业每年组织职工职业健康检查，依法缴纳社会保险费。"),),
    )
    hotel = published_contract(
        enterprise_data={"industry": "H", "region_code": "230804"},
        clauses=(("women", "女职工在孕期、产期、哺乳期内享受特殊保护。"),),
        starts_on=dt.date(2026, 1, 1),
        ends_on=dt.date(2026, 7, 15),
    )
    old = published_contract(
        enterprise_data={"industry": "C", "region_code": "230811"},
        clauses=(("wages", "职工月最低工资不低于1900元。"),),
        starts_on=dt.date(2022, 1, 1),
        ends_on=dt.date(2024, 12, 31),
    )
    return manufacturing, hotel, old


def test_without_filters_every_listed_notice_newest_first(three):
    manufacturing, hotel, old = three
    search = notices_filter({}, today=TODAY)
    assert search.errors == {} and not search.filters.active
    assert [n.contract_id for n in search.queryset] == [hotel.pk, manufacturing.pk, old.pk]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"industry": "C"}, {"manufacturing", "old"}),
        ({"region": "230804"}, {"hotel"}),
        ({"region": "230800"}, {"manufacturing", "hotel", "old"}),  # a city covers districts
        ({"status": "expired"}, {"old"}),
        ({"status": "effective", "industry": "C"}, {"manufacturing"}),
        ({"year": "2026"}, {"hotel"}),
        ({"scope": "single"}, {"manufacturing", "hotel", "old"}),
        ({"scope": "regional"}, set()),
        ({"kind": "comprehensive"}, {"manufacturing", "hotel", "old"}),
        ({"in_force_on": "2023-06-01"}, {"old"}),
        ({"in_force_on": "2026-07-16"}, {"manufacturing"}),
        ({"expiring_within": "30"}, set()),
        ({"expiring_within": "60"}, {"hotel"}),
        ({"q": "职业健康检查"}, {"manufacturing"}),
        ({"q": "社会保险"}, {"manufacturing"}),
        ({"q": "女职工 哺乳期"}, {"hotel"}),
        ({"q": "职工"}, {"manufacturing", "hotel", "old"}),
        ({"q": "职工", "industry": "H"}, {"hotel"}),
        ({"q": "不存在的条款内容"}, set()),
    ],
)
def test_filters(three, params, expected):
    names = dict(zip(("manufacturing", "hotel", "old"), three, strict=True))
    search = notices_filter(params, today=TODAY)
    assert search.errors == {}
    assert _ids(search) == {names[n].pk for n in expected}
    assert search.filters.active


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"industry": "Z"}, "industry"),
        ({"region": "23"}, "region"),
        ({"year": "twenty"}, "year"),
        ({"in_force_on": "01/06/2026"}, "in_force_on"),
        ({"expiring_within": "0"}, "expiring_within"),
        ({"expiring_within": "9999"}, "expiring_within"),
        ({"sort": "random"}, "sort"),
        ({"page": "-1"}, "page"),
        ({"q": "，。的"}, "q"),
        ({"q": "长" * 101}, "q"),
    ],
)
def test_bad_parameters_are_reported_and_ignored(three, params, field):
    search = notices_filter({**params, "industry": params.get("industry", "C")}, today=TODAY)
    assert list(search.errors) == [field]
    assert search.errors[field][0].strip()
    if field != "industry":  # the valid filter still applies
        assert _ids(search) == {three[0].pk, three[2].pk}


def test_bad_parameters_in_english(three, english):
    search = notices_filter({"in_force_on": "yesterday"}, today=TODAY)
    assert search.errors["in_force_on"] == ["Enter the date as YYYY-MM-DD, e.g. 2026-05-01."]


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("newest", ("hotel", "manufacturing", "old")),
        ("oldest", ("old", "manufacturing", "hotel")),
        ("ends_soon", ("old", "hotel", "manufacturing")),
    ],
)
def test_sorting(three, sort, order):
    names = dict(zip(("manufacturing", "hotel", "old"), three, strict=True))
    ids = [n.contract_id for n in notices_filter({"sort": sort}, today=TODAY).queryset]
    assert ids == [names[n].pk for n in order]


def test_search_sorts_newest_first_unless_relevance_is_asked_for(three):
    search = notices_filter({"q": "职工"}, today=TODAY)
    assert search.filters.sort == "newest" and search.filters.terms == ("职工",)
    ranked = notices_filter({"q": "职工 女职工", "sort": "relevance"}, today=TODAY)
    assert [n.contract_id for n in ranked.queryset] == [three[1].pk]
    assert notices_filter({"sort": "relevance"}, today=TODAY).filters.sort == "newest"


def test_withdrawn_notices_never_match(three):
    manufacturing = three[0]
    contracts.contract_publish(
        contract_id=manufacturing.pk, published_on=manufacturing.starts_on, publish_publicly=False
    )
    for params in ({}, {"q": "职业健康检查"}, {"industry": "C"}, {"in_force_on": "2026-01-01"}):
        assert manufacturing.pk not in _ids(notices_filter(params, today=TODAY))
    assert dict(notice_facets()["industry"]) == {"C": 1, "H": 1}


def test_facets_list_values_present_with_counts(three):
    facets = notice_facets()
    assert dict(facets["industry"]) == {"C": 2, "H": 1}
    assert [code for code, _n in facets["region"]] == ["230803", "230804", "230811"]
    assert [year for year, _n in facets["year"]] == [2026, 2025, 2022]


def test_paging_clamps_and_caps_the_count(three, monkeypatch):
    queryset = notices_filter({}, today=TODAY).queryset
    page = notices_page(queryset, number=2, per_page=2)
    assert page.number == 2 and len(page.items) == 1 and page.count == 3 and not page.capped
    assert notices_page(queryset, number=9, per_page=2).number == 2
    monkeypatch.setattr(notice_selectors, "COUNT_CAP", 2)
    capped = notices_page(queryset, number=1, per_page=1)
    assert capped.capped and capped.count == 2 and capped.num_pages == 2


def test_empty_list_is_one_empty_page(in_a):
    page = notices_page(notices_filter({}, today=TODAY).queryset, number=3)
    assert page.items == [] and page.number == 1 and page.count == 0


def test_queries_do_not_grow_with_the_number_of_notices(in_a, monkeypatch):
    def count_queries(params):
        with CaptureQueriesContext(connection) as ctx:
            search = notices_filter(params, today=TODAY)
            notices_page(search.queryset, number=1, terms=search.filters.terms)
        return len(ctx.captured_queries)

    published_contract()
    few = count_queries({"industry": "C"}), count_queries({"q": "职工", "industry": "C"})
    monkeypatch.setattr(notice_selectors, "COUNT_CAP", 3)  # past the cap: the other plan
    for _ in range(6):
        published_contract()
    many = count_queries({"industry": "C"}), count_queries({"q": "职工", "industry": "C"})
    assert few == many == (2, 3)


def test_pages_are_in_order_whichever_plan_reads_them(in_a, monkeypatch):
    """Regression: a filter correlated with the order made the index walk take seconds; the
    matches are now sorted instead when few. Both plans must give the same rows."""
    for n in range(5):
        published_contract(starts_on=dt.date(2020 + n, 1, 1), ends_on=dt.date(2027, 12, 31))
    queryset = notices_filter({"sort": "oldest"}, today=TODAY).queryset
    sorted_first = [n.pk for n in notices_page(queryset, number=1, per_page=3).items]
    monkeypatch.setattr(notice_selectors, "COUNT_CAP", 2)
    walked = [n.pk for n in notices_page(queryset, number=1, per_page=3).items]
    assert sorted_first == walked == [n.pk for n in queryset[:3]]


def _set_vectors(notices_and_words):
    with connection.cursor() as cursor:
        for notice, words in notices_and_words:
            cursor.execute(
                "UPDATE cms_pages_contractnotice SET search = to_tsvector('simple', %s) "
                "WHERE id = %s",
                [words, notice.pk],
            )
        cursor.execute("ANALYZE cms_pages_contractnotice")


def test_search_share_is_the_rarest_words_not_the_product(in_a):
    """Words of one query go together (夜班 and 津贴 stand in one clause): the estimate is the
    rarest word's share, where PostgreSQL's product of shares chose a plan 600x slower."""
    from cms_pages.models import ContractNotice

    for _ in range(6):
        published_contract()
    notices = list(ContractNotice.objects.order_by("id"))
    _set_vectors(
        [(n, "夜班 津贴 集体合同") for n in notices[:3]]
        + [(n, "取暖 补贴 集体合同") for n in notices[3:5]]
        + [(notices[5], "集体合同")]
    )
    share, total = notice_selectors._search_frequency(["夜班", "津贴"])
    assert total == 6
    assert share == pytest.approx(0.5)  # not 0.25
    assert notice_selectors._search_frequency(["夜班", "取暖"])[0] == pytest.approx(2 / 6)
    # A word the statistics don't keep counts as rarer than every word they do.
    unknown, _ = notice_selectors._search_frequency(["集体合同", "从未出现"])
    assert 0 < unknown < 2 / 6


def test_search_share_is_unknown_before_analyze(in_a):
    published_contract()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stats WHERE schemaname = current_schema() "
            "AND tablename = 'cms_pages_contractnotice' AND attname = 'search'"
        )
        analysed = cursor.fetchone()[0]
    if not analysed:
        assert notice_selectors._search_frequency(["职工"]) is None


@pytest.mark.parametrize(
    ("share", "total", "rows_needed", "walk"),
    [
        (0.14, 300_000, 20, True),  # 夜班津贴: ~143 rows walked against 42,000 sorted
        (1.0, 300_000, 20, True),  # 集体合同 is in every notice
        (0.005, 300_000, 20, False),  # 1,500 matches: sorting them is safer than walking
        (0.05, 300_000, 1000, False),  # the 50th page of a commonish word: sort
        (0.14, 300_000, 1000, True),  # … of a common one: still walk (28,600 rows < 42,000)
        (0.0, 300_000, 20, False),
    ],
)
def test_walk_is_taken_only_when_far_cheaper(share, total, rows_needed, walk):
    assert notice_selectors._walk_is_cheaper((share, total), rows_needed) is walk


def test_walk_without_statistics_is_taken_past_the_cap():
    assert notice_selectors._walk_is_cheaper(None, 20) is True


@pytest.mark.parametrize(
    ("frequency", "scan"),
    [
        ((0.14, 3_000_000), True),  # a clause word across the network channel: 5 ms against 56
        ((0.14, 300_000), False),  # the same word in one federation: the index is cheaper
        ((0.5, 300_000), True),  # a word in half of them
        ((0.014, 3_000_000), False),  # the word within a city's tenth of the channel
        ((0.0005, 3_000_000), False),  # an employer's name
        ((0.0, 3_000_000), False),
        (None, False),  # no statistics yet
    ],
)
def test_a_count_scans_only_for_a_word_in_much_of_a_large_table(frequency, scan):
    assert notice_selectors._scan_is_cheaper(frequency) is scan


def test_a_very_common_word_is_counted_by_scan_with_the_same_result(three, monkeypatch):
    """The count of a word in most notices of a large table stops at the cap in a scan instead of
    gathering every match from the index first (region-wide search at 3,000,000 notices): same
    count, same page, same number of queries, and the words' condition not on the index."""
    params = {"q": "职工", "industry": "C"}
    search = notices_filter(params, today=TODAY)
    assert search.scanned is not None and notices_filter({}, today=TODAY).scanned is None
    indexed = notices_page(search.queryset, number=1, terms=search.filters.terms)
    monkeypatch.setattr(notice_selectors, "_search_frequency", lambda terms, table: (0.9, 10**7))
    with CaptureQueriesContext(connection) as ctx:
        scanned = notices_page(
            search.queryset, number=1, terms=search.filters.terms, scanned=search.scanned
        )
    count_sql = next(q["sql"] for q in ctx.captured_queries if "COUNT(*)" in q["sql"])
    assert '("cms_pages_contractnotice"."search" @@ (plainto_tsquery(' in count_sql
    assert ")) IS TRUE" in count_sql
    assert (scanned.count, [n.pk for n in scanned.items]) == (
        indexed.count,
        [n.pk for n in indexed.items],
    )
    assert scanned.count == 2  # the two manufacturing contracts hold 职工
    assert len(ctx.captured_queries) == 2  # the statistics were patched out: count and rows
