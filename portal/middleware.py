from django.conf import settings
from django.db import connection
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django_tenants.middleware.main import TenantMainMiddleware


class FederationMiddleware(TenantMainMiddleware):
    """Select the schema from the host: a federation's domain, or a platform host (public).

    Platform hosts (PLATFORM_HOSTS) need no row in the federations table: they serve the public
    schema's landing page and operator admin. Any other unknown host is a 404.
    """

    def process_request(self, request):
        hostname = self.hostname_from_request(request)
        if hostname in settings.PLATFORM_HOSTS:
            connection.set_schema_to_public()
            request.tenant = connection.tenant
            self.setup_url_routing(request, force_public=True)
            return None
        return super().process_request(request)


class LanguageMiddleware(LocaleMiddleware):
    """Simplified Chinese unless the visitor chose English with the language switch.

    Unlike Django's LocaleMiddleware, the browser's Accept-Language is not consulted: the portal
    serves Chinese federations and their readers expect Chinese first.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


# Public pages load nothing but this host's own files: no inline script or style anywhere
# (cms_pages templates), so the policy needs no 'unsafe-inline'.
PUBLIC_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; frame-src 'none'; object-src 'none'; "
    "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# The admins (Wagtail's and the operator's Django admin) use inline scripts and styles of their
# own; their policy keeps out plugins, base-tag hijacking, foreign form targets and framing by
# other sites (Wagtail's preview frames the admin's own pages).
ADMIN_POLICY = "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
_ADMIN_PREFIXES = ("/admin/",)


class SecurityHeadersMiddleware:
    """An enforced Content-Security-Policy on every answer, and no public caching of anything
    shown to a signed-in user or under the admins (their pages and private documents)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path.startswith(_ADMIN_PREFIXES)
        response.headers.setdefault(
            "Content-Security-Policy", ADMIN_POLICY if admin else PUBLIC_POLICY
        )
        user = getattr(request, "user", None)
        if admin or (user is not None and user.is_authenticated):
            cache_control = response.headers.get("Cache-Control", "")
            if "private" not in cache_control and "no-store" not in cache_control:
                response.headers["Cache-Control"] = "private, no-store"
        return response
