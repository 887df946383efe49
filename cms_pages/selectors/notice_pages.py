"""What the notice index's routes show: the list with its labels, excerpts, messages and options,
and one notice with its clauses and links. A fixed number of queries whatever the number of
notices (cms_pages.selectors.notices does the finding)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from cms_pages.models.notices import ContractNotice, KeyTermsSnapshot
from cms_pages.regions import region_name
from cms_pages.search import highlight
from cms_pages.selectors.compare import MAX_NOTICES, notices_compare
from cms_pages.selectors.notices import (
    FILTER_PARAMS,
    NoticePage,
    NoticeSearch,
    notice_by_public_id,
    notice_facets,
    notice_successors,
    notices_filter,
    notices_page,
)
from compliance.models import Clause, Contract, Industry, Kind, Scope
from compliance.rules.codebook import CODEBOOK_DATE, CODEBOOK_VERSION, VARIABLES, key_term_rows


def notice_list_page(
    search: NoticeSearch, *, row: Callable[[object], dict], share: float = 1.0
) -> tuple[NoticePage, list[dict], list[str]]:
    """One page of `search` as the notice lists show it (the federation's and the region's): the
    page, a row per notice (its labels, region and excerpt, and what `row(notice)` adds: its
    address at least) and the messages about the page asked for. `share` as notices_page's."""
    results = notices_page(
        search.queryset,
        number=search.filters.page,
        terms=search.filters.terms,
        share=share,
        scanned=search.scanned,
    )
    messages = []
    if search.filters.page > results.num_pages:
        messages.append(
            _("There is no page %(asked)s; this is the last page, %(last)s.")
            % {"asked": search.filters.page, "last": results.num_pages}
        )
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
    terms = search.filters.terms
    items = [
        {
            "notice": notice,
            "excerpt": highlight(notice.body_text, terms) if terms else None,
            "region": region_name(notice.region_code),
            **{name: labels[name].get(getattr(notice, name), "") for name in labels},
            **row(notice),
        }
        for notice in results.items
    ]
    return results, items, messages


def notice_list_context(*, params: Mapping[str, str], today: dt.date, base_url: str) -> dict:
    """The list for the request's `params`: a notice's address is `base_url` + its public id."""
    search = notices_filter(params, today=today)
    results, items, messages = notice_list_page(
        search, row=lambda notice: {"url": f"{base_url}{notice.public_id}/"}
    )
    facets = notice_facets()
    return {
        "search": search,
        "form": search.form,
        "filters": search.filters,
        "results": results,
        "items": items,
        "messages_list": messages,
        "region_options": [(code, region_name(code)) for code, _n in facets["region"]],
        "year_options": [year for year, _n in facets["year"]],
        "today": today,
        "open_data_query": _open_data_query(params, search),
    }


def _open_data_query(params: Mapping[str, str], search: NoticeSearch) -> str:
    """The list's valid filters as a query string for its downloads and feed (cms_pages/opendata:
    no page number, and no relevance order, which only the web page has)."""
    query = QueryDict(mutable=True)
    for name in FILTER_PARAMS:
        value = params.get(name)
        if value and name not in search.errors and not (name == "sort" and value == "relevance"):
            query[name] = value
    return query.urlencode()


def notice_detail_context(*, notice: ContractNotice, base_url: str, full_url: str) -> dict:
    """A listed notice: its clauses with their topics, its region, and the addresses of the
    notices it amends or renews and of those that amend or renew it. Addresses are `base_url`
    (canonical: `full_url`) + a public id."""
    topics = dict(Clause.Topic.choices)
    clauses = [
        {**clause, "topic_label": topics.get(clause["topic"], "")} for clause in notice.clauses
    ]
    return {
        "notice": notice,
        "clauses": clauses,
        "region": region_name(notice.region_code),
        "successors": [(s, f"{base_url}{s.public_id}/") for s in notice_successors(notice)],
        "predecessor_url": f"{base_url}{notice.predecessor.public_id}/"
        if notice.predecessor and notice.predecessor.withdrawn_at is None
        else None,
        "canonical_url": f"{full_url}{notice.public_id}/",
        "key_terms": key_term_rows(notice.key_terms or {}),
        "codebook_version": notice.codebook_version,
    }


def compare_with(value: str) -> ContractNotice | None:
    """The notice a reader chose "compare" on, kept ticked on the list (None if not listed)."""
    notice = notice_by_public_id(value) if value else None
    return notice if notice is not None and notice.is_listed else None


def notice_compare_context(*, ids: list[str], base_url: str) -> dict:
    """The compare page: its notices with their addresses, or the reasons it cannot be made."""
    comparison = notices_compare(ids)
    return {
        "comparison": comparison,
        "columns": [(n, f"{base_url}{n.public_id}/") for n in comparison.notices],
        "max_notices": MAX_NOTICES,
    }


def codebook_context() -> dict:
    """The codebook's variables as read in the request's language, and the dated snapshots."""
    type_labels = {
        "decimal": pgettext("codebook type", "Decimal"),
        "integer": pgettext("codebook type", "Whole number"),
        "boolean": pgettext("codebook type", "Yes/no"),
        "choice": pgettext("codebook type", "Category"),
    }
    return {
        "codebook_version": CODEBOOK_VERSION,
        "codebook_date": CODEBOOK_DATE,
        "variables": [
            {
                "code": v.code,
                "label": v.label,
                "type": type_labels[v.type],
                "unit": v.unit,
                "range": f"{v.minimum} – {v.maximum}" if v.minimum is not None else "",
                "choices": [(code, v.choice_label(code)) for code, _zh, _en in v.choices],
                "definition": v.definition,
                "source": v.source,
            }
            for v in VARIABLES
        ],
        "snapshots": list(KeyTermsSnapshot.objects.order_by("-made_on", "-codebook_version")[:60]),
    }
