"""Accessible to everyone (issue 19 item 7) in Chromium.

- Every public page template is opened and scanned with axe-core (WCAG 2.0/2.1/2.2 A and AA, no
  serious or critical violation; tests/browser/audit.py): in Chinese on a desktop in the standard
  display and in English on a phone in the large-text display for older readers.
- `test_every_public_template_is_scanned` lists the public templates from the source tree and
  fails when one is rendered by none of the scanned pages here and is not scanned by a named
  test elsewhere (SCANNED_ELSEWHERE, the enterprise and review areas behind a sign-in): a new
  template cannot slip by.
- The large-text display is switched on with the link in the header, stays on on another page
  and on reload, and is switched off again; with it on, text is half as large again and passes
  axe's enhanced-contrast rule (7:1).
- The accessibility statement is linked from every footer and lists every requirement.

The templates a page rendered are recorded from Django's `template_rendered` signal (sent by the
test environment's instrumented renderer in the live server's threads), per request path.
"""

from __future__ import annotations

import ast
import datetime as dt
import threading
from pathlib import Path
from urllib.parse import quote, urlsplit

import pytest
from django.conf import settings
from django.test.signals import template_rendered
from playwright.sync_api import expect

from tests.browser.audit import page_audit
from tests.browser.conftest import ARTIFACTS, BROWSER, administrator
from tests.browser.templates import public_templates

pytestmark = [*BROWSER, pytest.mark.usefixtures("a11y_content")]

BASE = Path(settings.BASE_DIR)
# Public templates behind the enterprise's or the reviewer's sign-in (two factors, invitations,
# bargaining rounds): scanned by the `shot` of these tests, which walk those jobs in Chromium.
SCANNED_ELSEWHERE = {
    # Issue 19's public pages, each walked and scanned by its own browser test.
    **{
        f"cms_pages/alerts/{name}.html": "test_notice_alerts.py"
        for name in (
            "_filters",
            "subscribe",
            "check_mail",
            "confirm",
            "confirmed",
            "manage",
            "link",
            "link_sent",
            "unsubscribe",
            "unsubscribed",
            "invalid_link",
        )
    },
    "cms_pages/codebook.html": "test_key_terms.py",
    "cms_pages/notice_compare.html": "test_key_terms.py",
    "cms_pages/notice_region.html": "test_region_search.py",
    "cms_pages/includes/region_results.html": "test_region_search.py",
    "tenants/platform_notices.html": "test_region_search.py",
    "cms_pages/wage_highlights.html": "test_wages.py",
    "cms_pages/wage_guideline_page.html": "test_wages.py",
    "cms_pages/blocks/live_figure.html": "test_wages.py",
    "compliance/enterprise_area/accept.html": "test_enterprise_area.py",
    "compliance/enterprise_area/enrol.html": "test_enterprise_area.py",
    "compliance/enterprise_area/code.html": "test_enterprise_area.py",
    "compliance/enterprise_area/home.html": "test_enterprise_area.py",
    "compliance/enterprise_area/_home_rounds.html": "test_enterprise_offers.py",
    "compliance/enterprise_area/_notifications.html": "test_enterprise_area.py",
    "compliance/enterprise_area/correction.html": "test_enterprise_area.py",
    "compliance/enterprise_area/correction_form.html": "test_enterprise_area.py",
    "compliance/enterprise_area/_form.html": "test_enterprise_area.py",
    "compliance/enterprise_area/round_offer_form.html": "test_enterprise_offers.py",
    "compliance/enterprise_area/round_paper_form.html": "test_enterprise_offers.py",
    "compliance/enterprise_area/_offer.html": "test_enterprise_offers.py",
    "compliance/enterprise_area/round.html": "test_enterprise_offers.py",
    "compliance/enterprise_area/round_answer.html": "test_enterprise_offers.py",
    "compliance/enterprise_area/round_representatives.html": "test_enterprise_loop.py",
    "compliance/enterprise_area/_representatives.html": "test_enterprise_loop.py",
    "compliance/enterprise_area/round_step.html": "test_enterprise_loop.py",
    "compliance/enterprise_area/round_under_way.html": "test_enterprise_loop.py",
    "compliance/enterprise_area/prereview.html": "test_prereview.py",
    "compliance/enterprise_area/prereview_list.html": "test_prereview.py",
    "compliance/enterprise_area/prereview_form.html": "test_prereview.py",
    "compliance/enterprise_area/prereview_changes.html": "test_prereview.py",
    "compliance/enterprise_area/letters.html": "test_enterprise_letters.py",
    "compliance/enterprise_area/letter.html": "test_enterprise_letters.py",
    "compliance/enterprise_area/reports.html": "test_enterprise_letters.py",
    "compliance/enterprise_area/report_form.html": "test_enterprise_letters.py",
    "compliance/enterprise_area/surveys.html": "test_worker_voice.py",
    "compliance/review_area/accept.html": "test_department_review.py",
    "compliance/review_area/enrol.html": "test_department_review.py",
    "compliance/review_area/code.html": "test_department_review.py",
    "compliance/review_area/home.html": "test_department_review.py",
    "compliance/review_area/round.html": "test_department_review.py",
}

