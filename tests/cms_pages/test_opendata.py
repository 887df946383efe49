"""Open data: JSON API with cursors and a change feed, OpenAPI, Atom, CSV and XLSX downloads."""

import csv
import datetime as dt
import io

import pytest
from defusedxml import ElementTree as ET
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openapi_schema_validator import OAS31Validator
from openapi_spec_validator import validate
from openpyxl import load_workbook
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from cms_pages.models import ContractNotice
from cms_pages.opendata.serialize import EXPORT_COLUMNS
from compliance.services import contracts
from tenants import context
from tests.factories.notices import published_contract

ATOM = "{http://www.w3.org/2005/Atom}"


def _publish(fed, n=1, **data):
    with context.federation_context(fed):
        return [published_contract(**data) for _ in range(n)]


def _public_ids(fed) -> set[str]:
    with context.federation_context(fed):
        return {str(n.public_id) for n in ContractNotice.objects.all()}


def test_list_shows_only_this_federations_notices(fed_a, fed_b, client_a):
    _publish(fed_a, 3)
    _publish(fed_b, 2)
    response = client_a.get("/api/v1/notices/")
    assert response.status_code == 200
    body = response.json()
    ids = {item["id"] for item in body["data"]}
    assert ids == _public_ids(fed_a)
    assert not ids & _public_ids(fed_b)
    item = body["data"][0]
    assert item["api_url"].startswith("http://a.test/api/v1/notices/")
    assert "clauses" not in item and "body_text" not in item
    assert response["Cache-Control"] == "public, max-age=60"
    assert "Cookie" in response["Vary"]


def test_cursor_pages_through_everything_once(fed_a, client_a):
    _publish(fed_a, 5)
    seen, starts, url = [], [], "/api/v1/notices/?limit=2&sort=oldest"
    while url:
        body = client_a.get(url).json()
        assert len(body["data"]) <= 2
        seen += [item["id"] for item in body["data"]]
        starts += [item["in_force_from"] for item in body["data"]]
        url = body["next"]
    assert len(seen) == len(set(seen)) == 5
    assert set(seen) == _public_ids(fed_a)
    assert starts == sorted(starts)


def test_updated_since_is_a_change_feed_oldest_change_first(fed_a, client_a):
    _publish(fed_a, 3)
    with context.federation_context(fed_a):
        notices = list(ContractNotice.objects.order_by("id"))
        base = timezone.now().replace(microsecond=0)
        for offset, notice in zip((3, 1, 2), notices, strict=True):
            ContractNotice.objects.filter(pk=notice.pk).update(
                updated_at=base - dt.timedelta(days=offset)
            )
    since = (base - dt.timedelta(days=2)).isoformat()
    body = client_a.get("/api/v1/notices/", {"updated_since": since}).json()
    assert body["order"] == "updated"
    assert [i["id"] for i in body["data"]] == [str(notices[2].public_id), str(notices[1].public_id)]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"colour": "red"}, "colour"),
        ({"limit": "0"}, "limit"),
        ({"limit": "abc"}, "limit"),
        ({"limit": "101"}, "limit"),
        ({"cursor": "not-a-cursor"}, "cursor"),
        ({"sort": "relevance"}, "sort"),
        ({"sort": "sideways"}, "sort"),
        ({"industry": "ZZ"}, "industry"),
        ({"region": "12"}, "region"),
        ({"in_force_on": "2026-13-01"}, "in_force_on"),
        ({"expiring_within": "-5"}, "expiring_within"),
        ({"updated_since": "yesterday"}, "updated_since"),
        # Found by schemathesis: an offset no place has reached PostgreSQL and answered 500.
        ({"updated_since": "0458-09-11T16:50:59+17:17"}, "updated_since"),
        ({"page": "2"}, "page"),
    ],
)
def test_bad_parameters_get_a_400_naming_them(fed_a, client_a, params, field):
    response = client_a.get("/api/v1/notices/", params)
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_parameters"
    assert field in body["errors"] and body["errors"][field][0]


