from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.cache import patch_vary_headers

from cms_pages.cache import PAGE_TIMEOUT, page_key, public_pages_version
from portal.display import display_mode

# Never the back office, files or the language switch: only public pages opt in to being kept.
_SKIPPED_PREFIXES = (
    "/admin/",
    "/documents/",
    "/media/",
    "/static/",
    "/reply/",
    "/language/",
    "/display/",
)


class PublicPageCacheMiddleware:
    """Serve a federation's public pages from the cache, per federation, language and path.

    Only GET/HEAD requests without a query string are looked up; only 200 responses that a page
    marked `public_cacheable` (cms_pages.models.PublicPageMixin), that set no cookie and used no
    CSRF token are kept. The key holds the federation's page version (bumped on every publish
    and notice change, cms_pages.cache), the active language (chosen by LanguageMiddleware from
    the visitor's cookie, never from Accept-Language), the display (portal.display: standard or
    large text) and the host; django-tenants' key function adds the schema. Responses say
    `Vary: Cookie`, so a shared proxy never mixes languages or displays.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        if key is not None:
            cached = cache.get(key)
            if cached is not None:
                return cached
        response = self.get_response(request)
        if getattr(response, "public_cacheable", False):
            patch_vary_headers(response, ("Cookie",))
            response.headers.setdefault("Content-Language", translation.get_language())
        if key is not None and self._storable(request, response):
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, response, PAGE_TIMEOUT)
        return response

    def _key(self, request) -> str | None:
        if request.method not in ("GET", "HEAD") or request.META.get("QUERY_STRING"):
            return None
        if request.path.startswith(_SKIPPED_PREFIXES) or getattr(request, "tenant", None) is None:
            return None
        if request.tenant.schema_name == "public":
            return None
        return page_key(
            version=public_pages_version(),
            language=translation.get_language() or settings.LANGUAGE_CODE,
            host=request.get_host(),
            path=request.path,
            display=display_mode(request),
        )

    @staticmethod
    def _storable(request, response) -> bool:
        return (
            request.method == "GET"
            and response.status_code == 200
            and getattr(response, "public_cacheable", False)
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            and not getattr(response, "streaming", False)
        )