# (width, height, language, large text): Chinese on a desktop in the standard display, English on
# a phone in the large-text one. Two variants, not all four combinations: each language, width
# and palette is scanned, and the four took twelve minutes of the suite for no rule that
# depends on the combination (the keyboard and contrast tests below cover both displays).
VARIANTS = {
    "zh-desktop": (1280, 900, "zh-hans", False),
    "en-phone-large": (390, 844, "en", True),
}
SERVER_ERROR_PATH = "/__server-error-page__/"
STAFF = "a11y@pa.test"


# --- which templates a request rendered ---------------------------------------------------


class TemplateLog:
    """Template names rendered per request path, from the live server's threads."""

    def __init__(self):
        self.lock = threading.Lock()
        self.by_path: dict[str, set[str]] = {}

    def __call__(self, sender, template, context, **kwargs):
        request = context.get("request") if context is not None else None
        path = request.path if request is not None else SERVER_ERROR_PATH
        if template.name:
            with self.lock:
                self.by_path.setdefault(path, set()).add(template.name)

    def templates(self, path: str) -> set[str]:
        with self.lock:
            return set(self.by_path.get(path, ()))


@pytest.fixture(scope="module")
def template_log():
    log = TemplateLog()
    template_rendered.connect(log, dispatch_uid="a11y-template-log")
    yield log
    template_rendered.disconnect(dispatch_uid="a11y-template-log")


# --- content the pages need, committed before Chromium starts -----------------------------


