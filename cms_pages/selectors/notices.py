"""Finding contract notices: listed, filtered, searched, paged, and facets.

The notice pages and the open-data API (JSON, Atom, CSV/XLSX) share these functions, so a filter
means the same everywhere and withdrawn notices are excluded in one place (`notices_public`).
Every function issues a fixed number of queries whatever the number of notices.
"""

from __future__ import annotations

import datetime as dt
import math
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorExact
from django.core.cache import cache
from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, F, Func, Q, QuerySet, Value
from django.utils.translation import gettext as _

from cms_pages.cache import public_pages_version
from cms_pages.forms import NoticeFilterForm
from cms_pages.models.notices import ContractNotice
from cms_pages.search import query_terms
from compliance.models import Contract

# The notice list's filter parameters, which the open data accepts too. "page" and the relevance
# order belong to the HTML list only (the API pages by cursor).
FILTER_PARAMS = (
    "q",
    "industry",
    "region",
    "scope",
    "kind",
    "status",
    "year",
    "in_force_on",
    "expiring_within",
    "sort",
)

PER_PAGE = 20
# Counting every match of a broad filter over hundreds of thousands of notices costs more than
# the page itself; past this many the list says "more than" and asks for a narrower search.
COUNT_CAP = 1000
# A search walks the sort index only when that reads this many times fewer rows than sorting every
# match (see _walk_is_cheaper).
WALK_MARGIN = 4
# What checking a row's words in a scan costs, in entries of the search index's posting lists
# (measured on the network channel at 3,000,000 rows: 1.4 µs a row against 0.12 µs an entry; see
# _scan_is_cheaper).
SCAN_COST = 12
_ORDERINGS = {
    "newest": ("-in_force_from", "-id"),
    "oldest": ("in_force_from", "id"),
    "ends_soon": ("ends_on", "id"),
    "employees": ("-covered_employees", "-id"),
    "relevance": ("-rank", "-in_force_from", "-id"),
}
# Columns a list never needs (the detail page and exports read them).
LIST_DEFERRED = ("search", "clauses")


@dataclass(frozen=True)
class NoticeFilters:
    """The valid filters of a request; invalid parameters are dropped and reported."""

    q: str = ""
    terms: tuple[str, ...] = ()
    industry: str = ""
    region: str = ""
    scope: str = ""
    kind: str = ""
    status: str = ""
    year: int | None = None
    in_force_on: dt.date | None = None
    expiring_within: int | None = None
    sort: str = "newest"
    page: int = 1

    @property
    def narrowed(self) -> bool:
        """Whether a filter other than the search words is set."""
        return any(
            (
                self.industry,
                self.region,
                self.scope,
                self.kind,
                self.status,
                self.year,
                self.in_force_on,
                self.expiring_within,
            )
        )

    @property
    def active(self) -> bool:
        """Whether anything narrows the list (the sort and page do not)."""
        return bool(self.terms) or self.narrowed


@dataclass
class NoticeSearch:
    filters: NoticeFilters
    queryset: QuerySet  # listed notices matching the filters, ordered, unique by the last key
    errors: dict[str, list[str]] = field(default_factory=dict)  # parameter -> messages
    form: NoticeFilterForm | None = None
    # For a search: the same notices with the words checked row by row, never through the search
    # index (notices_page counts a very common word's matches this way; see _scan_is_cheaper).
    scanned: QuerySet | None = None


@dataclass(frozen=True)
class NoticePage:
    items: list
    number: int
    per_page: int
    count: int  # exact when not capped
    capped: bool  # more than COUNT_CAP matches
    num_pages: int

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def start_index(self) -> int:
        return (self.number - 1) * self.per_page + 1 if self.items else 0


def notices_public() -> QuerySet:
    """Every listed notice: withdrawn ones never leave this function."""
    return ContractNotice.objects.filter(withdrawn_at__isnull=True)


