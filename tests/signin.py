"""Signing test clients in to the back office, second factor included.

The one place tests mark a session as having passed the second factor. `sign_in` posts the real
login form (password, lockout backend and all) and then does what a right TOTP code does: it
stores the persistent id of the user's real, confirmed TOTP device in the session (django-otp's
`otp_device_id`), which OTPMiddleware checks against the database on every request. Typing a
code through the verify page is exercised by tests/accounts; doing it here for every test would
hit django-otp's replay protection (a code is accepted once per 30-second step) whenever a test
signs the same user in twice. Nothing in the test settings weakens the production path.
"""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY, get_user_model
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from tenants import context
from tenants.models import Domain
from tests.conftest import PASSWORD


def schema_of(client: Client) -> str:
    host = client.defaults.get("HTTP_HOST", "testserver").split(":")[0]
    with context.public():
        domain = Domain.objects.filter(domain=host).select_related("tenant").first()
    return domain.tenant.schema_name if domain else "public"


def device_for(user) -> TOTPDevice:
    """The user's confirmed authenticator (created with a random key if missing); call in the
    user's schema."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    return device


def pass_second_factor(client: Client) -> TOTPDevice:
    """Mark the client's signed-in session as verified with the user's real TOTP device."""
    with context.schema(schema_of(client)):
        session = client.session
        user = get_user_model().objects.get(pk=session[SESSION_KEY])
        device = device_for(user)
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return device


def sign_in(client: Client, username: str, password: str = PASSWORD) -> Client:
    response = client.post("/admin/login/", {"username": username, "password": password})
    assert response.status_code == 302, f"password sign-in of {username} failed"
    pass_second_factor(client)
    return client


def force_sign_in(client: Client, user) -> Client:
    """client.force_login plus the second factor; call in the user's schema."""
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device_for(user).persistent_id
    session.save()
    return client
