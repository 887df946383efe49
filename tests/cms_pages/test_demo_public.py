"""The demo federations' public sites: content a reader would trust, seeded once."""

import io

from django.core.management import call_command
from django.test import Client

from cms_pages.models import CaseStudyPage, ContractNotice, LegalPage
from cms_pages.selectors import notices_public
from tenants import context


def _counts(schema):
    with context.federation_context(schema):
        return (
            CaseStudyPage.objects.live().count(),
            LegalPage.objects.live().count(),
            notices_public().count(),
            ContractNotice.objects.count(),
        )


def test_demo_sites_have_cases_legal_pages_downloads_and_notices(db):
    call_command("seed_demo", stdout=io.StringIO())
    first = {schema: _counts(schema) for schema in ("jms", "gxq")}
    for schema, (cases, legal, listed, _all) in first.items():
        assert cases >= 3 and legal >= 3 and listed >= 4, (schema, first)
    with context.federation_context("jms"):
        texts = " ".join(notices_public().values_list("body_text", flat=True))
        assert "0454-8234567" not in texts  # the demo clause's phone number is redacted
        assert "新设备" not in texts  # the business-secret clause is withheld
        assert notices_public().filter(relation="amendment").exists()
    call_command("seed_demo", stdout=io.StringIO())
    assert {schema: _counts(schema) for schema in ("jms", "gxq")} == first
    client = Client(HTTP_HOST="jms.localhost")
    for path in ("/", "/notices/", "/cases/", "/legal/", "/downloads/"):
        assert client.get(path).status_code == 200, path
    downloads = client.get("/downloads/").content.decode()
    assert "集体合同（范本）" in downloads and ".docx" in downloads.lower()
    gxq = Client(HTTP_HOST="gxq.localhost").get("/cases/").content.decode()
    assert "电子企业签订女职工权益保护专项集体合同" in gxq
    assert "造纸企业" not in gxq
    for schema in ("jms", "gxq"):
        _assert_english_complete(schema)
    _assert_wage_highlights()


def _assert_wage_highlights() -> None:
    """Issue 19 item 4: every demo federation's quarters are generated, and the full demo's
    wage-guideline report shows its live figures with their date."""
    from cms_pages.models import WageGuidelinePage

    client = Client(HTTP_HOST="jms.localhost")
    latest = client.get("/wages/")
    assert latest.status_code == 302, latest.status_code
    assert "工资集体协商情况" in client.get(latest["Location"]).content.decode()
    with context.federation_context("jms"):
        url = WageGuidelinePage.objects.live().get().url
    page = client.get(url).content.decode()
    assert "约定工资增幅中位数" in page and "截至" in page


def _assert_english_complete(schema: str) -> None:
    """Regression (issue 14): the demo seeded Chinese only, so its English site was Chinese.
    Every text the demo writes for the public site has its English version."""
    from taggit.models import Tag
    from wagtail.models import Site

    from cms_pages.models import DownloadsPage, FederationContact, HomePage
    from compliance.models import AwardNotice

    with context.federation_context(schema):
        home = HomePage.objects.get()
        assert home.title_en and home.intro_en
        for section in home.get_children().specific():
            # Index pages have an introduction; the wage-guideline report (issue 19) a summary.
            intro_en = getattr(section, "intro_en", None) or getattr(section, "summary_en", None)
            assert section.title_en and intro_en, section
        for case in CaseStudyPage.objects.live():
            assert case.title_en and case.summary_en and case.body_en, case
            assert len(case.body_en) == len(case.body), case  # every paragraph and the figures
        for page in LegalPage.objects.live():
            assert page.title_en and page.summary_en and page.body_en, page
            assert page.source_en or not page.source, page
        assert not Tag.objects.filter(case_topic__isnull=True).exists()
        contact = FederationContact.for_site(Site.objects.get(is_default_site=True))
        assert contact.address_en and contact.office_hours_en
        for section in DownloadsPage.objects.get().sections:
            assert section.value["heading_en"]
            for item in section.value["items"]:
                assert item["title_en"] and item["description_en"], item
        for notice in AwardNotice.objects.all():
            assert notice.title_en and notice.body_en and notice.contact_en, notice
