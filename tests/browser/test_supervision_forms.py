"""The back office's remaining forms, each sent once in Chromium by a clerk who opens it from the
record it touches and reads the record afterwards: a letter's delivery and the employer's reply
recorded by hand, the department's result of a recommendation letter, a violation record, a
performance check (and the case its failure opens), the check of the report to the workers'
congress with the year it reports on, the confirmed 立案监督 of an expired contract, and an
enterprise workbook uploaded through the file input. Chinese at 1280 px; the letter and violation
forms also in English at 390 px (a phone)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.text import capfirst
from openpyxl import load_workbook
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from compliance.models import AuditCheck, Letter
from compliance.rules.letters import OPINION, RECOMMENDATION
from compliance.services import supervision as sv
from compliance.services.audits import audits_schedule
from compliance.services.contracts import contract_register_existing
from tenants import context
from tests.browser.conftest import (
    BROWSER,
    VIEWS,
    administrator,
    send,
    signed_in_tab,
    whole_page,
)
from tests.compliance.excel.helpers import code, enterprise_row, xlsx
from tests.factories import compliance as f
from tests.factories.records import expired_contract
from tests.factories.supervision import DAY, issued_letter

pytestmark = [
    *BROWSER,
    pytest.mark.usefixtures("records"),  # made before Chromium starts (tests/browser/conftest.py)
]

DATES = ("2026-03-04", "2026-03-20")  # delivered, replied (the letters are issued on DAY)
_TEXTS = (
    "Record delivery",
    "Record the employer's reply",
    "Delivered in person",
    "Replied",
)


def _clerk(language: str):
    email = f"forms-{language}@pa.test"
    device = administrator(email, last_name="郑", first_name="秀英")
    profile = UserProfile.get_for_user(device.user)
    profile.preferred_language = language
    profile.current_time_zone = "Asia/Shanghai"
    profile.save()
    return device


def _recommendation() -> Letter:
    """A recommendation letter (建议书): after an opinion letter the employer refused."""
    opinion, _token = issued_letter("fed_pa", kind=OPINION.code)
    sv.letter_record_delivery(
        letter_id=opinion.pk, method="in_person", delivered_on=DAY, refused=True
    )
    letter, _token = sv.letter_issue(
        case_id=opinion.case_id,
        kind=RECOMMENDATION.code,
        issued_on=DAY,
        facts="企业拒收意见书，仍未开展集体协商。",
        legal_basis="《集体合同规定》第三十二条",
        actions=[],
        trigger="refused",
        department="市人力资源和社会保障局劳动保障监察支队",
    )
    return letter


@pytest.fixture(scope="module")
def records(browser_sites, django_db_blocker):
    """Per language a staff, a reminder letter and an enterprise to record a violation of; a
    recommendation letter, a scheduled performance check and an expired contract (Chinese)."""
    from django.utils.translation import gettext

    made = {}
    with django_db_blocker.unblock():
        for language in VIEWS:
            letter, _token = issued_letter("fed_pa")
            with context.federation_context("fed_pa"), translation.override(language):
                violator = f.enterprise(name=f"违法记录测试{language}有限公司")
                made[language] = {
                    "device": _clerk(language),
                    "letter": letter.pk,
                    "number": letter.number,
                    "case": letter.case_id,
                    "violator": violator.credit_code,
                    "violator_name": violator.name,
                    "texts": {text: gettext(text) for text in _TEXTS},
                    # Each field's label and each date as the letter's page shows them.
                    "labels": {
                        name: str(capfirst(Letter._meta.get_field(name).verbose_name))
                        for name in ("delivered_on", "delivered_to", "replied_on", "reply_text")
                    },
                    "dates": {day: date_format(dt.date.fromisoformat(day)) for day in DATES},
                }
        with context.federation_context("fed_pa"):
            recommendation = _recommendation()
            ent = f.enterprise(name="松江履约检查电子有限公司")
            today = timezone.localdate()
            contract = contract_register_existing(
                data={
                    "enterprise": ent,
                    "title": "2026年度履约检查集体合同",
                    "starts_on": today.replace(month=1, day=1),
                    "ends_on": today.replace(year=today.year + 2, month=12, day=31),
                    "covered_employees": 80,
                }
            )[0]
            # In force for almost a year: its report to the workers' congress falls due now.
            reporting = contract_register_existing(
                data={
                    "enterprise": f.enterprise(name="松江履约报告食品有限公司"),
                    "title": "履约报告检查集体合同",
                    "starts_on": today - dt.timedelta(days=355),
                    "ends_on": today + dt.timedelta(days=3 * 365),
                    "covered_employees": 60,
                }
            )[0]
            audits_schedule(today=today)
            check = AuditCheck.objects.filter(contract=contract).order_by("due_on").first()
            report_check = (
                AuditCheck.objects.filter(contract=reporting, level=AuditCheck.Level.REPORT)
                .order_by("-due_on")
                .first()
            )
            expired = expired_contract(
                f.enterprise(name="松江期满未续签纺织有限公司"), title="2023年度纺织集体合同"
            )
            made["recommendation"] = recommendation.pk
            made["check"] = check.pk
            made["report_check"] = report_check.pk
            made["reporting"] = reporting.pk
            made["expired"] = expired.pk
    return made


@pytest.fixture(scope="module")
def accounts(records):
    return {
        language: (f"forms-{language}@pa.test", records[language]["device"]) for language in VIEWS
    }


@pytest.fixture(params=list(VIEWS))
def view(request, records, live_tenant_server, chromium, sessions):
    tab = signed_in_tab(chromium, live_tenant_server, sessions, request.param)
    tab.records = records[request.param]
    yield tab
    tab.context.close()


def _field(tab, label: str):
    """The value an inspect page shows under a field's label."""
    exactly = re.compile(rf"^\s*{re.escape(label)}\s*$")
    return tab.locator("main dt", has_text=exactly).locator("xpath=following-sibling::dd[1]")


