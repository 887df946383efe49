"""Signing in to an area outside the back office (the enterprise area, the review area), in two
steps, with the invitation that opens an account: one implementation, parameterised by the area.

The session is not signed in until both steps are done: after the password only the user's id and
the time are kept in the session (the area's pending key), so nothing of the area, and nothing
that trusts a signed-in user elsewhere, is reachable with the password alone. Wrong passwords and
codes count towards the same lockout as the staff's (accounts.lockout). An area names its URLs
`<name>_sign_in`, `<name>_code`, `<name>_enrol`, `<name>_home`; `has_account(user)` says whether
a user belongs to it.
"""

from __future__ import annotations

import functools
import smtplib
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import lockout, second_factor
from accounts.forms import LOCKED_MESSAGE, CodeForm

# The second step must follow the password within this many seconds.
PENDING_SECONDS = 600
BACKEND = "accounts.backends.LockoutModelBackend"


@dataclass(frozen=True)
class Area:
    name: str  # the prefix of the area's URL names and session keys
    template_dir: str  # e.g. "compliance/enterprise_area"
    account_of: Callable  # user -> the area's account, or None
    sign_in_form: type
    accept_form: type
    not_an_account: str  # (lazy) the sign-in form's error for a user of another kind
    email_codes_allowed: Callable[[], bool]
    invitation_for_token: Callable
    invitation_accept: Callable  # (token=, family_name=, given_name=, password=) -> account

    def url(self, step: str) -> str:
        return f"{self.name}_{step}"

    @property
    def pending(self) -> str:
        return f"{self.name}_pending_user"

    @property
    def pending_at(self) -> str:
        return f"{self.name}_pending_at"


