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
    RepresentativeInspection,
    SupervisionCase,
    SurveyAnswer,
)
from compliance.selectors.worker_surveys import survey_rates
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
                SurveyAnswer.objects.count(),
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
        # Workers' voice (issue 18 item 8): surveys of a few contracts in force, rates around
        # the seed's 90%, one inspection, and the 知晓率 target.
        contract_ids = set(SurveyAnswer.objects.values_list("survey__contract_id", flat=True))
        assert len(contract_ids) == 3
        for rates in survey_rates(contract_ids=contract_ids).values():
            assert rates.answers >= 40 and 85 <= rates.awareness <= 95
            assert 80 <= rates.satisfaction <= 92
        assert RepresentativeInspection.objects.count() == 1
        # Quality evaluations (issue 18 item 9): three finalised, one still in progress.
        from compliance.models import QualityEvaluation

        assert QualityEvaluation.objects.filter(status="final", total__isnull=False).count() == 3
        assert QualityEvaluation.objects.filter(status="draft").count() == 1
    with context.public():
        from tenants.models import Target

        assert Target.objects.get(federation__schema_name="jms", indicator="awareness").value == 90
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
        # Two monthly meetings (issue 18): this month's created from last month's proposal,
        # both with minutes and outcomes; one round run by the federation (上代下).
        from compliance.models import Invitation, MonthlyMeeting

        last, this = MonthlyMeeting.objects.order_by("month")
        assert this.proposed_from == last and last.minutes and this.minutes
        outcomes = set(Invitation.objects.filter(meeting=last).values_list("outcome", flat=True))
        assert {"completed", "guided", "added"} <= outcomes
        assert Invitation.objects.filter(meeting=this).exclude(outcome="").exists()
        assert BargainingRound.objects.filter(on_behalf="round").count() == 1
        # Instructors' work (issue 18): the demo instructor appointed, with an enterprise
        # assigned by name and visits; a certificate expiring within the month; three experts.
        from django.utils import timezone

        from compliance.models import Consultation, Expert, Instructor
        from compliance.selectors.instructors import my_enterprises
        from compliance.selectors.training import certificates_expiring

        lin = Instructor.objects.get(user__username="instructor@gxq.localhost")
        assert lin.appointed_on and lin.term_ends_on and lin.appointment_document
        assert lin.assignments.exists() and lin.visits.count() >= 4
        assert any(e.assigned for e in my_enterprises(lin))
        assert certificates_expiring(today=timezone.localdate(), days=30).count() == 1
        assert Expert.objects.count() == 3 and Consultation.objects.count() == 3
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
