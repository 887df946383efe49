"""URLs of the platform (public schema): the landing page and the operator's admin."""

from django.contrib import admin
from django.urls import include, path
from taggit.models import Tag
from wagtail.documents.models import Document
from wagtail.images.models import Image

from portal.views import healthz
from tenants import views

# Wagtail's documents and images and taggit's tags register themselves with Django's admin, but
# their tables exist only in federation schemas: on the platform every page of theirs failed.
for model in (Document, Image, Tag):
    if admin.site.is_registered(model):
        admin.site.unregister(model)

urlpatterns = [
    path("", views.platform_home, name="platform_home"),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/second-factor/", include("accounts.urls")),
    path("admin/", admin.site.urls),
]

# A 503 with Retry-After while the database is unreachable (portal.views.server_error).
handler500 = "portal.views.server_error"
