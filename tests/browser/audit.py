"""What every page the browser suite visits must pass: an axe-core scan (WCAG 2.2 A/AA, no
serious or critical violation) and, on a page in Chinese, no English left over from Wagtail or
Django and no raw status code.

`tests/browser/conftest.shot` calls `page_audit` after each screenshot, so a test that looks at a
page also has it scanned. Each scan is appended to test-artifacts/axe-report.jsonl (page, language,
width, counts by impact), which the closing notes quote.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from axe_playwright_python.base import AXE_SCRIPT

# The WCAG 2.0, 2.1 and 2.2 A/AA rules (axe-core's tags), and the impacts that fail a test.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
FAILING_IMPACTS = {"serious", "critical"}

# Phrases Wagtail or Django print when a translation is missing, seen on this portal's pages.
ENGLISH_PHRASES = (
    "New:",
    "There are no",
    "Why not add one",
    "Go to the first error",
    "Save your changes",
    "Editor guide",
    "This field is required",
    "Enter a valid",
    "Ensure this value",
    "Log out",
    "Dashboard",
    "More options",
    "Apply filters",
    "No results",
    "Sort by",
    "Choose a",
    "Select all",
    "Inspect",
    "History",
    "Search",
    "Cancel",
    "Delete",
    "Previous",
    "Next",
    "Yes",
    "No",
    "None",
    "True",
    "False",
    "Case",
)


@cache
def raw_codes() -> frozenset[str]:
    """The stored values of every choice field of the portal's own models that read as words
    (`federation_approved`, `issued`): on a page, they are a label that was never looked up."""
    from django.apps import apps

    codes = set()
    for model in apps.get_models():
        if model._meta.app_label not in {"compliance", "cms_pages", "tenants", "accounts"}:
            continue
        for field in model._meta.fields:
            for value, _label in field.flatchoices if field.choices else ():
                if isinstance(value, str) and re.fullmatch(r"[a-z][a-z_]{3,}", value):
                    codes.add(value)
    return frozenset(codes)


def _word(text: str) -> re.Pattern:
    # A phrase standing as a word: not inside an address, a file name, an identifier or a URL.
    return re.compile(r"(?<![\w@./:-])" + re.escape(text) + r"(?![\w@/-]|\.\w)")


def leftovers(text: str, codes: frozenset[str]) -> list[str]:
    found = [phrase for phrase in ENGLISH_PHRASES if _word(phrase).search(text)]
    found += sorted(code for code in codes if _word(code).search(text))
    return found


def page_audit(page, name: str, report: Path) -> None:
    # A message still fading in measures as low contrast: scan the page as it settles.
    page.evaluate("Promise.all(document.getAnimations().map(a => a.finished.catch(() => null)))")
    page.evaluate(AXE_SCRIPT)
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    violations = result["violations"]
    lang = page.evaluate("document.documentElement.lang") or ""
    width = page.viewport_size["width"] if page.viewport_size else None
    counts: dict[str, int] = {}
    for violation in violations:
        counts[violation["impact"]] = counts.get(violation["impact"], 0) + 1
    record = {"name": name, "url": page.url, "lang": lang, "width": width, "violations": counts}

    problems = [
        f"{v['impact']} {v['id']}: {v['help']} — "
        + "; ".join(node["target"][0] if node["target"] else "?" for node in v["nodes"][:5])
        for v in violations
        if v["impact"] in FAILING_IMPACTS
    ]
    if lang.lower().startswith("zh"):
        text = page.evaluate("document.body.innerText")
        found = leftovers(text, raw_codes())
        record["leftovers"] = found
        if found:
            problems.append(f"English or raw codes on a Chinese page: {found}")
    report.parent.mkdir(exist_ok=True)
    with report.open("a", encoding="utf-8") as out:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    assert not problems, f"{name} ({page.url}):\n" + "\n".join(problems)
