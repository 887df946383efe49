"""DRF pagination over the keyset cursors of `cursor.py` (the format clients already hold): one
query per page, a row more than asked telling whether there is a next page."""

from __future__ import annotations

from rest_framework.pagination import BasePagination
from rest_framework.response import Response

from cms_pages.opendata import cursor as keyset
from cms_pages.opendata.query import DEFAULT_LIMIT, MAX_LIMIT


class KeysetPagination(BasePagination):
    """The view has validated `limit` and `cursor` with the filters (one 400 names every bad
    parameter) and gives the order and the limit as `view.order` and `view.limit`."""

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.order, self.limit = view.order, view.limit
        rows = list(queryset[: self.limit + 1])
        self.next_cursor = (
            keyset.cursor_encode(self.order, rows[self.limit - 1])
            if len(rows) > self.limit
            else None
        )
        return rows[: self.limit]

    def next_url(self) -> str | None:
        if not self.next_cursor:
            return None
        query = self.request.query_params.copy()
        query["cursor"] = self.next_cursor
        return self.request.build_absolute_uri(f"{self.request.path}?{query.urlencode()}")

    def get_paginated_response(self, data):
        return Response(
            {
                "data": data,
                "order": self.order,
                "limit": self.limit,
                "next_cursor": self.next_cursor,
                "next": self.next_url(),
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["data", "order", "limit", "next_cursor", "next"],
            "properties": {
                "data": schema,
                "order": {
                    "type": "string",
                    "enum": list(keyset.ORDERS),
                    "description": "The order of this list (updated for a change feed).",
                },
                "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
                "next_cursor": {
                    "type": ["string", "null"],
                    "description": "Give it as cursor for the next page; null on the last page.",
                },
                "next": {
                    "type": ["string", "null"],
                    "format": "uri",
                    "description": "The next page's address with the same parameters.",
                },
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "limit",
                "in": "query",
                "required": False,
                "description": "Notices per page.",
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": MAX_LIMIT,
                    "default": DEFAULT_LIMIT,
                },
            },
            {
                "name": "cursor",
                "in": "query",
                "required": False,
                "description": "The next_cursor of the previous page (made for the same order).",
                "schema": {"type": "string"},
            },
        ]
