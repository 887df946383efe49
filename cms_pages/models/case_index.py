"""The case studies' index (典型案例): filters by tag, industry, region and year."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from cms_pages.models.mixins import PublicPageMixin, english_panel, title_en_field
from cms_pages.selectors.cases import case_list_context

CASES_PER_PAGE = 10


class CaseStudyIndexPage(PublicPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)
    title_en = title_en_field()
    intro_en = RichTextField(_("introduction (English)"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        english_panel("title_en", "intro_en"),
    ]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.CaseStudyPage"]
    max_count = 1

    class Meta:
        verbose_name = _("case study index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(case_list_context(index=self, params=request.GET, per_page=CASES_PER_PAGE))
        return context
