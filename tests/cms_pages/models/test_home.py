"""The home page (HomePage.get_context): latest notices, key figures, featured cases."""

import datetime as dt

from tests.cms_pages import pages


def test_home_shows_latest_notices_figures_and_cases(client_a, fed_a):
    notice = pages.notice(fed_a, title="甲市测试集体合同")
    pages.case(
        fed_a, title="甲市工资协商案例", slug="wage-case", date=dt.date(2026, 3, 1), featured=True
    )
    html = pages.html(client_a.get("/"))
    assert "甲市测试集体合同" in html and f"/notices/{notice.public_id}/" in html
    assert "甲市工资协商案例" in html
    assert 'class="figures"' in html
