"""What every open-data view on DRF shares (views.py, feeds.py, schema.py): anonymous, read-only,
JSON only, the open data's error shape, its rate limit and its caching.

- GET and HEAD only (`http_method_names`): a write gets 405 with `Allow: GET, HEAD`. DRF's views
  are exempt from CSRF and no authentication class is set, so nothing here reads a session;
  `perform_authentication` is a no-op so that DRF does not replace Django's `request.user`, which
  portal.middleware still reads to keep a signed-in editor's answers out of shared caches.
- JSON only, whatever the Accept header asks (no browsable API, no 406): `FirstRenderer`.
- Errors: `errors.exception_handler`; the 429 says the limit in the reader's language.
- 200 (and the 410 of a withdrawn notice) are `Cache-Control: public, max-age=60` with
  `Vary: Cookie` (labels follow the language cookie).
"""

from __future__ import annotations

from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer

from cms_pages.opendata.errors import RateLimited, exception_handler
from cms_pages.opendata.ratelimit import OpenDataThrottle

PUBLIC_CACHE = "public, max-age=60"


def public(response):
    """Cacheable by browsers and proxies for a minute; labels follow the language cookie."""
    response["Cache-Control"] = PUBLIC_CACHE
    patch_vary_headers(response, ("Cookie",))
    return response


class FirstRenderer(BaseContentNegotiation):
    """The view's first renderer, whatever the client accepts: each address has one format."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class OpenDataMixin:
    """Put before the DRF view class: `class NoticeList(OpenDataMixin, ListAPIView)`."""

    http_method_names = ["get", "head"]
    authentication_classes: list = []
    permission_classes = [AllowAny]
    renderer_classes = [JSONRenderer]
    content_negotiation_class = FirstRenderer
    throttle_classes = [OpenDataThrottle]
    rate_limit = None  # (limit, portal.ratelimit.Window), set by the throttle

    def perform_authentication(self, request):
        """Nobody signs in to the open data; request.user stays Django's (see the module)."""

    def get_exception_handler(self):
        return exception_handler

    def throttled(self, request, wait):
        limit, window = self.rate_limit
        raise RateLimited(
            _("Too many requests: at most %(limit)d a minute. Try again in %(seconds)d seconds.")
            % {"limit": limit, "seconds": window.reset},
            wait=window.reset,
        )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 200:
            public(response)
        if self.rate_limit is not None:
            limit, window = self.rate_limit
            response["X-RateLimit-Limit"] = str(limit)
            response["X-RateLimit-Remaining"] = str(max(limit - window.used, 0))
        return response
