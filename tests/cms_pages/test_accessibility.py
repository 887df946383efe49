"""The accessibility statement's mapping (cms_pages/accessibility.py), the public templates'
markup, the large-text display's switch and the statement page (issue 19 item 7)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from axe_playwright_python.base import AXE_SCRIPT
from django.conf import settings
from django.core.cache import cache

from cms_pages import accessibility
from portal import display
from tests.browser.templates import public_templates, template_path

BASE = Path(settings.BASE_DIR)
# WCAG 2.0's success criteria of levels A and AA, which GB/T 37668-2019's requirements follow.
WCAG20_A_AA = {
    *("1.1.1", "1.2.1", "1.2.2", "1.2.3", "1.2.4", "1.2.5", "1.3.1", "1.3.2", "1.3.3"),
    *("1.4.1", "1.4.2", "1.4.3", "1.4.4", "1.4.5", "2.1.1", "2.1.2", "2.2.1", "2.2.2"),
    *("2.3.1", "2.4.1", "2.4.2", "2.4.3", "2.4.4", "2.4.5", "2.4.6", "2.4.7", "3.1.1"),
    *("3.1.2", "3.2.1", "3.2.2", "3.2.3", "3.2.4", "3.3.1", "3.3.2", "3.3.3", "3.3.4"),
    *("4.1.1", "4.1.2"),
}
PUBLIC_CSS = (
    "cms_pages/static/cms_pages/public.css",
    "portal/static/portal/site.css",
    "portal/static/portal/enterprise.css",
)


# --- the mapping ---------------------------------------------------------------------------


def _functions(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {node.name for node in tree.body if isinstance(node, ast.FunctionDef)}


def test_every_referenced_test_exists():
    missing = []
    for node_id in sorted(accessibility.referenced_tests()):
        module, _sep, function = node_id.partition("::")
        path = BASE / module
        if not path.is_file() or function not in _functions(path):
            missing.append(node_id)
    assert not missing, f"the statement names tests that do not exist: {missing}"


def test_every_requirement_is_tested_or_checked_by_hand_with_a_date():
    unchecked = [
        req.wcag
        for req in accessibility.requirements()
        if not req.tests and not (req.manual and req.checked_on)
    ]
    assert not unchecked
    assert (
        max(req.checked_on for req in accessibility.requirements() if req.checked_on)
        <= accessibility.LAST_MANUAL_CHECK
    )


def test_the_four_principles_list_every_wcag20_a_and_aa_criterion_once():
    assert [p.key for p in accessibility.PRINCIPLES] == [
        "perceivable",
        "operable",
        "understandable",
        "robust",
    ]
    numbers = [req.wcag for req in accessibility.requirements()]
    assert len(numbers) == len(set(numbers))
    assert set(numbers) == WCAG20_A_AA
    for principle, first in zip(accessibility.PRINCIPLES, "1234", strict=True):
        assert all(req.wcag.startswith(first) for req in principle.requirements)


def test_every_axe_rule_named_is_one_of_axe_cores():
    unknown = [
        rule
        for req in accessibility.requirements()
        for rule in req.axe_rules
        if f'id:"{rule}"' not in AXE_SCRIPT and f'"id":"{rule}"' not in AXE_SCRIPT
    ]
    assert not unknown, unknown


# --- the public templates' markup ------------------------------------------------------------


def _sources() -> dict[str, str]:
    return {name: template_path(name).read_text(encoding="utf-8") for name in public_templates()}


def test_no_public_template_embeds_media_or_moving_content():
    """Nothing that plays, moves or flashes: no audio or video (which would need captions and
    descriptions), no blinking or scrolling text, no animation in the public style sheets."""
    media = re.compile(r"<(video|audio|embed|object|marquee|blink|iframe)\b|autoplay", re.I)
    found = [name for name, source in _sources().items() if media.search(source)]
    assert not found, found
    moving = re.compile(r"@keyframes|animation\s*:|text-decoration\s*:\s*blink", re.I)
    assert not [css for css in PUBLIC_CSS if moving.search((BASE / css).read_text())]


def test_no_public_template_changes_context_on_focus_or_input():
    """No script reacts to focus or input: a form is sent by its button, a page changes by a
    link (the language and display switches included)."""
    handler = re.compile(r"\son(focus|blur|change|input|keyup|keydown|mouseover)\s*=", re.I)
    found = [name for name, source in _sources().items() if handler.search(source)]
    assert not found, found


def _extends(source: str) -> str | None:
    match = re.search(r'{%\s*extends\s+"([^"]+)"', source)
    return match.group(1) if match else None


def test_every_public_page_template_extends_a_base_with_the_same_navigation():
    """Every public page has one of the two bases' header (name, language and display switches,
    menu) and footer (the statement's link); partials are included, not pages."""
    bases = {"base.html", "cms_pages/base_site.html"}
    standalone = {"500.html", *bases}  # the 500 page renders without a request or database
    sources = _sources()
    for name, source in sources.items():
        parts = name.split("/")
        partial = parts[-1].startswith("_") or {"blocks", "includes"} & set(parts)
        if partial or name in standalone or "{% extends" not in source:
            continue
        if name.startswith(("wagtailadmin/", "accounts/")):
            continue  # Wagtail's own sign-in, with its own chrome
        seen, parent = set(), _extends(source)
        while parent and parent not in bases and parent not in seen:
            seen.add(parent)
            parent = _extends(sources.get(parent, "")) if parent in sources else None
        # `{% extends area_base|default:"…" %}`: the enterprise area's and review area's bases.
        if parent is None and "area_base" in source:
            parent = "base.html"
        assert parent in bases, f"{name} extends neither base"
    for base in bases:
        assert "portal/display_switch.html" in sources[base]
        assert "accessibility_statement" in sources[base]


# --- the large-text display ----------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_cached_pages():
    cache.clear()
    yield
    cache.clear()


def test_the_switch_sets_the_cookie_and_returns_to_the_page(client_a, fed_a):
    response = client_a.get("/display/large/?next=/notices/")
    assert response.status_code == 302 and response["Location"] == "/notices/"
    cookie = response.cookies[display.COOKIE]
    assert cookie.value == "large" and cookie["samesite"] == "Lax" and cookie["httponly"]
    assert response["Cache-Control"] == "no-store"
    page = client_a.get("/notices/")
    assert '<body class="large-type">' in page.content.decode()
    assert "/display/standard/?next=/notices/" in page.content.decode()

    response = client_a.get("/display/standard/?next=/notices/")
    assert response.status_code == 302 and response.cookies[display.COOKIE].value == ""
    page = client_a.get("/notices/")
    assert "large-type" not in page.content.decode().split("<body", 1)[1].split(">", 1)[0]
    assert "/display/large/?next=/notices/" in page.content.decode()


def test_the_switch_returns_only_to_this_site_and_knows_two_displays(client_a, fed_a):
    response = client_a.get("/display/large/?next=https://evil.example/")
    assert response["Location"] == "/"
    assert client_a.get("/display/huge/").status_code == 404


def test_a_cached_page_is_kept_per_display(client_a, fed_a):
    """The page cache holds a page per display: a reader of large text never gets the standard
    page cached for someone else, nor the other way round."""
    first = client_a.get("/cases/").content.decode()
    assert "large-type" not in first.split("<body", 1)[1].split(">", 1)[0]
    client_a.cookies[display.COOKIE] = "large"
    assert '<body class="large-type">' in client_a.get("/cases/").content.decode()
    del client_a.cookies[display.COOKIE]
    assert "<body>" in client_a.get("/cases/").content.decode()


def test_the_platform_page_has_the_switch_too(platform_client):
    platform_client.cookies[display.COOKIE] = "large"
    html = platform_client.get("/").content.decode()
    assert '<body class="large-type">' in html and "/display/standard/" in html
    assert platform_client.get("/display/large/?next=/").status_code == 302


# --- the statement page --------------------------------------------------------------------


def test_the_statement_lists_every_requirement_in_both_languages(client_a, fed_a):
    html = client_a.get("/accessibility/").content.decode()
    assert "无障碍声明" in html and "GB/T 37668-2019" in html
    for req in accessibility.requirements():
        assert f'id="wcag-{req.wcag.replace(".", "")}"' in html
    assert "可感知性" in html and "兼容性" in html
    client_a.cookies["portal_language"] = "en"
    english = client_a.get("/accessibility/").content.decode()
    assert "Accessibility statement" in english and "Perceivable" in english


def test_every_public_footer_links_the_statement(client_a, fed_a):
    for path in ("/", "/notices/", "/verify/", "/enterprise/sign-in/", "/no-such-page/"):
        html = client_a.get(path).content.decode()
        assert 'href="/accessibility/"' in html, path
