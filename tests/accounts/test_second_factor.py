"""The second factor: enrolment, the sign-in code, and that nothing in the back office opens
with the password alone (issue 7 item 1)."""

import base64
import re

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.models import ModelLogEntry

from accounts import second_factor
from accounts.models import SignInFailure
from tenants import context
from tests.accounts.conftest import code_for, login, make_device, make_user
from tests.conftest import PASSWORD, SPEC_A
from tests.signin import sign_in

ENROL = "/admin/second-factor/enrol/"
VERIFY = "/admin/second-factor/verify/"


def _pending(fed, username) -> TOTPDevice:
    with context.federation_context(fed):
        return TOTPDevice.objects.get(user__username=username, confirmed=False)


def test_enrolment_with_a_real_code_opens_the_admin(client_a, fed_a):
    assert login(client_a, SPEC_A.admin_email).status_code == 302
    response = client_a.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next=%2Fadmin%2Fpages%2F"
    page = client_a.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    device = _pending(fed_a, SPEC_A.admin_email)
    secret = base64.b32encode(device.bin_key).decode()
    # The QR code (inline SVG) and the same secret as text, grouped by four.
    assert "<svg" in body and "<path" in body
    assert " ".join(re.findall(".{1,4}", secret)) in body
    assert len(device.bin_key) == 20  # 160 bits

    confirmed = client_a.post(ENROL, {"code": code_for(device), "next": "/admin/pages/"})
    assert confirmed.status_code == 302 and confirmed["Location"] == "/admin/pages/"
    assert client_a.get("/admin/pages/").status_code == 200
    with context.federation_context(fed_a):
        device.refresh_from_db()
        assert device.confirmed
        assert ModelLogEntry.objects.filter(
            action="accounts.second_factor.enrol", object_id=str(device.user_id)
        ).exists()


