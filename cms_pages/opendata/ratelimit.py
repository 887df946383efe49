"""Requests per client and minute for the open data (API, feed, downloads).

A fixed one-minute window per client address and federation, counted in the shared cache (keys
carry the schema, so each federation has its own budget). Behind a proxy, set
OPEN_DATA_CLIENT_HEADER to the header the proxy writes the client address into (for example
X-Real-IP); without it the socket address is used, since any client can forge such a header.
"""

from __future__ import annotations

import functools
import time

from django.conf import settings
from django.core.cache import cache
from django.http import JsonResponse
from django.utils.translation import gettext as _

WINDOW_SECONDS = 60


def _client(request) -> str:
    header = getattr(settings, "OPEN_DATA_CLIENT_HEADER", "")
    if header:
        value = request.META.get("HTTP_" + header.upper().replace("-", "_"), "")
        if value:
            return value.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limited(view):
    """Answer 429 with Retry-After once a client has made OPEN_DATA_RATE_LIMIT requests in the
    current minute; every answer says how many are left."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        limit = settings.OPEN_DATA_RATE_LIMIT
        window = int(time.time() // WINDOW_SECONDS)
        key = f"opendata-rate:{_client(request)}:{window}"
        cache.add(key, 0, timeout=WINDOW_SECONDS + 5)
        try:
            used = cache.incr(key)
        except ValueError:  # evicted between add and incr
            cache.set(key, 1, timeout=WINDOW_SECONDS + 5)
            used = 1
        reset = (window + 1) * WINDOW_SECONDS - int(time.time())
        if used > limit:
            response = JsonResponse(
                {
                    "error": "rate_limited",
                    "message": _(
                        "Too many requests: at most %(limit)d a minute. Try again in "
                        "%(seconds)d seconds."
                    )
                    % {"limit": limit, "seconds": reset},
                },
                status=429,
            )
            response["Retry-After"] = str(max(reset, 1))
        else:
            response = view(request, *args, **kwargs)
        response["X-RateLimit-Limit"] = str(limit)
        response["X-RateLimit-Remaining"] = str(max(limit - used, 0))
        return response

    return wrapper
