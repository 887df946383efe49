"""The enterprise area's pages.

Signing in takes two steps, as in the back office (accounts.second_factor), but the session is
not signed in until both are done: after the password only the user's id and the time are kept
in the session (PENDING), so nothing of the area, and nothing that trusts a signed-in user
elsewhere, is reachable with the password alone. Wrong passwords and codes count towards the
same lockout as the staff's (accounts.lockout). Every page after that needs a signed-in user
linked to an enterprise (EnterpriseAccount) and shows only that enterprise's records: another
enterprise's record by id is a 404; a staff account gets a 403.
"""

from __future__ import annotations

import functools
import smtplib
import time

from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import lockout, second_factor
from accounts.forms import LOCKED_MESSAGE, CodeForm
from compliance.models import EnterpriseAccount, LedgerCorrection
from compliance.public.enterprise.forms import AcceptForm, CorrectionForm, SignInForm
from compliance.selectors.enterprise_accounts import CORRECTABLE_FIELDS, correction_rows
from compliance.services.corrections import correction_request
from compliance.services.enterprise_accounts import (
    email_codes_allowed,
    invitation_accept,
    invitation_for_token,
)
from compliance.services.notifications import notifications_mark_read

PENDING = "enterprise_pending_user"
PENDING_AT = "enterprise_pending_at"
# The second step must follow the password within this many seconds.
PENDING_SECONDS = 600
NOTIFICATIONS_PER_PAGE = 20
BACKEND = "accounts.backends.LockoutModelBackend"


def _private(response):
    """No index; a referrer only to this host (forms need one, see PITFALLS.md)."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


def _page(request, template: str, context: dict, status: int = 200):
    return _private(
        TemplateResponse(request, f"compliance/enterprise_area/{template}", context, status=status)
    )


def enterprise_user(view):
    """A signed-in (both factors) user with an enterprise account; `request.account` is it."""

    @functools.wraps(view)
    @never_cache
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return HttpResponseRedirect(reverse("enterprise_sign_in"))
        account = (
            EnterpriseAccount.objects.select_related("enterprise").filter(user=request.user).first()
        )
        if account is None or not second_factor.is_verified(request.user):
            raise PermissionDenied
        request.account = account
        return view(request, *args, **kwargs)

    return wrapped


# --- signing in ----------------------------------------------------------------------------------


def _pending_user(request):
    """The user who passed the password step (or accepted an invitation) in this session."""
    user_id, at = request.session.get(PENDING), request.session.get(PENDING_AT, 0)
    if not user_id or time.time() - at > PENDING_SECONDS:
        return None
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not EnterpriseAccount.objects.filter(user=user).exists():
        return None
    return user


def _set_pending(request, user) -> None:
    request.session.cycle_key()
    request.session[PENDING] = user.pk
    request.session[PENDING_AT] = time.time()


def _confirmed_device(user):
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()
        or EmailDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()
    )


def _signed_in(request, user, device):
    """Both factors passed: the session is signed in (a new id) and verified."""
    request.session.pop(PENDING, None)
    request.session.pop(PENDING_AT, None)
    login(request, user, backend=BACKEND)
    otp_login(request, device)
    lockout.failures_clear(account=user.get_username())
    return redirect("enterprise_home")


def _send_code(request, device) -> bool:
    """E-mail a new code (django-otp waits a minute between two); say so if the mail server
    refuses."""
    try:
        device.generate_challenge()
    except (OSError, smtplib.SMTPException):
        messages.error(request, _("The code could not be e-mailed. Try again in a few minutes."))
        return False
    return True


def _locked(request):
    request.session.pop(PENDING, None)
    messages.error(request, LOCKED_MESSAGE)
    return redirect("enterprise_sign_in")


@never_cache
@sensitive_post_parameters("password")
def sign_in(request):
    if request.user.is_authenticated and hasattr(request.user, "enterprise_account"):
        return redirect("enterprise_home")
    form = SignInForm(request, data=request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            user = form.get_user()
            if not EnterpriseAccount.objects.filter(user=user).exists():
                form.add_error(
                    None,
                    _(
                        "This account is not an enterprise account. Staff sign in to the back "
                        "office."
                    ),
                )
            else:
                _set_pending(request, user)
                step = "enterprise_code" if _confirmed_device(user) else "enterprise_enrol"
                return redirect(step)
        status = 400
    return _page(request, "sign_in.html", {"form": form}, status)


def _check(request, user, device, code: str) -> tuple[bool, bool]:
    """The code against the device: (accepted, locked); a wrong code counts as a failure."""
    # second_factor.code_check reads the user from the request; the session is not signed in yet.
    request.user = user
    return second_factor.code_check(request=request, device=device, code=code)


@never_cache
@sensitive_post_parameters("code")
def code(request):
    user = _pending_user(request)
    if user is None:
        return redirect("enterprise_sign_in")
    device = _confirmed_device(user)
    if device is None:
        return redirect("enterprise_enrol")
    if lockout.is_locked(account=user.get_username()):
        return _locked(request)
    by_email = isinstance(device, EmailDevice)
    form = CodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and request.POST.get("send") and by_email:
        if _send_code(request, device):
            messages.info(request, _("A new code has been sent to your e-mail address."))
        return redirect("enterprise_code")
    if request.method == "POST":
        if form.is_valid():
            accepted, locked = _check(request, user, device, form.cleaned_data["code"])
            if locked:
                return _locked(request)
            if accepted:
                return _signed_in(request, user, device)
            form.add_error("code", _("That code is not right. Check it and try again."))
        status = 400
    elif by_email:
        _send_code(request, device)
    return _page(request, "code.html", {"form": form, "by_email": by_email}, status)


@never_cache
@sensitive_post_parameters("code")
def enrol(request):
    """The second factor of a new account: an authenticator app (QR code, confirmed with a code),
    or, where the federation allows it, codes sent by e-mail."""
    user = _pending_user(request)
    if user is None:
        return redirect("enterprise_sign_in")
    if _confirmed_device(user) is not None:
        return redirect("enterprise_code")
    allowed = email_codes_allowed()
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
                return _locked(request)
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
                return _signed_in(request, user, device)
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
    return _page(request, "enrol.html", context, status)


@require_POST
def sign_out(request):
    logout(request)
    return redirect("enterprise_sign_in")


@never_cache
@sensitive_post_parameters("password", "password_again")
def accept(request, token: str):
    """The invitation link: the person's name and password; then the second factor (enrol)."""
    invitation = invitation_for_token(token)
    if invitation is None:
        return _page(request, "invalid.html", {}, status=404)
    form = AcceptForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                account = invitation_accept(
                    token=token,
                    family_name=form.cleaned_data["family_name"],
                    given_name=form.cleaned_data["given_name"],
                    password=form.cleaned_data["password"],
                )
            except ValidationError as exc:
                form.add_error("password", exc)
            else:
                logout(request)
                _set_pending(request, account.user)
                return redirect("enterprise_enrol")
        status = 400
    return _page(request, "accept.html", {"invitation": invitation, "form": form}, status)


