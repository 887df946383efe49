import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import lockout
from tenants import context
from tests.conftest import PASSWORD


def code_for(device: TOTPDevice, *, steps_ahead: int = 0) -> str:
    """The code an authenticator app shows now, computed from the device's key (RFC 6238)."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, drift=steps_ahead):06d}"


def login(client, username, password=PASSWORD):
    return client.post("/admin/login/", {"username": username, "password": password})


def make_user(fed, username, *, group="总工会管理员", **extra):
    with context.federation_context(fed):
        user = get_user_model().objects.create_user(
            username=username, email=username, password=PASSWORD, **extra
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
    return user


def make_device(fed, user) -> TOTPDevice:
    with context.federation_context(fed):
        return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def error_text(response) -> str:
    """The login page's error list, without markup."""
    body = response.content.decode()
    return " ".join(re.findall(r'<li class="error">(.*?)</li>', body, flags=re.S)).strip()


class Clock:
    """Moves the lockout's clock instead of sleeping."""

    def __init__(self, monkeypatch):
        self.offset = dt.timedelta()
        real = lockout.now
        monkeypatch.setattr(lockout, "now", lambda: real() + self.offset)

    def advance(self, **kwargs):
        self.offset += dt.timedelta(**kwargs)


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)
