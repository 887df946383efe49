"""Coded key terms on the public side (issue 19 part 2): copied into the notice, shown with their
units, published as a dataset (API, CSV, XLSX) documented by the codebook (page, JSON, CSV), and
as dated snapshots."""

import csv
import datetime as dt
import io

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from cms_pages.models import ContractNotice, KeyTermsSnapshot
from cms_pages.opendata.dataset import COLUMNS
from cms_pages.services.key_terms import key_terms_snapshot_make
from compliance.rules.codebook import CODEBOOK_VERSION, VARIABLES
from compliance.services import contracts
from tenants import context
from tests.cms_pages import pages

TERMS = {
    "overtime_workday_pct": 150,
    "night_shift_allowance": "30.00",
    "women_health_checkup": True,
    "enterprise_annuity": False,
    "safety_commitment": "plan_budget",
}


def _notice(fed, **data):
    return pages.notice(fed, key_terms=data.pop("key_terms", TERMS), **data)


def test_the_notice_copies_every_stated_variable(in_a):
    from tests.factories.notices import published_contract

    contract = published_contract(key_terms=TERMS)
    notice = ContractNotice.objects.get(contract=contract)
    assert notice.codebook_version == CODEBOOK_VERSION
    assert notice.key_terms == {
        "wage_increase_pct": "6.00",
        "minimum_monthly_wage": "2100.00",
        "weekly_hours": "40.0",
        **TERMS,
        "term_months": 36,
        "workers_covered": contract.covered_employees,
    }


def test_a_correction_reaches_the_notice_and_withdrawal_empties_it(in_a):
    from tests.factories.notices import published_contract

    contract = published_contract(key_terms=TERMS)
    contracts.contract_update(
        contract_id=contract.pk,
        data={"key_terms": {**TERMS, "night_shift_allowance": "45"}},
        reason="更正",
    )
    assert ContractNotice.objects.get(contract=contract).key_terms["night_shift_allowance"] == (
        "45.00"
    )
    contracts.contract_publish(
        contract_id=contract.pk, published_on=contract.published_on, publish_publicly=False
    )
    assert ContractNotice.objects.get(contract=contract).key_terms == {}


def test_the_notice_page_shows_a_key_terms_table_with_units(client_a, fed_a):
    notice = _notice(fed_a)
    html = pages.html(client_a.get(f"/notices/{notice.public_id}/"))
    assert 'class="key-terms"' in html
    assert '<th scope="row">夜班津贴</th><td>30</td><td>元/班</td>' in html
    assert '<th scope="row">女职工专项健康检查</th><td>是</td>' in html
    assert '<th scope="row">企业年金</th><td>否</td>' in html
    assert "有具体措施和专项经费" in html
    assert '<th scope="row">合同期限</th><td>36</td><td>月</td>' in html
    assert 'href="/notices/codebook/"' in html


def test_the_codebook_page_documents_every_variable_and_lists_snapshots(client_a, fed_a):
    html = pages.html(client_a.get("/notices/codebook/"))
    for variable in VARIABLES:
        assert f"<code>{variable.code}</code>" in html
    assert "尚未生成" in html  # no snapshot yet
    _notice(fed_a)
    with context.federation_context(fed_a):
        snapshot = key_terms_snapshot_make(today=dt.date(2026, 12, 6))
    html = pages.html(client_a.get("/notices/codebook/"))
    assert f"key-terms_v{CODEBOOK_VERSION}_2026-12-06.csv" in html
    assert f"/api/v1/key-terms/snapshots/{CODEBOOK_VERSION}/2026-12-06.csv" in html
    assert snapshot.rows == 1 and snapshot.size > 0


