"""A fixed one-minute window of requests per client address, counted in the shared cache.

Used by the open data (cms_pages.opendata.ratelimit) and the public check of filing receipts
(compliance.public.verify). Cache keys carry the federation's schema (KEY_FUNCTION), so each
federation has its own budget. Behind a proxy, set OPEN_DATA_CLIENT_HEADER to the header the
proxy writes the client address into (for example X-Real-IP); without it the socket address is
used, since any client can forge such a header.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 60


def client_address(request) -> str:
    header = getattr(settings, "OPEN_DATA_CLIENT_HEADER", "")
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        if value:
            return value.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


@dataclass(frozen=True)
class Window:
    used: int  # requests in this window, this one included
    reset: int  # seconds until the next window (at least 1)

    def over(self, limit: int) -> bool:
        return self.used > limit


def window_count(request, *, scope: str) -> Window:
    """Count this request in the client's current window of `scope`."""
    return key_window_count(scope=scope, key=client_address(request))


def key_window_count(*, scope: str, key: str, seconds: int = WINDOW_SECONDS) -> Window:
    """Count one use by `key` (a client address, a digest of an e-mail address …) in its current
    fixed window of `seconds` for `scope`."""
    window = int(time.time() // seconds)
    cache_key = f"{scope}-rate:{key}:{window}"
    cache.add(cache_key, 0, timeout=seconds + 5)
    try:
        used = cache.incr(cache_key)
    except ValueError:  # evicted between add and incr
        cache.set(cache_key, 1, timeout=seconds + 5)
        used = 1
    return Window(used=used, reset=max((window + 1) * seconds - int(time.time()), 1))
