"""The enterprise's accounts seen from the ledger (issue 17): inviting a person to an enterprise
and side, revoking a pending invitation, and deciding the ledger corrections enterprises ask for.
Inviting and deciding need the permission to change the ledger; reading, to view it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from compliance.backoffice.common import may, require, run_step_form
from compliance.models import Enterprise, EnterpriseInvitation, LedgerCorrection, Side
from compliance.selectors.enterprise_accounts import correction_rows
from compliance.services.corrections import correction_accept, correction_refuse
from compliance.services.enterprise_accounts import invitation_create, invitation_revoke


class InviteForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))
    side = forms.ChoiceField(label=gettext_lazy("Side"), choices=Side.choices)


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for refusing"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("The enterprise reads it."),
    )


def invite(request, pk: int):
    require(request.user, "change", Enterprise)
    enterprise = get_object_or_404(Enterprise, pk=pk)
    form = InviteForm(request.POST or None)

    def accept_url(token: str) -> str:
        return request.build_absolute_uri(reverse("enterprise_invitation", args=[token]))

    return run_step_form(
        request,
        form,
        lambda data: invitation_create(
            enterprise_id=enterprise.pk,
            side=data["side"],
            email=data["email"],
            user=request.user,
            accept_url=accept_url,
        ),
        title=_("Invite a person to the enterprise area"),
        back_url=reverse("enterprises:inspect", args=[enterprise.pk]) + "#enterprise-accounts",
        obj=enterprise,
        error_field="email",
        success=lambda result: _("Invitation sent to %(email)s.") % {"email": result[0].email},
    )


@require_POST
def revoke(request, pk: int):
    require(request.user, "change", Enterprise)
    invitation = get_object_or_404(EnterpriseInvitation, pk=pk)
    try:
        invitation_revoke(invitation_id=invitation.pk, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Invitation to %(email)s revoked.") % {"email": invitation.email}
        )
    return redirect(
        reverse("enterprises:inspect", args=[invitation.enterprise_id]) + "#enterprise-accounts"
    )


def corrections(request):
    """Ledger corrections asked for by enterprises: pending first, then the newest."""
    require(request.user, "view", Enterprise)
    queryset = (
        LedgerCorrection.objects.select_related("enterprise")
        .annotate(
            open=Case(
                When(status=LedgerCorrection.Status.PENDING, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("open", "-created_at", "-pk")
    )
    enterprise_id = request.GET.get("enterprise", "")
    if enterprise_id.isdigit():
        queryset = queryset.filter(enterprise_id=int(enterprise_id))
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    title = _("Ledger correction requests")
    return TemplateResponse(
        request,
        "compliance/corrections/list.html",
        {"page": page, "page_title": title, "header_title": title},
    )


def correction(request, pk: int):
    require(request.user, "view", Enterprise)
    item = get_object_or_404(
        LedgerCorrection.objects.select_related("enterprise", "requested_by", "decided_by"), pk=pk
    )
    can_decide = may(request.user, "change", Enterprise)
    form = RefuseForm(request.POST if request.POST.get("action") == "refuse" else None)
    status = 200
    if request.method == "POST":
        require(request.user, "change", Enterprise)
        action = request.POST.get("action")
        try:
            if action == "accept":
                correction_accept(correction_id=item.pk, user=request.user)
                messages.success(request, _("Correction accepted; the ledger is updated."))
                return redirect("enterprises:correction", item.pk)
            if action == "refuse" and form.is_valid():
                correction_refuse(
                    correction_id=item.pk, user=request.user, reason=form.cleaned_data["reason"]
                )
                messages.success(request, _("Correction refused; the enterprise is notified."))
                return redirect("enterprises:correction", item.pk)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("enterprises:correction", item.pk)
        status = 400
    title = _("Ledger correction request no. %(n)s") % {"n": item.pk}
    return TemplateResponse(
        request,
        "compliance/corrections/decide.html",
        {
            "correction": item,
            "rows": correction_rows(item),
            "form": form,
            "can_decide": can_decide and item.status == LedgerCorrection.Status.PENDING,
            "page_title": title,
            "header_title": title,
        },
        status=status,
    )
