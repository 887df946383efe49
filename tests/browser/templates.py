"""The public templates: what a member of the public, an enterprise's officer or a reviewer
sees (no staff-only back office). tests/browser/test_accessibility.py checks every one of them
is scanned with axe-core; tests/cms_pages/test_accessibility.py checks their markup."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

# Where public templates live: the public site, the public compliance pages, the enterprise and
# review areas, the project's own (base, errors, the display switch), the platform's landing
# page and the sign-in pages of the accounts app.
PUBLIC_TEMPLATE_DIRS = (
    "cms_pages/templates",
    "compliance/templates/compliance/public",
    "compliance/templates/compliance/enterprise_area",
    "compliance/templates/compliance/review_area",
    "portal/templates",
    "tenants/templates",
    "accounts/templates",
)
# Templates under those folders that no member of the public sees: the Wagtail admin's (signed-in
# staff, scanned by the back-office browser tests), the platform operator's Django admin pages.
NOT_PUBLIC = {
    "wagtailadmin/base.html",
    "wagtailadmin/home.html",
    "wagtailadmin/home/account_summary.html",
    "wagtailadmin/skeleton.html",
    "cms_pages/panels/notice_alerts.html",
    "accounts/platform/manage.html",
    "accounts/platform/reset.html",
    "accounts/platform/step.html",
    "accounts/_manage_body.html",
    "accounts/_reset_body.html",
    "accounts/wagtail/manage.html",
    "accounts/wagtail/reset.html",
}


def public_templates() -> set[str]:
    """Every template under PUBLIC_TEMPLATE_DIRS, by the name the loader knows it by."""
    base = Path(settings.BASE_DIR)
    found = set()
    for folder in PUBLIC_TEMPLATE_DIRS:
        templates_root = base / folder.split("/templates")[0] / "templates"
        for path in (base / folder).rglob("*.html"):
            found.add(path.relative_to(templates_root).as_posix())
    return found - NOT_PUBLIC


def template_path(name: str) -> Path:
    """The file of a public template's name."""
    base = Path(settings.BASE_DIR)
    for folder in PUBLIC_TEMPLATE_DIRS:
        path = base / folder.split("/templates")[0] / "templates" / name
        if path.is_file():
            return path
    raise FileNotFoundError(name)
