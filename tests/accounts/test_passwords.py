"""Password rules (ASVS 5.0 V6.2): length 12 and up, nothing truncates, common ones refused."""

import secrets

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client

from portal.demo.federations import COMMITTEE, FEDERATIONS, OPERATOR, SUPERVISORS
from tenants import context
from tests.accounts.conftest import login
from tests.conftest import SPEC_A
from tests.signin import sign_in


def _user(username="wang.fang@a.test"):
    return get_user_model()(username=username, email=username, first_name="Fang")


def _long(length: int) -> str:
    return (secrets.token_urlsafe(length) + "中文密码")[-length:]


def test_eleven_characters_are_refused_twelve_accepted():
    with pytest.raises(ValidationError) as refused:
        validate_password("Kx7#mq2Lp9z", user=_user())
    assert [e.code for e in refused.value.error_list] == ["password_too_short"]
    validate_password("Kx7#mq2Lp9zR", user=_user())


@pytest.mark.parametrize("common", ["peanutbutter", "temppassword", "123456789qwerty"])
def test_common_passwords_are_refused(common):
    with pytest.raises(ValidationError) as refused:
        validate_password(common, user=_user())
    assert "password_too_common" in [e.code for e in refused.value.error_list]


def test_a_password_like_the_account_name_is_refused():
    with pytest.raises(ValidationError) as refused:
        validate_password("wang.fang@a.test1", user=_user())
    assert "password_too_similar" in [e.code for e in refused.value.error_list]


@pytest.mark.parametrize("length", [64, 128])
def test_long_passwords_are_accepted(length):
    validate_password(_long(length), user=_user())


def test_no_composition_rules():
    """Any characters: digits only, lower case only, spaces, Chinese."""
    for password in ("739104628351", "correct horse battery staple", "我的工会账号密码很长很长"):
        validate_password(password, user=_user())


def test_the_production_hasher_does_not_truncate():
    """Django's default hasher (base settings; tests use a faster one)."""
    password = _long(128)
    hasher = PBKDF2PasswordHasher()
    hashed = make_password(password, hasher=hasher)
    assert hasher.verify(password, hashed)
    assert not hasher.verify(password[:72], hashed)
    assert not hasher.verify(password[:-1], hashed)


@pytest.mark.parametrize("length", [64, 128])
def test_long_password_set_in_the_admin_signs_in(client_a, fed_a, length):
    """Wagtail's user form and the login form take the whole password (no max_length)."""
    password = _long(length)
    sign_in(client_a, SPEC_A.admin_email)
    response = client_a.post(
        "/admin/users/new/",
        {
            "username": "long@a.test",
            "email": "long@a.test",
            "first_name": "长",
            "last_name": "密码",
            "password1": password,
            "password2": password,
            "is_active": "on",
        },
    )
    assert response.status_code == 302  # created; a refused form answers 200
    other = Client(HTTP_HOST=SPEC_A.domain)
    assert login(other, "long@a.test", password[:-1]).status_code == 200
    assert login(other, "long@a.test", password).status_code == 302
    with context.federation_context(fed_a):
        assert get_user_model().objects.get(username="long@a.test").check_password(password)


def test_demo_sign_ins_pass_the_rules():
    accounts = [OPERATOR, *SUPERVISORS.values(), *COMMITTEE.values()]
    accounts += [(spec.admin_email, spec.admin_password) for spec in FEDERATIONS]
    for email, password in accounts:
        validate_password(password, user=_user(email))


def test_password_rules_are_the_asvs_ones():
    """No rotation, no composition rule: exactly these validators."""
    from django.conf import settings

    names = [v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS]
    assert sorted(names) == [
        "CommonPasswordValidator",
        "MinimumLengthValidator",
        "UserAttributeSimilarityValidator",
    ]
