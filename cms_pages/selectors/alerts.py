"""Which new notices each alert's saved filter matches, and the counts the back office shows.

The matching is inverted: instead of running every alert's search over the whole table (10,000
searches), the new notices (a few hundred at most per run) are read once with their search
lexemes, indexed in memory by each filter value, and every distinct saved filter is answered by
intersecting those small sets. Three queries whatever the number of alerts and notices.

A filter means here exactly what it means on the notice list: each saved filter is parsed by
`notices_filter` (the list's form and its jieba segmentation), and the search words match when
the notice's search vector holds every lexeme PostgreSQL makes of them (the list's plain
tsquery is the AND of those lexemes). tests/cms_pages/test_alerts.py checks the two agree.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.postgres.fields import ArrayField
from django.db import connection
from django.db.models import CharField, Count, Q
from django.db.models.expressions import RawSQL
from django.utils.translation import ngettext

from cms_pages.forms import NoticeFilterForm
from cms_pages.models import AlertDelivery, NoticeAlert
from cms_pages.regions import region_name
from cms_pages.selectors.notices import FILTER_PARAMS, NoticeFilters, notices_filter, notices_public
from compliance.models import Contract

# What an alert saves: the list's filters without its order.
ALERT_PARAMS = tuple(name for name in FILTER_PARAMS if name != "sort")


@dataclass(frozen=True)
class NewNotice:
    id: int
    industry: str
    scope: str
    kind: str
    status: str
    region_code: str
    in_force_from: dt.date
    in_force_until: dt.date
    ends_on: dt.date
    first_published_at: dt.datetime
    lexemes: frozenset[str]


def alert_params(params: Mapping[str, str]) -> dict[str, str]:
    """The alert-worthy parameters of a notice-list query (non-empty, stripped, no order/page)."""
    cleaned = {}
    for name in ALERT_PARAMS:
        value = (params.get(name) or "").strip()
        if value:
            cleaned[name] = value
    return cleaned


def alert_filters(params: Mapping[str, str], *, today: dt.date) -> tuple[NoticeFilters, dict]:
    """The saved parameters parsed as the notice list parses them: (filters, errors)."""
    search = notices_filter(params, today=today)
    return search.filters, search.errors


def notices_first_published(*, after: dt.datetime, until: dt.datetime) -> list[NewNotice]:
    """Listed notices first published in (after, until], with their search lexemes (one query)."""
    rows = (
        notices_public()
        .filter(first_published_at__gt=after, first_published_at__lte=until)
        .annotate(
            lexemes=RawSQL(
                "coalesce(tsvector_to_array(search), '{}')",
                (),
                output_field=ArrayField(CharField()),
            )
        )
        .values_list(
            "id",
            "industry",
            "scope",
            "kind",
            "status",
            "region_code",
            "in_force_from",
            "in_force_until",
            "ends_on",
            "first_published_at",
            "lexemes",
        )
        .order_by("id")
    )
    return [NewNotice(*row[:-1], frozenset(row[-1])) for row in rows]


def _term_lexemes(texts: list[str]) -> dict[str, frozenset[str]]:
    """The lexemes PostgreSQL's plain tsquery ('simple') makes of each search text (one query)."""
    if not texts:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t, coalesce(tsvector_to_array(to_tsvector('simple', t)), '{}')"
            " FROM unnest(%s::text[]) AS u(t)",
            [texts],
        )
        return {text: frozenset(lexemes) for text, lexemes in cursor.fetchall()}


