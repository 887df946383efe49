"""Case studies: those the home page features, and the index's list with its filters."""

from __future__ import annotations

from collections.abc import Mapping

from django.core.cache import cache
from django.core.paginator import Page as ListPage
from django.core.paginator import Paginator
from django.db.models import QuerySet, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from taggit.models import Tag
from wagtail.models import Page

from cms_pages.cache import public_pages_version
from cms_pages.language import english_active
from cms_pages.models.case_study import CaseStudyPage
from cms_pages.regions import region_name
from compliance.models import Industry

OPTIONS_TIMEOUT = 60 * 60


def cases_featured(*, limit: int) -> list[CaseStudyPage]:
    """The cases marked for the home page, newest first; the newest cases when none is."""
    featured = list(
        CaseStudyPage.objects.live().filter(featured=True).order_by("-date", "-pk")[:limit]
    )
    if not featured:
        featured = list(CaseStudyPage.objects.live().order_by("-date", "-pk")[:limit])
    return featured


def _paginate(items: QuerySet, *, number: str | None, per_page: int) -> ListPage:
    """A Django page for ?page=, clamped to the last page (a bad number shows page 1)."""
    return Paginator(items, per_page).get_page(number)


def _case_options(*, index: Page) -> dict[str, list]:
    """The tags, industries, regions and years the index's cases have, cached until the next
    publication (the public-page version)."""
    key = f"case-options:{public_pages_version()}:{index.pk}"
    options = cache.get(key)
    if options is None:
        all_cases = CaseStudyPage.objects.live().child_of(index)
        options = {
            # (Chinese name, English name or "")
            "tags": list(
                Tag.objects.filter(cms_pages_casestudytag_items__content_object__in=all_cases)
                .distinct()
                .order_by("name")
                .values_list("name", Coalesce("case_topic__name_en", Value("")))
            ),
            "industries": sorted(
                set(all_cases.exclude(industry="").values_list("industry", flat=True))
            ),
            "regions": sorted(
                set(all_cases.exclude(region_code="").values_list("region_code", flat=True))
            ),
            "years": sorted(
                {d.year for d in all_cases.values_list("date", flat=True)}, reverse=True
            ),
        }
        cache.set(key, options, OPTIONS_TIMEOUT)
    return options


def case_list_context(*, index: Page, params: Mapping[str, str], per_page: int) -> dict:
    """The case index: filters by tag, industry, region and year; pages of `per_page`. Labels
    (topics, regions) are in the visitor's language."""
    cases = CaseStudyPage.objects.live().child_of(index)
    chosen = {
        "tag": params.get("tag", "").strip(),
        "industry": params.get("industry", "").strip(),
        "region": params.get("region", "").strip(),
        "year": params.get("year", "").strip(),
    }
    errors = []
    if chosen["tag"]:
        cases = cases.filter(tags__name=chosen["tag"])
    if chosen["industry"]:
        if chosen["industry"] in Industry.values:
            cases = cases.filter(industry=chosen["industry"])
        else:
            errors.append(_("Unknown industry; showing all industries."))
            chosen["industry"] = ""
    if chosen["region"]:
        cases = cases.filter(region_code=chosen["region"])
    if chosen["year"]:
        if chosen["year"].isdigit() and len(chosen["year"]) == 4:
            cases = cases.filter(date__year=int(chosen["year"]))
        else:
            errors.append(_("A year is four digits, e.g. 2026."))
            chosen["year"] = ""
    cases = cases.order_by("-date", "-pk").prefetch_related("tagged_items__tag__case_topic")
    options = _case_options(index=index)
    industry_labels = dict(Industry.choices)
    return {
        "cases": _paginate(cases, number=params.get("page"), per_page=per_page),
        "chosen": chosen,
        "case_errors": errors,
        "tag_options": [
            (name, name_en if english_active() and name_en else name)
            for name, name_en in options["tags"]
        ],
        "industry_options": [(c, industry_labels[c]) for c in options["industries"]],
        "region_options": [(c, region_name(c)) for c in options["regions"]],
        "year_options": options["years"],
        "filtered": any(chosen.values()),
    }