def test_updated_since_far_in_the_past_lists_everything(fed_a, client_a):
    _publish(fed_a, 2)
    body = client_a.get("/api/v1/notices/", {"updated_since": "0001-01-01T00:00:00+14:00"})
    assert body.status_code == 200 and len(body.json()["data"]) == 2


def test_a_cursor_of_another_order_is_refused(fed_a, client_a):
    _publish(fed_a, 3)
    token = client_a.get("/api/v1/notices/?limit=1&sort=oldest").json()["next_cursor"]
    response = client_a.get("/api/v1/notices/", {"limit": 1, "sort": "newest", "cursor": token})
    assert response.status_code == 400 and "cursor" in response.json()["errors"]


def test_detail_withholds_secrets_and_foreign_or_withdrawn_ids_are_refused(fed_a, fed_b, client_a):
    (contract,) = _publish(fed_a, secret_orders=(2,))
    (foreign,) = _publish(fed_b)
    with context.federation_context(fed_a):
        notice = ContractNotice.objects.get(contract=contract)
    with context.federation_context(fed_b):
        foreign_id = ContractNotice.objects.get(contract=foreign).public_id
    body = client_a.get(f"/api/v1/notices/{notice.public_id}/").json()
    assert body["withheld_clauses"] == 1
    assert [c["topic"] for c in body["clauses"]] == ["wages", "safety"]
    assert "每周工作时间" not in str(body)
    missing = client_a.get(f"/api/v1/notices/{foreign_id}/")
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    assert client_a.get("/api/v1/notices/not-a-uuid/").status_code == 404
    assert client_a.get(f"/api/v1/notices/{notice.public_id}/?x=1").status_code == 400

    with context.federation_context(fed_a):
        contracts.contract_publish(
            contract_id=contract.pk, published_on=dt.date(2025, 1, 1), publish_publicly=False
        )
    gone = client_a.get(f"/api/v1/notices/{notice.public_id}/")
    assert gone.status_code == 410 and "clauses" not in gone.json()
    everywhere = [
        client_a.get("/api/v1/notices/").content,
        client_a.get("/api/v1/notices.atom").content,
        b"".join(client_a.get("/api/v1/notices.csv").streaming_content),
    ]
    assert all(str(notice.public_id).encode() not in content for content in everywhere)


def test_a_malformed_notice_id_gets_the_described_json_404(fed_a, client_a):
    """Regression: an id that is not a lowercase UUID (found by Schemathesis) missed the URL
    pattern and got Django's HTML 404 page, while the description promises a JSON error."""
    (contract,) = _publish(fed_a)
    with context.federation_context(fed_a):
        public_id = str(ContractNotice.objects.get(contract=contract).public_id)
    for ident in ("not-a-uuid", "null,null", "%00", public_id + "0"):
        response = client_a.get(f"/api/v1/notices/{ident}/")
        assert response.status_code == 404, ident
        assert response["Content-Type"] == "application/json", ident
        assert response.json()["error"] == "not_found", ident
    # The same id in capitals is the same notice.
    assert client_a.get(f"/api/v1/notices/{public_id.upper()}/").json()["id"] == public_id


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/notices/",
        "/api/v1/notices/00000000-0000-0000-0000-000000000000/",
        "/api/v1/notices.atom",
        "/api/v1/notices.csv",
        "/api/v1/notices.xlsx",
        "/api/v1/openapi.json",
    ],
)
@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_writing_to_the_open_data_is_a_405_not_a_csrf_refusal(fed_a, path, method):
    """The open data is read-only: a write gets 405 with the allowed methods, as a client of an
    API expects, rather than Django's CSRF page. The client checks CSRF as a browser does. HEAD
    is answered as GET is (the servers leave the body out)."""
    from django.test import Client

    from tests.conftest import SPEC_A

    client = Client(HTTP_HOST=SPEC_A.domain, enforce_csrf_checks=True)
    response = getattr(client, method)(path, data="{}", content_type="application/json")
    assert response.status_code == 405, (path, response.status_code)
    assert response["Allow"] == "GET, HEAD"
    head = client.head(path)  # link checkers and feed readers ask before they fetch
    assert head.status_code == (404 if "0000" in path else 200), (path, head.status_code)


