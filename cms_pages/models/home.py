from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

# Migration 0003 names the mixin cms_pages.models.home.PublicPageMixin.
from cms_pages.models.mixins import PublicPageMixin, english_panel, title_en_field
from cms_pages.selectors.cases import cases_featured
from cms_pages.selectors.home import key_figures, notice_count, notice_index_live
from cms_pages.selectors.notices import notices_latest


class HomePage(PublicPageMixin, Page):
    """A federation's public home page: the root of its site."""

    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True)
    title_en = title_en_field()
    intro_en = models.TextField(_("introduction (English)"), blank=True)
    body_en = RichTextField(_("body (English)"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("body"),
        english_panel("title_en", "intro_en", "body_en"),
    ]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "cms_pages.NoticeIndexPage",
        "cms_pages.CaseStudyIndexPage",
        "cms_pages.LegalIndexPage",
        "cms_pages.DownloadsPage",
        "cms_pages.WageGuidelinePage",
    ]
    max_count = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        notice_index = notice_index_live()
        context.update(
            {
                "notice_index": notice_index,
                "featured_cases": cases_featured(limit=3),
                "notice_count": notice_count(),
                "latest_notices": notices_latest(limit=5) if notice_index else [],
                "figures": key_figures(today=timezone.localdate()),
            }
        )
        return context
