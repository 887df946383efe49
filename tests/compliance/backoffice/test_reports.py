"""Upward reports in the admin: the child's and the parent's pages, who sees what, the
printable workbook, and list pages whose query count does not grow."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from compliance.rules.reports import LINES
from compliance.services import reports as service
from tenants import context
from tenants.models import Federation, ReportEvent, UpwardReport
from tests.conftest import SPEC_A, SPEC_B
from tests.signin import sign_in

BASE = "/admin/compliance/reports/"


def _last_month_end() -> dt.date:
    return timezone.localdate().replace(day=1) - dt.timedelta(days=1)


@pytest.fixture
def required(fed_a, fed_b):
    with context.public():
        service.requirements_set(federation=fed_a, kinds={"monthly": (10, dt.date(2025, 1, 1))})
    return fed_a, fed_b


@pytest.fixture
def child_client(client_b, fed_b):
    sign_in(client_b, SPEC_B.admin_email)
    return client_b


@pytest.fixture
def english(fed_a, fed_b):
    """Both administrators read the admin in English (Wagtail's per-user language)."""
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    for federation, spec in ((fed_a, SPEC_A), (fed_b, SPEC_B)):
        with context.federation_context(federation):
            user = get_user_model().objects.get(username=spec.admin_email)
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = "en"
            profile.save()


def _federation(name, parent, level="county"):
    return Federation.objects.bulk_create(
        [
            Federation(
                schema_name=f"x_{abs(hash(name)) % 10**8}",
                name=name,
                short_name=name[:2],
                level=level,
                region_code="230803",
                parent=parent,
            )
        ]
    )[0]


def _report(federation, end=None, status="draft"):
    end = end or _last_month_end()
    return UpwardReport.objects.create(
        federation=federation,
        kind="monthly",
        period_end=end,
        due_on=end + dt.timedelta(days=10),
        status=status,
    )


def _messages(response) -> str:
    return " ".join(str(m) for m in response.context["messages"])


def test_the_child_opens_fills_and_submits_once(required, child_client, english):
    _a, b = required
    end = _last_month_end()
    index = child_client.get(BASE)
    assert index.status_code == 200
    assert "Prepare the report" in index.content.decode()
    response = child_client.post(f"{BASE}open/monthly/{end.isoformat()}/", follow=True)
    assert response.status_code == 200
    report = UpwardReport.objects.get(federation=b)
    notes = {f"note_{spec.key}": "" for spec in LINES}
    notes["note_coverage"] = "含本月新建工会"
    page = child_client.post(f"{BASE}{report.pk}/", notes, follow=True)
    assert "The notes have been saved." in _messages(page)
    assert "含本月新建工会" in page.content.decode()
    done = child_client.post(f"{BASE}{report.pk}/submit/", follow=True)
    assert "The report has been submitted" in _messages(done)
    assert "Submitted copy no. 1" in done.content.decode()
    again = child_client.post(f"{BASE}{report.pk}/submit/", follow=True)
    assert "already been submitted" in _messages(again)
    assert report.submissions.count() == 1
    assert ReportEvent.objects.filter(report=report, action="submitted").count() == 1


def test_the_parent_returns_with_a_comment_and_accepts(required, admin_client, english):
    _a, b = required
    report = _report(b)
    with context.federation_context(b):
        service.report_submit(report=report, federation=b, actor="乙")
    empty = admin_client.post(f"{BASE}{report.pk}/return/", {"comment": ""})
    assert empty.status_code == 200
    assert "a comment is required" in empty.content.decode()
    report.refresh_from_db()
    assert report.status == "submitted"
    returned = admin_client.post(
        f"{BASE}{report.pk}/return/", {"comment": "续签率请核对"}, follow=True
    )
    assert "returned with your comment" in _messages(returned)
    report.refresh_from_db()
    assert (report.status, report.comment) == ("returned", "续签率请核对")
    refused = admin_client.post(f"{BASE}{report.pk}/accept/", follow=True)
    assert "Only a submitted report can be accepted." in _messages(refused)
    with context.federation_context(b):
        service.report_submit(report=report, federation=b, actor="乙")
    accepted = admin_client.post(f"{BASE}{report.pk}/accept/", follow=True)
    assert "The report has been accepted." in _messages(accepted)
    late_return = admin_client.post(f"{BASE}{report.pk}/return/", {"comment": "再看看"})
    assert "cannot be returned" in late_return.content.decode()
    report.refresh_from_db()
    assert report.status == "accepted"


def test_the_parent_cannot_submit_or_edit_the_childs_report(required, admin_client, english):
    _a, b = required
    report = _report(b)
    response = admin_client.post(f"{BASE}{report.pk}/submit/", follow=True)
    assert "Only the reporting federation" in _messages(response)
    admin_client.post(f"{BASE}{report.pk}/", {"note_coverage": "父改"})
    report.refresh_from_db()
    assert report.status == "draft"
    assert not report.lines.exists()


def test_who_sees_which_report(required, admin_client, child_client):
    a, b = required
    with context.public():
        zone = _federation("高新区总工会", a, level="zone")
        stranger = _federation("别市总工会", None, level="city")
        own_a = _report(a)
        of_b = _report(b)
        of_zone = _report(zone)
        of_stranger = _report(stranger)
    # The parent sees its children's reports, not a stranger's.
    assert admin_client.get(f"{BASE}{of_b.pk}/").status_code == 200
    assert admin_client.get(f"{BASE}{of_zone.pk}/").status_code == 200
    assert admin_client.get(f"{BASE}{of_stranger.pk}/").status_code == 404
    # The child sees its own only: not its parent's, not its sibling's.
    assert child_client.get(f"{BASE}{of_b.pk}/").status_code == 200
    for report in (own_a, of_zone, of_stranger):
        for suffix in ("", "report.xlsx", "return/"):
            assert child_client.get(f"{BASE}{report.pk}/{suffix}").status_code == 404
        assert child_client.post(f"{BASE}{report.pk}/accept/").status_code == 404
        assert child_client.post(f"{BASE}{report.pk}/submit/").status_code == 404
    # Only the direct parent returns.
    assert child_client.get(f"{BASE}{of_b.pk}/return/").status_code == 404


def test_a_user_who_is_not_an_administrator_is_refused(required, client_b, fed_b):
    from django.contrib.auth import get_user_model

    from tests.signin import force_sign_in

    with context.federation_context(fed_b):
        clerk = get_user_model().objects.create_user(username="clerk@b.test", password="x")
        force_sign_in(client_b, clerk)
    response = client_b.get(BASE)
    assert response.status_code == 302


def test_the_workbook_prints_on_a4_fitted_to_width(required, admin_client, english):
    _a, b = required
    report = _report(b)
    with context.federation_context(b):
        service.report_notes_save(report=report, federation=b, notes={"coverage": "=SUM(A1)"})
        service.report_submit(report=report, federation=b, actor="王立新")
    response = admin_client.get(f"{BASE}{report.pk}/report.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert "District B Federation" in sheet["A1"].value
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(values, start=1) if row[0] == "Line")
    assert values[header - 1][:5] == ["Line", "Numerator", "Denominator", "Rate (%)", "Note"]
    labels = [row[0] for row in values]
    assert "Coverage rate (建制率)" in labels
    coverage = values[labels.index("Coverage rate (建制率)")]
    assert coverage[4] == "=SUM(A1)"  # kept as the text typed, never a formula
    assert sheet.cell(row=labels.index("Coverage rate (建制率)") + 1, column=5).data_type == "s"
    assert "Prepared by (signature)" in labels and "Date" in labels
    assert int(sheet.page_setup.paperSize) == 9  # A4
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == f"${header}:${header}"


def test_a_draft_of_a_child_has_no_workbook_for_the_parent(required, admin_client, english):
    _a, b = required
    report = _report(b)
    response = admin_client.get(f"{BASE}{report.pk}/report.xlsx", follow=True)
    assert "not been submitted yet" in _messages(response)


def test_the_parent_sets_what_its_children_owe(fed_a, admin_client, english):
    data = {
        "monthly_required": "on",
        "monthly_due_days": "5",
        "monthly_starts_on": "2026-01-01",
        "quarterly_due_days": "10",
        "yearly_due_days": "10",
    }
    response = admin_client.post(f"{BASE}settings/", data, follow=True)
    assert "have been saved" in _messages(response)
    assert list(fed_a.report_requirements.values_list("kind", "due_days")) == [("monthly", 5)]
    missing = admin_client.post(f"{BASE}settings/", {**data, "monthly_starts_on": ""})
    assert "Say from which period on" in missing.content.decode()


def test_list_pages_do_not_grow_in_queries(required, admin_client, child_client):
    a, b = required

    def count(client, url):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    with context.public():
        _report(b)
    few_index = count(child_client, BASE)
    few_received = count(admin_client, f"{BASE}received/")
    with context.public():
        for n in range(2, 8):
            _report(b, end=(_last_month_end().replace(day=1) - dt.timedelta(days=1) * n * 28))
        for name in ("一区总工会", "二区总工会", "三区总工会"):
            _report(_federation(name, a))
    assert count(child_client, BASE) == few_index
    assert count(admin_client, f"{BASE}received/") == few_received


def test_the_received_table_shows_status_and_late(required, admin_client, english):
    a, b = required
    with context.public():
        _federation("高新区总工会", a, level="zone")
        report = _report(b)
    with context.federation_context(b):
        service.report_submit(report=report, federation=b, actor="乙")
    page = admin_client.get(f"{BASE}received/").content.decode()
    assert "District B Federation" in page and "Submitted" in page
    assert "高新区总工会" in page and "Not opened" in page
