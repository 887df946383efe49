"""sitemap.xml of a federation's site: its pages (Wagtail's sitemap, which takes the contract
notices from the notice index) and the award shortlists on show, which are Django views of
compliance rather than pages."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from django.utils import timezone
from wagtail.contrib.sitemaps import Sitemap as PageSitemap

from compliance.selectors.awards import notices_visible


class AwardNoticeSitemap(Sitemap):
    """The award notices' list and each notice visible today (published, period begun)."""

    def items(self) -> list[tuple[str, tuple[int, ...]]]:
        visible = notices_visible(today=timezone.localdate()).order_by("-starts_on", "-pk")
        return [
            ("award_notices", ()),
            *(("award_notice", (pk,)) for pk in visible.values_list("pk", flat=True)),
        ]

    def location(self, item: tuple[str, tuple[int, ...]]) -> str:
        name, args = item
        return reverse(name, args=args)


# For wagtail.contrib.sitemaps.views.sitemap, which gives each Wagtail sitemap the request.
SITEMAPS = {"pages": PageSitemap, "award_notices": AwardNoticeSitemap}
