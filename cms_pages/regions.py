"""Region names for the public site's facet labels, in the visitor's language (the table is
tenants.regions.REGION_NAMES, shared with the back office's region chooser)."""

from __future__ import annotations

from cms_pages.language import english_active
from tenants.regions import region_label


def region_name(code: str) -> str:
    """The region's name in the active language; the code when the region is unknown."""
    return region_label(code, english=english_active())
