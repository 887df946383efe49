"""What the notice index's routes show: the list with its labels, excerpts, messages and options,
and one notice with its clauses and links. A fixed number of queries whatever the number of
notices (cms_pages.selectors.notices does the finding)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from django.http import QueryDict
from django.utils.translation import gettext as _

from cms_pages.models.notices import ContractNotice
from cms_pages.regions import region_name
from cms_pages.search import highlight
from cms_pages.selectors.notices import (
    FILTER_PARAMS,
    NoticeSearch,
    notice_facets,
    notice_successors,
    notices_filter,
    notices_page,
)
from compliance.models import Clause, Contract, Industry, Kind, Scope


def notice_list_context(*, params: Mapping[str, str], today: dt.date, base_url: str) -> dict:
    """The list for the request's `params`: a notice's address is `base_url` + its public id."""
    search = notices_filter(params, today=today)
    results = notices_page(search.queryset, number=search.filters.page, terms=search.filters.terms)
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
    items = [
        {
            "notice": notice,
            "url": f"{base_url}{notice.public_id}/",
            "excerpt": highlight(notice.body_text, search.filters.terms)
            if search.filters.terms
            else None,
            "region": region_name(notice.region_code),
            **{name: labels[name].get(getattr(notice, name), "") for name in labels},
        }
        for notice in results.items
    ]
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
    }
