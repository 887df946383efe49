"""The yearly wage-guideline analysis report (工资指导线分析报告, seed 004: city and county
federations publish at least once a year, before the bargaining season, an analysis of the wage
guideline, the labour market, labour costs, average wages and prices). Editors write the text and
insert live figures from the stored wage highlights (cms_pages.wages.blocks)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms_pages.models.mixins import PublicPageMixin, english_panel, title_en_field
from cms_pages.wages.blocks import LiveFigureBlock


class WageReportBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("heading"),
        max_length=100,
        form_classname="title",
        template="cms_pages/blocks/heading.html",
    )
    paragraph = blocks.RichTextBlock(
        label=_("paragraph"), features=["bold", "italic", "link", "ol", "ul"]
    )
    live_figure = LiveFigureBlock()


class WageGuidelinePage(PublicPageMixin, Page):
    year = models.PositiveSmallIntegerField(_("year of the guideline"))
    summary = models.TextField(_("summary"), max_length=400)
    body = StreamField(WageReportBlock(), verbose_name=_("body"))
    title_en = title_en_field()
    summary_en = models.TextField(_("summary (English)"), max_length=400, blank=True)
    body_en = StreamField(WageReportBlock(), verbose_name=_("body (English)"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("year"),
        FieldPanel("summary"),
        FieldPanel("body"),
        english_panel("title_en", "summary_en", "body_en"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("title_en"),
        index.SearchField("summary_en"),
    ]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("wage-guideline analysis report")
        verbose_name_plural = _("wage-guideline analysis reports")

    def serve(self, request, *args, **kwargs):
        # Not kept by the public-page cache: the live figures are read at view time.
        response = Page.serve(self, request, *args, **kwargs)
        response.public_cacheable = False
        return response
