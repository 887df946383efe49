"""The legal knowledge index (法律知识): its articles, newest source first."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms_pages.models.mixins import PublicPageMixin, english_panel, title_en_field
from cms_pages.selectors.legal import legal_articles


class LegalIndexPage(PublicPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)
    title_en = title_en_field()
    intro_en = RichTextField(_("introduction (English)"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        english_panel("title_en", "intro_en"),
    ]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.LegalPage"]
    max_count = 1

    class Meta:
        verbose_name = _("legal knowledge index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = legal_articles(index=self)
        return context
