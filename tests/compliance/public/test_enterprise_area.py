"""The enterprise area through HTTP: sign-in with both factors and the lockout, the invitation
link, scoping to the user's own enterprise, and no way into the back office (issue 17)."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django_otp.oath import totp
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from compliance.models import EnterpriseAccount, LedgerCorrection
from compliance.services.corrections import correction_request
from tenants import context
from tests.conftest import PASSWORD, SPEC_A
from tests.factories.compliance import enterprise
from tests.factories.enterprise_accounts import enterprise_user, invite, profile_set
from tests.signin import force_sign_in, sign_in


def _code(device) -> str:
    return f"{totp(device.bin_key, step=device.step):06d}"


@pytest.fixture
def two(fed_a):
    """Two enterprises of federation A, each with a union officer and a request of its own."""
    with context.federation_context(fed_a):
        ent_a, ent_b = enterprise(name="甲企业有限公司"), enterprise(name="乙企业有限公司")
        user_a, device_a = enterprise_user(ent_a)
        user_b, device_b = enterprise_user(ent_b)
        req_a = correction_request(user=user_a, changes={"employees": 151}, note="甲的请求")
        req_b = correction_request(user=user_b, changes={"employees": 152}, note="乙的请求")
    return {
        "a": (ent_a, user_a, device_a, req_a),
        "b": (ent_b, user_b, device_b, req_b),
    }


def _signed_in(client, fed, user):
    with context.federation_context(fed):
        force_sign_in(client, user)
    return client


def test_signing_in_takes_the_password_then_the_code(client_a, fed_a, two):
    _ent, user, device, _req = two["a"]
    response = client_a.post(
        "/enterprise/sign-in/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302 and response["Location"] == "/enterprise/sign-in/code/"
    # The password alone reaches nothing of the area.
    assert client_a.get("/enterprise/")["Location"] == "/enterprise/sign-in/"
    response = client_a.post("/enterprise/sign-in/code/", {"code": _code(device)})
    assert response.status_code == 302 and response["Location"] == "/enterprise/"
    home = client_a.get("/enterprise/")
    assert home.status_code == 200
    body = home.content.decode()
    assert "甲企业有限公司" in body and "乙企业有限公司" not in body
    assert "甲的请求" not in body  # the home page lists requests, not notes
    assert home["Referrer-Policy"] == "same-origin"
    client_a.post("/enterprise/sign-out/")
    assert client_a.get("/enterprise/").status_code == 302


def test_a_demo_sign_in_skips_the_code_only_under_the_demo_settings(client_a, fed_a, two):
    from django.test import override_settings

    _ent, user, _device, _req = two["a"]
    form = {"username": user.username, "password": PASSWORD}
    with override_settings(SECOND_FACTOR_EXEMPT=[user.username]):  # not the demo settings
        response = client_a.post("/enterprise/sign-in/", form)
        assert response["Location"] == "/enterprise/sign-in/code/"
    demo = {"SECOND_FACTOR_EXEMPT": [user.username], "SETTINGS_MODULE": "portal.settings.demo"}
    with override_settings(**demo):
        response = client_a.post("/enterprise/sign-in/", form)
        assert response["Location"] == "/enterprise/"
        assert "甲企业有限公司" in client_a.get("/enterprise/").content.decode()


def test_wrong_codes_lock_the_sign_in(client_a, fed_a, two):
    _ent, user, _device, _req = two["a"]
    client_a.post("/enterprise/sign-in/", {"username": user.username, "password": PASSWORD})
    for _attempt in range(4):
        response = client_a.post("/enterprise/sign-in/code/", {"code": "000000"})
        assert response.status_code == 400
    response = client_a.post("/enterprise/sign-in/code/", {"code": "000000"})
    assert response.status_code == 302 and response["Location"] == "/enterprise/sign-in/"
    # Locked: even the right password is refused, with the lockout's words.
    response = client_a.post(
        "/enterprise/sign-in/", {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 400
    assert "15" in response.content.decode()


def test_a_staff_account_is_not_an_enterprise_account(client_a, fed_a, two):
    response = client_a.post(
        "/enterprise/sign-in/", {"username": SPEC_A.admin_email, "password": PASSWORD}
    )
    assert response.status_code == 400
    sign_in(client_a, SPEC_A.admin_email)
    assert client_a.get("/enterprise/").status_code == 403
    assert client_a.get(f"/enterprise/corrections/{two['a'][3].pk}/").status_code == 403


def test_an_enterprise_user_never_reaches_the_back_office(client_a, fed_a, two):
    ent, user, _device, req = two["a"]
    _signed_in(client_a, fed_a, user)
    for url in (
        "/admin/",
        "/admin/enterprises/",
        f"/admin/enterprises/inspect/{ent.pk}/",
        "/admin/enterprises/corrections/",
        f"/admin/enterprises/corrections/{req.pk}/",
        "/admin/bargaining_rounds/",
        "/admin/pages/",
    ):
        response = client_a.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"].startswith("/admin/login/"), url
    response = client_a.post(f"/admin/enterprises/invite/{ent.pk}/", {"email": "x@y.test"})
    assert response.status_code in (302, 403)
    response = client_a.post(f"/admin/enterprises/corrections/{req.pk}/", {"action": "accept"})
    assert response.status_code in (302, 403)
    with context.federation_context(fed_a):
        req.refresh_from_db()
        assert req.status == "pending"


def test_an_enterprise_sees_only_its_own_requests(client_a, fed_a, two):
    _ent, user, _device, own = two["a"]
    other = two["b"][3]
    _signed_in(client_a, fed_a, user)
    assert client_a.get(f"/enterprise/corrections/{own.pk}/").status_code == 200
    response = client_a.get(f"/enterprise/corrections/{other.pk}/")
    assert response.status_code == 404
    assert "乙的请求" not in response.content.decode()


def test_asking_for_a_correction(client_a, fed_a, two):
    ent, user, _device, _req = two["a"]
    _signed_in(client_a, fed_a, user)
    form = client_a.get("/enterprise/corrections/new/").content.decode()
    assert 'value="150"' in form
    bad = client_a.post(
        "/enterprise/corrections/new/",
        {"employees": 100, "union_members": 120, "union_established": "on", "note": "x"},
    )
    assert bad.status_code == 400
    response = client_a.post(
        "/enterprise/corrections/new/",
        {"employees": 160, "union_members": 125, "union_established": "on", "note": "新花名册"},
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        created = LedgerCorrection.objects.filter(enterprise=ent).first()
        assert created.changes == {"employees": 160, "union_members": 125}
        assert created.requested_by == user
    assert response["Location"] == f"/enterprise/corrections/{created.pk}/"


def test_the_invitation_link_opens_the_account_and_enrols_an_authenticator(client_a, fed_a):
    with context.federation_context(fed_a):
        ent = enterprise(name="丙企业有限公司")
        _invitation, token = invite(ent, side="employer", email="hr@bing.test")
    page = client_a.get(f"/enterprise/invitation/{token}/")
    assert page.status_code == 200 and "丙企业有限公司" in page.content.decode()
    weak = client_a.post(
        f"/enterprise/invitation/{token}/",
        {"family_name": "赵", "given_name": "敏", "password": "short", "password_again": "short"},
    )
    assert weak.status_code == 400
    response = client_a.post(
        f"/enterprise/invitation/{token}/",
        {
            "family_name": "赵",
            "given_name": "敏",
            "password": PASSWORD,
            "password_again": PASSWORD,
        },
    )
    assert response["Location"] == "/enterprise/sign-in/second-factor/"
    enrol = client_a.get("/enterprise/sign-in/second-factor/")
    assert enrol.status_code == 200 and "<svg" in enrol.content.decode()
    assert "?method=email" not in enrol.content.decode()  # not allowed by default
    with context.federation_context(fed_a):
        device = TOTPDevice.objects.get(user__username="hr@bing.test", confirmed=False)
    assert (
        client_a.post("/enterprise/sign-in/second-factor/", {"code": "000000"}).status_code == 400
    )
    response = client_a.post("/enterprise/sign-in/second-factor/", {"code": _code(device)})
    assert response["Location"] == "/enterprise/"
    assert "丙企业有限公司" in client_a.get("/enterprise/").content.decode()
    with context.federation_context(fed_a):
        account = EnterpriseAccount.objects.get(user__username="hr@bing.test")
        assert (account.enterprise, account.side) == (ent, "employer")
        assert TOTPDevice.objects.get(user=account.user).confirmed
    # Used: the link says so, and does not open another account.
    again = client_a.get(f"/enterprise/invitation/{token}/")
    assert again.status_code == 404 and "失效" in again.content.decode()


def test_codes_by_email_where_the_federation_allows_them(client_a, fed_a):
    with context.federation_context(fed_a):
        profile_set("enterprise_email_code", "1", "flag")
        _invitation, token = invite(enterprise(), email="union@ding.test")
    mail.outbox.clear()
    client_a.post(
        f"/enterprise/invitation/{token}/",
        {"family_name": "钱", "given_name": "多", "password": PASSWORD, "password_again": PASSWORD},
    )
    assert "?method=email" in client_a.get("/enterprise/sign-in/second-factor/").content.decode()
    page = client_a.get("/enterprise/sign-in/second-factor/?method=email")
    assert page.status_code == 200
    (message,) = mail.outbox
    assert message.to == ["union@ding.test"]
    code = re.search(r"\b(\d{6})\b", message.body).group(1)
    response = client_a.post(
        "/enterprise/sign-in/second-factor/", {"method": "email", "code": code}
    )
    assert response["Location"] == "/enterprise/"
    with context.federation_context(fed_a):
        assert EmailDevice.objects.get(user__username="union@ding.test").confirmed
        assert not TOTPDevice.objects.filter(user__username="union@ding.test").exists()


def test_codes_by_email_are_not_offered_where_not_allowed(client_a, fed_a):
    with context.federation_context(fed_a):
        _invitation, token = invite(enterprise(), email="union@wu.test")
    client_a.post(
        f"/enterprise/invitation/{token}/",
        {"family_name": "吴", "given_name": "一", "password": PASSWORD, "password_again": PASSWORD},
    )
    mail.outbox.clear()
    page = client_a.get("/enterprise/sign-in/second-factor/?method=email")
    assert "<svg" in page.content.decode() and not mail.outbox
    with context.federation_context(fed_a):
        assert not EmailDevice.objects.exists()


def test_an_unknown_invitation_link_is_a_clear_404(client_a, fed_a):
    response = client_a.get("/enterprise/invitation/not-a-token/")
    assert response.status_code == 404 and "失效" in response.content.decode()


def test_the_home_page_costs_the_same_queries_for_more_notifications(client_a, fed_a, two):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from compliance.services.notifications import notification_send

    _ent, user, _device, _req = two["a"]
    _signed_in(client_a, fed_a, user)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client_a.get("/enterprise/").status_code == 200
        return len(captured)

    with context.federation_context(fed_a):
        notification_send(users=[user], text="第一条", link="/enterprise/")
    few = queries()
    with context.federation_context(fed_a):
        for n in range(5):
            notification_send(users=[user], text=f"第{n}条", link="/enterprise/")
            correction_request(user=user, changes={"employees": 160 + n}, note="再次更正")
    assert queries() == few


def test_the_admins_login_refuses_an_enterprise_account(client_a, fed_a, two):
    _ent, user, _device, _req = two["a"]
    response = client_a.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 200
    assert "/enterprise/" in response.content.decode()
    assert client_a.get("/admin/second-factor/verify/").status_code == 302
    assert "_auth_user_id" not in client_a.session