def test_a_clerk_records_a_letters_delivery_and_the_employers_reply(view, shot):
    texts, main = view.records["texts"], view.locator("main")
    view.goto(view.base + f"/admin/supervision_cases/inspect/{view.records['case']}/")
    main.get_by_role("link", name=view.records["number"]).first.click()
    view.wait_for_url(f"**/admin/letters/inspect/{view.records['letter']}/")

    main.get_by_role("link", name=texts["Record delivery"]).click()
    view.wait_for_url("**/step/*/delivery/")
    expect(view.locator("#id_delivered_on")).to_have_value(timezone.localdate().isoformat())
    view.locator("#id_method").select_option("in_person")
    view.locator("#id_delivered_on").fill("2026-03-04")
    view.locator("#id_delivered_to").fill("办公室主任李梅")
    whole_page(shot, view, f"forms-delivery-{view.language}")
    send(view)
    view.wait_for_url(f"**/admin/letters/inspect/{view.records['letter']}/")
    expect(view.locator(".messages")).to_contain_text(texts["Record delivery"])
    labels, dates = view.records["labels"], view.records["dates"]
    expect(main).to_contain_text(texts["Delivered in person"])
    expect(_field(view, labels["delivered_on"])).to_have_text(dates["2026-03-04"])
    expect(_field(view, labels["delivered_to"])).to_have_text("办公室主任李梅")

    main.get_by_role("link", name=texts["Record the employer's reply"]).click()
    view.wait_for_url("**/step/*/reply/")
    view.locator("#id_replied_on").fill("2026-03-20")
    view.locator("#id_text").fill("我单位已于三月十八日向工会发出协商要约。")
    send(view)
    view.wait_for_url(f"**/admin/letters/inspect/{view.records['letter']}/")
    expect(view.locator(".messages")).to_contain_text(texts["Record the employer's reply"])
    expect(_field(view, labels["reply_text"])).to_have_text(
        "我单位已于三月十八日向工会发出协商要约。"
    )
    expect(_field(view, labels["replied_on"])).to_have_text(dates["2026-03-20"])
    expect(main).to_contain_text(texts["Replied"])
    assert "发出要约\n召开职代会" in main.inner_text()  # one action per line
    # Recorded once: the step is no longer offered.
    expect(main.get_by_role("link", name=texts["Record the employer's reply"])).to_have_count(0)
    whole_page(shot, view, f"forms-letter-after-{view.language}")


def test_a_clerk_records_the_departments_result(staff, records, shot):
    main = staff.locator("main")
    staff.goto(staff.base + f"/admin/letters/inspect/{records['recommendation']}/")
    main.get_by_role("link", name="登记接收部门处理结果").click()
    staff.wait_for_url("**/step/*/department/")
    staff.locator("#id_case_opened_on").fill("2026-04-10")
    staff.locator("#id_result").fill("劳动保障监察支队已立案，责令企业限期开展集体协商。")
    whole_page(shot, staff, "forms-department-zh-hans")
    send(staff)
    staff.wait_for_url(f"**/admin/letters/inspect/{records['recommendation']}/")
    expect(staff.locator(".messages")).to_contain_text("登记接收部门处理结果：已保存。")
    expect(_field(staff, "接收部门处理结果")).to_have_text(
        "劳动保障监察支队已立案，责令企业限期开展集体协商。"
    )
    expect(_field(staff, "接收部门立案日期")).to_have_text("2026年4月10日")
    whole_page(shot, staff, "forms-department-after-zh-hans")


