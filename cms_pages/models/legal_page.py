"""Legal knowledge (法律知识): plain-language explanations of the rules."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms_pages.blocks import BodyBlock
from cms_pages.models.mixins import PublicPageMixin, english_panel, title_en_field


class LegalPage(PublicPageMixin, Page):
    summary = models.TextField(_("summary"), max_length=400)
    source = models.CharField(_("legal source"), max_length=200, blank=True)
    source_date = models.DateField(_("in force since"), null=True, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    title_en = title_en_field()
    summary_en = models.TextField(_("summary (English)"), max_length=400, blank=True)
    source_en = models.CharField(_("legal source (English)"), max_length=200, blank=True)
    body_en = StreamField(BodyBlock(), verbose_name=_("body (English)"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("source"),
        FieldPanel("source_date"),
        FieldPanel("body"),
        english_panel("title_en", "summary_en", "source_en", "body_en"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("title_en"),
        index.SearchField("summary_en"),
        index.SearchField("body_en"),
    ]
    parent_page_types = ["cms_pages.LegalIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("legal knowledge page")
