"""Legal knowledge: the articles of the index."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.models import Page

from cms_pages.models.legal_page import LegalPage


def legal_articles(*, index: Page) -> QuerySet[LegalPage]:
    """The index's live articles, the most recent legal source first."""
    return LegalPage.objects.live().child_of(index).order_by("-source_date", "title")
