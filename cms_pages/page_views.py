"""What the public pages show: contexts for the home and case index, and the notice routes.

Reads go through cms_pages.selectors; every view issues a fixed number of queries.
"""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import Tag

from cms_pages.cache import public_pages_version
from cms_pages.models import CaseStudyPage, NoticeIndexPage
from cms_pages.regions import region_name
from cms_pages.search import highlight
from cms_pages.selectors import (
    notice_by_public_id,
    notice_facets,
    notice_successors,
    notices_filter,
    notices_latest,
    notices_page,
)
from compliance.models import Clause, Contract, Industry, Kind, Scope

FIGURES_TIMEOUT = 30 * 60


def _key_figures(today: dt.date) -> dict | None:
    """The federation's headline statistics, recomputed at most every half hour."""
    from compliance.selectors.statistics import federation_statistics

    key = f"home-figures:{today.isoformat()}"
    figures = cache.get(key)
    if figures is None:
        stats = federation_statistics(as_of=today)
        figures = {
            "as_of": today,
            "coverage": stats.coverage.percent,
            "employees_covered": stats.employees_covered,
            "unionised_enterprises": stats.unionised_enterprises,
        }
        cache.set(key, figures, FIGURES_TIMEOUT)
    return figures


def home_context(home) -> dict:
    today = timezone.localdate()
    notice_index = NoticeIndexPage.objects.live().first()
    featured = list(CaseStudyPage.objects.live().filter(featured=True).order_by("-date", "-pk")[:3])
    if not featured:
        featured = list(CaseStudyPage.objects.live().order_by("-date", "-pk")[:3])
    facets = notice_facets()
    return {
        "notice_index": notice_index,
        "latest_notices": notices_latest(limit=5) if notice_index else [],
        "featured_cases": featured,
        "figures": _key_figures(today),
        "notice_count": sum(count for _code, count in facets["industry"]),
    }


def notice_list(page: NoticeIndexPage, request):
    today = timezone.localdate()
    search = notices_filter(request.GET, today=today)
    results = notices_page(search.queryset, number=search.filters.page, terms=search.filters.terms)
    messages = []
    if search.filters.page > results.num_pages:
        messages.append(
            _("There is no page %(asked)s; this is the last page, %(last)s.")
            % {"asked": search.filters.page, "last": results.num_pages}
        )
    base = page.get_url(request)
    # Labels translated once per page, not four lookups of lazy choices per row.
    labels = {
        name: {value: str(label) for value, label in choices}
        for name, choices in (
            ("status", Contract.Status.choices),
            ("kind", Kind.choices),
            ("scope", Scope.choices),
            ("industry", Industry.choices),
        )
    }
    items = [
        {
            "notice": notice,
            "url": f"{base}{notice.public_id}/",
            "excerpt": highlight(notice.body_text, search.filters.terms)
            if search.filters.terms
            else None,
            "region": region_name(notice.region_code),
            **{name: labels[name].get(getattr(notice, name), "") for name in labels},
        }
        for notice in results.items
    ]
    facets = notice_facets()
    return page.render(
        request,
        context_overrides={
            "search": search,
            "form": search.form,
            "filters": search.filters,
            "results": results,
            "items": items,
            "messages_list": messages,
            "region_options": [(code, region_name(code)) for code, _n in facets["region"]],
            "year_options": [year for year, _n in facets["year"]],
            "today": today,
            "open_data_query": _open_data_query(request.GET, search),
        },
    )


def notice_detail(page: NoticeIndexPage, request, public_id: str):
    notice = notice_by_public_id(public_id)
    if notice is None:
        raise Http404
    if notice.withdrawn_at is not None:
        response = page.render(
            request,
            template="cms_pages/notice_withdrawn.html",
            context_overrides={"notice": notice},
        )
        response.status_code = 410
        return response
    topics = dict(Clause.Topic.choices)
    clauses = [
        {**clause, "topic_label": topics.get(clause["topic"], "")} for clause in notice.clauses
    ]
    base = page.get_url(request)
    return page.render(
        request,
        template="cms_pages/notice_detail.html",
        context_overrides={
            "notice": notice,
            "clauses": clauses,
            "region": region_name(notice.region_code),
            "successors": [(s, f"{base}{s.public_id}/") for s in notice_successors(notice)],
            "predecessor_url": f"{base}{notice.predecessor.public_id}/"
            if notice.predecessor and notice.predecessor.withdrawn_at is None
            else None,
            "canonical_url": page.get_full_url(request) + f"{notice.public_id}/",
        },
    )


def case_list_context(index, request, *, per_page: int) -> dict:
    """The case index: filters by tag, industry, region and year; pages of `per_page`."""
    from cms_pages.models.cases import paginate

    cases = CaseStudyPage.objects.live().child_of(index)
    chosen = {
        "tag": request.GET.get("tag", "").strip(),
        "industry": request.GET.get("industry", "").strip(),
        "region": request.GET.get("region", "").strip(),
        "year": request.GET.get("year", "").strip(),
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
    cases = cases.order_by("-date", "-pk").prefetch_related("tagged_items__tag")
    all_cases = CaseStudyPage.objects.live().child_of(index)
    version = public_pages_version()
    options = cache.get(f"case-options:{version}:{index.pk}")
    if options is None:
        options = {
            "tags": list(
                Tag.objects.filter(cms_pages_casestudytag_items__content_object__in=all_cases)
                .distinct()
                .order_by("name")
                .values_list("name", flat=True)
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
        cache.set(f"case-options:{version}:{index.pk}", options, 60 * 60)
    industry_labels = dict(Industry.choices)
    return {
        "cases": paginate(cases, request, per_page),
        "chosen": chosen,
        "case_errors": errors,
        "tag_options": options["tags"],
        "industry_options": [(c, industry_labels[c]) for c in options["industries"]],
        "region_options": [(c, region_name(c)) for c in options["regions"]],
        "year_options": options["years"],
        "filtered": any(chosen.values()),
    }


def _open_data_query(params, search) -> str:
    """The list's valid filters as a query string for its downloads and feed (cms_pages/opendata:
    no page number, and no relevance order, which only the web page has)."""
    from django.http import QueryDict

    from cms_pages.opendata.params import FILTER_PARAMS

    query = QueryDict(mutable=True)
    for name in FILTER_PARAMS:
        value = params.get(name)
        if value and name not in search.errors and not (name == "sort" and value == "relevance"):
            query[name] = value
    return query.urlencode()
