"""Reads of the public site, by subject: notices (finding them), notice_pages (what the notice
index's routes show), home, cases and legal.

Selectors import page models from their own modules (cms_pages.models.<page>), never from the
cms_pages.models package, whose pages read through these selectors.
"""

# The notice finders the open data, benchmarks and tests import from here. Module constants
# (COUNT_CAP …) stay in cms_pages.selectors.notices only: a copy here would take a patch silently.
from cms_pages.selectors.notices import (
    LIST_DEFERRED,
    NoticeFilters,
    NoticePage,
    NoticeSearch,
    notice_by_public_id,
    notice_facets,
    notice_successors,
    notices_filter,
    notices_latest,
    notices_page,
    notices_public,
)

__all__ = [
    "LIST_DEFERRED",
    "NoticeFilters",
    "NoticePage",
    "NoticeSearch",
    "notice_by_public_id",
    "notice_facets",
    "notice_successors",
    "notices_filter",
    "notices_latest",
    "notices_page",
    "notices_public",
]
