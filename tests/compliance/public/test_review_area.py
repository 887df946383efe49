"""The review area (/review/, issue 17 item 6): the two-step sign-in shared with the enterprise
area, a reviewer sees only the rounds submitted to their department, and nobody else gets in."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django_otp.oath import totp

from compliance.models import BargainingRound, RoundDocument
from tenants import context
from tests.conftest import PASSWORD, SPEC_A
from tests.factories.compliance import round_at
from tests.factories.department_review import (
    department,
    invite_reviewer,
    reviewer,
    submitted_round,
)
from tests.factories.enterprise_accounts import enterprise_user
from tests.signin import force_sign_in, sign_in


def _code(device) -> str:
    return f"{totp(device.bin_key, step=device.step):06d}"


@pytest.fixture
def two(fed_a):
    """Two departments of federation A, each with a reviewer; one round submitted to the first
    (with its contract text), one never submitted."""
    with context.federation_context(fed_a):
        x, y = department("甲区人力资源和社会保障局"), department("乙区人力资源和社会保障局")
        reviewer_x, device_x = reviewer(x)
        reviewer_y, _device_y = reviewer(y)
        submitted = submitted_round(x)
        document = RoundDocument(round=submitted, kind="contract_text")
        document.file.save("contract-x.pdf", ContentFile(b"%PDF-1.4 text"), save=False)
        document.save()
        unsubmitted = round_at("federation_approved")
        officer, _device = enterprise_user(submitted.enterprise)
    return {
        "x": (x, reviewer_x, device_x),
        "y": (y, reviewer_y),
        "round": submitted,
        "document": document,
        "unsubmitted": unsubmitted,
        "officer": officer,
    }


def _signed_in(client, fed, user):
    with context.federation_context(fed):
        force_sign_in(client, user)
    return client


def test_signing_in_takes_the_password_then_the_code(client_a, fed_a, two):
    _x, account, device = two["x"]
    response = client_a.post(
        "/review/sign-in/", {"username": account.user.username, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/review/sign-in/code/"
    assert client_a.get("/review/")["Location"] == "/review/sign-in/"
    response = client_a.post("/review/sign-in/code/", {"code": _code(device)})
    assert response.status_code == 302 and response["Location"] == "/review/"
    body = client_a.get("/review/").content.decode()
    assert "甲区人力资源和社会保障局" in body and two["round"].enterprise.name in body
    assert two["unsubmitted"].enterprise.name not in body


def test_an_enterprise_user_is_not_a_reviewer_and_the_reverse(client_a, fed_a, two):
    response = client_a.post(
        "/review/sign-in/", {"username": two["officer"].username, "password": PASSWORD}
    )
    assert response.status_code == 400
    _signed_in(client_a, fed_a, two["officer"])
    assert client_a.get("/review/").status_code == 403
    _signed_in(client_a, fed_a, two["x"][1].user)
    assert client_a.get("/enterprise/").status_code == 403


def test_a_reviewer_sees_only_the_rounds_submitted_to_their_department(client_a, fed_a, two):
    round_, document = two["round"], two["document"]
    _signed_in(client_a, fed_a, two["y"][1].user)
    assert round_.enterprise.name not in client_a.get("/review/").content.decode()
    for url in (
        f"/review/rounds/{round_.pk}/",
        f"/review/rounds/{round_.pk}/documents/{document.pk}/",
        f"/review/rounds/{two['unsubmitted'].pk}/",
    ):
        assert client_a.get(url).status_code == 404, url
    response = client_a.post(f"/review/rounds/{round_.pk}/approve/", {"approved_on": "2026-04-20"})
    assert response.status_code == 404
    _signed_in(client_a, fed_a, two["x"][1].user)
    page = client_a.get(f"/review/rounds/{round_.pk}/")
    assert page.status_code == 200 and "2026年度集体合同" in page.content.decode()
    download = client_a.get(f"/review/rounds/{round_.pk}/documents/{document.pk}/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert client_a.get(f"/review/rounds/{two['unsubmitted'].pk}/").status_code == 404
    with context.federation_context(fed_a):
        assert BargainingRound.objects.get(pk=round_.pk).status == "submitted"


def test_a_refused_action_says_why_in_the_page(client_a, fed_a, two):
    round_ = two["round"]
    _signed_in(client_a, fed_a, two["x"][1].user)
    response = client_a.post(f"/review/rounds/{round_.pk}/receipt/", {"received_on": "2026-04-01"})
    assert response.status_code == 400
    assert "submission" in response.content.decode() or "送审" in response.content.decode()
    response = client_a.post(f"/review/rounds/{round_.pk}/receipt/", {"received_on": "2026-04-16"})
    assert response.status_code == 302
    with context.federation_context(fed_a):
        assert BargainingRound.objects.get(pk=round_.pk).received_date == dt.date(2026, 4, 16)


def test_staff_are_refused_and_the_admin_login_refuses_a_reviewer(client_a, fed_a, two):
    sign_in(client_a, SPEC_A.admin_email)
    assert client_a.get("/review/").status_code == 403
    client_a.post("/admin/logout/")
    other = type(client_a)(HTTP_HOST=SPEC_A.domain)
    account = two["x"][1]
    response = other.post(
        "/admin/login/", {"username": account.user.username, "password": PASSWORD}
    )
    assert response.status_code == 200 and "/review/" in response.content.decode()
    assert "_auth_user_id" not in other.session


def test_an_invitation_leads_to_the_authenticator_step(client_a, fed_a):
    """Regression: the review area's enrolment page had no template (a 500 after accepting)."""
    with context.federation_context(fed_a):
        dept = department("丙区人力资源和社会保障局")
        _invitation, token = invite_reviewer(dept, email="new-reviewer@hrss.test")
    page = client_a.get(f"/review/invitation/{token}/")
    assert page.status_code == 200 and "丙区人力资源和社会保障局" in page.content.decode()
    response = client_a.post(
        f"/review/invitation/{token}/",
        {
            "family_name": "钱",
            "given_name": "审查",
            "password": PASSWORD,
            "password_again": PASSWORD,
        },
    )
    assert response.status_code == 302 and response["Location"] == "/review/sign-in/second-factor/"
    enrol = client_a.get("/review/sign-in/second-factor/")
    assert enrol.status_code == 200 and "<svg" in enrol.content.decode()
    assert "/review/sign-out/" not in enrol.content.decode()  # not signed in yet
    assert client_a.get("/review/invitation/" + token + "/").status_code == 404


def test_the_list_costs_the_same_queries_for_more_rounds(client_a, fed_a, two):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    x, account, _device = two["x"]
    _signed_in(client_a, fed_a, account.user)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client_a.get("/review/").status_code == 200
        return len(captured)

    few = queries()
    with context.federation_context(fed_a):
        for _n in range(3):
            submitted_round(x)
    listing = client_a.get("/review/").content.decode().split('id="notifications-heading"')[0]
    assert listing.count("/review/rounds/") == 4
    assert queries() == few
