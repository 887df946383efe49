"""sitemap.xml: the federation's pages and notices (Wagtail's sitemap) and its award notices on
show today with their list; never a withdrawn or future award notice, nor another federation's."""

import datetime as dt
import re

from compliance.models import CalendarDay
from compliance.services.awards import Nominee, eligibility_check, notice_publish, notice_withdraw
from tenants import context
from tests.cms_pages import pages
from tests.factories import awards as a
from tests.factories import compliance as f

MONDAY, FRIDAY = dt.date(2026, 11, 16), dt.date(2026, 11, 20)
CHECKED = dt.date(2026, 11, 13)  # the shortlist's check, before its notice


def _award_notice(*, start=MONDAY, end=FRIDAY):
    """A published shortlist of one eligible nominee (as tests/compliance/test_award_notices.py)."""
    good = f.enterprise(name="甲市江畔粮油机械有限公司")
    run = eligibility_check(
        award_id=a.award("no_union").pk, nominees=[Nominee(good.credit_code, row=2)], as_of=CHECKED
    )
    return notice_publish(
        run_id=run.pk,
        data={
            "title": "2027年度五一劳动奖状拟推荐对象公示",
            "starts_on": start,
            "ends_on": end,
            "contact": "异议请向评审委员会办公室反映。",
        },
        today=MONDAY,
    )


def _future_award_notice():
    start = dt.date.today() + dt.timedelta(days=60)
    start -= dt.timedelta(days=start.weekday())  # a Monday, about two months ahead
    end = start + dt.timedelta(days=11)
    for year in {start.year, end.year}:  # the working-day calendar of those years
        CalendarDay.objects.get_or_create(
            date=dt.date(year, 1, 1),
            defaults={"kind": "holiday", "name": "元旦", "covers_year": True},
        )
    return _award_notice(start=start, end=end)


def _locations(client) -> set[str]:
    return set(re.findall(r"<loc>(.*?)</loc>", pages.html(client.get("/sitemap.xml"))))


def test_sitemap_lists_the_award_notices_on_show_and_their_list(client_a, client_b, fed_a, fed_b):
    with context.federation_context(fed_a):
        shown = _award_notice()
        withdrawn = _award_notice()
        notice_withdraw(notice_id=withdrawn.pk)
        future = _future_award_notice()
    with context.federation_context(fed_b):
        for _ in range(3):
            _award_notice()
    contract = pages.notice(fed_a)
    locations = _locations(client_a)
    awards = {url for url in locations if "/notices/awards/" in url}
    assert awards == {"http://a.test/notices/awards/", f"http://a.test/notices/awards/{shown.pk}/"}
    for hidden in (withdrawn, future):  # the exact set above leaves them out; say so by name
        assert f"http://a.test/notices/awards/{hidden.pk}/" not in locations
    # Wagtail's page sitemap is still there, with the contract notices of the notice index.
    assert {"http://a.test/", "http://a.test/notices/", "http://a.test/cases/"} <= locations
    assert f"http://a.test/notices/{contract.public_id}/" in locations
    assert len([url for url in _locations(client_b) if "/notices/awards/" in url]) == 4
