from django.urls import path

from cms_pages.opendata import feeds, openapi, views

urlpatterns = [
    path("notices/", views.api_notices, name="opendata_notices"),
    # Any text, not <uuid:>: a malformed id gets the described JSON 404 from the view, not
    # Django's HTML page (found by tests/fuzz/test_schemathesis.py).
    path("notices/<str:public_id>/", views.api_notice, name="opendata_notice"),
    path("notices.atom", feeds.notice_feed, name="opendata_feed"),
    path("notices.csv", feeds.notices_csv, name="opendata_csv"),
    path("notices.xlsx", feeds.notices_xlsx, name="opendata_xlsx"),
    path("openapi.json", openapi.openapi_json, name="opendata_openapi"),
]
