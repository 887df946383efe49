"""Workers' voice from a contract's page in the admin (issue 18 item 8): a clerk opens a survey,
downloads its poster and code sheet, closes it and records an inspection; the rates and the
inspections are shown on the page; a viewer reads them but changes nothing."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from django.core.cache import cache

from compliance.models import RepresentativeInspection, WorkerSurvey
from compliance.services.contracts import contract_register_existing
from compliance.services.worker_surveys import survey_answer_submit, survey_open
from tenants import context
from tests.factories.compliance import enterprise
from tests.factories.users import user_with_permissions
from tests.signin import sign_in


@pytest.fixture(autouse=True)
def _fresh_budget():
    cache.clear()


@pytest.fixture
def contract(fed_a):
    with context.federation_context(fed_a):
        user_with_permissions("clerk@a.test", "view_contract", "change_contract")
        user_with_permissions("viewer@a.test", "view_contract")
        return contract_register_existing(
            data={
                "enterprise": enterprise(name="甲企业有限公司"),
                "title": "甲企业集体合同",
                "starts_on": dt.date(2025, 1, 1),
                "ends_on": dt.date(2030, 12, 31),
                "as_of": dt.date(2026, 3, 1),
            }
        )[0]


def _text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


def test_a_clerk_opens_prints_and_closes_a_survey(client_a, fed_a, contract):
    sign_in(client_a, "clerk@a.test")
    page = client_a.get(f"/admin/contracts/inspect/{contract.pk}/").content.decode()
    assert f"/admin/worker-voice/open/{contract.pk}/" in page
    response = client_a.post(f"/admin/worker-voice/open/{contract.pk}/", {"mode": "shared"})
    assert response.status_code == 302
    with context.federation_context(fed_a):
        survey = WorkerSurvey.objects.get()
        assert survey.history.get().history_user.username == "clerk@a.test"
    poster = client_a.get(f"/admin/worker-voice/poster/{survey.pk}/")
    text = _text(poster.content)
    assert survey.shared_code in text and f"http://a.test/survey/{survey.token}/" in text
    # A shared-code survey prints no code sheet.
    refused = client_a.post(f"/admin/worker-voice/codes/{survey.pk}/", {"count": "5"})
    assert refused.status_code == 200 and "application/pdf" not in refused["Content-Type"]
    closed = client_a.post(f"/admin/worker-voice/close/{survey.pk}/", {"reason": "测评结束"})
    assert closed.status_code == 302
    with context.federation_context(fed_a):
        survey.refresh_from_db()
        assert survey.status == "closed"


def test_the_code_sheet_holds_the_codes_issued(client_a, fed_a, contract):
    with context.federation_context(fed_a):
        survey = survey_open(contract_id=contract.pk, mode="codes", user=None,
                             today=dt.date(2026, 3, 2))  # fmt: skip
    sign_in(client_a, "clerk@a.test")
    sheet = client_a.post(f"/admin/worker-voice/codes/{survey.pk}/", {"count": "25"})
    assert sheet["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(sheet.content))
    assert len(reader.pages) == 2  # 24 slips a page
    with context.federation_context(fed_a):
        survey.refresh_from_db()
        assert survey.codes_issued == 25


def test_the_rates_and_inspections_show_on_the_contract_page(client_a, fed_a, contract):
    with context.federation_context(fed_a):
        survey = survey_open(contract_id=contract.pk, mode="shared", user=None,
                             today=dt.date(2026, 3, 2))  # fmt: skip
        for knows in (True, True, True, False):
            survey_answer_submit(token=survey.token, code=survey.shared_code,
                                 knows_contract=knows, topics=set(), bargaining="satisfied",
                                 result="satisfied", today=dt.date(2026, 3, 2))  # fmt: skip
    sign_in(client_a, "clerk@a.test")
    response = client_a.post(
        f"/admin/worker-voice/inspection/{contract.pk}/",
        {
            "inspected_on": "2026-03-10",
            "representatives": "王芳、李强",
            "subject": "工资支付",
            "findings": "按时足额发放。",
        },
    )
    assert response.status_code == 302
    page = client_a.get(f"/admin/contracts/inspect/{contract.pk}/").content.decode()
    assert "75.0%" in page and "100.0%" in page
    assert "按时足额发放" in page
    with context.federation_context(fed_a):
        assert RepresentativeInspection.objects.get().history.get().history_user


def test_a_viewer_reads_but_changes_nothing(client_a, fed_a, contract):
    sign_in(client_a, "viewer@a.test")
    page = client_a.get(f"/admin/contracts/inspect/{contract.pk}/").content.decode()
    assert "/admin/worker-voice/open/" not in page
    # Wagtail answers a refusal with a redirect to the dashboard and a message.
    for url in (
        f"/admin/worker-voice/open/{contract.pk}/",
        f"/admin/worker-voice/inspection/{contract.pk}/",
    ):
        refused = client_a.post(url, {"mode": "codes"})
        assert refused.status_code in (302, 403) and refused.get("Location", "/admin/") == "/admin/"
    with context.federation_context(fed_a):
        assert not WorkerSurvey.objects.exists()
