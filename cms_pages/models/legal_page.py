"""Legal knowledge (法律知识): plain-language explanations of the rules."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms_pages.blocks import BodyBlock
from cms_pages.models.mixins import PublicPageMixin


class LegalPage(PublicPageMixin, Page):
    summary = models.TextField(_("summary"), max_length=400)
    source = models.CharField(_("legal source"), max_length=200, blank=True)
    source_date = models.DateField(_("in force since"), null=True, blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"))

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("source"),
        FieldPanel("source_date"),
        FieldPanel("body"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("summary"), index.SearchField("body")]
    parent_page_types = ["cms_pages.LegalIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("legal knowledge page")
