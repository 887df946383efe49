"""What the home page shows besides its own fields: the notice index, how many notices it lists,
and the federation's headline figures."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.db import connection

from cms_pages.models.notice_index import NoticeIndexPage
from cms_pages.selectors.notices import notice_facets
from compliance.selectors.network import latest_published_day, network_figures
from compliance.selectors.statistics import federation_statistics
from tenants.models import Federation

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
            "region": region_figures(today=today),
        }
        cache.set(key, figures, FIGURES_TIMEOUT)
    return figures


def region_figures(*, today: dt.date) -> dict | None:
    """For a federation with federations beneath it: the figures of its whole region (its own
    plus every federation beneath it) from the network channel, on the last day published."""
    federation = connection.tenant
    if not isinstance(federation, Federation) or not federation.children.exists():
        return None
    day = latest_published_day(today=today, federation=federation)
    if day is None:
        return None
    view = network_figures(federation=federation, day=day, dimension="all")
    return {
        "as_of": day,
        "coverage": view.total.coverage().percent,
        "employees_covered": view.total.employees_covered,
        "unionised_enterprises": view.total.unionised,
        "federations": view.federations,
        "published": view.published,
    }
