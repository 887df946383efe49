"""URLs of a federation's site (its own schema): Wagtail admin, media, public pages."""

from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from accounts.account import PortalAccountView
from cms_pages import views as cms_views
from cms_pages.sitemaps import SITEMAPS
from portal import display, views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    # Before the admin: the second-factor steps (accounts.middleware lets them through).
    path("admin/second-factor/", include("accounts.urls")),
    # Wagtail's account page with a name form fit for Chinese names (accounts/account.py).
    # Mounted outside Wagtail's URLs, so it needs Wagtail's admin check of its own: without it
    # an enterprise or reviewer account (no admin access) reached this page (issue 17 item 6).
    path(
        "admin/account/",
        require_admin_access(PortalAccountView.as_view()),
        name="wagtailadmin_account",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("compliance.public.urls")),
    path("language/<str:code>/", cms_views.language_switch, name="language_switch"),
    path("display/<str:mode>/", display.display_switch, name="display_switch"),
    path("accessibility/", cms_views.accessibility_statement, name="accessibility_statement"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("api/v1/", include("cms_pages.opendata.urls")),
    path("alerts/", include("cms_pages.alert_urls")),
    path("wages/", include("cms_pages.wages.urls")),
    re_path(r"^media/(?P<schema>[a-z0-9_]+)/(?P<path>.+)$", views.serve_media, name="media"),
    path("", include(wagtail_urls)),
]

# A 503 with Retry-After while the database is unreachable (portal.views.server_error).
handler500 = "portal.views.server_error"
