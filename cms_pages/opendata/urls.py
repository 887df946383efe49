from django.urls import path

from cms_pages.opendata import feeds, schema, views

urlpatterns = [
    path("notices/", views.NoticeList.as_view(), name="opendata_notices"),
    # Any text, not <uuid:>: a malformed id gets the described JSON 404 from the view, not
    # Django's HTML page (found by tests/fuzz/test_schemathesis.py).
    path("notices/<str:public_id>/", views.NoticeDetail.as_view(), name="opendata_notice"),
    path("notices.atom", feeds.NoticeFeedView.as_view(), name="opendata_feed"),
    path("notices.csv", feeds.NoticesCsvView.as_view(), name="opendata_csv"),
    path("notices.xlsx", feeds.NoticesXlsxView.as_view(), name="opendata_xlsx"),
    path("openapi.json", schema.OpenApiView.as_view(), name="opendata_openapi"),
]