def test_codebook_json_and_csv(client_a, fed_a):
    body = client_a.get("/api/v1/codebook.json").json()
    assert body["version"] == CODEBOOK_VERSION
    assert len(body["variables"]) == len(VARIABLES) >= 20
    first = body["variables"][0]
    assert first["code"] == "wage_increase_pct" and first["unit_zh"] == "%"
    assert first["definition_en"] and first["definition_zh"]
    response = client_a.get("/api/v1/codebook.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [row["code"] for row in rows] == [v.code for v in VARIABLES]
    assert "plan_budget=有具体措施和专项经费" in rows[14]["choices"]


def test_the_dataset_api_pages_by_cursor(client_a, fed_a):
    for _ in range(3):
        _notice(fed_a)
    first = client_a.get("/api/v1/key-terms/", {"limit": 2}).json()
    assert first["codebook"]["version"] == CODEBOOK_VERSION
    assert len(first["data"]) == 2 and first["next_cursor"]
    assert first["data"][0]["key_terms"]["night_shift_allowance"] == "30.00"
    rest = client_a.get("/api/v1/key-terms/", {"limit": 2, "cursor": first["next_cursor"]}).json()
    assert len(rest["data"]) == 1 and rest["next_cursor"] is None
    ids = {row["id"] for row in first["data"] + rest["data"]}
    assert len(ids) == 3


def test_the_dataset_api_refuses_bad_parameters_in_the_usual_shape(client_a, fed_a):
    with translation.override("en"):
        response = client_a.get("/api/v1/key-terms/", {"limit": "0", "colour": "red"})
    assert response.status_code == 400
    body = response.json()
    assert body["error"] == "invalid_parameters"
    assert set(body["errors"]) == {"limit", "colour"}


def test_the_dataset_api_queries_do_not_grow_with_rows(client_a, fed_a):
    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client_a.get("/api/v1/key-terms/", {"limit": 50}).status_code == 200
        return len(ctx.captured_queries)

    _notice(fed_a)
    client_a.get("/api/v1/key-terms/")
    few = queries()
    for _ in range(4):
        _notice(fed_a)
    assert queries() == few


def test_csv_and_xlsx_are_notices_by_variables(client_a, fed_a):
    notice = _notice(fed_a)
    response = client_a.get("/api/v1/key-terms.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0]) == list(COLUMNS)
    assert rows[0]["id"] == str(notice.public_id)
    assert rows[0]["women_health_checkup"] == "1" and rows[0]["enterprise_annuity"] == "0"
    assert rows[0]["night_shift_allowance"] == "30.00"
    assert rows[0]["probation_months"] == ""  # not stated
    workbook = load_workbook(io.BytesIO(b"".join(client_a.get("/api/v1/key-terms.xlsx"))))
    sheet = workbook.worksheets[0]
    header = [cell.value for cell in sheet[1]]
    assert header == list(COLUMNS)
    assert sheet.cell(row=2, column=1).value == str(notice.public_id)
    assert workbook.worksheets[1].max_row == len(VARIABLES) + 2  # the codebook


def test_a_snapshot_is_made_once_a_day_and_downloaded(client_a, fed_a):
    _notice(fed_a)
    day = dt.date(2026, 12, 6)
    with context.federation_context(fed_a):
        first = key_terms_snapshot_make(today=day)
        again = key_terms_snapshot_make(today=day)
        assert first.pk == again.pk and KeyTermsSnapshot.objects.count() == 1
    response = client_a.get(f"/api/v1/key-terms/snapshots/{CODEBOOK_VERSION}/2026-12-06.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert text.splitlines()[0].startswith("id,title,employer")
    assert len(text.splitlines()) == 2
    missing = client_a.get(f"/api/v1/key-terms/snapshots/{CODEBOOK_VERSION}/2026-12-07.csv")
    assert missing.status_code == 404 and missing.json()["error"] == "not_found"
    bad = client_a.get(f"/api/v1/key-terms/snapshots/{CODEBOOK_VERSION}/yesterday.csv")
    assert bad.status_code == 404


def test_old_snapshots_are_pruned_but_one_a_month_kept(in_a):
    pages_ = [dt.date(2026, 9, 1), dt.date(2026, 9, 2), dt.date(2026, 9, 30)]
    for day in pages_:
        key_terms_snapshot_make(today=day)
    key_terms_snapshot_make(today=dt.date(2026, 12, 6))
    days = set(KeyTermsSnapshot.objects.values_list("made_on", flat=True))
    assert days == {dt.date(2026, 9, 30), dt.date(2026, 12, 6)}
