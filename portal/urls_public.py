"""URLs of the platform (public schema): the landing page and the operator's admin."""

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django_tenants.routers import TenantSyncRouter

from portal.display import display_switch
from portal.views import healthz
from tenants import views

# The console serves the public schema. Apps of federations only register models with Django's
# admin too (Wagtail's documents and images, taggit's tags), whose tables public lacks: every
# page of theirs failed. Whatever registers, only shared apps' models stay.
for model in apps.get_models():
    shared = TenantSyncRouter().app_in_list(model._meta.app_label, settings.SHARED_APPS)
    if admin.site.is_registered(model) and not shared:
        admin.site.unregister(model)

urlpatterns = [
    path("", views.platform_home, name="platform_home"),
    path("notices/", views.platform_notices, name="platform_notices"),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("display/<str:mode>/", display_switch, name="display_switch"),
    path("admin/second-factor/", include("accounts.urls")),
    path("admin/", admin.site.urls),
]

# A 503 with Retry-After while the database is unreachable (portal.views.server_error).
handler500 = "portal.views.server_error"