def test_atom_feed_lists_changed_notices_of_this_federation(fed_a, fed_b, client_a):
    _publish(fed_a, 2)
    _publish(fed_b, 1)
    response = client_a.get("/api/v1/notices.atom")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    for required in ("title", "id", "updated", "link"):
        assert root.find(f"{ATOM}{required}") is not None
    entries = root.findall(f"{ATOM}entry")
    ids = {e.find(f"{ATOM}id").text.removeprefix("urn:uuid:") for e in entries}
    assert ids == _public_ids(fed_a)
    for entry in entries:
        assert entry.find(f"{ATOM}updated") is not None
        assert entry.find(f"{ATOM}title").text
    assert client_a.get("/api/v1/notices.atom?kind=nonsense").status_code == 400


def test_csv_download_is_filtered_and_safe_for_spreadsheets(fed_a, client_a):
    _publish(fed_a, 2)
    _publish(fed_a, 1, title='=HYPERLINK("http://evil.example")', kind="wages")
    response = client_a.get("/api/v1/notices.csv")
    assert response["Content-Disposition"].startswith("attachment;")
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows) == 4
    assert all(not cell.startswith("=") for row in rows for cell in row)
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)
    wages = b"".join(client_a.get("/api/v1/notices.csv?kind=wages").streaming_content)
    assert len(list(csv.reader(io.StringIO(wages.decode("utf-8-sig"))))) == 2


def test_xlsx_download_opens_with_text_not_formulas(fed_a, client_a):
    _publish(fed_a, 2)
    _publish(fed_a, 1, title="=1+1")
    response = client_a.get("/api/v1/notices.xlsx")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3 + 1
    titles = [row[1] for row in rows[1:]]
    assert "=1+1" in titles
    cell = next(c for c in sheet["B"] if c.value == "=1+1")
    assert cell.data_type == "s"


@pytest.mark.parametrize(
    ("path", "sheets"),
    [("/api/v1/notices.xlsx", ["公示"]), ("/api/v1/key-terms.xlsx", ["主要条款指标", "编码表"])],
)
def test_both_xlsx_downloads_are_capped_and_answered_alike(
    fed_a, client_a, monkeypatch, path, sheets
):
    """The notices' and the key terms' XLSX are written by one capped sheet writer and one
    response (cms_pages.opendata.xlsx): past the cap, the last row and X-Truncated say so."""
    from cms_pages.opendata import xlsx

    _publish(fed_a, 3)
    monkeypatch.setattr(xlsx, "XLSX_MAX_ROWS", 2)
    response = client_a.get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == xlsx.XLSX_CONTENT_TYPE
    assert response["X-Truncated"] == "2"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    assert response["Content-Disposition"].endswith('.xlsx"')
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.sheetnames == sheets
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert len(rows) == 1 + 2 + 1  # the headings, two notices, the note
    assert rows[-1][0] == "此处仅含前 2 条公示；请缩小筛选范围，或下载 CSV 获取全部。"
    assert {row[0] for row in rows[1:3]} < _public_ids(fed_a)

    monkeypatch.setattr(xlsx, "XLSX_MAX_ROWS", 3)
    whole = client_a.get(path)
    assert not whole.has_header("X-Truncated")
    workbook = load_workbook(io.BytesIO(b"".join(whole.streaming_content)))
    assert workbook.worksheets[0].max_row == 1 + 3