@pytest.fixture(scope="module")
def a11y_content(browser_sites, django_db_blocker):
    """fed_pa gets what the remaining templates need: a legal page with every body block, a
    withdrawn notice, an award shortlist under notice, a workers' survey and a letter's reply
    link. Made before Chromium starts (no database call while Playwright's loop runs)."""
    import io

    from django.core.files.images import ImageFile
    from django.utils import timezone
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    from compliance.models import CalendarDay, WorkerSurvey
    from compliance.services.awards import Nominee, eligibility_check, notice_publish
    from compliance.services.contracts import contract_update
    from compliance.services.worker_surveys import survey_open
    from portal.demo.builders import (
        enterprise,
        legal_page,
        published_contract,
        template_document,
    )
    from tenants import context
    from tests.factories import awards, compliance
    from tests.factories.supervision import issued_letter

    today = timezone.localdate()
    with django_db_blocker.unblock():
        reply = f"/reply/{issued_letter('fed_pa')[1]}/"
        with context.federation_context("fed_pa"):
            user = administrator(STAFF, last_name="吴", first_name="无障碍").user
            buffer = io.BytesIO()
            PILImage.new("RGB", (320, 200), (164, 22, 26)).save(buffer, format="PNG")
            image = get_image_model().objects.create(
                title="协商会议现场", file=ImageFile(buffer, name="meeting.png")
            )
            legal = legal_page(
                title="工资集体协商的程序",
                slug="wage-procedure",
                summary="工资集体协商每年至少进行一次。",
                source="《工资集体协商试行办法》",
                source_date=dt.date(2000, 11, 8),
                body=[
                    ("heading", "每年至少协商一次"),
                    ("paragraph", "<p>职工一方与企业可以就工资分配制度、标准和形式进行协商。</p>"),
                    ("quote", {"text": "协商双方应当平等相待。", "attribution": "试行办法"}),
                    ("figures", [{"value": "1次", "label": "每年至少协商"}]),
                    ("image", {"image": image, "caption": "协商会议现场"}),
                    (
                        "download",
                        {
                            "document": template_document(
                                title="工资专项集体合同范本",
                                filename="wage-template.docx",
                                lines=["工资专项集体合同（范本）"],
                            ),
                            "description": "可直接填写的范本。",
                            "title_en": "Wage agreement (model)",
                            "description_en": "A model ready to fill in.",
                        },
                    ),
                ],
                title_en="How wage bargaining is conducted",
                summary_en="Wages are bargained at least once a year.",
                source_en="Trial Measures on Collective Wage Bargaining",
                body_en=[
                    ("heading", "At least once a year"),
                    ("paragraph", "<p>The workers and the employer bargain over pay.</p>"),
                ],
            )
            withdrawn = published_contract(
                enterprise=enterprise(name="松江撤回测试有限公司", industry="C"),
                title="松江撤回测试有限公司集体合同",
                starts_on=dt.date(2025, 1, 1),
                ends_on=dt.date(2027, 12, 31),
                as_of=dt.date(2026, 6, 1),
                clauses=(("wages", "工资每年协商一次。"),),
            )
            contract_update(
                contract_id=withdrawn.pk,
                data={"publish_publicly": False},
                reason="企业撤回公开同意",
            )
            withdrawn.refresh_from_db()
            # More than a page of notices, so the list shows its pager.
            for n in range(18):
                published_contract(
                    enterprise=enterprise(name=f"松江翻页测试{n}有限公司", industry="C"),
                    title=f"松江翻页测试{n}有限公司集体合同",
                    starts_on=dt.date(2025, 1, 1),
                    ends_on=dt.date(2027, 12, 31),
                    as_of=dt.date(2026, 6, 1),
                    clauses=(("wages", "工资每年协商一次。"),),
                )
            surveyed = published_contract(
                enterprise=enterprise(name="松江测评无障碍有限公司", industry="C"),
                title="松江测评无障碍有限公司集体合同",
                starts_on=today - dt.timedelta(days=200),
                ends_on=today + dt.timedelta(days=400),
                as_of=today - dt.timedelta(days=100),
                clauses=(("wages", "职工工资年度平均增长不低于8%。"),),
            )
            survey = survey_open(
                contract_id=surveyed.pk, mode=WorkerSurvey.Mode.SHARED, user=user, today=today
            )
            for year in {today.year, today.year + 1}:
                CalendarDay.objects.get_or_create(
                    date=dt.date(year, 1, 1),
                    defaults={"kind": "holiday", "name": "元旦", "covers_year": True},
                )
            good = compliance.enterprise(name="松江无障碍机械有限公司")
            run = eligibility_check(
                award_id=awards.award("no_union").pk,
                nominees=[Nominee(good.credit_code, row=2)],
                as_of=today,
            )
            award = notice_publish(
                run_id=run.pk,
                data={
                    "title": "2027年度五一劳动奖状拟推荐对象公示",
                    "body": "经逐项核查，拟推荐以下单位，现予公示。",
                    "contact": "如有异议，请向本会评审委员会办公室书面反映。",
                    "title_en": "Public notice of the nominees for the 2027 May Day Labour Award",
                    "body_en": "After checking every criterion, we propose the enterprise below.",
                    "contact_en": "Write to the award committee office with any objection.",
                    "starts_on": today,
                    "ends_on": today + dt.timedelta(days=14),
                },
                today=today,
            )
            withdrawn_id = str(withdrawn.notice.public_id)
        return {
            "legal": legal.slug,
            "withdrawn": withdrawn_id,
            "survey": survey.token,
            "reply": reply,
            "award": award.pk,
        }


