"""The accessibility statement's content: GB/T 37668-2019 (信息技术 互联网内容无障碍可访问性技术
要求与测试方法) requirement by requirement, each with the automated test that checks it or a
manual checklist item and the date it was last checked by hand.

GB/T 37668-2019 groups its requirements under four principles (可感知性, 可操作性, 可理解性,
兼容性) and follows the success criteria of WCAG 2.0; each requirement is named here with the
WCAG success criterion it follows and that criterion's level (A or AA, the level this portal
aims at). The statement page (cms_pages.views.accessibility_statement) renders this module and
tests/cms_pages/test_accessibility.py checks that every test named here exists and that every
requirement is either tested or on the manual checklist with a date.

A test is named as pytest names it (`path::function`); axe rules are axe-core's rule ids, run by
tests/browser/audit.py on every page the browser suite visits.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

# The axe-core scan of every public template (Chinese on a desktop, English on a phone in
# large text).
AXE = "tests/browser/test_accessibility.py::test_public_pages_pass_axe"
COVERAGE = "tests/browser/test_accessibility.py::test_every_public_template_is_scanned"
KEYBOARD = "tests/browser/test_accessibility.py::test_keyboard_reaches_every_link_in_order"
LARGE = (
    "tests/browser/test_accessibility.py::test_large_text_is_half_as_large_again_with_aaa_contrast"
)
TOGGLE = (
    "tests/browser/test_accessibility.py::test_large_text_switches_on_stays_on_and_switches_off"
)
STATIC = "tests/cms_pages/test_accessibility.py"
NO_MEDIA = f"{STATIC}::test_no_public_template_embeds_media_or_moving_content"
NO_CONTEXT_CHANGE = f"{STATIC}::test_no_public_template_changes_context_on_focus_or_input"
SAME_CHROME = f"{STATIC}::test_every_public_page_template_extends_a_base_with_the_same_navigation"
LANGUAGES = (
    "tests/browser/test_public_languages.py::test_english_pages_show_no_chinese_outside_the_records"
)
FORM_ERRORS = (
    "tests/cms_pages/models/test_notice_index.py::test_bad_parameters_show_a_message_not_an_error",
    "tests/compliance/public/test_verify.py::test_a_missing_half_is_asked_for_not_looked_up",
)

# The day the manual items below were last walked through on the demo site.
LAST_MANUAL_CHECK = dt.date(2026, 12, 6)


@dataclass(frozen=True)
class Requirement:
    wcag: str
    level: str  # "A" or "AA"
    title: str
    tests: tuple[str, ...] = ()
    axe_rules: tuple[str, ...] = ()
    manual: str = ""
    checked_on: dt.date | None = None

    @property
    def automated(self) -> bool:
        return bool(self.tests)


@dataclass(frozen=True)
class Principle:
    key: str
    title: str
    description: str
    requirements: tuple[Requirement, ...]


R = Requirement
PRINCIPLES: tuple[Principle, ...] = (
    Principle(
        "perceivable",
        pgettext_lazy("accessibility", "Perceivable"),
        _("Information and controls can be perceived by sight, hearing or touch."),
        (
            R(
                "1.1.1",
                "A",
                _("Text alternatives for non-text content"),
                (AXE,),
                ("image-alt", "input-image-alt", "svg-img-alt", "role-img-alt", "object-alt"),
            ),
            R(
                "1.2.1",
                "A",
                _("Audio-only and video-only (prerecorded): an alternative"),
                (NO_MEDIA,),
                manual=_(
                    "Editors publish no audio or video; a media file would need a transcript."
                ),
                checked_on=LAST_MANUAL_CHECK,
            ),
            R("1.2.2", "A", _("Captions (prerecorded)"), (NO_MEDIA,), ("video-caption",)),
            R("1.2.3", "A", _("Audio description or media alternative (prerecorded)"), (NO_MEDIA,)),
            R("1.2.4", "AA", _("Captions (live)"), (NO_MEDIA,)),
            R("1.2.5", "AA", _("Audio description (prerecorded)"), (NO_MEDIA,)),
            R(
                "1.3.1",
                "A",
                _("Information and relationships in the markup"),
                (AXE,),
                (
                    "label",
                    "list",
                    "listitem",
                    "definition-list",
                    "dlitem",
                    "th-has-data-cells",
                    "td-headers-attr",
                    "aria-required-children",
                    "aria-required-parent",
                ),
            ),
            R(
                "1.3.2",
                "A",
                _("Meaningful reading order"),
                (KEYBOARD,),
                manual=_(
                    "The reading order of each page template equals its visual order, on a "
                    "phone and on a desktop."
                ),
                checked_on=LAST_MANUAL_CHECK,
            ),
            R(
                "1.3.3",
                "A",
                _("Instructions do not rely on shape, size or position alone"),
                manual=_(
                    "No instruction on a public page says 'the red button' or 'on the right'; "
                    "buttons and links are named by what they do."
                ),
                checked_on=LAST_MANUAL_CHECK,
            ),
            R(
                "1.4.1",
                "A",
                _("Colour is not the only way to convey information"),
                (AXE,),
                ("link-in-text-block",),
                manual=_(
                    "Statuses (in force, expired, terminated) and form errors are words, not "
                    "colours alone."
                ),
                checked_on=LAST_MANUAL_CHECK,
            ),
            R("1.4.2", "A", _("Audio control"), (NO_MEDIA,), ("no-autoplay-audio",)),
            R("1.4.3", "AA", _("Contrast (minimum) 4.5:1"), (AXE, LARGE), ("color-contrast",)),
            R(
                "1.4.4",
                "AA",
                _("Text can be resized to 200% without loss"),
                (LARGE, TOGGLE),
                ("meta-viewport",),
            ),
            R(
                "1.4.5",
                "AA",
                _("No images of text"),
                manual=_(
                    "Text is text: headings, figures and notices are never pictures; only "
                    "editors' photographs are images."
                ),
                checked_on=LAST_MANUAL_CHECK,
            ),
        ),
    ),
    Principle(
        "operable",
        pgettext_lazy("accessibility", "Operable"),
        _("Every function works from a keyboard, with enough time and without seizures."),
        (
            R(
                "2.1.1",
                "A",
                _("Everything works from a keyboard"),
                (KEYBOARD,),
                ("scrollable-region-focusable",),
            ),
            R("2.1.2", "A", _("No keyboard trap"), (KEYBOARD,)),
            R(
                "2.2.1",
                "A",
                _("Timing adjustable"),
                manual=_(
                    "No public page times out. One-time sign-in codes of the enterprise area "
                    "expire for security, an exception the standard allows; a new code can "
                    "be asked for at once."
                ),
                checked_on=LAST_MANUAL_CHECK,
            ),
            R(
                "2.2.2",
                "A",
                _("Pause, stop, hide moving content"),
                (NO_MEDIA,),
                ("blink", "marquee"),
            ),
            R("2.3.1", "A", _("Nothing flashes more than three times a second"), (NO_MEDIA,)),
            R(
                "2.4.1",
                "A",
                _("A way to skip repeated blocks"),
                (KEYBOARD, AXE),
                ("bypass", "region"),
            ),
            R("2.4.2", "A", _("Pages have titles"), (AXE,), ("document-title",)),
            R("2.4.3", "A", _("Focus order preserves meaning"), (KEYBOARD,), ("tabindex",)),
            R("2.4.4", "A", _("The purpose of each link is clear"), (AXE,), ("link-name",)),
            R(
                "2.4.5",
                "AA",
                _("More than one way to find a page"),
                (SAME_CHROME,),
                manual=_("The menu, the notice search and the sitemap reach every public page."),
                checked_on=LAST_MANUAL_CHECK,
            ),
            R(
                "2.4.6",
                "AA",
                _("Headings and labels describe their purpose"),
                (AXE,),
                ("empty-heading", "label-title-only"),
            ),
            R("2.4.7", "AA", _("Keyboard focus is visible"), (KEYBOARD,)),
        ),
    ),
    Principle(
        "understandable",
        pgettext_lazy("accessibility", "Understandable"),
        _("Text can be read and understood; pages behave predictably; input errors are helped."),
        (
            R(
                "3.1.1",
                "A",
                _("The language of the page is declared"),
                (AXE,),
                ("html-has-lang", "html-lang-valid"),
            ),
            R(
                "3.1.2",
                "AA",
                _("The language of parts is declared"),
                (LANGUAGES, AXE),
                ("valid-lang",),
            ),
            R("3.2.1", "A", _("Focus causes no change of context"), (NO_CONTEXT_CHANGE,)),
            R(
                "3.2.2",
                "A",
                _("Input causes no change of context"),
                (NO_CONTEXT_CHANGE,),
                ("select-name",),
            ),
            R("3.2.3", "AA", _("Consistent navigation"), (SAME_CHROME, COVERAGE)),
            R(
                "3.2.4",
                "AA",
                _("Consistent identification"),
                (SAME_CHROME,),
                manual=_(
                    "A function has the same name on every page (search, download, language, "
                    "large text)."
                ),
                checked_on=LAST_MANUAL_CHECK,
            ),
            R(
                "3.3.1",
                "A",
                _("Input errors are identified in text"),
                FORM_ERRORS,
                ("aria-valid-attr-value",),
            ),
            R(
                "3.3.2",
                "A",
                _("Labels or instructions for input"),
                (AXE,),
                ("label", "select-name", "form-field-multiple-labels"),
            ),
            R("3.3.3", "AA", _("Error suggestions say how to correct"), FORM_ERRORS),
            R(
                "3.3.4",
                "AA",
                _("Error prevention for legal and financial data"),
                (
                    "tests/browser/test_enterprise_area.py::"
                    "test_invited_officer_asks_for_a_correction_and_staff_accept_it",
                ),
                manual=_(
                    "An enterprise's submissions (offers, answers, pre-review, reports) can be "
                    "checked and corrected before they are sent, and corrections asked for "
                    "after."
                ),
                checked_on=None,
            ),
        ),
    ),
    Principle(
        "robust",
        pgettext_lazy("accessibility", "Robust"),
        _("Pages work with current browsers and assistive technology."),
        (
            R(
                "4.1.1",
                "A",
                _("Parsing (obsolete since WCAG 2.2: the browsers' parsers agree)"),
                (AXE,),
                ("duplicate-id-aria",),
            ),
            R(
                "4.1.2",
                "A",
                _("Name, role and value of every control"),
                (AXE,),
                (
                    "button-name",
                    "aria-allowed-attr",
                    "aria-roles",
                    "nested-interactive",
                    "frame-title",
                ),
            ),
        ),
    ),
)


def requirements() -> list[Requirement]:
    return [req for principle in PRINCIPLES for req in principle.requirements]


def referenced_tests() -> set[str]:
    return {test for req in requirements() for test in req.tests}
