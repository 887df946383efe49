"""Import and export in the admin: downloads, uploads run as jobs, files kept per federation."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from compliance.backoffice.imports import views as import_views
from compliance.excel.safety import Limits
from compliance.models import Enterprise, ImportJob
from tenants import context
from tests.compliance.excel.helpers import enterprise_row, xlsx
from tests.conftest import PASSWORD, SPEC_A, SPEC_B
from tests.factories import compliance as f
from tests.signin import force_sign_in, sign_in

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def admin_b(client_b, fed_b):
    sign_in(client_b, SPEC_B.admin_email)
    return client_b


def _upload(client, rows, kind="enterprises", name="台账.xlsx"):
    data = xlsx(rows).getvalue()
    return client.post(
        f"/admin/compliance/imports/{kind}/", {"file": SimpleUploadedFile(name, data)}
    )


def _workbook(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.parametrize(
    "url",
    [
        "/admin/compliance/imports/",
        "/admin/compliance/imports/enterprises/",
        "/admin/compliance/imports/contracts/",
    ],
)
def test_pages_render(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_the_menu_offers_import_and_export(admin_client):
    assert '"url": "/admin/compliance/imports/"' in admin_client.get("/admin/").content.decode()


def test_unknown_kind_is_not_found(admin_client):
    assert admin_client.get("/admin/compliance/imports/users/").status_code == 404


def test_template_download_has_the_headers_and_dropdowns(admin_client):
    response = admin_client.get("/admin/compliance/imports/enterprises/template.xlsx")
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    assert "attachment" in response["Content-Disposition"]
    workbook = _workbook(response)
    assert workbook.worksheets[0]["A1"].value == "统一社会信用代码"
    assert workbook.worksheets[0].data_validations.dataValidation


def test_export_download_holds_the_ledger(admin_client, fed_a):
    with context.federation_context(fed_a):
        enterprise = f.enterprise()
    response = admin_client.get("/admin/compliance/imports/enterprises/export.xlsx")
    rows = list(_workbook(response).worksheets[0].iter_rows(values_only=True))
    assert rows[1][:2] == (enterprise.credit_code, enterprise.name)


def test_upload_runs_the_job_and_shows_the_counts(
    admin_client, fed_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(admin_client, [enterprise_row(1), enterprise_row(2)])
    assert response.status_code == 302
    page = admin_client.get(response["Location"])
    body = page.content.decode()
    assert 'data-status="done"' in body and 'data-count="created">2<' in body
    assert 'http-equiv="refresh"' not in body
    with context.federation_context(fed_a):
        job = ImportJob.objects.get()
        assert job.user.username == SPEC_A.admin_email
        assert Enterprise.history.filter(history_user=job.user).count() == 2
        reasons = set(Enterprise.history.values_list("history_change_reason", flat=True))
        assert len(reasons) == 1 and "台账.xlsx" in reasons.pop()


def test_a_queued_job_page_refreshes_itself(admin_client, fed_a):
    response = _upload(admin_client, [enterprise_row(1)])  # on_commit never runs: still queued
    body = admin_client.get(response["Location"]).content.decode()
    assert 'data-status="queued"' in body
    assert '<meta http-equiv="refresh" content="2">' in body


def test_invalid_rows_give_an_error_workbook_that_only_this_federation_can_download(
    admin_client, admin_b, fed_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(admin_client, [enterprise_row(1), enterprise_row(2, employees="x")])
    with context.federation_context(fed_a):
        job = ImportJob.objects.get()
        assert Enterprise.objects.count() == 0
    body = admin_client.get(response["Location"]).content.decode()
    assert 'data-status="failed"' in body and 'data-count="invalid">1<' in body
    url = f"/admin/compliance/imports/jobs/{job.pk}/errors.xlsx"
    assert url in body
    download = admin_client.get(url)
    assert download.status_code == 200
    rows = list(_workbook(download).worksheets[0].iter_rows(values_only=True))
    assert rows[1][:4] == (3, "F", "职工人数", "x")
    assert admin_b.get(url).status_code == 404
    assert admin_b.get(f"/admin/compliance/imports/jobs/{job.pk}/").status_code == 404


def test_a_hostile_upload_fails_the_job_with_a_message_not_a_500(
    admin_client, django_capture_on_commit_callbacks
):
    junk = SimpleUploadedFile("台账.xlsx", b"PK\x03\x04" + b"\x00" * 5000)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/admin/compliance/imports/enterprises/", {"file": junk})
    body = admin_client.get(response["Location"]).content.decode()
    assert 'data-status="failed"' in body and 'role="alert"' in body


def test_a_file_that_is_not_xlsx_is_refused_on_upload(admin_client, fed_a):
    response = admin_client.post(
        "/admin/compliance/imports/enterprises/",
        {"file": SimpleUploadedFile("ledger.csv", b"a,b\n1,2\n")},
    )
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    with context.federation_context(fed_a):
        assert not ImportJob.objects.exists()


def test_an_upload_larger_than_the_limit_is_refused_before_it_is_read(
    admin_client, fed_a, monkeypatch
):
    monkeypatch.setattr(import_views, "LIMITS", Limits(max_bytes=1024))
    response = _upload(admin_client, [enterprise_row(n) for n in range(1, 2000)])
    assert response.status_code == 413 and 'role="alert"' in response.content.decode()
    with context.federation_context(fed_a):
        assert not ImportJob.objects.exists()


def test_users_without_the_permission_are_refused(client_a, fed_a):
    with context.federation_context(fed_a):
        user = get_user_model().objects.create_user(username="editor@a.test", password=PASSWORD)
        user.groups.add(Group.objects.get(name="编辑"))
    sign_in(client_a, "editor@a.test")
    for url in (
        "/admin/compliance/imports/",
        "/admin/compliance/imports/enterprises/",
        "/admin/compliance/imports/contracts/template.xlsx",
        "/admin/compliance/imports/enterprises/export.xlsx",
    ):
        response = client_a.get(url)  # Wagtail turns PermissionDenied into a redirect home
        assert response.status_code in (302, 403) and "xlsx" not in response["Content-Type"], url
    assert '"url": "/admin/compliance/imports/"' not in client_a.get("/admin/").content.decode()


def test_uploads_still_need_the_csrf_token(fed_a):
    from django.test import Client

    client = Client(HTTP_HOST=SPEC_A.domain, enforce_csrf_checks=True)
    with context.federation_context(fed_a):
        force_sign_in(client, get_user_model().objects.get(username=SPEC_A.admin_email))
    assert client.get("/admin/compliance/imports/enterprises/").status_code == 200
    response = _upload(client, [enterprise_row(1)])
    assert response.status_code == 403
    with context.federation_context(fed_a):
        assert not ImportJob.objects.exists()


def test_the_page_of_a_failed_import_lists_what_to_fix(
    admin_client, fed_a, django_capture_on_commit_callbacks
):
    """Regression (found in Chromium): a failed import said only how many rows had problems;
    which row, which column and what to fix were in a workbook to download."""
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(admin_client, [enterprise_row(1), enterprise_row(2, employees="很多")])
    body = admin_client.get(response["Location"]).content.decode()
    assert "<th>修改要求</th>" in body and "以下列出前1个问题" in body
    assert "<td>3</td><td>F</td><td>职工人数</td><td>很多</td>" in body
