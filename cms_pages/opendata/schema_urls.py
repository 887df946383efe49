"""The routes the OpenAPI description covers, at the path they are served under (portal/urls.py):
drf-spectacular walks this URL conf, not the whole portal's."""

from django.urls import include, path

urlpatterns = [path("api/v1/", include("cms_pages.opendata.urls"))]
