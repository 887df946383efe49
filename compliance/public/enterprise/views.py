"""The enterprise area's pages.

Signing in takes two steps, as in the back office (accounts.second_factor), through the one
implementation the review area shares (compliance.public.two_step). Every page after that needs a
signed-in user linked to an enterprise (EnterpriseAccount) and shows only that enterprise's
records: another enterprise's record by id is a 404; a staff account gets a 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from compliance.models import EnterpriseAccount, LedgerCorrection
from compliance.public import two_step
from compliance.public.enterprise.forms import AcceptForm, CorrectionForm, SignInForm
from compliance.selectors.enterprise_accounts import CORRECTABLE_FIELDS, correction_rows
from compliance.services.corrections import correction_request
from compliance.services.enterprise_accounts import (
    email_codes_allowed,
    invitation_accept,
    invitation_for_token,
)
from compliance.services.notifications import notifications_mark_read

NOTIFICATIONS_PER_PAGE = 20

AREA = two_step.Area(
    name="enterprise",
    template_dir="compliance/enterprise_area",
    account_of=lambda user: (
        EnterpriseAccount.objects.select_related("enterprise").filter(user=user).first()
    ),
    sign_in_form=SignInForm,
    accept_form=AcceptForm,
    not_an_account=gettext_lazy(
        "This account is not an enterprise account. Staff sign in to the back office."
    ),
    email_codes_allowed=email_codes_allowed,
    invitation_for_token=invitation_for_token,
    invitation_accept=invitation_accept,
)


def _page(request, template: str, context: dict, status: int = 200):
    return two_step.page(AREA, request, template, context, status)


# A signed-in (both factors) user with an enterprise account; `request.account` is it.
enterprise_user = two_step.area_user(AREA)


# --- signing in ----------------------------------------------------------------------------------


@never_cache
@sensitive_post_parameters("password")
def sign_in(request):
    return two_step.sign_in(request, area=AREA)


@never_cache
@sensitive_post_parameters("code")
def code(request):
    return two_step.code(request, area=AREA)


@never_cache
@sensitive_post_parameters("code")
def enrol(request):
    return two_step.enrol(request, area=AREA)


@require_POST
def sign_out(request):
    return two_step.sign_out(request, area=AREA)


@never_cache
@sensitive_post_parameters("password", "password_again")
def accept(request, token: str):
    return two_step.accept(request, token, area=AREA)


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