def _region_q(code: str) -> Q:
    """A city code (…00) covers its districts, a province code (…0000) its cities."""
    if code.endswith("0000"):
        return Q(region_code__startswith=code[:2])
    if code.endswith("00"):
        return Q(region_code__startswith=code[:4])
    return Q(region_code=code)


def notices_filter(
    params: Mapping[str, str], *, today: dt.date, base: QuerySet | None = None
) -> NoticeSearch:
    """Validate `params` (a QueryDict or dict of strings) and return the matching notices.

    `base` is where they are looked for: the federation's listed notices by default, or the
    network channel's (tenants.NetworkNotice, the same columns) for a region-wide search.

    Bad parameters are reported in `errors` (translated messages) and ignored, so a page can show
    the message next to what still matches; an API can answer 400 instead.
    """
    form = NoticeFilterForm(params)
    form.is_valid()
    data = {name: value for name, value in form.cleaned_data.items() if value not in (None, "")}
    errors = {name: list(messages) for name, messages in form.errors.items()}
    terms: tuple[str, ...] = ()
    q = (data.get("q") or "").strip()
    if q:
        terms = tuple(query_terms(q))
        if not terms:
            errors["q"] = [_("Enter words to search for, not only punctuation or short words.")]
    # Newest first even for a search: ranking every match of a common word (工资 is in most
    # contracts) costs a pass over all of them; relevance is there when asked for.
    sort = data.get("sort") or "newest"
    if sort == "relevance" and not terms:
        sort = "newest"
    filters = NoticeFilters(
        q=q,
        terms=terms,
        industry=data.get("industry", ""),
        region=data.get("region", ""),
        scope=data.get("scope", ""),
        kind=data.get("kind", ""),
        status=data.get("status", ""),
        year=data.get("year"),
        in_force_on=data.get("in_force_on"),
        expiring_within=data.get("expiring_within"),
        sort=sort,
        page=data.get("page") or 1,
    )
    queryset = notices_public() if base is None else base
    for name in ("industry", "scope", "kind", "status"):
        value = getattr(filters, name)
        if value:
            queryset = queryset.filter(**{name: value})
    if filters.year:
        # The year a notice came into force, as a range of the sort column, so a list of an old
        # year sorted newest first starts at that year's end instead of walking every later one.
        queryset = queryset.filter(
            in_force_from__gte=dt.date(filters.year, 1, 1),
            in_force_from__lte=dt.date(filters.year, 12, 31),
        )
    if filters.region:
        queryset = queryset.filter(_region_q(filters.region))
    if filters.in_force_on:
        queryset = queryset.filter(
            in_force_from__lte=filters.in_force_on, in_force_until__gte=filters.in_force_on
        )
    if filters.expiring_within:
        queryset = queryset.filter(
            status=Contract.Status.EFFECTIVE,
            ends_on__gte=today,
            ends_on__lte=today + dt.timedelta(days=filters.expiring_within),
        )
    scanned = None
    if terms:
        query = SearchQuery(" ".join(terms), config="simple", search_type="plain")
        scanned = queryset.filter(_IsTrue(SearchVectorExact(F("search"), query)))
        queryset = queryset.filter(search=query)
        if filters.sort == "relevance":
            queryset = queryset.annotate(rank=SearchRank(F("search"), query))
    queryset = queryset.order_by(*_ORDERINGS[filters.sort])
    return NoticeSearch(
        filters=filters, queryset=queryset, errors=errors, form=form, scanned=scanned
    )


class _IsTrue(Func):
    """`(condition) IS TRUE`: the same rows as the condition, but no index answers it, so it is
    checked on each row read, and PostgreSQL still estimates its matches from the column's
    statistics (an expression such as COALESCE(search, search) lost them: the scan was then
    planned as reading the whole table, in parallel and compiled, 120 ms for 5)."""

    template = "(%(expressions)s) IS TRUE"
    output_field = BooleanField()


