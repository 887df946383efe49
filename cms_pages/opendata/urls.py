from django.urls import path

from cms_pages.opendata import feeds, key_terms, schema, views

urlpatterns = [
    path("notices/", views.NoticeList.as_view(), name="opendata_notices"),
    # Any text, not <uuid:>: a malformed id gets the described JSON 404 from the view, not
    # Django's HTML page (found by tests/fuzz/test_schemathesis.py).
    path("notices/<str:public_id>/", views.NoticeDetail.as_view(), name="opendata_notice"),
    path("notices.atom", feeds.NoticeFeedView.as_view(), name="opendata_feed"),
    path("notices.csv", feeds.NoticesCsvView.as_view(), name="opendata_csv"),
    path("notices.xlsx", feeds.NoticesXlsxView.as_view(), name="opendata_xlsx"),
    path("openapi.json", schema.OpenApiView.as_view(), name="opendata_openapi"),
    # The coded key terms (issue 19): the codebook documents the dataset.
    path("codebook.json", key_terms.CodebookJson.as_view(), name="opendata_codebook_json"),
    path("codebook.csv", key_terms.CodebookCsv.as_view(), name="opendata_codebook_csv"),
    path("key-terms/", key_terms.KeyTermList.as_view(), name="opendata_key_terms"),
    path("key-terms.csv", key_terms.KeyTermsCsv.as_view(), name="opendata_key_terms_csv"),
    path("key-terms.xlsx", key_terms.KeyTermsXlsx.as_view(), name="opendata_key_terms_xlsx"),
    path(
        "key-terms/snapshots/<str:version>/<str:made_on>.csv",
        key_terms.KeyTermsSnapshotView.as_view(),
        name="opendata_key_terms_snapshot",
    ),
]
