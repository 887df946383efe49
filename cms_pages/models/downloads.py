from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from cms_pages.blocks import DownloadSectionBlock
from cms_pages.models.mixins import PublicPageMixin, english_panel, title_en_field


class DownloadsPage(PublicPageMixin, Page):
    """Contract templates and forms: Wagtail documents, grouped in sections."""

    intro = RichTextField(_("introduction"), blank=True)
    title_en = title_en_field()
    intro_en = RichTextField(_("introduction (English)"), blank=True)
    sections = StreamField(
        [("section", DownloadSectionBlock())], verbose_name=_("sections"), blank=True
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("intro"),
        FieldPanel("sections"),
        english_panel("title_en", "intro_en"),
    ]
    parent_page_types = ["cms_pages.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("downloads page")
