"""The open data's parameters: the notice list's filters (`cms_pages.selectors.notices_filter`,
same meaning, same messages) plus `limit`, `cursor` and `updated_since` for the JSON list; and
the addresses of a notice (its web page, its API answer).

Every error is collected, so one 400 names every parameter to fix (InvalidParameters).
"""

from __future__ import annotations

import datetime as dt
import functools

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cms_pages.models import NoticeIndexPage
from cms_pages.opendata import cursor as keyset
from cms_pages.opendata.errors import InvalidParameters
from cms_pages.opendata.serialize import notice_summary
from cms_pages.selectors import LIST_DEFERRED
from cms_pages.selectors import notices_filter as _notices_filter
from cms_pages.selectors.notices import FILTER_PARAMS

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
API_PARAMS = (*FILTER_PARAMS, "cursor", "limit", "updated_since")
# Lists never need the search vector, clause text or searchable text (of the notice or of the
# previous notice it links to).
NOTICE_LIST_DEFER = (
    *LIST_DEFERRED,
    "body_text",
    "predecessor__search",
    "predecessor__clauses",
    "predecessor__body_text",
)


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
    """(queryset, order, extra) for the open-data parameters, or InvalidParameters."""
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
        raise InvalidParameters(errors)
    return keyset.order_by(queryset, order), order, extra


class Links:
    """The web page and API address of notices, from the federation's one notice index (read
    at the first address asked for: a serializer's context is also built without a database,
    when the description is generated)."""

    def __init__(self, request):
        self.request = request

    @functools.cached_property
    def index_url(self) -> str | None:
        index = NoticeIndexPage.objects.live().first()
        return index.get_full_url(self.request) if index else None

    def page(self, notice) -> str | None:
        return f"{self.index_url}{notice.public_id}/" if self.index_url else None

    def api(self, notice) -> str:
        return self.request.build_absolute_uri(
            reverse("opendata_notice", kwargs={"public_id": notice.public_id})
        )

    def summary(self, notice) -> dict:
        return notice_summary(notice, page_url=self.page(notice), api_url=self.api(notice))