# --- the area ------------------------------------------------------------------------------------


@enterprise_user
def home(request):
    account = request.account
    notifications = Paginator(
        request.user.notifications.order_by("-created_at", "-pk"), NOTIFICATIONS_PER_PAGE
    ).get_page(request.GET.get("page"))
    corrections = LedgerCorrection.objects.filter(enterprise=account.enterprise)[:10]
    return _page(
        request,
        "home.html",
        {
            "account": account,
            "enterprise": account.enterprise,
            "notifications": notifications,
            "corrections": corrections,
        },
    )


@enterprise_user
@require_POST
def notifications_read(request):
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()]
    notifications_mark_read(user=request.user, ids=ids)
    return redirect("enterprise_home")


@enterprise_user
def correction_new(request):
    enterprise = request.account.enterprise
    initial = {field: getattr(enterprise, field) for field in CORRECTABLE_FIELDS}
    form = CorrectionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            changes = {field: form.cleaned_data[field] for field in CORRECTABLE_FIELDS}
            try:
                correction = correction_request(
                    user=request.user, changes=changes, note=form.cleaned_data["note"]
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("Your request has been sent to the federation."))
                return redirect("enterprise_correction", correction.pk)
        status = 400
    return _page(request, "correction_form.html", {"form": form, "enterprise": enterprise}, status)


@enterprise_user
def correction(request, pk: int):
    item = get_object_or_404(LedgerCorrection, pk=pk, enterprise=request.account.enterprise)
    return _page(
        request,
        "correction.html",
        {"correction": item, "enterprise": item.enterprise, "rows": correction_rows(item)},
    )
