from django.urls import path

from cms_pages.opendata import feeds, openapi, views

urlpatterns = [
    path("notices/", views.api_notices, name="opendata_notices"),
    path("notices/<uuid:public_id>/", views.api_notice, name="opendata_notice"),
    path("notices.atom", feeds.notice_feed, name="opendata_feed"),
    path("notices.csv", feeds.notices_csv, name="opendata_csv"),
    path("notices.xlsx", feeds.notices_xlsx, name="opendata_xlsx"),
    path("openapi.json", openapi.openapi_json, name="opendata_openapi"),
]