_TERM_FREQUENCIES_SQL = """
SELECT c.reltuples,
       s.most_common_elem_freqs[array_length(s.most_common_elems::text::text[], 1) + 1],
       (SELECT array_agg(u.freq ORDER BY u.elem)
        FROM unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS u(elem, freq)
        WHERE u.elem = ANY(%s))
FROM pg_class c
LEFT JOIN pg_stats s ON s.schemaname = c.relnamespace::regnamespace::text
     AND s.tablename = c.relname
     AND s.attname = 'search'
WHERE c.oid = %s::regclass
"""


def _search_frequency(
    terms: Sequence[str], *, table: str = ContractNotice._meta.db_table
) -> tuple[float, float] | None:
    """(the share of notices holding the rarest of `terms`, the number of notices), from the
    statistics ANALYZE keeps of the search column (one query, no execution); None before the
    first ANALYZE.

    A notice must hold every term, and the words of one query go together far more often than
    chance (夜班 and 津贴 stand in the same clause), so the rarest term's share is the estimate.
    PostgreSQL's own estimate multiplies the shares as if the words were independent: for
    夜班津贴 it expected 5,947 of 42,968 matches and chose the wrong plan (0.6 s for 1 ms).
    A term absent from the statistics is rarer than the rarest word they keep (whose share follows
    the kept words' shares); half of that is taken, as PostgreSQL does.
    """
    with connection.cursor() as cursor:
        cursor.execute(_TERM_FREQUENCIES_SQL, [list(terms), table])
        row = cursor.fetchone()
    if row is None or row[1] is None or not row[0] or row[0] < 0:
        return None
    total, rarest_kept, found = row
    shares = list(found or [])
    if len(shares) < len(set(terms)):
        shares.append(rarest_kept / 2)
    return min(shares), total


def _ordering_without_index(queryset: QuerySet) -> list:
    """The queryset's ordering as expressions no index matches (column + 0): same order, but
    PostgreSQL must find the matches first and sort them, instead of walking a sort index."""
    ordering = []
    for key in queryset.query.order_by:
        name = key.lstrip("-")
        if name == "rank":
            expression = F(name)
        else:
            field = queryset.model._meta.get_field(name)
            expression = ExpressionWrapper(F(name) + Value(0), output_field=field.__class__())
        ordering.append(expression.desc() if key.startswith("-") else expression.asc())
    return ordering


def _walk_is_cheaper(frequency: tuple[float, float] | None, rows_needed: int) -> bool:
    """Whether walking the sort index to the end of the page reads far fewer rows than sorting
    every match: about rows_needed / share rows against share × notices (at least the cap, as
    the count passed it). The walk reads each row at random and may meet the matches late when
    they cluster in time, so it must win by WALK_MARGIN. Without statistics the walk is taken:
    more than COUNT_CAP notices match, and a fresh federation is small.
    """
    if frequency is None:
        return True
    share, total = frequency
    if share <= 0:
        return False
    return rows_needed / share * WALK_MARGIN < max(COUNT_CAP + 1, share * total)


def _scan_is_cheaper(frequency: tuple[float, float] | None) -> bool:
    """Whether the capped count of a search's matches reads fewer rows by scanning the table until
    COUNT_CAP + 1 matches are found (about (COUNT_CAP + 1) / share rows, each costing SCAN_COST)
    than through the search index, which gathers every match (share × notices posting entries)
    before the first row is read: a word in most notices of a large table. At 3,000,000 notices a
    word in 14% of them took 56 ms through the index and 5 ms by scan; at 300,000 the index
    stays cheaper for all but a word in a fifth of the notices or more. Wrong statistics cost
    time, never a wrong count."""
    if frequency is None:
        return False
    share, total = frequency
    if share <= 0:
        return False
    return (COUNT_CAP + 1) / share * SCAN_COST < share * total