def _pages(browser_sites, content) -> dict[str, tuple[str, str]]:
    """name: (host, path) of every public page scanned; `pa` is a federation, `platform` the
    landing page's host."""
    notice = browser_sites["fed_pa"]["notices"][0]
    survey = content["survey"]
    return {
        "home": ("pa", "/"),
        "notices": ("pa", "/notices/"),
        "notices-search": ("pa", f"/notices/?q={quote('健康')}"),
        "notices-none": ("pa", f"/notices/?q={quote('没有这个词语')}"),
        "notices-bad-filter": ("pa", "/notices/?year=abc&in_force_on=tomorrow"),
        "notices-page-2": ("pa", "/notices/?page=2"),
        "notice": ("pa", f"/notices/{notice}/"),
        "notice-withdrawn": ("pa", f"/notices/{content['withdrawn']}/"),
        "cases": ("pa", "/cases/"),
        "case": ("pa", "/cases/case/"),
        "legal": ("pa", "/legal/"),
        "legal-page": ("pa", f"/legal/{content['legal']}/"),
        "downloads": ("pa", "/downloads/"),
        "awards": ("pa", "/notices/awards/"),
        "award": ("pa", f"/notices/awards/{content['award']}/"),
        "verify": ("pa", "/verify/"),
        "verify-no-match": ("pa", "/verify/?number=CBA-2026-000&code=ABCDE"),
        "survey": ("pa", f"/survey/{survey}/"),
        "survey-thanks": ("pa", f"/survey/{survey}/thanks/"),
        "reply": ("pa", content["reply"]),
        "enterprise-sign-in": ("pa", "/enterprise/sign-in/"),
        "enterprise-invitation-invalid": ("pa", "/enterprise/invitation/no-such-token/"),
        "review-sign-in": ("pa", "/review/sign-in/"),
        "review-invitation-invalid": ("pa", "/review/invitation/no-such-token/"),
        "statement": ("pa", "/accessibility/"),
        "not-found": ("pa", "/no-such-page/"),
        "server-error": ("pa", SERVER_ERROR_PATH),
        "staff-sign-in": ("pa", "/admin/login/"),
        "platform": ("platform", "/"),
    }


def _server_error_html() -> str:
    """The 500 page exactly as handler500 answers it (portal.views.server_error)."""
    from django.test import RequestFactory
    from django.utils import translation

    from portal.views import server_error

    pages = {}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            pages[language] = server_error(RequestFactory().get("/")).content.decode()
    return pages


def _tab(chromium, server, variant: str):
    width, height, language, large = VARIANTS[variant]
    context_ = chromium.new_context(viewport={"width": width, "height": height})
    cookies = [
        {"name": "portal_language", "value": language, "domain": host, "path": "/"}
        for host in ("pa.test", "localhost")
    ]
    if large:
        cookies += [
            {"name": "portal_display", "value": "large", "domain": host, "path": "/"}
            for host in ("pa.test", "localhost")
        ]
    context_.add_cookies(cookies)
    tab = context_.new_page()
    tab.hosts = {"pa": f"http://pa.test:{server}", "platform": f"http://localhost:{server}"}
    tab.variant = variant
    tab.language = language
    return tab


def _open(tab, host: str, path: str, error_pages: dict[str, str]):
    url = tab.hosts[host] + path
    if path == SERVER_ERROR_PATH:
        body = error_pages[tab.language]
        tab.route(
            url,
            lambda route: route.fulfill(
                status=500, body=body, content_type="text/html; charset=utf-8"
            ),
        )
    response = tab.goto(url)
    return response


def _staff_second_factor(tab) -> None:
    from tests.conftest import PASSWORD

    tab.goto(tab.hosts["pa"] + "/admin/login/")
    tab.locator("#id_username").fill(STAFF)
    tab.locator("#id_password").fill(PASSWORD)
    tab.locator("form button[type=submit]").first.click()
    tab.wait_for_url("**/admin/second-factor/verify/**")


@pytest.fixture(scope="module")
def error_pages():
    return _server_error_html()


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_public_pages_pass_axe(
    live_tenant_server, browser_sites, a11y_content, chromium, error_pages, variant
):
    tab = _tab(chromium, live_tenant_server, variant)
    ARTIFACTS.mkdir(exist_ok=True)
    failures = []
    for name, (host, path) in _pages(browser_sites, a11y_content).items():
        _open(tab, host, path, error_pages)
        large = VARIANTS[variant][3]
        has_switch = path not in (SERVER_ERROR_PATH, "/admin/login/")
        if has_switch:
            # The page is shown in the display asked for, with the switch to the other offered.
            assert tab.evaluate("document.body.classList.contains('large-type')") == large, name
            assert tab.locator("a.display-switch").count() == 1, name
        shotname = f"a11y-{name}-{variant}"
        tab.screenshot(path=str(ARTIFACTS / f"{shotname}.png"), full_page=True)
        try:
            page_audit(tab, shotname, ARTIFACTS / "axe-report.jsonl")
        except AssertionError as problem:
            failures.append(str(problem))
    # The staff's second step of signing in (the password accepted, the code asked for).
    _staff_second_factor(tab)
    try:
        page_audit(tab, f"a11y-staff-second-factor-{variant}", ARTIFACTS / "axe-report.jsonl")
    except AssertionError as problem:
        failures.append(str(problem))
    tab.context.close()
    assert not failures, "\n\n".join(failures)


