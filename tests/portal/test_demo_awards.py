"""The award demo: an award with criteria, violation records, one stored check and a public
notice of its shortlist; seeding again adds nothing."""

import datetime as dt

from compliance.models import Award, AwardNotice, EligibilityRun, ViolationRecord
from portal.demo.awards import seed_awards
from tenants import context
from tests.factories import compliance as f

TODAY = dt.date(2026, 11, 20)  # a Friday in a year whose holiday calendar is loaded


def test_the_award_demo_seeds_once_with_a_public_notice(fed_a, client_a):
    with context.federation_context(fed_a):
        for _ in range(5):
            f.enterprise()
        f.enterprise(union_established=False, union_members=0)
        assert seed_awards(today=TODAY, email="c@a.test", password="Pw-2026-demo!", short_name="甲")
        assert not seed_awards(
            today=TODAY, email="c@a.test", password="Pw-2026-demo!", short_name="甲"
        )
        award = Award.objects.get()
        run = EligibilityRun.objects.get()
        notice = AwardNotice.objects.get()
        assert (award.year, award.criteria.count()) == (2027, 11)
        assert ViolationRecord.objects.count() == 3
        assert run.nominees == 7 and run.unmatched == 1 and run.eligible == 2
        assert notice.starts_on <= TODAY <= notice.ends_on
    body = client_a.get(f"/notices/awards/{notice.pk}/").content.decode()
    assert notice.title in body
