"""What the home page shows besides its own fields: the notice index, how many notices it lists,
and the federation's headline figures."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache

from cms_pages.models.notice_index import NoticeIndexPage
from cms_pages.selectors.notices import notice_facets
from compliance.selectors.statistics import federation_statistics

FIGURES_TIMEOUT = 30 * 60


def notice_index_live() -> NoticeIndexPage | None:
    return NoticeIndexPage.objects.live().first()


def notice_count() -> int:
    """Listed notices, summed from the facets (cached until the next publication)."""
    return sum(count for _code, count in notice_facets()["industry"])


def key_figures(*, today: dt.date) -> dict:
    """The federation's headline statistics, recomputed at most every half hour."""
    key = f"home-figures:{today.isoformat()}"
    figures = cache.get(key)
    if figures is None:
        stats = federation_statistics(as_of=today)
        figures = {
            "as_of": today,
            "coverage": stats.coverage.percent,
            "employees_covered": stats.employees_covered,
            "unionised_enterprises": stats.unionised_enterprises,
        }
        cache.set(key, figures, FIGURES_TIMEOUT)
    return figures
