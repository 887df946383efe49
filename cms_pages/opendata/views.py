"""Open data of a federation's contract notices: JSON API, Atom feed, CSV and XLSX downloads.

All of them filter through `cms_pages.selectors.notices_filter` (the list page's filters, same
meaning, same messages) over `notices_public()`, so a withdrawn notice leaves every one of them
at once. Bad parameters get a 400 naming each parameter and what to fix.
"""

from __future__ import annotations

import datetime as dt

from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from cms_pages.models import NoticeIndexPage
from cms_pages.opendata import cursor as keyset
from cms_pages.opendata.ratelimit import rate_limited
from cms_pages.opendata.serialize import notice_detail, notice_summary
from cms_pages.selectors import LIST_DEFERRED, notice_by_public_id, notice_successors
from cms_pages.selectors import notices_filter as _notices_filter
from cms_pages.selectors.notices import FILTER_PARAMS

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
API_PARAMS = (*FILTER_PARAMS, "cursor", "limit", "updated_since")
PUBLIC_CACHE = "public, max-age=60"
# Lists never need the search vector, clause text or searchable text (of the notice or of the
# previous notice it links to).
NOTICE_LIST_DEFER = (
    *LIST_DEFERRED,
    "body_text",
    "predecessor__search",
    "predecessor__clauses",
    "predecessor__body_text",
)


def public(response):
    """Cacheable by browsers and proxies for a minute; labels follow the language cookie."""
    response["Cache-Control"] = PUBLIC_CACHE
    patch_vary_headers(response, ("Cookie",))
    return response


def read_only(view):
    """GET and HEAD only, for every open-data view: a write gets require_safe's 405 with its
    Allow header, not the CSRF check's 403 page (nothing here changes state to forge)."""
    return csrf_exempt(require_safe(view))


class BadRequest(Exception):
    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


def bad_request(errors: dict[str, list[str]]) -> JsonResponse:
    response = JsonResponse(
        {
            "error": "invalid_parameters",
            "message": _("Some parameters are not valid; see errors."),
            "errors": errors,
        },
        status=400,
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "no-store"
    return response


def _parse_datetime(value: str) -> dt.datetime | None:
    try:
        parsed = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = dt.datetime.combine(dt.date.fromisoformat(value), dt.time())
        except ValueError:
            return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    # No place on Earth is more than 14 hours from UTC; PostgreSQL refuses beyond 15:59.
    if abs(parsed.utcoffset()) > dt.timedelta(hours=14):
        return None
    try:
        return parsed.astimezone(dt.UTC)
    except OverflowError:  # before 0001-01-01 UTC: every record is newer
        return dt.datetime.min.replace(tzinfo=dt.UTC)


def filtered(params, *, allowed: tuple[str, ...]):
    """(queryset, order, extra) for the open-data parameters, or BadRequest."""
    errors: dict[str, list[str]] = {}
    unknown = sorted(set(params) - set(allowed))
    for name in unknown:
        errors[name] = [
            _("Unknown parameter. Accepted: %(names)s.") % {"names": ", ".join(allowed)}
        ]
    sort = params.get("sort", "")
    if sort == "relevance":
        errors["sort"] = [
            _(
                "Order by relevance is only on the web page; use newest, oldest, ends_soon "
                "or employees."
            )
        ]
    search = _notices_filter(
        {k: params.get(k) for k in FILTER_PARAMS if k in params}, today=timezone.localdate()
    )
    errors.update(search.errors)
    order = search.filters.sort if search.filters.sort in keyset.ORDERS else "newest"
    extra: dict = {}
    if "updated_since" in allowed and params.get("updated_since"):
        since = _parse_datetime(params["updated_since"])
        if since is None:
            errors["updated_since"] = [
                _("Give a date and time in ISO 8601, e.g. 2026-11-01T00:00:00+08:00.")
            ]
        else:
            extra["updated_since"] = since
            order = "updated"
    if "limit" in allowed:
        raw = params.get("limit", "")
        limit = DEFAULT_LIMIT
        if raw:
            limit = int(raw) if raw.isdigit() else 0
            if not 1 <= limit <= MAX_LIMIT:
                errors["limit"] = [
                    _("The limit is a whole number from 1 to %(max)d.") % {"max": MAX_LIMIT}
                ]
        extra["limit"] = limit
    queryset = search.queryset
    if "updated_since" in extra:
        queryset = queryset.filter(updated_at__gte=extra["updated_since"])
    if params.get("cursor") and "cursor" in allowed and not errors:
        try:
            key = keyset.cursor_decode(order, params["cursor"])
        except keyset.CursorError:
            errors["cursor"] = [
                _("This cursor was not made for this list; start again without a cursor.")
            ]
        else:
            queryset = keyset.after(queryset, order, key)
    if errors:
        raise BadRequest(errors)
    return keyset.order_by(queryset, order), order, extra


class Links:
    """The web page and API address of notices, from the federation's one notice index."""

    def __init__(self, request):
        self.request = request
        self.index = NoticeIndexPage.objects.live().first()
        self.index_url = self.index.get_full_url(request) if self.index else None

    def page(self, notice) -> str | None:
        return f"{self.index_url}{notice.public_id}/" if self.index_url else None

    def api(self, notice) -> str:
        return self.request.build_absolute_uri(
            reverse("opendata_notice", kwargs={"public_id": notice.public_id})
        )

    def summary(self, notice) -> dict:
        return notice_summary(notice, page_url=self.page(notice), api_url=self.api(notice))


@read_only
@rate_limited
def api_notices(request):
    """GET /api/v1/notices/: listed notices, filtered, by cursor."""
    try:
        queryset, order, extra = filtered(request.GET, allowed=API_PARAMS)
    except BadRequest as exc:
        return bad_request(exc.errors)
    limit = extra["limit"]
    rows = list(
        queryset.select_related("predecessor").defer(*NOTICE_LIST_DEFER)[: limit + 1]
    )  # one query: a row more than asked tells whether there is a next page
    more = len(rows) > limit
    rows = rows[:limit]
    links = Links(request)
    next_cursor = keyset.cursor_encode(order, rows[-1]) if more else None
    next_url = None
    if next_cursor:
        query = request.GET.copy()
        query["cursor"] = next_cursor
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    response = JsonResponse(
        {
            "data": [links.summary(n) for n in rows],
            "order": order,
            "limit": limit,
            "next_cursor": next_cursor,
            "next": next_url,
        },
        json_dumps_params={"ensure_ascii": False},
    )
    return public(response)


@read_only
@rate_limited
def api_notice(request, public_id):
    """GET /api/v1/notices/<id>/: one notice; 410 once withdrawn, 404 if unknown."""
    unknown = set(request.GET)
    if unknown:
        return bad_request({name: [_("This address takes no parameters.")] for name in unknown})
    notice = notice_by_public_id(public_id)
    if notice is None:
        response = JsonResponse(
            {"error": "not_found", "message": _("No notice has this id.")}, status=404
        )
        response["Cache-Control"] = "no-store"
        return response
    if not notice.is_listed:
        response = JsonResponse(
            {"error": "withdrawn", "message": _("This notice has been withdrawn.")}, status=410
        )
        response["Cache-Control"] = PUBLIC_CACHE
        return response
    links = Links(request)
    data = notice_detail(
        notice,
        page_url=links.page(notice),
        api_url=links.api(notice),
        successors=[str(s.public_id) for s in notice_successors(notice)],
    )
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    return public(response)
