"""Issue 16 item 5 in Chromium: an upward report (上报) travels up and back. The parent (city,
English) sets the monthly reports its children owe; the child (district, Chinese) prepares last
month's, writes a note, submits it after confirming; the parent returns it with a comment; the
child reads the comment and submits again; the parent accepts it. Each page is read after each
action. Screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tenants import context
from tests.browser.conftest import BROWSER, VIEWS, administrator, send, sign_in, whole_page
from tests.conftest import PASSWORD

pytestmark = [*BROWSER, pytest.mark.usefixtures("people")]

PARENT = "parent-reports@pa.test"
CHILD = "child-reports@pb.test"


@pytest.fixture(scope="module")
def people(browser_sites, django_db_blocker):
    """An English administrator of the city (fed_pa), a Chinese one of its district (fed_pb)."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    with django_db_blocker.unblock():
        with context.federation_context("fed_pa"):
            parent = administrator(PARENT, last_name="Reviewer", first_name="Ann")
            profile = UserProfile.get_for_user(get_user_model().objects.get(username=PARENT))
            profile.preferred_language = "en"
            profile.save()
        with context.federation_context("fed_pb"):
            child = administrator(CHILD, last_name="王", first_name="填报")
    return {"parent": parent, "child": child}


@pytest.fixture(scope="module")
def tabs(people, live_tenant_server, chromium):
    """One signed-in tab per person (a six-digit code is accepted once per 30-second step)."""
    out = {}
    for who, host, email, language in (
        ("parent", "pa.test", PARENT, "en"),
        ("child", "pb.test", CHILD, "zh-hans"),
    ):
        browser_context = chromium.new_context(
            viewport={"width": VIEWS[language], "height": 900},
            locale="zh-CN" if language == "zh-hans" else "en-GB",
        )
        tab = browser_context.new_page()
        tab.base = f"http://{host}:{live_tenant_server}"
        sign_in(tab, username=email, password=PASSWORD, device=people[who])
        out[who] = tab
    yield out
    for tab in out.values():
        tab.context.close()


def test_a_report_goes_up_is_returned_resubmitted_and_accepted(tabs, shot):
    parent, child = tabs["parent"], tabs["child"]
    last_month = timezone.localdate().replace(day=1) - dt.timedelta(days=1)
    period = f"{last_month.year}-{last_month.month:02d}"

    # The parent requires monthly reports from January on (a date field, the browser's picker).
    parent.goto(parent.base + "/admin/compliance/reports/settings/")
    parent.locator("#id_monthly_required").check()
    parent.locator("#id_monthly_due_days").fill("10")
    parent.locator("#id_monthly_starts_on").fill(f"{last_month.year}-01-01")
    whole_page(shot, parent, "reports-settings-en")
    send(parent)
    parent.wait_for_url("**/admin/compliance/reports/received/")
    expect(parent.locator(".messages")).to_contain_text("have been saved")
    main = parent.locator("main")
    expect(main).to_contain_text("Browser District Federation of Trade Unions")
    expect(main).to_contain_text("Not opened")

    # The child prepares last month's report, writes a note and submits it, confirmed.
    child.goto(child.base + "/admin/compliance/reports/")
    cmain = child.locator("main")
    row = cmain.locator("tbody tr").first  # newest period first
    expect(row.locator("td").first).to_have_text(period)
    expect(row).to_contain_text("月报")
    expect(cmain.locator("tbody tr").nth(1)).to_contain_text("逾期")  # the month before: late
    whole_page(shot, child, "reports-owed-zh")
    row.get_by_role("button", name="填报").click()
    child.wait_for_url("**/admin/compliance/reports/*/")
    report_url = child.url
    expect(cmain).to_contain_text("建制率")
    expect(cmain.locator("thead").first).to_contain_text("比率（%）")
    child.locator("#id_note_coverage").fill("本月新建工会三家")
    send(child)
    expect(child.locator(".messages")).to_contain_text("说明已保存")
    expect(child.locator("#id_note_coverage")).to_have_value("本月新建工会三家")
    cmain.get_by_role("button", name="上报报表").click()
    dialog = child.locator("#submit-report")
    expect(dialog).to_be_visible()
    whole_page(shot, child, "reports-submit-dialog-zh")
    dialog.get_by_role("button", name="上报", exact=True).click()
    child.wait_for_load_state()
    expect(child.locator(".messages")).to_contain_text("报表已上报上级总工会")
    expect(child.locator("#report-status")).to_have_text("已上报")
    expect(cmain).to_contain_text("已锁定")
    expect(cmain).to_contain_text("本月新建工会三家")
    whole_page(shot, child, "reports-submitted-zh")

    # The parent returns it with a comment (refused without one).
    parent.goto(parent.base + "/admin/compliance/reports/received/")
    main.get_by_role("link", name="Browser District Federation of Trade Unions").click()
    parent.wait_for_url("**/admin/compliance/reports/*/")
    expect(main).to_contain_text("本月新建工会三家")
    main.get_by_role("link", name="Return with a comment").click()
    parent.wait_for_url("**/return/")
    send(parent)
    expect(main).to_contain_text("a comment is required")
    parent.locator("#id_comment").fill("Please check the renewal rate.")
    whole_page(shot, parent, "reports-return-en")
    send(parent)
    expect(parent.locator(".messages")).to_contain_text("returned with your comment")
    expect(parent.locator("#report-status")).to_have_text("Returned")

    # The child reads the comment and submits again.
    child.goto(report_url)
    expect(child.locator("#report-status")).to_have_text("已退回")
    expect(child.locator("#report-comment")).to_contain_text("Please check the renewal rate.")
    child.locator("#id_note_renewal").fill("续签率已核对")
    send(child)
    expect(child.locator(".messages")).to_contain_text("说明已保存")
    cmain.get_by_role("button", name="上报报表").click()
    child.locator("#submit-report").get_by_role("button", name="上报", exact=True).click()
    child.wait_for_load_state()
    expect(child.locator("#report-status")).to_have_text("已上报")
    expect(cmain).to_contain_text("第 2 次上报件")

    # The parent accepts it, confirmed; the table shows it accepted.
    parent.goto(report_url.replace(child.base, parent.base))
    expect(main).to_contain_text("续签率已核对")
    main.get_by_role("button", name="Accept the report").click()
    dialog = parent.locator("#accept-report")
    expect(dialog).to_be_visible()
    dialog.get_by_role("button", name="Accept", exact=True).click()
    parent.wait_for_load_state()
    expect(parent.locator(".messages")).to_contain_text("The report has been accepted.")
    expect(parent.locator("#report-status")).to_have_text("Accepted")
    expect(main).to_contain_text("Accepted")  # the history
    whole_page(shot, parent, "reports-accepted-en")
    parent.goto(parent.base + "/admin/compliance/reports/received/")
    expect(main.locator("tbody tr").filter(has_text="Browser District")).to_contain_text("Accepted")
    whole_page(shot, parent, "reports-received-en")
