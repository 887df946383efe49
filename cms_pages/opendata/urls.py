from django.urls import path

from cms_pages.opendata import feeds, key_terms, openapi, views

urlpatterns = [
    path("notices/", views.api_notices, name="opendata_notices"),
    # Any text, not <uuid:>: a malformed id gets the described JSON 404 from the view, not
    # Django's HTML page (found by tests/fuzz/test_schemathesis.py).
    path("notices/<str:public_id>/", views.api_notice, name="opendata_notice"),
    path("notices.atom", feeds.notice_feed, name="opendata_feed"),
    path("notices.csv", feeds.notices_csv, name="opendata_csv"),
    path("notices.xlsx", feeds.notices_xlsx, name="opendata_xlsx"),
    path("openapi.json", openapi.openapi_json, name="opendata_openapi"),
    # The coded key terms (issue 19): the codebook documents the dataset.
    path("codebook.json", key_terms.codebook_json, name="opendata_codebook_json"),
    path("codebook.csv", key_terms.codebook_csv, name="opendata_codebook_csv"),
    path("key-terms/", key_terms.api_key_terms, name="opendata_key_terms"),
    path("key-terms.csv", key_terms.key_terms_csv, name="opendata_key_terms_csv"),
    path("key-terms.xlsx", key_terms.key_terms_xlsx, name="opendata_key_terms_xlsx"),
    path(
        "key-terms/snapshots/<str:version>/<str:made_on>.csv",
        key_terms.key_terms_snapshot,
        name="opendata_key_terms_snapshot",
    ),
]
