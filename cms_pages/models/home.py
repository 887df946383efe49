from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page


class PublicPageMixin:
    """Pages whose 200 responses the public-page cache may keep (cms_pages.middleware)."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if getattr(response, "status_code", None) == 200:
            response.public_cacheable = True
        return response


class HomePage(PublicPageMixin, Page):
    """A federation's public home page: the root of its site."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms_pages.NoticeIndexPage",
        "cms_pages.CaseStudyIndexPage",
        "cms_pages.LegalIndexPage",
        "cms_pages.DownloadsPage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        from cms_pages.page_views import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(self))
        return context


class NoticeIndexPage(PublicPageMixin, RoutablePageMixin, Page):
    """集体合同公示: the list of notices (filters, search) and each notice at <public id>/."""

    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("contract notice index")

    @path("")
    def notice_list(self, request):
        from cms_pages.page_views import notice_list

        return notice_list(self, request)

    @re_path(r"^(?P<public_id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/$")
    def notice_detail(self, request, public_id):
        from cms_pages.page_views import notice_detail

        return notice_detail(self, request, public_id)

    def notice_url(self, notice, request=None) -> str:
        return self.get_url(request) + f"{notice.public_id}/"

    def get_sitemap_urls(self, request=None):
        from cms_pages.selectors import notices_public

        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        # A sitemap file holds at most 50,000 addresses: the most recent notices.
        rows = (
            notices_public().order_by("-updated_at").values_list("public_id", "updated_at")[:45000]
        )
        urls += [{"location": f"{base}{pid}/", "lastmod": updated} for pid, updated in rows]
        return urls
