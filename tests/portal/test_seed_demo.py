"""`make demo`'s data: it seeds from nothing, every step of every procedure, and a second run
adds nothing (regression: a zone enterprise without a union failed R5 mid-seed)."""

import io
import re

from django.core.management import call_command

from compliance.documents.letters import chinese_date, letter_text
from compliance.models import (
    BargainingIntent,
    BargainingRound,
    BaselineSurvey,
    Contract,
    Letter,
    SupervisionCase,
)
from compliance.services.supervision import letter_template
from tenants import context
from tenants.models import Federation


def _counts():
    counts = {}
    for schema in ("jms", "gxq"):
        with context.federation_context(schema):
            counts[schema] = (
                BargainingRound.objects.count(),
                Contract.objects.count(),
                SupervisionCase.objects.count(),
                Letter.objects.count(),
                BaselineSurvey.objects.count(),
                BargainingIntent.objects.count(),
            )
    return counts


def test_seed_demo_is_complete_and_idempotent(db):
    call_command("seed_demo", stdout=io.StringIO())
    first = _counts()
    with context.federation_context("jms"):
        statuses = set(BargainingRound.objects.values_list("status", flat=True))
        assert {"offered", "refused", "negotiating", "signed", "submitted", "effective"} <= statuses
        assert Letter.objects.filter(kind="recommendation").exists()
        assert Letter.objects.filter(status="overdue").exists()
        assert SupervisionCase.objects.filter(status="closed").exists()
    with context.federation_context("gxq"):
        assert not Letter.objects.filter(kind="recommendation").exists()  # a zone may not
        # The enterprise's side: both sides signed in, a draft returned with a clause comment
        # for the officer to answer, and a contract under the reviewer's department's review.
        from compliance.models import DepartmentSubmission, EnterpriseAccount, FilingSubmission

        accounts = EnterpriseAccount.objects.values_list("user__username", "side")
        assert set(accounts) >= {
            ("union@gxq.localhost", "union"),
            ("employer@gxq.localhost", "employer"),
        }
        returned = FilingSubmission.objects.get(state="returned")
        assert returned.clauses.exclude(comment="").count() == 1
        assert returned.round.status == "voted"
        assert returned.round.instructor.user.username == "instructor@gxq.localhost"
        under_review = DepartmentSubmission.objects.get()
        assert under_review.round.status == "submitted" and under_review.round.received_date
        assert under_review.department.reviewers.get().user.username == "reviewer@gxq.localhost"
    call_command("seed_demo", stdout=io.StringIO())
    assert _counts() == first
    # The year's funnel shows enterprises stuck before the offer (issue 18).
    from django.utils import timezone

    from compliance.selectors.pipeline import funnel

    with context.federation_context("jms"):
        stuck = {s.stage: s.stuck for s in funnel(year=timezone.localdate().year).steps}
        assert all(stuck[stage] > 0 for stage in ("in_scope", "surveyed", "intent")), stuck
        categories = set(BaselineSurvey.objects.values_list("category", flat=True))
        assert {"unable", "willing"} <= categories
    assert all(all(n > 0 for n in c) for c in first.values())


def test_the_demo_writes_addresses_with_the_port_it_serves_on(db):
    """Regression: canonical links, sitemap.xml, the Atom feed and the OpenAPI servers dropped
    the demo's :8000, because every federation's Wagtail Site said port 80."""
    from wagtail.models import Page, Site

    from portal.demo.federations import sites_serve_on

    call_command("seed_demo", stdout=io.StringIO())
    sites_serve_on(8000)
    sites_serve_on(8000)  # idempotent
    with context.federation_context("jms"):
        assert list(Site.objects.values_list("port", flat=True)) == [8000]
        home = Page.objects.get(depth=2).specific
        assert home.get_full_url() == "http://jms.localhost:8000/"


def test_demo_letters_read_as_letters_of_a_heilongjiang_federation(db):
    """Regression (issue 14): demo letters printed "依据R45 淮北市实践", a Zhejiang regulation
    as the basis of a Heilongjiang federation's recommendation, and "第四十四条。的"."""
    call_command("seed_demo", stdout=io.StringIO())
    for schema in ("jms", "gxq"):
        with context.public():
            federation = Federation.objects.get(schema_name=schema)
        with context.federation_context(schema):
            letters = list(Letter.objects.select_related("case", "case__enterprise"))
            assert letters
            for letter in letters:
                printed = letter_text(
                    letter=letter,
                    template=letter_template(letter.kind),
                    federation=federation,
                    items=list(letter.items.all()),
                ).printed()
                assert not re.search(r"R\d+", printed), letter.number
                for wrong in ("实践", "。的", "浙江", "（）", "默认值"):
                    assert wrong not in printed, (letter.number, wrong)
                assert f"{chinese_date(letter.due_on)}前" in printed, letter.number


def test_demo_network_is_a_three_level_tree_with_published_figures(db):
    """Issue 16: the province above Jiamusi, the zone and a county beneath the city, each with
    its ledger, and every federation's figures in the network channel."""
    import datetime as dt

    from django.utils import timezone

    from compliance.models import Enterprise
    from compliance.selectors.network import network_figures
    from tenants.models import NetworkFigure

    call_command("seed_demo", stdout=io.StringIO())
    with context.public():
        tree = {f.schema_name: f for f in Federation.objects.select_related("parent")}
        assert tree["jms"].parent.schema_name == "hlj"
        assert {tree["gxq"].parent.schema_name, tree["hnx"].parent.schema_name} == {"jms"}
        today = timezone.localdate()
        days = set(
            NetworkFigure.objects.filter(federation=tree["hnx"]).values_list("day", flat=True)
        )
        assert dt.date(today.year - 1, 1, 1) in days and today in days
        view = network_figures(federation=tree["hlj"], day=today, dimension="all")
    assert (view.federations, view.published) == (4, 4)
    for schema in ("hlj", "hnx"):
        with context.federation_context(schema):
            assert Enterprise.objects.exists()
    # Ledger totals over the tree are the sum of each federation's own ledger.
    ledgers = 0
    for schema in tree:
        with context.federation_context(schema):
            ledgers += Enterprise.objects.count()
    assert view.total.enterprises == ledgers
    assert view.total.unionised_covered > 0


def test_demo_zone_has_referred_a_case_to_the_city(db):
    """Issue 16 item 8: one referral from the zone to the city, in progress."""
    from tenants.models import Referral

    call_command("seed_demo", stdout=io.StringIO())
    with context.public():
        referral = Referral.objects.select_related("child", "parent").get()
    assert (referral.child.schema_name, referral.parent.schema_name) == ("gxq", "jms")
    with context.federation_context("jms"):
        copy = SupervisionCase.objects.get(pk=referral.parent_case_id)
        assert copy.source == "referred"
        assert not copy.letters.filter(kind="recommendation").exists()  # the city's next step