def test_xlsx_download_holds_dates_and_numbers_not_text(fed_a, client_a):
    """Regression (issue 14): every cell of the XLSX was text, so dates did not sort as dates
    and percentages could not be summed; dates and numbers are now typed and formatted."""
    from decimal import Decimal

    _publish(
        fed_a,
        1,
        wage_growth_pct=Decimal("8.5"),
        minimum_wage=Decimal("2100"),
        weekly_hours=Decimal("40"),
    )
    response = client_a.get("/api/v1/notices.xlsx")
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).worksheets[0]
    names = [name for name, _heading in EXPORT_COLUMNS]
    row = dict(zip(names, sheet[2], strict=True))
    for name in ("starts_on", "ends_on", "in_force_from", "published_on", "signed_on"):
        cell = row[name]
        assert cell.is_date and cell.number_format == "yyyy-mm-dd", name
        assert isinstance(cell.value, dt.datetime)
    assert row["starts_on"].value.date() == dt.date(2025, 1, 1)
    assert row["updated_at"].is_date and row["updated_at"].number_format == "yyyy-mm-dd hh:mm"
    growth = row["wage_growth_pct"]
    assert growth.data_type == "n" and growth.value == pytest.approx(0.085)
    assert growth.number_format.endswith("%")
    assert row["minimum_wage"].value == 2100
    assert row["minimum_wage"].number_format == "#,##0.00"
    assert row["weekly_hours"].value == 40
    employees = row["covered_employees"]
    assert employees.data_type == "n" and isinstance(employees.value, int)
    assert row["title"].data_type == "s"
    assert sheet.column_dimensions["M"].width >= 11  # a date column shows its date, not ####


def test_openapi_description_is_valid_and_matches_the_answers(fed_a, client_a):
    _publish(fed_a, 2, secret_orders=(1,))
    document = client_a.get("/api/v1/openapi.json").json()
    validate(document)
    registry = Registry().with_resource("urn:api", DRAFT202012.create_resource(document))

    def check(schema_ref: str, instance) -> None:
        validator = OAS31Validator({"$ref": f"urn:api#/components/schemas/{schema_ref}"},
                                   registry=registry)  # fmt: skip
        validator.validate(instance)

    listing = client_a.get("/api/v1/notices/").json()
    for item in listing["data"]:
        check("NoticeSummary", item)
        check("NoticeDetail", client_a.get(f"/api/v1/notices/{item['id']}/").json())
    check("Error", client_a.get("/api/v1/notices/?limit=0").json())
    list_params = {p["name"] for p in document["paths"]["/api/v1/notices/"]["get"]["parameters"]}
    from cms_pages.opendata.views import API_PARAMS

    assert list_params == set(API_PARAMS)


def test_rate_limit_per_client_and_federation(fed_a, fed_b, client_a, client_b, settings):
    settings.OPEN_DATA_RATE_LIMIT = 3
    answers = [client_a.get("/api/v1/notices/") for _ in range(4)]
    assert [r.status_code for r in answers] == [200, 200, 200, 429]
    assert answers[0]["X-RateLimit-Remaining"] == "2"
    assert int(answers[3]["Retry-After"]) >= 1
    assert answers[3].json()["error"] == "rate_limited"
    assert client_b.get("/api/v1/notices/").status_code == 200  # its own budget


def test_queries_per_request_do_not_grow_with_the_notices(fed_a, client_a):
    _publish(fed_a, 2)

    def count(url):
        with CaptureQueriesContext(connection) as ctx:
            assert client_a.get(url).status_code == 200
        return len(ctx.captured_queries)

    # The first requests fill per-process caches (the site's root paths): not counted.
    count("/api/v1/notices/?limit=10"), count("/api/v1/notices.atom")
    small = [count("/api/v1/notices/?limit=10"), count("/api/v1/notices.atom")]
    _publish(fed_a, 6)
    assert [count("/api/v1/notices/?limit=10"), count("/api/v1/notices.atom")] == small


def test_the_notice_list_links_its_downloads_and_feed_with_its_filters(fed_a, client_a):
    _publish(fed_a, 1, kind="wages")
    html = client_a.get("/notices/?kind=wages&sort=relevance&page=1").content.decode()
    assert 'href="/api/v1/notices.csv?kind=wages"' in html
    assert 'href="/api/v1/notices.xlsx?kind=wages"' in html
    assert 'type="application/atom+xml"' in html and "/api/v1/notices.atom?kind=wages" in html
    assert client_a.get("/api/v1/notices.csv?kind=wages").status_code == 200


def test_download_cells_keep_numbers_and_defuse_formulas():
    from cms_pages.opendata.feeds import _text

    assert _text("-1.5") == "-1.5" and _text(2100) == "2100" and _text(None) == ""
    assert _text("=A1") == "'=A1" and _text("-1+1") == "'-1+1" and _text("@SUM(A1)") == "'@SUM(A1)"