def notices_page(
    queryset: QuerySet,
    *,
    number: int,
    per_page: int = PER_PAGE,
    terms: Sequence[str] = (),
    share: float = 1.0,
    scanned: QuerySet | None = None,
) -> NoticePage:
    """One page of `queryset`: a count capped at COUNT_CAP, for a search the statistics of its
    `terms`, then the rows (two queries, three for a search).

    A page past the last is clamped to the last (the caller may say so). PostgreSQL's usual plan
    for ORDER BY … LIMIT walks the sort index and skips non-matches; that took 0.2–2.8 s at
    300,000 notices when the filter and the order were correlated (words found only in old
    contracts, say). So the matches are found first and sorted when they are few (under the
    cap); facets have indexes in sort order (ContractNotice.Meta). A search past the cap walks
    the index only when that reads far fewer rows than sorting every match would
    (_walk_is_cheaper). `share` is the part of the table the queryset is limited to before any
    filter (a region's federations in the network channel), which the walk must also skip.
    `scanned` (NoticeSearch.scanned) counts a very common word's matches by scan instead
    (_scan_is_cheaper).
    """
    # A search always reads its statistics, so its number of queries is the same either way.
    frequency = _search_frequency(terms, table=queryset.model._meta.db_table) if terms else None
    if frequency is not None:
        frequency = (frequency[0] * share, frequency[1])
    counted = scanned if scanned is not None and _scan_is_cheaper(frequency) else queryset
    count = counted.order_by()[: COUNT_CAP + 1].count()
    capped = count > COUNT_CAP
    count = min(count, COUNT_CAP)
    num_pages = max(1, math.ceil(count / per_page))
    number = min(max(1, number), num_pages)
    offset = (number - 1) * per_page
    if not capped or (terms and not _walk_is_cheaper(frequency, offset + per_page)):
        queryset = queryset.order_by(*_ordering_without_index(queryset))
    fields = {f.name for f in queryset.model._meta.concrete_fields}
    deferred = [name for name in LIST_DEFERRED if name in fields]
    items = list(queryset.defer(*deferred)[offset : offset + per_page]) if count else []
    return NoticePage(
        items=items,
        number=number,
        per_page=per_page,
        count=count,
        capped=capped,
        num_pages=num_pages,
    )


def notice_by_public_id(public_id: str | uuid.UUID) -> ContractNotice | None:
    """A notice by its public id, withdrawn or not (callers show withdrawn ones as gone), with its
    predecessor; None for an unknown or malformed id."""
    try:
        key = uuid.UUID(str(public_id))
    except ValueError:
        return None
    return (
        ContractNotice.objects.select_related("predecessor")
        .defer("search", "predecessor__search", "predecessor__body_text", "predecessor__clauses")
        .filter(public_id=key)
        .first()
    )


def notice_successors(notice: ContractNotice) -> list[ContractNotice]:
    """Listed amendments and renewals of `notice`, oldest first (one query)."""
    return list(
        notices_public()
        .filter(predecessor=notice)
        .only("public_id", "title", "relation", "in_force_from", "status")
        .order_by("in_force_from", "id")
    )


def notices_latest(*, limit: int = 5) -> list[ContractNotice]:
    return list(
        notices_public()
        .defer(*LIST_DEFERRED, "body_text")
        .order_by("-in_force_from", "-id")[:limit]
    )


_FACETS_SQL = """
SELECT industry, region_code, year, count(*) FROM {table}
WHERE withdrawn_at IS NULL
GROUP BY GROUPING SETS ((industry), (region_code), (year))
"""


def notice_facets() -> dict[str, list[tuple]]:
    """Values present among listed notices, with their counts: industries, regions and years.

    One query, then cached until the next publication (the public-page version).
    """
    key = f"notice-facets:{public_pages_version()}"
    facets = cache.get(key)
    if facets is None:
        facets = {"industry": [], "region": [], "year": []}
        with connection.cursor() as cursor:
            cursor.execute(_FACETS_SQL.format(table=ContractNotice._meta.db_table))
            for industry, region, year, count in cursor.fetchall():
                if industry is not None:
                    facets["industry"].append((industry, count))
                elif region is not None:
                    facets["region"].append((region, count))
                elif year is not None:
                    facets["year"].append((year, count))
        facets["industry"].sort()
        facets["region"].sort()
        facets["year"].sort(reverse=True)
        cache.set(key, facets, timeout=60 * 60)
    return facets
