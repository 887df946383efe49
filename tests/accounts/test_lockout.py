"""Sign-in lockout: 5 failures in 15 minutes per federation (schema) and account (issue 7)."""

import logging

from django.contrib.auth import get_user_model
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.forms import LOCKED_MESSAGE
from accounts.models import SignInFailure
from tenants import context
from tests.accounts.conftest import code_for, error_text, login, make_device, make_user
from tests.conftest import SPEC_A, SPEC_B

WRONG = "Not-The-Password-2026"


def _fail(client, username, times):
    for _ in range(times):
        response = login(client, username, WRONG)
        assert response.status_code == 200


def test_four_failures_do_not_lock(client_a):
    _fail(client_a, SPEC_A.admin_email, 4)
    assert login(client_a, SPEC_A.admin_email).status_code == 302


def test_five_failures_lock_even_the_right_password(client_a, caplog):
    with caplog.at_level(logging.WARNING, logger="accounts.lockout"):
        _fail(client_a, SPEC_A.admin_email, 5)
    assert "sign-in locked" in caplog.text and SPEC_A.admin_email in caplog.text
    response = login(client_a, SPEC_A.admin_email)
    assert response.status_code == 200
    assert error_text(response) == str(LOCKED_MESSAGE)
    assert client_a.get("/admin/")["Location"].startswith("/admin/login/")


def test_the_message_is_the_same_for_an_unknown_account(client_a):
    """Neither the wrong-password message nor the lockout tells whether an account exists."""
    known, unknown = SPEC_A.admin_email, "nobody@a.test"
    for attempt in range(6):
        a = error_text(login(client_a, known, WRONG))
        b = error_text(login(client_a, unknown, WRONG))
        assert a == b, attempt
    assert a == str(LOCKED_MESSAGE)


def test_lockout_is_per_account(client_a, fed_a):
    make_user(fed_a, "colleague@a.test")
    _fail(client_a, SPEC_A.admin_email, 5)
    assert login(Client(HTTP_HOST=SPEC_A.domain), "colleague@a.test").status_code == 302
    # Case does not make a new account.
    assert login(client_a, SPEC_A.admin_email.upper()).status_code == 200


def test_lockout_is_per_federation(client_a, client_b, fed_a, fed_b):
    """The same e-mail address in two federations is two accounts with two counts."""
    make_user(fed_a, "same@both.test")
    make_user(fed_b, "same@both.test")
    _fail(client_a, "same@both.test", 5)
    assert login(client_a, "same@both.test").status_code == 200
    assert login(client_b, "same@both.test").status_code == 302
    with context.federation_context(fed_b):
        assert not SignInFailure.objects.exists()


def test_lock_lasts_the_rest_of_the_window(client_a, clock):
    _fail(client_a, SPEC_A.admin_email, 1)
    clock.advance(minutes=10)
    _fail(client_a, SPEC_A.admin_email, 4)
    clock.advance(minutes=4, seconds=59)  # the first failure is 14:59 old
    assert login(client_a, SPEC_A.admin_email).status_code == 200
    clock.advance(seconds=2)  # now it is out of the window: four left
    assert login(client_a, SPEC_A.admin_email).status_code == 302


def test_failures_older_than_the_window_do_not_count(client_a, clock):
    _fail(client_a, SPEC_A.admin_email, 4)
    clock.advance(minutes=15, seconds=1)
    _fail(client_a, SPEC_A.admin_email, 4)
    assert login(client_a, SPEC_A.admin_email).status_code == 302


def test_attempts_while_locked_do_not_extend_the_lock(client_a, clock):
    _fail(client_a, SPEC_A.admin_email, 5)
    clock.advance(minutes=14)
    _fail(client_a, SPEC_A.admin_email, 3)
    clock.advance(minutes=1, seconds=1)
    assert login(client_a, SPEC_A.admin_email).status_code == 302


def test_wrong_codes_count_and_end_the_half_signed_in_session(client_a, fed_a):
    with context.federation_context(fed_a):
        user = get_user_model().objects.get(username=SPEC_A.admin_email)
    device = make_device(fed_a, user)
    _fail(client_a, SPEC_A.admin_email, 3)
    login(client_a, SPEC_A.admin_email)
    right = code_for(device)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    assert client_a.post("/admin/second-factor/verify/", {"code": wrong}).status_code == 400
    response = client_a.post("/admin/second-factor/verify/", {"code": wrong})
    assert response.status_code == 302 and response["Location"] == "/admin/login/"
    # Signed out, and even the right password and code are refused until the window passes.
    assert client_a.get("/admin/")["Location"].startswith("/admin/login/")
    page = client_a.get("/admin/login/")
    assert str(LOCKED_MESSAGE) in page.content.decode()
    assert error_text(login(client_a, SPEC_A.admin_email)) == str(LOCKED_MESSAGE)
    with context.federation_context(fed_a):
        stages = list(SignInFailure.objects.values_list("stage", flat=True))
    assert sorted(stages) == ["password"] * 3 + ["second_factor"] * 2


def test_a_complete_sign_in_clears_the_count(client_a, fed_a):
    with context.federation_context(fed_a):
        user = get_user_model().objects.get(username=SPEC_A.admin_email)
    device = make_device(fed_a, user)
    _fail(client_a, SPEC_A.admin_email, 4)
    login(client_a, SPEC_A.admin_email)
    # The password alone does not clear it (it would let a password holder guess codes forever).
    with context.federation_context(fed_a):
        assert SignInFailure.objects.count() == 4
    client_a.post("/admin/second-factor/verify/", {"code": code_for(device)})
    assert client_a.get("/admin/").status_code == 200
    with context.federation_context(fed_a):
        assert not SignInFailure.objects.exists()
        assert TOTPDevice.objects.get(pk=device.pk).last_used_at is not None


def test_platform_console_locks_too(platform_client):
    with context.public():
        get_user_model().objects.create_superuser(
            username="ops@platform.test", email="ops@platform.test", password="Operator-Pass-2026"
        )
    for _ in range(5):
        assert login(platform_client, "ops@platform.test", WRONG).status_code == 200
    response = login(platform_client, "ops@platform.test", "Operator-Pass-2026")
    assert response.status_code == 200
    assert str(LOCKED_MESSAGE) in response.content.decode()
    # Federations keep their own counts.
    assert login(Client(HTTP_HOST=SPEC_B.domain), SPEC_B.admin_email).status_code == 302