def private(response):
    """No index; a referrer only to this host (forms need one, see PITFALLS.md)."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def page(area: Area, request, template: str, context: dict, status: int = 200):
    context = {"area_base": f"{area.template_dir}/base.html", **context}
    return private(
        TemplateResponse(request, f"{area.template_dir}/{template}", context, status=status)
    )


def area_user(area: Area):
    """A view decorator: a signed-in (both factors) user with the area's account, which becomes
    `request.account`; anonymous → the sign-in page, anyone else → 403."""

    def decorator(view):
        @functools.wraps(view)
        @never_cache
        def wrapped(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return HttpResponseRedirect(reverse(area.url("sign_in")))
            account = area.account_of(request.user)
            if account is None or not second_factor.is_verified(request.user):
                raise PermissionDenied
            request.account = account
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _pending_user(area: Area, request):
    """The user who passed the password step (or accepted an invitation) in this session."""
    user_id, at = request.session.get(area.pending), request.session.get(area.pending_at, 0)
    if not user_id or time.time() - at > PENDING_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or area.account_of(user) is None:
        return None
    return user


def _set_pending(area: Area, request, user) -> None:
    request.session.cycle_key()
    request.session[area.pending] = user.pk
    request.session[area.pending_at] = time.time()


def _confirmed_device(user):
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()
        or EmailDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()
    )


def _signed_in(area: Area, request, user, device):
    """Both factors passed: the session is signed in (a new id) and verified."""
    request.session.pop(area.pending, None)
    request.session.pop(area.pending_at, None)
    login(request, user, backend=BACKEND)
    otp_login(request, device)
    lockout.failures_clear(account=user.get_username())
    return redirect(area.url("home"))


def _send_code(request, device) -> bool:
    """E-mail a new code (django-otp waits a minute between two); say so if the mail server
    refuses."""
    try:
        device.generate_challenge()
    except (OSError, smtplib.SMTPException):
        messages.error(request, _("The code could not be e-mailed. Try again in a few minutes."))
        return False
    return True


def _locked(area: Area, request):
    request.session.pop(area.pending, None)
    messages.error(request, LOCKED_MESSAGE)
    return redirect(area.url("sign_in"))


def _check(request, user, device, code: str) -> tuple[bool, bool]:
    """The code against the device: (accepted, locked); a wrong code counts as a failure."""
    # second_factor.code_check reads the user from the request; the session is not signed in yet.
    request.user = user
    return second_factor.code_check(request=request, device=device, code=code)


def sign_in(request, *, area: Area):
    if request.user.is_authenticated and area.account_of(request.user) is not None:
        return redirect(area.url("home"))
    form = area.sign_in_form(request, data=request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            user = form.get_user()
            if area.account_of(user) is None:
                form.add_error(None, area.not_an_account)
            elif second_factor.is_exempt(user):
                # A demo sign-in under the demo settings only (accounts.second_factor).
                login(request, user, backend=BACKEND)
                lockout.failures_clear(account=user.get_username())
                return redirect(area.url("home"))
            else:
                _set_pending(area, request, user)
                step = "code" if _confirmed_device(user) else "enrol"
                return redirect(area.url(step))
        status = 400
    return page(area, request, "sign_in.html", {"form": form}, status)


def code(request, *, area: Area):
    user = _pending_user(area, request)
    if user is None:
        return redirect(area.url("sign_in"))
    device = _confirmed_device(user)
    if device is None:
        return redirect(area.url("enrol"))
    if lockout.is_locked(account=user.get_username()):
        return _locked(area, request)
    by_email = isinstance(device, EmailDevice)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and request.POST.get("send") and by_email:
        if _send_code(request, device):
            messages.info(request, _("A new code has been sent to your e-mail address."))
        return redirect(area.url("code"))
    if request.method == "POST":
        if form.is_valid():
            accepted, locked = _check(request, user, device, form.cleaned_data["code"])
            if locked:
                return _locked(area, request)
            if accepted:
                return _signed_in(area, request, user, device)
            form.add_error("code", _("That code is not right. Check it and try again."))
        status = 400
    elif by_email:
        _send_code(request, device)
    return page(area, request, "code.html", {"form": form, "by_email": by_email}, status)


def enrol(request, *, area: Area):
    """The second factor of a new account: an authenticator app (QR code, confirmed with a code),
    or, where the area allows it, codes sent by e-mail."""
    user = _pending_user(area, request)
    if user is None:
        return redirect(area.url("sign_in"))
    if _confirmed_device(user) is not None:
        return redirect(area.url("code"))
    allowed = area.email_codes_allowed()
    method = request.POST.get("method") or request.GET.get("method") or "app"
    if method == "email" and not allowed:
        method = "app"
    status = 200
    form = CodeForm(request.POST if request.POST.get("code") is not None else None)
    if method == "email":
        device = EmailDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
        if device is None or request.POST.get("send"):
            EmailDevice.objects.filter(user=user, confirmed=False).delete()
            device = EmailDevice.objects.create(user=user, name="email", confirmed=False)
            if _send_code(request, device):
                messages.info(
                    request, _("A code has been sent to %(email)s.") % {"email": user.email}
                )
            form = CodeForm()
    else:
        device = second_factor.pending_device(user) if form.is_bound else None
        if device is None:
            device = second_factor.enrolment_start(user=user)
            form = CodeForm()
    if form.is_bound:
        if form.is_valid():
            accepted, locked = _check(request, user, device, form.cleaned_data["code"])
            if locked:
                return _locked(area, request)
            if accepted:
                device.refresh_from_db()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                # One second factor per user: the one confirmed replaces any other.
                for model in (TOTPDevice, EmailDevice):
                    others = model.objects.filter(user=user)
                    if isinstance(device, model):
                        others = others.exclude(pk=device.pk)
                    others.delete()
                return _signed_in(area, request, user, device)
            form.add_error("code", _("That code is not right. Check it and try again."))
        status = 400
    context = {"form": form, "method": method, "email_allowed": allowed, "email": user.email}
    if method == "app":
        url = second_factor.otpauth_url(device)
        context.update(
            qr_svg=second_factor.qr_svg(url),
            secret=second_factor.secret_text(device),
            account=user.get_username(),
            issuer=second_factor.issuer(),
        )
    return page(area, request, "enrol.html", context, status)


def sign_out(request, *, area: Area):
    logout(request)
    return redirect(area.url("sign_in"))


def accept(request, token: str, *, area: Area):
    """The invitation link: the person's name and password; then the second factor (enrol)."""
    invitation = area.invitation_for_token(token)
    if invitation is None:
        return page(area, request, "invalid.html", {}, status=404)
    form = area.accept_form(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                account = area.invitation_accept(
                    token=token,
                    family_name=form.cleaned_data["family_name"],
                    given_name=form.cleaned_data["given_name"],
                    password=form.cleaned_data["password"],
                )
            except ValidationError as exc:
                form.add_error("password", exc)
            else:
                logout(request)
                _set_pending(area, request, account.user)
                return redirect(area.url("enrol"))
        status = 400
    return page(area, request, "accept.html", {"invitation": invitation, "form": form}, status)
