"""The pipeline in the admin: survey entry and edit, the survey import (template, all or nothing,
error workbook), the funnel with its stuck lists, the forecast page and XLSX, the home panel."""

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from compliance.models import BargainingIntent, BaselineSurvey, ImportJob
from compliance.services.imports import ledger_import
from compliance.services.pipeline import intent_save, survey_save
from tenants import context
from tests.compliance.excel.helpers import xlsx
from tests.factories import compliance as f

HEADERS = ["统一社会信用代码", "调查年度", "类别", "典型原因", "原因说明", "调查日期", "调查人"]


def _workbook(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return load_workbook(io.BytesIO(content))


def _row(ent, **overrides):
    values = {
        "code": ent.credit_code,
        "year": 2026,
        "category": "不会谈",
        "reasons": "缺乏协商技能、不掌握企业经营和工资数据",
        "notes": "不知道如何准备协商材料",
        "day": "2026-03-05",
        "by": "张明",
    }
    values.update(overrides)
    return list(values.values())


def test_the_survey_list_filters_by_year_and_category(admin_client, fed_a):
    with context.federation_context(fed_a):
        ent = f.enterprise(name="松江机械有限公司")
        survey_save(
            survey=None,
            data={
                "enterprise": ent,
                "year": 2026,
                "category": "afraid",
                "reasons": ["retaliation"],
                "surveyed_on": dt.date(2026, 3, 1),
                "surveyed_by": "张明",
            },
            reason="test",
        )
    page = admin_client.get("/admin/baseline_survey/?year=2026&category=afraid")
    assert "松江机械有限公司" in page.content.decode()
    assert "职工怕被打击报复" in page.content.decode() or "retaliation" not in page.content.decode()
    other = admin_client.get("/admin/baseline_survey/?category=unable")
    assert "松江机械有限公司" not in other.content.decode()


def test_a_survey_entered_for_an_enterprise_without_a_union_is_refused_on_the_form(
    admin_client, fed_a
):
    with context.federation_context(fed_a):
        ent = f.enterprise(union_established=False, union_members=0)
    response = admin_client.post(
        "/admin/baseline_survey/new/",
        {
            "credit_code": ent.credit_code,
            "year": "2026",
            "category": "unable",
            "surveyed_on": "2026-03-02",
            "surveyed_by": "张明",
        },
    )
    assert response.status_code == 200
    assert "先在台账中登记其工会" in response.content.decode()
    with context.federation_context(fed_a):
        assert not BaselineSurvey.objects.exists()


def test_the_survey_screen_offers_to_record_the_intent(admin_client, fed_a):
    with context.federation_context(fed_a):
        ent = f.enterprise()
        survey = survey_save(
            survey=None,
            data={
                "enterprise": ent,
                "year": 2026,
                "category": "willing",
                "surveyed_on": dt.date(2026, 3, 1),
                "surveyed_by": "张明",
            },
            reason="test",
        )
    page = admin_client.get(f"/admin/baseline_survey/inspect/{survey.pk}/").content.decode()
    link = f"/admin/bargaining_intents/new/?credit_code={ent.credit_code}&amp;year=2026"
    assert link in page
    form = admin_client.get(link.replace("&amp;", "&")).content.decode()
    assert f'value="{ent.credit_code}"' in form


def _import(fed, rows):
    with context.federation_context(fed):
        return ledger_import(kind="surveys", source=xlsx(rows, headers=HEADERS), reason="t")


def test_a_survey_workbook_is_imported_once_and_again_changes_nothing(fed_a):
    with context.federation_context(fed_a):
        one, two = f.enterprise(), f.enterprise()
    rows = [_row(one), _row(two, category="不愿谈", reasons="担心增加用工成本")]
    result = _import(fed_a, rows)
    assert result.ok and result.created == 2, result.errors
    again = _import(fed_a, rows)
    assert again.unchanged == 2 and again.created == 0
    with context.federation_context(fed_a):
        row = BaselineSurvey.objects.get(enterprise=two)
        assert (row.category, row.reasons) == ("unwilling", ["cost"])
        assert BaselineSurvey.history.count() == 2


def test_a_survey_workbook_with_one_bad_row_imports_nothing(fed_a):
    with context.federation_context(fed_a):
        good = f.enterprise()
        no_union = f.enterprise(union_established=False, union_members=0)
    result = _import(
        fed_a,
        [
            _row(good),
            _row(no_union),
            _row(good, category="不敢谈", reasons="担心增加用工成本"),
            _row(good, year=2026),
        ],
    )
    assert not result.ok
    columns = {(e.row, e.column) for e in result.errors}
    assert (3, "B") in {(r, c[:1]) for r, c in columns} or any(r == 3 for r, _c in columns)
    assert any(r == 4 for r, _c in columns) and any(r == 5 for r, _c in columns)
    with context.federation_context(fed_a):
        assert not BaselineSurvey.objects.exists()


def test_the_survey_template_and_export_download(admin_client, fed_a):
    with context.federation_context(fed_a):
        ent = f.enterprise()
    _import(fed_a, [_row(ent)])
    template = _workbook(admin_client.get("/admin/compliance/imports/surveys/template.xlsx"))
    assert template.worksheets[0]["A1"].value == "统一社会信用代码"
    export = _workbook(admin_client.get("/admin/compliance/imports/surveys/export.xlsx"))
    rows = list(export.worksheets[0].iter_rows(values_only=True))
    assert rows[1][0] == ent.credit_code
    assert rows[1][3] == "缺乏协商技能、不掌握企业经营和工资数据"


def test_a_survey_upload_runs_as_a_job(admin_client, fed_a, django_capture_on_commit_callbacks):
    with context.federation_context(fed_a):
        ent = f.enterprise()
    data = xlsx([_row(ent)], headers=HEADERS).getvalue()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            "/admin/compliance/imports/surveys/", {"file": SimpleUploadedFile("摸底.xlsx", data)}
        )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        assert ImportJob.objects.get().status == "done"
        assert BaselineSurvey.objects.filter(enterprise=ent).exists()


