"""Issue 18 items 1–3 and 10 in Chromium: a clerk of the city federation enters a baseline survey
row with the real form (the date picked as the browser sends it), then records the enterprise's
intent from the survey's screen; imports a survey workbook (a valid one, then one with errors
whose error workbook is offered and read); opens the funnel from the admin home and a stuck list,
whose enterprise links to its ledger page; downloads the forecast XLSX and reads a cell. The
city is the district's parent: its funnel page shows the subtree's funnel from the figures the
district published, counts only. Screenshots go to test-artifacts/."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from compliance.models import BargainingIntent, BaselineSurvey
from compliance.services.network import network_publish
from compliance.services.pipeline import intent_save, survey_save
from tenants import context
from tests.browser.conftest import BROWSER, administrator, send, whole_page
from tests.compliance.excel.helpers import xlsx
from tests.factories import compliance as f

pytestmark = [*BROWSER, pytest.mark.usefixtures("records")]

ADMIN = "pipeline@pa.test"
HEADERS = ["统一社会信用代码", "调查年度", "类别", "典型原因", "原因说明", "调查日期", "调查人"]


@pytest.fixture(scope="module")
def records(browser_sites, django_db_blocker):
    """The city's clerk and enterprises to survey; in the district beneath, two enterprises, one
    surveyed, and the district's figures published to the network."""
    today = timezone.localdate()
    with django_db_blocker.unblock():
        with context.federation_context("fed_pa"):
            device = administrator(ADMIN, last_name="周", first_name="摸底")
            entered = f.enterprise(name="松江摸底机械有限公司", employees=220)
            imported = [
                f.enterprise(name=f"松江导入摸底{n}有限公司", employees=160) for n in (1, 2)
            ]
            no_union = f.enterprise(
                name="松江未建会商贸有限公司",
                employees=130,
                union_established=False,
                union_members=0,
            )
            network_publish(days=[today])
        with context.federation_context("fed_pb"):
            district = f.enterprise(
                name="乙区保密企业有限公司", employees=300, region_code="230804"
            )
            f.enterprise(name="乙区未摸底企业有限公司", employees=180, region_code="230804")
            survey_save(
                survey=None,
                data={
                    "enterprise": district,
                    "year": today.year,
                    "category": "afraid",
                    "reasons": ["retaliation"],
                    "surveyed_on": today,
                    "surveyed_by": "乙区调查员",
                },
                reason="test",
            )
            network_publish(days=[today])
    yield {
        "device": device,
        "entered": entered,
        "imported": imported,
        "no_union": no_union,
    }
    with django_db_blocker.unblock():
        with context.federation_context("fed_pa"):
            BargainingIntent.objects.all().delete()
            BaselineSurvey.objects.all().delete()
        with context.federation_context("fed_pb"):
            BaselineSurvey.objects.all().delete()


@pytest.fixture(scope="module")
def accounts(records):
    return {"zh-hans": (ADMIN, records["device"])}


def test_a_clerk_enters_a_survey_row_and_the_intent(staff, shot, records):
    today = timezone.localdate()
    main = staff.locator("main")
    staff.goto(staff.base + "/admin/baseline_survey/new/")
    staff.locator("#id_credit_code").fill(records["entered"].credit_code)
    staff.locator("#id_year").fill(str(today.year))
    staff.locator("#id_category").select_option("unable")
    staff.locator("input[name=reasons][value=no_skill]").check()
    staff.locator("#id_notes").fill("工会主席不清楚协商程序")
    staff.locator("#id_surveyed_on").fill(today.isoformat())
    staff.locator("#id_surveyed_by").fill("周摸底")
    whole_page(shot, staff, "pipeline-survey-form-zh")
    send(staff)
    staff.wait_for_url("**/admin/baseline_survey/inspect/*/")
    expect(main).to_contain_text("不会谈")
    expect(main).to_contain_text("缺乏协商技能")
    whole_page(shot, staff, "pipeline-survey-inspect-zh")

    staff.get_by_role("link", name="登记协商意向").click()
    staff.wait_for_url("**/admin/bargaining_intents/new/**")
    expect(staff.locator("#id_credit_code")).to_have_value(records["entered"].credit_code)
    staff.locator("#id_planned_month").fill(str(today.month))
    staff.locator("#id_kind").select_option("wages")
    staff.locator("#id_notes").fill("计划开展工资专项集体协商")
    send(staff)
    staff.wait_for_url("**/admin/bargaining_intents/inspect/*/")
    expect(main).to_contain_text("工资专项")
    expect(main).to_contain_text(records["entered"].name)
    whole_page(shot, staff, "pipeline-intent-inspect-zh")
    with context.federation_context("fed_pa"):
        intent = BargainingIntent.objects.get(enterprise=records["entered"])
        assert intent.history.get().history_user.username == ADMIN


