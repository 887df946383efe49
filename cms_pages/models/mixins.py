"""What every public page type shares."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from cms_pages.language import localized


def title_en_field():
    return models.CharField(
        _("title (English)"),
        max_length=255,
        blank=True,
        help_text=_("Shown to visitors who read the site in English; the Chinese title if empty."),
    )


def english_panel(*names: str) -> MultiFieldPanel:
    """The page's English fields, grouped below its Chinese ones in the editor."""
    return MultiFieldPanel(
        [FieldPanel(name) for name in names], heading=_("English version"), classname="collapsed"
    )


class PublicPageMixin:
    """Pages whose 200 responses the public-page cache may keep (cms_pages.middleware)."""

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if getattr(response, "status_code", None) == 200:
            response.public_cacheable = True
        return response

    def localized(self, name: str):
        return localized(self, name)