def test_enrolment_refuses_a_wrong_code_and_counts_it(client_a, fed_a):
    login(client_a, SPEC_A.admin_email)
    client_a.get(ENROL)
    device = _pending(fed_a, SPEC_A.admin_email)
    right = code_for(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    response = client_a.post(ENROL, {"code": wrong})
    assert response.status_code == 400
    body = response.content.decode()
    assert "<svg" in body  # the same secret again, to retry
    # Shown where the login layout shows errors (it hides field errors).
    assert '<li class="error">' in body
    assert client_a.get("/admin/")["Location"].startswith(ENROL)
    with context.federation_context(fed_a):
        device.refresh_from_db()
        assert not device.confirmed
        assert (
            SignInFailure.objects.filter(account=SPEC_A.admin_email, stage="second_factor").count()
            == 1
        )
    # Letters are refused by the form without being counted.
    assert client_a.post(ENROL, {"code": "abcdef"}).status_code == 400
    with context.federation_context(fed_a):
        assert SignInFailure.objects.filter(account=SPEC_A.admin_email).count() == 1


def test_each_visit_to_enrolment_makes_a_new_secret(client_a, fed_a):
    login(client_a, SPEC_A.admin_email)
    client_a.get(ENROL)
    first = _pending(fed_a, SPEC_A.admin_email)
    client_a.get(ENROL)
    second = _pending(fed_a, SPEC_A.admin_email)
    assert first.key != second.key
    with context.federation_context(fed_a):
        assert not TOTPDevice.objects.filter(pk=first.pk).exists()


def test_sign_in_code_is_required_right_and_used_once(client_a, fed_a):
    with context.federation_context(fed_a):
        user = get_user_model().objects.get(username=SPEC_A.admin_email)
    device = make_device(fed_a, user)
    login(client_a, SPEC_A.admin_email)
    assert client_a.get("/admin/")["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    code = code_for(device)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    assert client_a.post(VERIFY, {"code": wrong}).status_code == 400
    assert client_a.get("/admin/").status_code == 302
    session_before = client_a.cookies["sessionid"].value
    assert client_a.post(VERIFY, {"code": f"{code[:3]} {code[3:]}"}).status_code == 302
    assert client_a.get("/admin/").status_code == 200
    # The elevated session has a new id (no fixation of the half-signed-in one).
    assert client_a.cookies["sessionid"].value != session_before
    # The same code cannot sign in a second session (django-otp's replay guard).
    other = Client(HTTP_HOST=SPEC_A.domain)
    login(other, SPEC_A.admin_email)
    assert other.post(VERIFY, {"code": code}).status_code == 400
    assert other.get("/admin/").status_code == 302


FEDERATION_URLS = [
    "/admin/",
    "/admin/pages/",
    "/admin/pages/1/",
    "/admin/users/",
    "/admin/groups/",
    "/admin/account/",
    "/admin/documents/",
    "/admin/images/",
    "/admin/reports/site-history/",
    "/admin/api/main/pages/",
    "/admin/enterprises/",
    "/admin/bargaining_rounds/",
    "/admin/contracts/",
    "/admin/letters/",
    "/admin/supervision_cases/ledger.xlsx",
    "/admin/compliance/imports/",
    "/admin/login/",
    "/admin/password_reset/",
    "/admin/second-factor/",
    "/admin/second-factor/users/1/reset/",
    "/admin/no-such-page/",
]


@pytest.mark.parametrize("url", FEDERATION_URLS)
def test_every_federation_admin_url_waits_for_the_second_factor(client_a, fed_a, url):
    with context.federation_context(fed_a):
        user = get_user_model().objects.get(username=SPEC_A.admin_email)
    make_device(fed_a, user)
    login(client_a, SPEC_A.admin_email)
    for method in (client_a.get, client_a.post):
        response = method(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{VERIFY}?next="), url


def test_the_steps_and_sign_out_stay_open(client_a, fed_a):
    login(client_a, SPEC_A.admin_email)
    assert client_a.get(ENROL).status_code == 200
    assert client_a.get("/admin/jsi18n/").status_code == 200
    assert client_a.post("/admin/logout/").status_code == 302
    assert client_a.get("/admin/")["Location"].startswith("/admin/login/")


def test_signed_in_user_passes(client_a, fed_a):
    sign_in(client_a, SPEC_A.admin_email)
    for url in ("/admin/", "/admin/pages/", "/admin/users/", "/admin/second-factor/"):
        assert client_a.get(url).status_code == 200, url


@pytest.fixture
def operator(db):
    with context.public():
        user = get_user_model().objects.create_superuser(
            username="ops@platform.test", email="ops@platform.test", password=PASSWORD
        )
    return user


PLATFORM_URLS = [
    "/admin/",
    "/admin/tenants/federation/",
    "/admin/auth/user/",
    "/admin/auth/group/",
    "/admin/password_change/",
    "/admin/second-factor/",
    "/admin/login/",
]


def test_platform_console_needs_the_second_factor(platform_client, operator):
    assert login(platform_client, "ops@platform.test").status_code == 302
    for url in PLATFORM_URLS:
        response = platform_client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{ENROL}?next="), url
    page = platform_client.get(ENROL)
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    with context.public():
        device = TOTPDevice.objects.get(user=operator, confirmed=False)
        assert connection.schema_name == "public"
    assert platform_client.post(ENROL, {"code": code_for(device)}).status_code == 302
    assert platform_client.get("/admin/").status_code == 200
    assert platform_client.get("/admin/tenants/federation/").status_code == 200


def test_platform_sign_in_code(platform_client, operator):
    with context.public():
        device = TOTPDevice.objects.create(user=operator, name="authenticator", confirmed=True)
    login(platform_client, "ops@platform.test")
    assert platform_client.get("/admin/")["Location"].startswith(VERIFY)
    page = platform_client.get(VERIFY)
    assert page.status_code == 200
    assert platform_client.post(VERIFY, {"code": code_for(device)}).status_code == 302
    assert platform_client.get("/admin/auth/user/").status_code == 200


def test_federation_administrator_resets_a_users_second_factor(client_a, fed_a):
    staff = make_user(fed_a, "staff@a.test", group="编辑")
    device = make_device(fed_a, staff)
    staff_client = sign_in(Client(HTTP_HOST=SPEC_A.domain), "staff@a.test")
    assert staff_client.get("/admin/").status_code == 200
    sign_in(client_a, SPEC_A.admin_email)
    users = client_a.get("/admin/users/").content.decode()
    assert f"/admin/second-factor/users/{staff.pk}/reset/" in users
    assert client_a.get(f"/admin/second-factor/users/{staff.pk}/reset/").status_code == 200
    assert client_a.post(f"/admin/second-factor/users/{staff.pk}/reset/").status_code == 302
    with context.federation_context(fed_a):
        assert not TOTPDevice.objects.filter(pk=device.pk).exists()
        entry = ModelLogEntry.objects.get(
            action="accounts.second_factor.reset", object_id=str(staff.pk)
        )
        assert entry.user.username == SPEC_A.admin_email
    # The staff member's verified session is verified no more: next stop, enrolment.
    assert staff_client.get("/admin/")["Location"].startswith(ENROL)


def test_only_user_managers_may_reset(client_a, fed_a):
    make_user(fed_a, "editor@a.test", group="编辑")
    sign_in(client_a, "editor@a.test")
    with context.federation_context(fed_a):
        admin = get_user_model().objects.get(username=SPEC_A.admin_email)
    make_device(fed_a, admin)
    assert client_a.post(f"/admin/second-factor/users/{admin.pk}/reset/").status_code == 403
    with context.federation_context(fed_a):
        assert TOTPDevice.objects.filter(user=admin).exists()


def test_own_second_factor_is_replaced_with_a_current_code(client_a, fed_a):
    sign_in(client_a, SPEC_A.admin_email)
    with context.federation_context(fed_a):
        device = TOTPDevice.objects.get(user__username=SPEC_A.admin_email)
    assert client_a.get("/admin/second-factor/").status_code == 200
    response = client_a.post("/admin/second-factor/", {"code": code_for(device)})
    assert response.status_code == 302 and response["Location"].startswith(ENROL)
    with context.federation_context(fed_a):
        assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert client_a.get("/admin/")["Location"].startswith(ENROL)


def test_platform_operators_reset_by_admin_action(platform_client, operator):
    with context.public():
        other = get_user_model().objects.create_user(username="ops2@platform.test", is_staff=True)
        TOTPDevice.objects.create(user=other, name="authenticator", confirmed=True)
        TOTPDevice.objects.create(user=operator, name="authenticator", confirmed=True)
    sign_in(platform_client, "ops@platform.test")
    response = platform_client.post(
        "/admin/auth/user/",
        {"action": "reset_second_factor", "_selected_action": [other.pk]},
    )
    assert response.status_code == 302
    from django.contrib.admin.models import LogEntry

    with context.public():
        assert not TOTPDevice.objects.filter(user=other).exists()
        assert TOTPDevice.objects.filter(user=operator).exists()
        assert LogEntry.objects.filter(object_id=str(other.pk), user=operator).exists()


def test_reset_command(fed_a):
    from django.core.management import call_command

    with context.federation_context(fed_a):
        user = get_user_model().objects.get(username=SPEC_A.admin_email)
    make_device(fed_a, user)
    call_command("reset_second_factor", schema=fed_a.schema_name, email=SPEC_A.admin_email.upper())
    with context.federation_context(fed_a):
        assert not TOTPDevice.objects.filter(user=user).exists()


def test_second_factor_tables_are_in_every_schema(fed_a):
    from django.conf import settings

    for schema in ("public", settings.TENANT_BASE_SCHEMA, fed_a.schema_name):
        with context.schema(schema):
            tables = set(connection.introspection.table_names())
        assert {"otp_totp_totpdevice", "accounts_signinfailure"} <= tables, schema


def test_issuer_is_the_federation(fed_a):
    with context.federation_context(fed_a):
        user = get_user_model().objects.get(username=SPEC_A.admin_email)
        device = second_factor.enrolment_start(user=user)
        url = second_factor.otpauth_url(device)
    assert url.startswith("otpauth://totp/")
    assert "issuer=%E7%94%B2%E5%B8%82%E6%80%BB%E5%B7%A5%E4%BC%9A" in url  # 甲市总工会


def test_login_form_labels_are_in_the_visitors_language(client_a, fed_a):
    """Wagtail's password field has no label of its own; ours is translated."""
    from django.utils import translation

    with translation.override("zh-hans"):
        page = client_a.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    labels = [text.strip() for text in re.findall(r"<label[^>]*>([^<]*)", page.content.decode())]
    assert "密码" in labels and "Password" not in labels