def test_a_clerk_enters_a_violation_record(view, shot):
    main, name = view.locator("main"), view.records["violator_name"]
    view.goto(view.base + "/admin/violation_records/")
    view.locator("a[href$='/admin/violation_records/new/']").first.click()
    view.wait_for_url("**/admin/violation_records/new/")
    # The code as a clerk may type it, in lower case.
    view.locator("#id_credit_code").fill(view.records["violator"].lower())
    view.locator("#id_kind").select_option("wage_arrears")
    view.locator("#id_occurred_on").fill("2026-09-15")
    view.locator("#id_reference").fill("哈劳监罚字〔2026〕第15号")
    view.locator("#id_description").fill("拖欠职工九月工资共计十二万元。")
    view.locator("#id_source").fill("市劳动保障监察支队")
    whole_page(shot, view, f"forms-violation-{view.language}")
    send(view)
    view.wait_for_url("**/admin/violation_records/inspect/*/")
    expect(view.locator(".messages")).to_contain_text(name)
    expect(main).to_contain_text("哈劳监罚字〔2026〕第15号")
    expect(main).to_contain_text("市劳动保障监察支队")
    expect(main).to_contain_text("2026年9月15日" if view.language == "zh-hans" else "2026")
    whole_page(shot, view, f"forms-violation-after-{view.language}")

    # The record leads to its enterprise, whose page lists it.
    main.locator("dd").get_by_role("link", name=name).click()
    view.wait_for_url("**/admin/enterprises/inspect/*/")
    expect(main).to_contain_text("哈劳监罚字〔2026〕第15号")


def test_a_clerk_records_a_check_and_opens_a_case_from_its_failure(staff, records, shot):
    main = staff.locator("main")
    staff.goto(staff.base + f"/admin/audit_checks/inspect/{records['check']}/")
    main.get_by_role("link", name="登记履约检查").click()
    staff.wait_for_url(f"**/admin/audit_checks/record/{records['check']}/")
    expect(staff.locator("#id_done_on")).to_have_value(timezone.localdate().isoformat())
    staff.locator("#id_done_on").fill("2026-12-01")
    staff.locator("#id_checker").fill("郑秀英、王立新")
    staff.locator("#id_findings").fill("企业未按合同约定调整夜班津贴。")
    scores = {"parties": 60, "procedure": 50, "content": 40, "performance": 30, "effect": 20}
    for dimension, score in scores.items():
        staff.locator(f"#id_{dimension}").fill(str(score))
    whole_page(shot, staff, "forms-audit-zh-hans")
    send(staff)
    staff.wait_for_url(f"**/admin/audit_checks/inspect/{records['check']}/")
    expect(staff.locator(".messages")).to_contain_text("登记履约检查：已保存。")
    expect(_field(staff, "检查日期")).to_have_text("2026年12月1日")
    expect(_field(staff, "检查人")).to_have_text("郑秀英、王立新")
    expect(_field(staff, "已通过")).to_have_text("否")
    expect(main).to_contain_text("企业未按合同约定调整夜班津贴。")
    expect(main.locator("dd").get_by_role("link", name="2026年度履约检查集体合同")).to_be_visible()
    expect(staff.locator("#history-heading").locator("..")).to_contain_text("— → 郑秀英")
    whole_page(shot, staff, "forms-audit-after-zh-hans")

    main.get_by_role("button", name="立案监督").click()
    staff.wait_for_url("**/admin/supervision_cases/inspect/**")
    expect(main).to_contain_text("松江履约检查电子有限公司")
    expect(main).to_contain_text("企业未按合同约定调整夜班津贴。")
    whole_page(shot, staff, "forms-audit-case-zh-hans")


def test_a_clerk_records_the_report_check_with_the_year_reported_on(staff, records, shot):
    """The check of the report to the workers' congress records the report for the year the
    clerk types (the form proposes last year), which the contract's page then lists."""
    main, today = staff.locator("main"), timezone.localdate()
    reported_on = today - dt.timedelta(days=3)
    staff.goto(staff.base + f"/admin/audit_checks/inspect/{records['report_check']}/")
    main.get_by_role("link", name="登记履约检查").click()
    staff.wait_for_url(f"**/admin/audit_checks/record/{records['report_check']}/")
    expect(staff.get_by_label("报告年度")).to_have_value(str(today.year - 1))
    staff.get_by_label("报告年度").fill(str(today.year))
    staff.get_by_label("向职代会报告日期").fill(reported_on.isoformat())
    staff.locator("#id_checker").fill("郑秀英")
    for dimension in ("parties", "procedure", "content", "performance", "effect"):
        staff.locator(f"#id_{dimension}").fill("90")
    whole_page(shot, staff, "forms-report-check-zh-hans")
    send(staff)
    staff.wait_for_url(f"**/admin/audit_checks/inspect/{records['report_check']}/")
    expect(staff.locator(".messages")).to_contain_text("登记履约检查：已保存。")
    expect(main).to_contain_text(
        f"{today.year}年度履约报告，已于{reported_on.isoformat()}向职工代表大会报告。"
    )
    expect(_field(staff, "已通过")).to_have_text("是")
    whole_page(shot, staff, "forms-report-check-after-zh-hans")

    main.get_by_role("link", name="在合同页查看").click()
    staff.wait_for_url(f"**/admin/contracts/inspect/{records['reporting']}/**")
    expect(main).to_contain_text(f"{today.year}年度报告，{reported_on.isoformat()}作出")


