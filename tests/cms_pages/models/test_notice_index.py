"""The contract notice index (NoticeIndexPage's routes): the list with search, filters, messages
and empty states, a notice's page, a withdrawn notice, and the list's constant queries."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.services import contracts
from tenants import context
from tests.cms_pages import pages


def test_notice_list_search_highlights_matches(client_a, fed_a):
    pages.notice(fed_a, clauses=(("safety", "企业每年组织职工职业健康检查。"),))
    html = pages.html(client_a.get("/notices/", {"q": "健康检查"}))
    assert "<mark>" in html and "健康" in html
    assert 'name="robots" content="noindex, follow"' in html


def test_bad_parameters_show_a_message_not_an_error(client_a, fed_a):
    pages.notice(fed_a)
    html = pages.html(client_a.get("/notices/", {"in_force_on": "tomorrow", "year": "abc"}))
    assert 'role="alert"' in html and 'aria-invalid="true"' in html


def test_empty_states(client_a, fed_a):
    assert 'class="empty"' in pages.html(client_a.get("/notices/"))
    pages.notice(fed_a)
    html = pages.html(client_a.get("/notices/", {"q": "完全不存在的词语组合"}))
    assert 'class="empty"' in html and 'href="/notices/"' in html


def test_notice_detail_shows_public_content_only(client_a, fed_a):
    notice = pages.notice(
        fed_a,
        clauses=(
            ("wages", "职工月最低工资不低于2100元。"),
            ("other", "核心工艺岗位津贴另行约定。"),
            ("other", "联系人手机13812345678。"),
        ),
        secret_orders=(2,),
    )
    html = pages.html(client_a.get(f"/notices/{notice.public_id}/"))
    assert notice.title in html and notice.filing_number in html
    assert "职工月最低工资不低于2100元" in html
    assert "核心工艺" not in html and "13812345678" not in html
    assert f'href="http://a.test/notices/{notice.public_id}/"' in html  # canonical
    # Regression: the page told the public "(R26)", the portal's own rule number.
    assert "因涉及商业秘密未予公示的条款：1 条" in html
    assert not re.search(r"\bR\d{1,2}\b", html)


def test_withdrawn_notice_is_gone(client_a, fed_a):
    notice = pages.notice(fed_a)
    with context.federation_context(fed_a):
        contracts.contract_publish(
            contract_id=notice.contract_id, published_on=notice.published_on, publish_publicly=False
        )
    response = client_a.get(f"/notices/{notice.public_id}/")
    assert response.status_code == 410
    assert notice.title not in pages.html(client_a.get("/notices/"))
    assert client_a.get("/notices/00000000-0000-0000-0000-000000000000/").status_code == 404


def test_list_queries_do_not_grow_with_notices(client_a, fed_a):
    def queries(params):
        with CaptureQueriesContext(connection) as ctx:
            pages.html(client_a.get("/notices/", params))
        return len(ctx.captured_queries)

    pages.notice(fed_a)
    client_a.get("/notices/", {"q": "职工"})  # warm the caches of chrome and facets
    few = queries({"q": "职工"}), queries({"industry": "C"}), queries({"page": "1"})
    for _ in range(5):
        pages.notice(fed_a)
    client_a.get("/notices/", {"q": "职工"})
    assert (queries({"q": "职工"}), queries({"industry": "C"}), queries({"page": "1"})) == few