def _row(ent, category="不愿谈", reasons="担心增加用工成本"):
    year = timezone.localdate().year
    day = timezone.localdate().isoformat()
    return [ent.credit_code, year, category, reasons, "", day, "周摸底"]


def test_a_clerk_imports_a_survey_workbook(staff, shot, records):
    main = staff.locator("main")
    good = xlsx([_row(e) for e in records["imported"]], headers=HEADERS)
    bad = xlsx(
        [_row(records["imported"][0], "不会谈", "缺乏协商技能"), _row(records["no_union"])],
        headers=HEADERS,
    )
    staff.goto(staff.base + "/admin/baseline_survey/")
    staff.get_by_role("link", name="从表格导入").click()
    staff.wait_for_url("**/admin/compliance/imports/surveys/")
    staff.locator("input[type=file]").set_input_files(
        {"name": "摸底调查.xlsx", "mimeType": "application/octet-stream", "buffer": good.read()}
    )
    main.get_by_role("button", name="上传并导入").click()
    staff.wait_for_url("**/admin/compliance/imports/jobs/*/")
    expect(main.locator("[data-status]")).to_have_attribute("data-status", "done", timeout=20_000)
    expect(main.locator("[data-count=created]")).to_have_text("2")
    whole_page(shot, staff, "pipeline-import-done-zh")

    staff.goto(staff.base + "/admin/compliance/imports/surveys/")
    staff.locator("input[type=file]").set_input_files(
        {"name": "有误的摸底.xlsx", "mimeType": "application/octet-stream", "buffer": bad.read()}
    )
    main.get_by_role("button", name="上传并导入").click()
    staff.wait_for_url("**/admin/compliance/imports/jobs/*/")
    expect(main.locator("[data-status]")).to_have_attribute("data-status", "failed", timeout=20_000)
    expect(main.locator("[data-problems] tbody tr")).to_have_count(1)
    expect(main.locator("[data-problems]")).to_contain_text("尚未建会")
    whole_page(shot, staff, "pipeline-import-failed-zh")
    with staff.expect_download() as download:
        main.get_by_role("link", name="下载错误清单工作簿").click()
    rows = list(
        load_workbook(io.BytesIO(download.value.path().read_bytes()))
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    assert rows[1][0] == 3 and "尚未建会" in rows[1][4], rows[:3]
    with context.federation_context("fed_pa"):
        # All or nothing: the first row of the bad file did not change the imported row.
        row = BaselineSurvey.objects.get(enterprise=records["imported"][0])
        assert row.category == "unwilling"


def test_the_funnel_from_the_home_page_with_a_stuck_list_and_the_subtree(staff, shot, records):
    main = staff.locator("main")
    with context.federation_context("fed_pa"):
        network_publish(days=[timezone.localdate()])
    staff.goto(staff.base + "/admin/")
    panel = staff.locator("section[aria-labelledby=funnel-panel-heading]")
    expect(panel).to_contain_text("已摸底")
    whole_page(shot, staff, "pipeline-home-panel-zh")
    panel.get_by_role("link", name="按分类查看推进漏斗（含下级工会）").click()
    staff.wait_for_url("**/admin/compliance/pipeline/**")
    expect(main).to_contain_text("含下级工会")
    # The district's enterprise is counted above, never named.
    expect(main).not_to_contain_text("乙区保密企业有限公司")
    subtree = main.locator("table").nth(1)
    expect(subtree.locator("tr").filter(has_text="已摸底")).to_be_visible()
    whole_page(shot, staff, "pipeline-funnel-zh")

    row = main.locator("table").first.locator("tr").filter(has_text="已摸底")
    row.get_by_role("link").click()
    staff.wait_for_url("**/admin/compliance/pipeline/stuck/surveyed/**")
    expect(main).to_contain_text("松江导入摸底1有限公司")
    whole_page(shot, staff, "pipeline-stuck-zh")
    main.get_by_role("link", name="松江导入摸底1有限公司").click()
    staff.wait_for_url("**/admin/enterprises/inspect/*/")
    expect(main).to_contain_text(records["imported"][0].credit_code)


def test_the_forecast_downloads_as_a_workbook(staff, shot, records):
    main = staff.locator("main")
    today = timezone.localdate()
    with context.federation_context("fed_pa"):
        if not BargainingIntent.objects.filter(enterprise=records["entered"]).exists():
            intent_save(  # the first test, which records it in the form, was deselected
                intent=None,
                data={
                    "enterprise": records["entered"],
                    "year": today.year,
                    "planned_month": today.month,
                },
                reason="test",
            )
    staff.goto(staff.base + "/admin/compliance/pipeline/forecast/")
    whole_page(shot, staff, "pipeline-forecast-zh")
    with staff.expect_download() as download:
        main.get_by_role("link", name="下载XLSX").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).worksheets[0]
    names = [row[2] for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert "松江摸底机械有限公司" in names, names
    assert sheet["A2"].value == "计划月份"
