"""Compare 2–5 notices (issue 19 part 3): key terms in one table with differences marked,
clauses aligned by topic with the differing words highlighted, a clear message for bad requests,
and the same number of queries whatever the number of notices."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.services import contracts
from tenants import context
from tests.cms_pages import pages

ONE = (
    ("wages", "职工工资年度平均增长幅度不低于6%。"),
    ("hours", "每周工作时间不超过40小时。"),
)
TWO = (
    ("wages", "职工工资年度平均增长幅度不低于8%。"),
    ("hours", "每周工作时间不超过40小时。"),
    ("women", "女职工每年进行一次妇科检查。"),
)


def _url(*notices) -> str:
    return "/notices/compare/?ids=" + ",".join(str(n.public_id) for n in notices)


def test_two_notices_side_by_side(client_a, fed_a):
    a = pages.notice(fed_a, clauses=ONE, key_terms={"night_shift_allowance": "30"})
    b = pages.notice(fed_a, clauses=TWO, key_terms={"night_shift_allowance": "40"})
    html = pages.html(client_a.get(_url(a, b)))
    assert a.title in html and b.title in html
    # Key terms: the differing row is marked, the equal one is not.
    night = html.split("夜班津贴")[1].split("</tr>")[0]
    assert "有差异" in night and "<td>30</td><td>40</td>" in night
    hours = html.split("每周工作时间 <span")[1].split("</tr>")[0]
    assert "有差异" not in hours
    # Clauses aligned by topic, the differing word highlighted, a topic only one has.
    assert "<mark>8</mark>" in html or "<mark>8%</mark>" in html
    assert "女职工" in html and "本合同无该主题的公开条款" in html


def test_checkboxes_on_the_list_submit_repeated_ids(client_a, fed_a):
    a, b = pages.notice(fed_a, clauses=ONE), pages.notice(fed_a, clauses=TWO)
    listing = pages.html(client_a.get("/notices/"))
    assert 'form="compare-form" name="ids"' in listing
    html = pages.html(
        client_a.get("/notices/compare/", {"ids": [str(a.public_id), str(b.public_id)]})
    )
    assert a.title in html and b.title in html


def test_compare_from_a_notice_keeps_it_ticked(client_a, fed_a):
    a = pages.notice(fed_a)
    detail = pages.html(client_a.get(f"/notices/{a.public_id}/"))
    assert f'href="/notices/?compare={a.public_id}#compare-form"' in detail
    listing = pages.html(client_a.get("/notices/", {"compare": str(a.public_id)}))
    assert f'<input type="hidden" name="ids" value="{a.public_id}">' in listing


def test_too_few_too_many_and_malformed(client_a, fed_a):
    notices = [pages.notice(fed_a) for _ in range(6)]
    one = client_a.get(_url(notices[0]))
    assert one.status_code == 400 and "至少选择2份" in one.content.decode()
    six = client_a.get(_url(*notices))
    assert six.status_code == 400 and "最多可同时比较5份" in six.content.decode()
    bad = client_a.get("/notices/compare/?ids=abc," + str(notices[0].public_id))
    assert bad.status_code == 400 and "“abc”不是公示编号" in bad.content.decode()


def test_unknown_and_withdrawn(client_a, fed_a, fed_b):
    a, b = pages.notice(fed_a), pages.notice(fed_a)
    foreign = pages.notice(fed_b)
    unknown = client_a.get(_url(a, foreign))
    assert unknown.status_code == 404 and foreign.title not in unknown.content.decode()
    with context.federation_context(fed_a):
        contracts.contract_publish(
            contract_id=b.contract_id, published_on=b.published_on, publish_publicly=False
        )
    gone = client_a.get(_url(a, b))
    assert gone.status_code == 410 and "已撤回" in gone.content.decode()


def test_queries_do_not_grow_with_the_number_of_notices(client_a, fed_a):
    notices = [pages.notice(fed_a, clauses=TWO) for _ in range(5)]

    def queries(chosen):
        with CaptureQueriesContext(connection) as ctx:
            pages.html(client_a.get(_url(*chosen)))
        return len(ctx.captured_queries)

    client_a.get(_url(*notices[:2]))  # warm the site's caches
    assert queries(notices[:2]) == queries(notices)
