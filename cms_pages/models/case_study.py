"""Case studies (典型案例): editorial pages with a rich body, tags, industry and region."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms_pages.blocks import BodyBlock
from cms_pages.models.mixins import PublicPageMixin, english_panel, title_en_field
from compliance.models import Industry


class CaseStudyTag(TaggedItemBase):
    content_object = ParentalKey(
        "cms_pages.CaseStudyPage", on_delete=models.CASCADE, related_name="tagged_items"
    )


class CaseStudyPage(PublicPageMixin, Page):
    date = models.DateField(pgettext_lazy("case study", "date"))
    summary = models.TextField(_("summary"), max_length=400)
    industry = models.CharField(
        _("industry (GB/T 4754)"), max_length=1, choices=Industry.choices, blank=True
    )
    region_code = models.CharField(_("region code (GB/T 2260)"), max_length=6, blank=True)
    featured = models.BooleanField(_("feature on the home page"), default=False)
    tags = ClusterTaggableManager(through=CaseStudyTag, blank=True, verbose_name=_("tags"))
    body = StreamField(BodyBlock(), verbose_name=_("body"))
    title_en = title_en_field()
    summary_en = models.TextField(_("summary (English)"), max_length=400, blank=True)
    body_en = StreamField(BodyBlock(), verbose_name=_("body (English)"), blank=True)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("date"),
                FieldPanel("summary"),
                FieldPanel("industry"),
                FieldPanel("region_code"),
                FieldPanel("tags"),
                FieldPanel("featured"),
            ],
            heading=_("About the case"),
        ),
        FieldPanel("body"),
        english_panel("title_en", "summary_en", "body_en"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("title_en"),
        index.SearchField("summary_en"),
        index.SearchField("body_en"),
    ]
    parent_page_types = ["cms_pages.CaseStudyIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")
