"""URLs of the platform (public schema): the landing page and the operator's admin."""

from django.contrib import admin
from django.urls import include, path

from portal.views import healthz
from tenants import views

urlpatterns = [
    path("", views.platform_home, name="platform_home"),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/second-factor/", include("accounts.urls")),
    path("admin/", admin.site.urls),
]

# A 503 with Retry-After while the database is unreachable (portal.views.server_error).
handler500 = "portal.views.server_error"
