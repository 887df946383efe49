"""Rate limit of the open data as a DRF throttle: OPEN_DATA_RATE_LIMIT requests in a fixed
one-minute window per client address and federation (portal.ratelimit). Over it, a 429 in the
open data's error shape with Retry-After; every answer says how many are left (X-RateLimit-*,
set by api.OpenDataMixin)."""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import BaseThrottle

from portal.ratelimit import Window, window_count

SAFE = ("GET", "HEAD")


class OpenDataThrottle(BaseThrottle):
    """Counts GET and HEAD only: a write is refused with 405 without spending the budget."""

    window: Window | None = None

    def allow_request(self, request, view) -> bool:
        if request.method not in SAFE:
            return True
        self.limit = settings.OPEN_DATA_RATE_LIMIT
        self.window = window_count(request, scope="opendata")
        view.rate_limit = (self.limit, self.window)
        return not self.window.over(self.limit)

    def wait(self) -> float | None:
        return self.window.reset if self.window else None
