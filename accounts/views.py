"""The second-factor pages: enrolment, the sign-in code, the user's own page, and a federation
administrator's reset of another user's second factor.

The same views serve a federation's Wagtail admin and the platform console (public schema);
only the templates differ (Wagtail's look, or Django admin's where Wagtail has no tables).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_tenants.utils import get_public_schema_name

from accounts import lockout, second_factor
from accounts.forms import LOCKED_MESSAGE, CodeForm


def _on_platform() -> bool:
    return connection.schema_name == get_public_schema_name()


def _template(name: str) -> str:
    return f"accounts/{'platform' if _on_platform() else 'wagtail'}/{name}.html"


def _login_url() -> str:
    return reverse("admin:login") if _on_platform() else reverse("wagtailadmin_login")


def _home_url() -> str:
    return reverse("admin:index") if _on_platform() else reverse("wagtailadmin_home")


def _next(request: HttpRequest) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return _home_url()


def _to_login(request: HttpRequest) -> HttpResponse:
    return HttpResponseRedirect(f"{_login_url()}?{urlencode({'next': request.get_full_path()})}")


def _locked_out(request: HttpRequest) -> HttpResponse:
    """The lockout ends the half-finished sign-in: back to the password with the message."""
    logout(request)
    messages.error(request, LOCKED_MESSAGE)
    return HttpResponseRedirect(_login_url())


def _step_page(request, *, title, intro, form, status=200, **extra) -> TemplateResponse:
    return TemplateResponse(
        request,
        _template("step"),
        {
            "title": title,
            "intro": intro,
            "form": form,
            "next": _next(request),
            "site_header": title,
            **extra,
        },
        status=status,
    )


@never_cache
@sensitive_post_parameters("code")
def enrol(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: a new secret as QR code and text, confirmed by a code."""
    user = request.user
    if not user.is_authenticated:
        return _to_login(request)
    if second_factor.is_verified(user):
        return redirect(_next(request))
    if second_factor.confirmed_device(user) is not None:
        return HttpResponseRedirect(
            f"{reverse('accounts_verify')}?{urlencode({'next': _next(request)})}"
        )
    device = second_factor.pending_device(user) if request.method == "POST" else None
    if request.method == "POST" and device is not None:
        form = CodeForm(request.POST)
        if form.is_valid():
            accepted, locked = second_factor.enrolment_confirm(
                request=request, device=device, code=form.cleaned_data["code"]
            )
            if locked:
                return _locked_out(request)
            if accepted:
                messages.success(request, _("Your authenticator app is set up."))
                return redirect(_next(request))
            form.add_error("code", _("That code is not right. Check the app and try again."))
        status = 400
    else:
        # A fresh secret for every visit: a secret shown once is never shown again.
        device = second_factor.enrolment_start(user=user)
        form = CodeForm()
        status = 200
    url = second_factor.otpauth_url(device)
    return _step_page(
        request,
        title=_("Set up your second factor"),
        intro=_(
            "The back office needs a code from an authenticator app besides your password. "
            "Scan this QR code with an authenticator app on your phone (for example Microsoft "
            "Authenticator, Google Authenticator, FreeOTP or the one built into your password "
            "manager), then enter the six-digit code it shows."
        ),
        form=form,
        status=status,
        qr_svg=second_factor.qr_svg(url),
        secret=second_factor.secret_text(device),
        account=user.get_username(),
        issuer=second_factor.issuer(),
        action=reverse("accounts_enrol"),
    )


@never_cache
@sensitive_post_parameters("code")
def verify(request: HttpRequest) -> HttpResponse:
    """The sign-in's second step."""
    user = request.user
    if not user.is_authenticated:
        return _to_login(request)
    if second_factor.is_verified(user):
        return redirect(_next(request))
    if second_factor.confirmed_device(user) is None:
        return HttpResponseRedirect(
            f"{reverse('accounts_enrol')}?{urlencode({'next': _next(request)})}"
        )
    if lockout.is_locked(account=user.get_username()):
        return _locked_out(request)
    status = 200
    if request.method == "POST":
        form = CodeForm(request.POST)
        if form.is_valid():
            accepted, locked = second_factor.verification(
                request=request, code=form.cleaned_data["code"]
            )
            if locked:
                return _locked_out(request)
            if accepted:
                return redirect(_next(request))
            form.add_error("code", _("That code is not right. Check the app and try again."))
        status = 400
    else:
        form = CodeForm()
    return _step_page(
        request,
        title=_("Enter your code"),
        intro=_("Open your authenticator app and enter the six-digit code it shows for %(site)s.")
        % {"site": second_factor.issuer()},
        form=form,
        status=status,
        account=user.get_username(),
        action=reverse("accounts_verify"),
    )


@never_cache
@sensitive_post_parameters("code")
def manage(request: HttpRequest) -> HttpResponse:
    """The user's own second factor; replacing it (a new phone) needs a current code."""
    user = request.user
    if not user.is_authenticated:
        return _to_login(request)
    device = second_factor.confirmed_device(user)
    form = CodeForm()
    status = 200
    if request.method == "POST" and device is not None:
        form = CodeForm(request.POST)
        if form.is_valid():
            accepted, locked = second_factor.code_check(
                request=request, device=device, code=form.cleaned_data["code"]
            )
            if locked:
                return _locked_out(request)
            if accepted:
                second_factor.second_factor_reset(user=user, by=user, request=request)
                return HttpResponseRedirect(
                    f"{reverse('accounts_enrol')}?{urlencode({'next': _home_url()})}"
                )
            form.add_error("code", _("That code is not right. Check the app and try again."))
        status = 400
    title = _("Second factor")
    return TemplateResponse(
        request,
        _template("manage"),
        {
            "device": device,
            "exempt": second_factor.is_exempt(user),
            "form": form,
            "title": title,
            "page_title": title,
            "header_title": title,
            "header_icon": "key",
        },
        status=status,
    )


@never_cache
def reset(request: HttpRequest, user_id: int) -> HttpResponse:
    """A federation administrator (anyone who may change users) resets another user's second
    factor, e.g. after a lost phone. Audited (accounts.audit)."""
    if not request.user.is_authenticated:
        return _to_login(request)
    if not request.user.has_perm(f"{get_user_model()._meta.app_label}.change_user"):
        raise PermissionDenied
    target = get_object_or_404(get_user_model(), pk=user_id)
    if target.is_superuser and not request.user.is_superuser:
        raise PermissionDenied
    device = second_factor.confirmed_device(target)
    if request.method == "POST":
        second_factor.second_factor_reset(user=target, by=request.user, request=request)
        messages.success(
            request,
            _(
                "The second factor of %(user)s was reset; they set up a new authenticator app "
                "at their next sign-in."
            )
            % {"user": target.get_username()},
        )
        return HttpResponseRedirect(_users_url())
    title = _("Reset second factor")
    return TemplateResponse(
        request,
        _template("reset"),
        {
            "target": target,
            "device": device,
            "title": title,
            "page_title": title,
            "header_title": title,
            "header_icon": "key",
        },
    )


def _users_url() -> str:
    if _on_platform():
        return reverse("admin:auth_user_changelist")
    return reverse("wagtailusers_users:index")