class _NoticeIndex:
    """The new notices indexed by every value a filter can ask for."""

    def __init__(self, notices: list[NewNotice]):
        self.by_id = {notice.id: notice for notice in notices}
        self.all = frozenset(self.by_id)
        self.postings: dict[tuple[str, object], set[int]] = defaultdict(set)
        for notice in notices:
            for name in ("industry", "scope", "kind", "status"):
                self.postings[(name, getattr(notice, name))].add(notice.id)
            code = notice.region_code
            # A province code (…0000) covers its cities, a city code (…00) its districts.
            self.postings[("region", code)].add(notice.id)
            self.postings[("region", code[:4] + "00")].add(notice.id)
            self.postings[("region", code[:2] + "0000")].add(notice.id)
            self.postings[("year", notice.in_force_from.year)].add(notice.id)
            for lexeme in notice.lexemes:
                self.postings[("lexeme", lexeme)].add(notice.id)

    def match(self, filters: NoticeFilters, lexemes: frozenset[str], *, today: dt.date) -> set:
        keys = [
            (name, getattr(filters, name))
            for name in ("industry", "scope", "kind", "status", "region", "year")
            if getattr(filters, name)
        ]
        keys += [("lexeme", lexeme) for lexeme in lexemes]
        sets = sorted((self.postings.get(key, set()) for key in keys), key=len)
        found = set(sets[0]) if sets else set(self.all)
        for other in sets[1:]:
            found &= other
            if not found:
                return found
        if filters.in_force_on:
            day = filters.in_force_on
            found = {
                i
                for i in found
                if self.by_id[i].in_force_from <= day <= self.by_id[i].in_force_until
            }
        if filters.expiring_within:
            last = today + dt.timedelta(days=filters.expiring_within)
            found = {
                i
                for i in found
                if self.by_id[i].status == Contract.Status.EFFECTIVE
                and today <= self.by_id[i].ends_on <= last
            }
        return found


def alerts_matching(
    *,
    alerts: Iterable[tuple[int, Mapping[str, str], dt.datetime]],
    notices: list[NewNotice],
    today: dt.date,
) -> dict[int, list[int]]:
    """{alert id: ids of `notices` its filter matches}, for (id, saved params, confirmed at)
    triples; a notice first published before the alert was confirmed is not news to it.
    Each distinct filter is parsed and answered once (one query for all search words)."""
    if not notices:
        return {}
    index = _NoticeIndex(notices)
    groups: dict[str, list[tuple[int, dt.datetime]]] = defaultdict(list)
    for alert_id, params, confirmed_at in alerts:
        groups[json.dumps(params, sort_keys=True)].append((alert_id, confirmed_at))
    parsed = {}
    for key in groups:
        filters, errors = alert_filters(json.loads(key), today=today)
        # A filter the list no longer accepts matches nothing, rather than everything.
        parsed[key] = None if errors else filters
    texts = sorted({" ".join(f.terms) for f in parsed.values() if f is not None and f.terms})
    lexemes = _term_lexemes(texts)
    matches: dict[int, list[int]] = {}
    for key, members in groups.items():
        filters = parsed[key]
        if filters is None:
            continue
        words = lexemes.get(" ".join(filters.terms), frozenset()) if filters.terms else frozenset()
        if filters.terms and not words:
            continue
        found = index.match(filters, words, today=today)
        if not found:
            continue
        for alert_id, confirmed_at in members:
            ids = sorted(i for i in found if index.by_id[i].first_published_at >= confirmed_at)
            if ids:
                matches[alert_id] = ids
    return matches


def alert_description(params: Mapping[str, str]) -> list[tuple[str, str]]:
    """A saved filter as (label, value) pairs in the active language, for pages and messages."""
    form = NoticeFilterForm()
    described = []
    for name in ALERT_PARAMS:
        value = params.get(name)
        if not value:
            continue
        field = form.fields[name]
        if name == "region":
            shown = region_name(value) or value
        elif name == "expiring_within":
            shown = ngettext("%(n)s day", "%(n)s days", int(value)) % {"n": value}
        else:
            choices = dict(getattr(field, "choices", ()) or ())
            shown = str(choices.get(value, value))
        described.append((str(field.label), shown))
    return described


def alerts_confirmed() -> list[tuple[int, dict, dt.datetime]]:
    """(id, saved params, confirmed at) of every confirmed alert (one query)."""
    return list(
        NoticeAlert.objects.filter(confirmed_at__isnull=False)
        .order_by("id")
        .values_list("id", "filters", "confirmed_at")
    )


def alert_counts(*, since: dt.datetime) -> dict[str, int]:
    """What the back office may know of the alerts: counts, never addresses (two queries)."""
    counts = NoticeAlert.objects.aggregate(
        alerts=Count("id"),
        confirmed=Count("id", filter=Q(confirmed_at__isnull=False)),
        weekly=Count("id", filter=Q(frequency=NoticeAlert.Frequency.WEEKLY)),
    )
    counts["sent"] = AlertDelivery.objects.filter(sent_at__gte=since).count()
    return counts


def alerts_of_recipient(recipient_id: int) -> list[NoticeAlert]:
    return list(NoticeAlert.objects.filter(recipient_id=recipient_id).order_by("created_at", "id"))
