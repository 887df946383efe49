"""The open data on DRF (issue 19, part 6): the generated OpenAPI description is at least as
complete as the hand-written one it replaced, the serializers declare exactly what the answers
hold, and the DRF views keep the old contract (JSON only, read-only, the error shape)."""

from __future__ import annotations

import pytest
from django.test import Client
from openapi_spec_validator import validate

from cms_pages.models import ContractNotice
from cms_pages.opendata.query import API_PARAMS, Links
from cms_pages.opendata.schema import openapi_document
from cms_pages.opendata.serializers import (
    CodebookSerializer,
    CodebookVariableSerializer,
    KeyTermsNoticeSerializer,
    KeyTermsPageSerializer,
    KeyTermsSerializer,
    NoticeDetailSerializer,
    NoticeSummarySerializer,
)
from cms_pages.selectors.notices import FILTER_PARAMS
from compliance.rules.codebook import VARIABLES
from tenants import context
from tests.conftest import SPEC_A
from tests.factories.notices import published_contract

# The hand-written description (cms_pages/opendata/openapi.py until issue 19) as a contract:
# path -> (operationId, query parameters, response codes, media type of the 200). The notice's
# path parameter was {id}; the generated one names it after the URL's {public_id}.
FILTERS = set(FILTER_PARAMS)
REPLACED = {
    "/api/v1/notices/": ("listNotices", set(API_PARAMS), {"200", "400", "429"}, "application/json"),
    "/api/v1/notices/{public_id}/": (
        "getNotice",
        set(),
        {"200", "400", "404", "410", "429"},
        "application/json",
    ),
    "/api/v1/notices.atom": ("noticeFeed", FILTERS, {"200", "400", "429"}, "application/atom+xml"),
    "/api/v1/notices.csv": ("downloadNoticesCsv", FILTERS, {"200", "400", "429"}, "text/csv"),
    "/api/v1/notices.xlsx": (
        "downloadNoticesXlsx",
        FILTERS,
        {"200", "400", "429"},
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}
# The constraints the old description gave its parameters, which a client's validation reads.
CONSTRAINTS = {
    "q": {"type": "string", "maxLength": 100},
    "region": {"type": "string", "pattern": r"^\d{6}$"},
    "year": {"type": "integer", "minimum": 1990, "maximum": 2100},
    "in_force_on": {"type": "string", "format": "date"},
    "expiring_within": {"type": "integer", "minimum": 1, "maximum": 3 * 366},
    "limit": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
    "updated_since": {"type": "string", "format": "date-time"},
    "sort": {"type": "string", "enum": ["newest", "oldest", "ends_soon", "employees"]},
}
ENUMS = {"industry": 20, "scope": 3, "kind": 4, "status": 4}
SUMMARY_FIELDS = {
    "id", "title", "employer", "union", "scope", "scope_label", "kind", "kind_label", "status",
    "status_label", "industry", "region_code", "year", "starts_on", "ends_on", "in_force_from",
    "in_force_until", "signed_on", "effective_on", "published_on", "filing_number",
    "covered_employees", "wage_growth_pct", "minimum_wage", "weekly_hours", "relation",
    "predecessor", "first_published_at", "updated_at", "url", "api_url",
}  # fmt: skip
DETAIL_FIELDS = SUMMARY_FIELDS | {
    "covered_enterprises",
    "clauses",
    "withheld_clauses",
    "successors",
}


@pytest.fixture(scope="module")
def document() -> dict:
    return openapi_document("http://a.test")


def _resolve(document: dict, schema: dict) -> dict:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def test_the_generated_description_is_valid_openapi_3_1(document):
    validate(document)
    assert document["openapi"] == "3.1.0"
    assert document["info"]["title"] and document["info"]["description"]


# Added after the move to DRF: the key-terms dataset and its codebook (issue 19 item 2).
KEY_TERMS = {
    "/api/v1/codebook.json",
    "/api/v1/codebook.csv",
    "/api/v1/key-terms/",
    "/api/v1/key-terms.csv",
    "/api/v1/key-terms.xlsx",
    "/api/v1/key-terms/snapshots/{version}/{made_on}.csv",
}


def test_every_operation_of_the_hand_written_description_is_generated(document):
    assert set(document["paths"]) == set(REPLACED) | KEY_TERMS
    for path, (operation_id, params, codes, media_type) in REPLACED.items():
        operation = document["paths"][path]["get"]
        assert operation["operationId"] == operation_id, path
        assert operation["summary"] and operation["description"], path
        query = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
        assert query == params, path
        assert set(operation["responses"]) == codes, path
        assert media_type in operation["responses"]["200"]["content"], path
        for code in codes - {"200"}:
            response = operation["responses"][code]
            assert response["description"], (path, code)
            error = response["content"]["application/json"]["schema"]
            assert error == {"$ref": "#/components/schemas/Error"}, (path, code)
        limited = operation["responses"]["429"]["headers"]
        assert {"Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining"} <= set(limited)
        # Only GET: the open data is read-only.
        assert set(document["paths"][path]) == {"get"}, path
    detail = document["paths"]["/api/v1/notices/{public_id}/"]["get"]["parameters"]
    (public_id,) = [p for p in detail if p["in"] == "path"]
    assert public_id["required"] and public_id["schema"] == {"type": "string", "format": "uuid"}


def test_parameters_keep_their_constraints_and_choices(document):
    for path, (_op, params, _codes, _media) in REPLACED.items():
        parameters = {p["name"]: p for p in document["paths"][path]["get"].get("parameters", [])}
        for name in params:
            assert parameters[name]["description"], (path, name)
            schema = parameters[name]["schema"]
            for key, value in CONSTRAINTS.get(name, {}).items():
                assert schema[key] == value, (path, name, key)
            if name in ENUMS:
                assert len(schema["enum"]) == ENUMS[name], (path, name)


def test_response_schemas_hold_every_field_of_the_old_ones(document):
    schemas = document["components"]["schemas"]
    assert set(schemas["NoticeSummary"]["properties"]) == SUMMARY_FIELDS
    assert set(schemas["NoticeDetail"]["properties"]) == DETAIL_FIELDS
    assert set(schemas["Error"]["properties"]) == {"error", "message", "errors"}
    assert set(schemas["Error"]["required"]) == {"error", "message"}
    page = _resolve(
        document,
        document["paths"]["/api/v1/notices/"]["get"]["responses"]["200"]["content"][
            "application/json"
        ]["schema"],
    )
    assert set(page["required"]) >= {"data", "order", "limit", "next_cursor"}
    assert page["properties"]["data"]["items"] == {"$ref": "#/components/schemas/NoticeSummary"}
    summary = schemas["NoticeSummary"]["properties"]
    assert summary["id"]["format"] == "uuid"
    assert summary["starts_on"]["type"] == ["string", "null"]
    assert summary["wage_growth_pct"]["type"] == ["string", "null"]
    assert summary["updated_at"]["format"] == "date-time"
    assert summary["covered_employees"] == {"type": "integer", "minimum": 0}
    clause = _resolve(document, schemas["NoticeDetail"]["properties"]["clauses"]["items"])
    assert set(clause["properties"]) == {"order", "topic", "text"}


def test_the_serializers_declare_exactly_the_keys_of_the_answers(fed_a, client_a):
    """The JSON is built by serialize.py; the serializers only declare it for the description.
    A field added to one and not the other fails here."""
    with context.federation_context(fed_a):
        published_contract(secret_orders=(2,))
    listed = client_a.get("/api/v1/notices/").json()["data"][0]
    detail = client_a.get(f"/api/v1/notices/{listed['id']}/").json()
    assert set(listed) == set(NoticeSummarySerializer().fields) == SUMMARY_FIELDS
    assert set(detail) == set(NoticeDetailSerializer().fields) == DETAIL_FIELDS


def test_the_key_terms_serializers_declare_exactly_the_keys_of_the_answers(fed_a, client_a):
    terms = {"overtime_workday_pct": 200, "night_shift_allowance": "30.00",
             "women_health_checkup": True, "safety_commitment": "plan"}  # fmt: skip
    with context.federation_context(fed_a):
        published_contract(key_terms=terms)
    codebook = client_a.get("/api/v1/codebook.json").json()
    assert set(codebook) == set(CodebookSerializer().fields)
    assert {frozenset(v) for v in codebook["variables"]} == {
        frozenset(CodebookVariableSerializer().fields)
    }
    page = client_a.get("/api/v1/key-terms/").json()
    assert set(page) == set(KeyTermsPageSerializer().fields)
    (notice,) = page["data"]
    assert set(notice) == set(KeyTermsNoticeSerializer().fields)
    assert set(notice["key_terms"]) <= set(KeyTermsSerializer().fields)
    assert set(terms) <= set(notice["key_terms"])


def test_each_key_term_is_described_with_its_type_and_range(document):
    """The key-terms answer is described variable by variable from the codebook, not as an
    object of anything: a client reads each value's JSON type, range and choices."""
    schemas = document["components"]["schemas"]
    page = _resolve(document, document["paths"]["/api/v1/key-terms/"]["get"]["responses"]["200"]
                    ["content"]["application/json"]["schema"])  # fmt: skip
    notice = _resolve(document, page["properties"]["data"]["items"])
    terms = _resolve(document, notice["properties"]["key_terms"])
    assert set(terms["properties"]) == {v.code for v in VARIABLES}
    expected = {"decimal": "string", "integer": "integer", "boolean": "boolean"}
    for variable in VARIABLES:
        prop = terms["properties"][variable.code]
        assert variable.label_zh in prop["description"]
        if variable.type == "choice":
            assert _resolve(document, prop["allOf"][0])["enum"] == [
                code for code, _zh, _en in variable.choices
            ]
        else:
            assert prop["type"] == expected[variable.type], variable.code
    assert terms["properties"]["overtime_workday_pct"]["minimum"] == 150
    assert terms["properties"]["overtime_workday_pct"]["maximum"] == 500
    assert terms["properties"]["wage_increase_pct"]["format"] == "decimal"
    codebook = document["paths"]["/api/v1/codebook.json"]["get"]["responses"]["200"]
    assert codebook["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Codebook"
    }
    assert "KeyTerms" in schemas and "Codebook" in schemas


def test_the_served_description_is_the_generated_one_for_this_host(
    fed_a, fed_b, client_a, client_b, settings
):
    settings.OPEN_DATA_RATE_LIMIT = 1
    answers = [client_a.get("/api/v1/openapi.json") for _ in range(3)]  # never rate limited
    assert [a.status_code for a in answers] == [200, 200, 200]
    assert answers[0]["Content-Type"] == "application/json"
    assert answers[0]["Cache-Control"] == "public, max-age=60"
    assert answers[0].json() == openapi_document("http://a.test")
    assert answers[0].json()["servers"] == [{"url": "http://a.test"}]
    assert client_b.get("/api/v1/openapi.json").json()["servers"] == [{"url": "http://b.test"}]


@pytest.mark.parametrize("accept", ["text/html", "text/csv", "application/xml", "*/*", ""])
def test_json_whatever_the_client_accepts_and_no_browsable_api(fed_a, client_a, accept):
    """One format per address: no 406 for an odd Accept header, no HTML API page."""
    response = client_a.get("/api/v1/notices/", HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert b"<html" not in response.content.lower()
    csv = client_a.get("/api/v1/notices.csv", HTTP_ACCEPT="application/json")
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    # DRF's ?format= switch is an unknown parameter here, as before.
    assert client_a.get("/api/v1/notices/?format=api").json()["errors"]["format"]


def test_a_write_is_refused_in_the_error_shape_without_spending_the_budget(fed_a, settings):
    settings.OPEN_DATA_RATE_LIMIT = 1
    client = Client(HTTP_HOST=SPEC_A.domain, enforce_csrf_checks=True)
    for _ in range(3):
        refused = client.post("/api/v1/notices/", data="{}", content_type="application/json")
        assert refused.status_code == 405
        assert refused.json()["error"] == "method_not_allowed" and refused.json()["message"]
    assert client.get("/api/v1/notices/").status_code == 200  # the POSTs did not count
    limited = client.get("/api/v1/notices/")
    assert limited.status_code == 429 and limited["X-RateLimit-Remaining"] == "0"
    assert limited["Cache-Control"] == "no-store"


def test_error_answers_are_not_cached_but_a_withdrawal_is(fed_a, client_a, settings):
    settings.OPEN_DATA_RATE_LIMIT = 10**9
    bad = client_a.get("/api/v1/notices/?limit=0")
    assert bad["Cache-Control"] == "no-store" and bad["X-RateLimit-Limit"]
    assert client_a.get("/api/v1/notices/nope/")["Cache-Control"] == "no-store"
    with context.federation_context(fed_a):
        published_contract()
        notice = ContractNotice.objects.get()
        ContractNotice.objects.filter(pk=notice.pk).update(withdrawn_at=notice.updated_at)
    gone = client_a.get(f"/api/v1/notices/{notice.public_id}/")
    assert gone.status_code == 410 and gone["Cache-Control"] == "public, max-age=60"
    assert gone.json() == {"error": "withdrawn", "message": gone.json()["message"]}


def test_the_language_cookie_translates_messages_not_the_description(fed_a, client_a, settings):
    settings.OPEN_DATA_RATE_LIMIT = 10**9
    chinese = client_a.get("/api/v1/openapi.json").json()
    assert (
        client_a.get("/api/v1/notices/?limit=0").json()["message"] == "部分参数无效，详见 errors。"
    )
    client_a.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert client_a.get("/api/v1/openapi.json").json() == chinese
    message = client_a.get("/api/v1/notices/?limit=0").json()["message"]
    assert message == "Some parameters are not valid; see errors."


def test_links_read_the_notice_index_only_when_asked(rf):
    """The serializers' context is built when the description is generated, without a
    database: Links must not query until an address is asked for (this test has no database,
    so a query would raise)."""
    links = Links(rf.get("/", HTTP_HOST="a.test"))
    assert "index_url" not in vars(links)
