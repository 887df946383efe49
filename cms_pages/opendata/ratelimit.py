"""Requests per client and minute for the open data (API, feed, downloads): a fixed one-minute
window per client address and federation (portal.ratelimit)."""

from __future__ import annotations

import functools

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _

from portal.ratelimit import window_count


def rate_limited(view):
    """Answer 429 with Retry-After once a client has made OPEN_DATA_RATE_LIMIT requests in the
    current minute; every answer says how many are left."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        limit = settings.OPEN_DATA_RATE_LIMIT
        counted = window_count(request, scope="opendata")
        used, reset = counted.used, counted.reset
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
            response["Retry-After"] = str(reset)
        else:
            response = view(request, *args, **kwargs)
        response["X-RateLimit-Limit"] = str(limit)
        response["X-RateLimit-Remaining"] = str(max(limit - used, 0))
        return response

    return wrapper
