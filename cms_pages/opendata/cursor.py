"""Keyset ("cursor") pagination of notice lists: stable under inserts, constant cost per page.

A cursor is the sort order and the last row's sort key, base64url-encoded JSON. Every order ends
with the id, so keys are unique and no row is skipped or repeated between pages.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json

from django.db.models import Q, QuerySet

# order name -> ((field, descending), …); the last is always the id.
ORDERS: dict[str, tuple[tuple[str, bool], ...]] = {
    "newest": (("in_force_from", True), ("id", True)),
    "oldest": (("in_force_from", False), ("id", False)),
    "ends_soon": (("ends_on", False), ("id", False)),
    "employees": (("covered_employees", True), ("id", True)),
    "updated": (("updated_at", False), ("id", False)),
}
_DATES = {"in_force_from", "ends_on"}
_DATETIMES = {"updated_at"}


class CursorError(ValueError):
    pass


def _encode_value(field: str, value):
    return value.isoformat() if field in _DATES | _DATETIMES else value


def _decode_value(field: str, value):
    if field in _DATES:
        return dt.date.fromisoformat(value)
    if field in _DATETIMES:
        return dt.datetime.fromisoformat(value)
    if not isinstance(value, int) or isinstance(value, bool):
        raise CursorError(field)
    return value


def cursor_encode(order: str, row) -> str:
    key = [order] + [_encode_value(f, getattr(row, f)) for f, _desc in ORDERS[order]]
    raw = json.dumps(key, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def cursor_decode(order: str, token: str) -> tuple:
    """The key of the last row seen; CursorError for anything not made by cursor_encode for the
    same order."""
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        key = json.loads(raw)
    except (binascii.Error, ValueError, UnicodeDecodeError) as exc:
        raise CursorError("malformed") from exc
    fields = ORDERS[order]
    if not isinstance(key, list) or len(key) != len(fields) + 1 or key[0] != order:
        raise CursorError("other order")
    try:
        return tuple(_decode_value(f, v) for (f, _desc), v in zip(fields, key[1:], strict=True))
    except (TypeError, ValueError) as exc:
        raise CursorError("bad value") from exc


def order_by(queryset: QuerySet, order: str) -> QuerySet:
    return queryset.order_by(*(f"-{f}" if desc else f for f, desc in ORDERS[order]))


def after(queryset: QuerySet, order: str, key: tuple) -> QuerySet:
    """Rows strictly after `key` in `order` (a row-value comparison spelled out with Q)."""
    fields = ORDERS[order]
    condition = Q()
    for index, (field, desc) in enumerate(fields):
        step = Q(**{f"{field}__{'lt' if desc else 'gt'}": key[index]})
        for previous, _d in fields[:index]:
            step &= Q(**{previous: key[fields.index((previous, _d))]})
        condition |= step
    return queryset.filter(condition)
