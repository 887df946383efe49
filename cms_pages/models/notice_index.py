from django.db import connection
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms_pages.models.mixins import PublicPageMixin, english_panel, title_en_field
from cms_pages.selectors.notice_pages import (
    codebook_context,
    compare_with,
    notice_compare_context,
    notice_detail_context,
    notice_list_context,
)
from cms_pages.selectors.notices import notice_by_public_id, notices_public
from cms_pages.selectors.region_notices import (
    has_region,
    notice_region,
    region_list_context,
    site_prefix,
)


class NoticeIndexPage(PublicPageMixin, RoutablePageMixin, Page):
    """集体合同公示: the list of notices (filters, search) and each notice at <public id>/."""

    intro = RichTextField(_("introduction"), blank=True)
    title_en = title_en_field()
    intro_en = RichTextField(_("introduction (English)"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        english_panel("title_en", "intro_en"),
    ]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("contract notice index")

    @path("")
    def notice_list(self, request):
        base_url = self.get_url(request)
        context = notice_list_context(
            params=request.GET, today=timezone.localdate(), base_url=base_url
        )
        # The switch to the whole region (全辖区), for a federation with federations beneath it.
        context["region_url"] = (
            f"{base_url}region/" if has_region(federation=connection.tenant) else None
        )
        context["compare_with"] = compare_with(request.GET.get("compare", ""))
        return self.render(request, context_overrides=context)

    @path("region/")
    def notice_region_list(self, request):
        """全辖区: the published notices of this federation and every federation beneath it, from
        the network channel; only a federation with federations beneath it has one."""
        federation = connection.tenant
        if not has_region(federation=federation):
            raise Http404
        context = region_list_context(
            params=request.GET,
            today=timezone.localdate(),
            region=notice_region(federation=federation),
            site_prefix=site_prefix(request),
        )
        response = self.render(
            request, template="cms_pages/notice_region.html", context_overrides=context
        )
        # Not kept by the public-page cache: the region's notices change with its federations'
        # publications, which do not bump this federation's page version.
        response.region_wide = True
        return response

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if getattr(response, "region_wide", False):
            response.public_cacheable = False
        return response

    @path("codebook/")
    def codebook(self, request):
        """The codebook of coded key terms: the dataset's documentation and its downloads."""
        return self.render(
            request, template="cms_pages/codebook.html", context_overrides=codebook_context()
        )

    @path("compare/")
    def notice_compare(self, request):
        """2–5 notices side by side (`?ids=` repeated or comma-separated)."""
        context = notice_compare_context(
            ids=request.GET.getlist("ids"), base_url=self.get_url(request)
        )
        response = self.render(
            request, template="cms_pages/notice_compare.html", context_overrides=context
        )
        response.status_code = context["comparison"].status
        return response

    @re_path(r"^(?P<public_id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/$")
    def notice_detail(self, request, public_id):
        notice = notice_by_public_id(public_id)
        if notice is None:
            raise Http404
        if notice.withdrawn_at is not None:
            response = self.render(
                request,
                template="cms_pages/notice_withdrawn.html",
                context_overrides={"notice": notice},
            )
            response.status_code = 410
            return response
        context = notice_detail_context(
            notice=notice, base_url=self.get_url(request), full_url=self.get_full_url(request)
        )
        return self.render(
            request, template="cms_pages/notice_detail.html", context_overrides=context
        )

    def notice_url(self, notice, request=None) -> str:
        return self.get_url(request) + f"{notice.public_id}/"

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        # A sitemap file holds at most 50,000 addresses: the most recent notices.
        rows = (
            notices_public().order_by("-updated_at").values_list("public_id", "updated_at")[:45000]
        )
        urls += [{"location": f"{base}{pid}/", "lastmod": updated} for pid, updated in rows]
        return urls