def _test_names(module: str) -> set[str]:
    tree = ast.parse((BASE / "tests" / "browser" / module).read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def test_every_public_template_is_scanned(
    live_tenant_server, browser_sites, a11y_content, chromium, template_log, error_pages
):
    from django.core.cache import cache

    # Pages the scan left in the public page cache would be answered without rendering.
    cache.clear()
    _server_error_html()  # rendered outside any request: recorded under SERVER_ERROR_PATH
    tab = _tab(chromium, live_tenant_server, "zh-desktop")
    for _name, (host, path) in _pages(browser_sites, a11y_content).items():
        _open(tab, host, path, error_pages)
    _staff_second_factor(tab)
    tab.context.close()
    rendered = template_log.templates("/admin/second-factor/verify/")
    for _name, (_host, path) in _pages(browser_sites, a11y_content).items():
        rendered |= template_log.templates(urlsplit(path).path)
    rendered |= template_log.templates(SERVER_ERROR_PATH)  # _server_error_html, no request
    public = public_templates()
    missing = sorted(public - rendered - set(SCANNED_ELSEWHERE))
    assert not missing, (
        "public templates no scanned page renders: add a page that shows each to _pages() in "
        "tests/browser/test_accessibility.py (or, behind a sign-in, to SCANNED_ELSEWHERE): "
        f"{missing}"
    )
    for template, module in SCANNED_ELSEWHERE.items():
        assert template in public, f"{template} is no longer a public template"
        source = (BASE / "tests" / "browser" / module).read_text(encoding="utf-8")
        assert "shot(" in source and _test_names(module), f"{module} scans no page"
    # The scan visits what it claims: every page here rendered a template of its own.
    for name, (_host, path) in _pages(browser_sites, a11y_content).items():
        if path != SERVER_ERROR_PATH:
            assert template_log.templates(urlsplit(path).path), f"{name} rendered no template"


# --- the large-text display ----------------------------------------------------------------


@pytest.fixture
def reader(live_tenant_server, browser_sites, chromium):
    """A visitor with no cookie yet: Chinese, on a phone."""
    context_ = chromium.new_context(viewport={"width": 390, "height": 844})
    tab = context_.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    yield tab
    context_.close()


def _large(tab) -> bool:
    return tab.evaluate("document.body.classList.contains('large-type')")


def test_large_text_switches_on_stays_on_and_switches_off(reader, shot):
    reader.goto(reader.base + "/notices/")
    assert not _large(reader)
    reader.get_by_role("link", name="长辈模式（大字）").click()
    reader.wait_for_url("**/notices/")
    assert _large(reader)
    shot(reader, "a11y-large-notices-phone")

    # Another page, of the public site and of the enterprise area, and a reload: still on.
    reader.get_by_role("link", name="典型案例").first.click()
    reader.wait_for_load_state()
    assert _large(reader) and "/cases/" in reader.url
    reader.reload()
    assert _large(reader)
    reader.goto(reader.base + "/enterprise/sign-in/")
    assert _large(reader)
    shot(reader, "a11y-large-enterprise-sign-in-phone")

    # Off again from any page, back to where the reader was.
    reader.get_by_role("link", name="标准模式").click()
    reader.wait_for_url("**/enterprise/sign-in/")
    assert not _large(reader)
    reader.goto(reader.base + "/cases/")
    assert not _large(reader)
    expect(reader.get_by_role("link", name="长辈模式（大字）")).to_be_visible()


_SIZES = """() => [...document.querySelectorAll('main p, main li, main a, main h1, main label')]
  .filter((el) => el.offsetParent !== null).slice(0, 40)
  .map((el) => parseFloat(getComputedStyle(el).fontSize))"""
_TARGETS = """() => [...document.querySelectorAll(
    'main button, main input:not([type=hidden]):not([type=checkbox]):not([type=radio]),' +
    'main select, .display-switch')]
  .filter((el) => el.offsetParent !== null).map((el) => el.getBoundingClientRect().height)"""


def test_large_text_is_half_as_large_again_with_aaa_contrast(reader, shot):
    """Each element of the page's main part is at least 1.5 times its standard size, controls
    are at least 48 px tall, and text passes axe's enhanced contrast rule (7:1, WCAG AAA)."""
    from axe_playwright_python.base import AXE_SCRIPT

    paths = ("/", "/notices/", "/verify/", "/accessibility/", "/enterprise/sign-in/")
    standard = {}
    for path in paths:
        reader.goto(reader.base + path)
        standard[path] = reader.evaluate(_SIZES)
    reader.goto(reader.base + "/display/large/?next=/")
    for path in paths:
        reader.goto(reader.base + path)
        assert _large(reader)
        sizes = reader.evaluate(_SIZES)
        assert len(sizes) == len(standard[path]), path  # nothing hidden
        ratios = [large / small for large, small in zip(sizes, standard[path], strict=True)]
        assert min(ratios) >= 1.5 - 1e-6, (path, min(ratios))
        assert min(reader.evaluate(_TARGETS), default=48) >= 48, path
        reader.evaluate(AXE_SCRIPT)
        result = reader.evaluate(
            "axe.run(document, {runOnly: {type: 'rule', values: ['color-contrast-enhanced']},"
            " resultTypes: ['violations']})"
        )
        nodes = [node["target"] for v in result["violations"] for node in v["nodes"]]
        assert not nodes, (path, nodes[:10])
    shot(reader, "a11y-large-sign-in-phone")


_FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  return {tag: el.tagName, href: el.getAttribute('href'), text: el.textContent.trim().slice(0, 40),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          shadow: style.boxShadow !== 'none',
          index: [...document.querySelectorAll('*')].indexOf(el)};
}"""


@pytest.mark.parametrize("large", [False, True], ids=["standard", "large"])
def test_keyboard_reaches_every_link_in_order(reader, large):
    """From the skip link to the footer's last link by Tab alone: focus moves forward through
    the page in document order (no trap, no jump back), and every focused element shows an
    outline."""
    if large:
        reader.goto(reader.base + "/display/large/?next=/")
    reader.goto(reader.base + "/notices/")
    reader.keyboard.press("Tab")
    first = reader.evaluate(_FOCUS)
    assert first["href"] == "#main" and first["outline"]
    reader.keyboard.press("Enter")
    assert reader.evaluate("document.activeElement.id") == "main"
    last_index, seen = -1, []
    for _press in range(300):
        reader.keyboard.press("Tab")
        focus = reader.evaluate(_FOCUS)
        if focus["tag"] == "BODY":
            break
        assert focus["index"] > last_index, f"focus went back to {focus} after {seen[-3:]}"
        assert focus["outline"] or focus["shadow"], f"no visible focus on {focus}"
        last_index = focus["index"]
        seen.append(focus)
    assert seen and seen[-1]["href"] == "/accessibility/", seen[-3:]


# --- the statement -------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_statement_is_linked_from_the_footer_and_lists_every_requirement(
    live_tenant_server, browser_sites, chromium, shot, language
):
    from cms_pages.accessibility import requirements

    width = 1280 if language == "zh-hans" else 390
    context_ = chromium.new_context(viewport={"width": width, "height": 900})
    context_.add_cookies(
        [{"name": "portal_language", "value": language, "domain": "pa.test", "path": "/"}]
    )
    tab = context_.new_page()
    tab.goto(f"http://pa.test:{live_tenant_server}/verify/")
    name = "无障碍声明" if language == "zh-hans" else "Accessibility statement"
    tab.locator("footer").get_by_role("link", name=name).click()
    tab.wait_for_url("**/accessibility/")
    expect(tab.locator("h1")).to_have_text(name)
    assert tab.locator("table.requirements tbody tr").count() == len(requirements())
    principles = ["可感知性", "可操作性", "可理解性", "兼容性"]
    if language == "en":
        principles = ["Perceivable", "Operable", "Understandable", "Robust"]
    assert tab.locator("main h2").all_inner_texts()[2:6] == principles
    row = tab.locator("#wcag-143")
    assert "color-contrast" in row.inner_text() and "test_public_pages_pass_axe" in row.inner_text()
    shot(tab, f"a11y-statement-{language}")
    context_.close()
