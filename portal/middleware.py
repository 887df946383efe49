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
