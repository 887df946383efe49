"""The second factor: TOTP authenticator apps through django-otp (issue 7 item 1, ASVS V6.5/V6.6).

Rules:
- Every back-office user (a federation's Wagtail admin, the platform console) signs in with a
  password and then a code from an authenticator app (TOTP, RFC 6238: 6 digits, 30 s steps, one
  step of clock drift either way; a code is accepted once). Until then the session reaches no
  back-office page (accounts.middleware).
- A user without an authenticator enrols one right after the password: a fresh 160-bit secret
  shown once as a QR code and as text, confirmed with a code before it counts.
- A wrong code counts as a failed sign-in (accounts.lockout).
- There are no printed backup codes: django-otp's static tokens are stored in clear and short,
  while ASVS 5.0 V6.5.2 (level 2) wants lookup secrets under 112 bits hashed. A user who lost the
  phone asks an administrator to reset the second factor (audited) and enrols again.
- Demo accounts may skip all this only under portal.settings.demo (SECOND_FACTOR_EXEMPT, honoured
  only under that settings module; a system check refuses it anywhere else, accounts.checks).
"""

from __future__ import annotations

import base64
import logging
from urllib.parse import quote, urlencode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection, transaction
from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY, verify_token
from django_otp import login as otp_login
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_tenants.utils import get_public_schema_name

from accounts import audit, lockout
from accounts.models import SignInFailure

DEVICE_NAME = "authenticator"

logger = logging.getLogger("accounts.second_factor")


def is_exempt(user: AbstractBaseUser) -> bool:
    """Demo accounts named in SECOND_FACTOR_EXEMPT, and only under the demo settings."""
    from accounts.checks import DEMO_SETTINGS

    exempt = getattr(settings, "SECOND_FACTOR_EXEMPT", ())
    if not exempt or settings.SETTINGS_MODULE != DEMO_SETTINGS:
        return False
    return user.get_username().casefold() in {name.casefold() for name in exempt}


def is_verified(user: AbstractBaseUser) -> bool:
    """Signed in with both factors in this session (or exempt)."""
    if not user.is_authenticated:
        return False
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified()) or is_exempt(user)


def confirmed_device(user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def pending_device(user: AbstractBaseUser) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def enrolment_start(*, user: AbstractBaseUser) -> TOTPDevice:
    """A new unconfirmed authenticator with a fresh secret; earlier unconfirmed ones go."""
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        return TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def issuer() -> str:
    tenant = getattr(connection, "tenant", None)
    name = getattr(tenant, "name", "") if tenant is not None else ""
    if not name or connection.schema_name == get_public_schema_name():
        return str(settings.WAGTAIL_SITE_NAME)
    return name


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32 groups of four, for typing into an app."""
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def otpauth_url(device: TOTPDevice) -> str:
    """The Key URI Format authenticator apps read from the QR code; issuer is the federation."""
    name = issuer().replace(":", "")
    label = f"{name}:{device.user.get_username()}"
    params = {
        "secret": base64.b32encode(device.bin_key).decode(),
        "issuer": name,
        "algorithm": "SHA1",
        "digits": device.digits,
        "period": device.step,
    }
    return f"otpauth://totp/{quote(label)}?{urlencode(params, quote_via=quote)}"


def qr_svg(data: str) -> str:
    """The QR code as inline SVG (vector, no Pillow)."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2)
    return image.to_string(encoding="unicode")


def _signed_in(request: HttpRequest, device: TOTPDevice) -> None:
    # A new session id for the elevated session (ASVS V7.2.4), then django-otp's marker.
    request.session.cycle_key()
    otp_login(request, device)
    lockout.failures_clear(account=request.user.get_username())


def _failed(request: HttpRequest) -> bool:
    return lockout.failure_record(
        account=request.user.get_username(),
        stage=SignInFailure.Stage.SECOND_FACTOR,
        request=request,
    )


def normalise_code(code: str) -> str:
    return "".join(code.split())


def code_check(*, request: HttpRequest, device: TOTPDevice, code: str) -> tuple[bool, bool]:
    """Check a code against the user's device: (accepted, now locked). Accepting signs the
    session in with the second factor; refusing counts a failure."""
    user = request.user
    with transaction.atomic():
        if lockout.refused(account=user.get_username(), request=request):
            return False, True
        accepted = verify_token(user, device.persistent_id, normalise_code(code)) is not None
    if accepted:
        return True, False
    return False, _failed(request)


def enrolment_confirm(*, request: HttpRequest, device: TOTPDevice, code: str) -> tuple[bool, bool]:
    """Confirm a pending authenticator with its first code: (accepted, now locked)."""
    accepted, locked = code_check(request=request, device=device, code=code)
    if accepted:
        with transaction.atomic():
            device.refresh_from_db()
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            # One authenticator per user: enrolling replaces any earlier one.
            TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        _signed_in(request, device)
        audit.record(
            actor=request.user, target=request.user, action=audit.ENROLLED, request=request
        )
    return accepted, locked


def verification(*, request: HttpRequest, code: str) -> tuple[bool, bool]:
    """The sign-in's second step: (accepted, now locked)."""
    device = confirmed_device(request.user)
    if device is None:
        return False, False
    accepted, locked = code_check(request=request, device=device, code=code)
    if accepted:
        device.refresh_from_db()
        _signed_in(request, device)
    return accepted, locked


def second_factor_reset(
    *, user: AbstractBaseUser, by: AbstractBaseUser | None, request: HttpRequest | None = None
) -> int:
    """Remove the user's authenticators; at the next sign-in they enrol a new one. Their
    sessions verified with the old one lose that (django-otp checks the device each request).
    Returns the number removed."""
    with transaction.atomic():
        removed, _ = TOTPDevice.objects.filter(user=user).delete()
        # Codes by e-mail (enterprise users only, where their federation allows them).
        removed += EmailDevice.objects.filter(user=user).delete()[0]
        audit.record(actor=by, target=user, action=audit.RESET, request=request)
    if request is not None and request.user.pk == user.pk:
        request.session.pop(DEVICE_ID_SESSION_KEY, None)
    return removed