def test_a_clerk_opens_a_case_on_an_expired_contract_through_its_confirmation(staff, records, shot):
    main = staff.locator("main")
    staff.goto(staff.base + f"/admin/contracts/inspect/{records['expired']}/")
    main.get_by_role("button", name="立案监督").click()
    dialog = staff.locator("#confirm-case")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("松江期满未续签纺织有限公司")
    expect(dialog).to_contain_text("2023年度纺织集体合同")
    whole_page(shot, staff, "forms-expiry-dialog-zh-hans")
    dialog.get_by_role("button", name="确认立案").click()
    staff.wait_for_url("**/admin/supervision_cases/inspect/**")
    expect(staff.locator(".messages")).to_contain_text("已立案监督。")
    expect(main).to_contain_text("松江期满未续签纺织有限公司")
    expect(main.get_by_role("link", name="2023年度纺织集体合同").first).to_be_visible()
    whole_page(shot, staff, "forms-expiry-case-zh-hans")

    # The contract now leads to its case instead of offering a second one.
    staff.goto(staff.base + f"/admin/contracts/inspect/{records['expired']}/")
    expect(main.get_by_role("button", name="立案监督")).to_have_count(0)


def test_a_clerk_imports_an_enterprise_workbook(staff, shot, tmp_path):
    main = staff.locator("main")
    good = xlsx([enterprise_row(901, name="导入测试甲有限公司"), enterprise_row(902)])
    bad = xlsx([enterprise_row(903), enterprise_row(904, employees="很多")])

    staff.goto(staff.base + "/admin/compliance/imports/")
    main.get_by_role("link", name="企业导入导出").click()
    staff.wait_for_url("**/admin/compliance/imports/enterprises/")
    staff.locator("input[type=file]").set_input_files(
        {"name": "企业台账.xlsx", "mimeType": "application/octet-stream", "buffer": good.read()}
    )
    whole_page(shot, staff, "forms-import-zh-hans")
    main.get_by_role("button", name="上传并导入").click()
    staff.wait_for_url("**/admin/compliance/imports/jobs/*/")
    expect(main.locator("[data-status]")).to_have_attribute("data-status", "done", timeout=20_000)
    expect(main.locator("[data-count=created]")).to_have_text("2")
    expect(main.locator("[data-count=invalid]")).to_have_text("0")
    expect(main).to_contain_text("已导入")
    whole_page(shot, staff, "forms-import-done-zh-hans")

    main.get_by_role("link", name="企业导入导出").click()
    staff.locator("input[type=file]").set_input_files(
        {"name": "有误的台账.xlsx", "mimeType": "application/octet-stream", "buffer": bad.read()}
    )
    main.get_by_role("button", name="上传并导入").click()
    staff.wait_for_url("**/admin/compliance/imports/jobs/*/")
    expect(main.locator("[data-status]")).to_have_attribute("data-status", "failed", timeout=20_000)
    expect(main.locator("[data-count=invalid]")).to_have_text("1")
    expect(main).to_contain_text("未导入")
    expect(main.get_by_role("alert")).to_contain_text("未导入任何数据")
    # What to fix, on the page: the row as Excel numbers it, its column and the bad value.
    problem = main.locator("[data-problems] tbody tr")
    expect(problem).to_have_count(1)
    expect(problem.locator("td")).to_have_text(
        ["3", "F", "职工人数", "很多", re.compile(r"[\u4e00-\u9fff]")]
    )
    whole_page(shot, staff, "forms-import-failed-zh-hans")
    with staff.expect_download() as download:
        main.get_by_role("link", name="下载错误清单工作簿").click()
    rows = list(
        load_workbook(io.BytesIO(download.value.path().read_bytes()))
        .worksheets[0]
        .iter_rows(values_only=True)
    )
    assert rows[1][2] == "职工人数" and rows[1][3] == "很多", rows[:3]

    # The good file's enterprises are in the ledger, the bad file's are not.
    staff.goto(staff.base + f"/admin/enterprises/?q={code(901)}")
    expect(main).to_contain_text("导入测试甲有限公司")
    staff.goto(staff.base + f"/admin/enterprises/?q={code(903)}")
    expect(main).not_to_contain_text(code(903))