def test_the_funnel_page_links_each_stage_to_its_stuck_list(admin_client, fed_a):
    year = timezone.localdate().year
    with context.federation_context(fed_a):
        ent = f.enterprise(name="滨江电子有限公司")
    page = admin_client.get(f"/admin/compliance/pipeline/?year={year}").content.decode()
    assert "/admin/compliance/pipeline/stuck/in_scope/?year=" in page
    stuck = admin_client.get(f"/admin/compliance/pipeline/stuck/in_scope/?year={year}")
    body = stuck.content.decode()
    assert "滨江电子有限公司" in body and f"/admin/enterprises/inspect/{ent.pk}/" in body
    assert admin_client.get("/admin/compliance/pipeline/stuck/nowhere/").status_code == 404
    region = admin_client.get(
        f"/admin/compliance/pipeline/?year={year}&dimension=region&segment=230803"
    )
    assert region.status_code == 200


def test_the_forecast_page_and_workbook(admin_client, fed_a):
    today = timezone.localdate()
    with context.federation_context(fed_a):
        ent = f.enterprise(name="江北纺织有限公司")
        intent_save(
            intent=None,
            data={
                "enterprise": ent,
                "year": today.year,
                "planned_month": today.month,
                "kind": "wages",
            },
            reason="test",
        )
    assert (
        "江北纺织有限公司"
        in admin_client.get("/admin/compliance/pipeline/forecast/").content.decode()
    )
    rows = list(
        _workbook(admin_client.get("/admin/compliance/pipeline/forecast.xlsx"))
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    assert rows[2][1:4] == (ent.credit_code, "江北纺织有限公司", "工资专项")


def test_the_home_panel_shows_the_funnel(admin_client, fed_a):
    with context.federation_context(fed_a):
        f.enterprise()
    home = admin_client.get("/admin/").content.decode()
    assert 'id="funnel-panel-heading"' in home
    assert "/admin/compliance/pipeline/stuck/in_scope/?year=" in home


def test_an_intent_is_kept_once_a_year(admin_client, fed_a):
    with context.federation_context(fed_a):
        ent = f.enterprise()
    data = {"credit_code": ent.credit_code, "year": "2027", "planned_month": "3", "kind": "wages"}
    assert admin_client.post("/admin/bargaining_intents/new/", data).status_code == 302
    again = admin_client.post("/admin/bargaining_intents/new/", data)
    assert again.status_code == 200
    with context.federation_context(fed_a):
        assert BargainingIntent.objects.count() == 1
