"""Legal knowledge (法律知识): plain-language explanations of the rules, and the downloads page."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from cms_pages.blocks import BodyBlock, DownloadSectionBlock
from cms_pages.models.home import PublicPageMixin


class LegalIndexPage(PublicPageMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["cms_pages.LegalPage"]
    max_count = 1

    class Meta:
        verbose_name = _("legal knowledge index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = (
            LegalPage.objects.live().child_of(self).order_by("-source_date", "title")
        )
        return context


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


class DownloadsPage(PublicPageMixin, Page):
    """Contract templates and forms: Wagtail documents, grouped in sections."""

    intro = RichTextField(_("introduction"), blank=True)
    sections = StreamField(
        [("section", DownloadSectionBlock())], verbose_name=_("sections"), blank=True
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("sections")]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("downloads page")
