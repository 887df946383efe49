"""Back-office steps of a performance check: record the scores; open a case from a failure."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from compliance.forms import date_field
from compliance.models import AuditCheck
from compliance.rules.audits import DIMENSIONS
from compliance.services.audits import audit_open_case, audit_record
from compliance.steps import run_step_form

_LABELS = {
    "parties": gettext_lazy("parties"),
    "procedure": gettext_lazy("procedure"),
    "content": pgettext_lazy("audit dimension", "content"),
    "performance": gettext_lazy("performance"),
    "effect": gettext_lazy("effect"),
}


class RecordForm(forms.Form):
    done_on = date_field(gettext_lazy("checked on"), initial=timezone.localdate)
    checker = forms.CharField(label=gettext_lazy("checked by"))
    findings = forms.CharField(
        label=gettext_lazy("findings"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for dimension in DIMENSIONS:
            self.fields[dimension] = forms.IntegerField(
                label=_LABELS[dimension], min_value=0, max_value=100
            )


def record_view(request, pk: int):
    if not request.user.has_perm("compliance.change_auditcheck"):
        raise PermissionDenied
    check = get_object_or_404(AuditCheck, pk=pk)
    back = reverse("audit_checks:inspect", args=[check.pk])
    form = RecordForm(request.POST or None)

    def action(data):
        return audit_record(
            check_id=check.pk,
            done_on=data["done_on"],
            checker=data["checker"],
            findings=data["findings"],
            scores={d: data[d] for d in DIMENSIONS},
            user=request.user,
        )

    return run_step_form(
        request, form, action, title=_("Record the performance check"), back_url=back, obj=check
    )


def open_case_view(request, pk: int):
    if request.method != "POST":
        raise Http404
    if not request.user.has_perm("compliance.add_supervisioncase"):
        raise PermissionDenied
    check = get_object_or_404(AuditCheck, pk=pk)
    try:
        case = audit_open_case(
            check_id=check.pk,
            opened_on=timezone.localdate(),
            supervisor=request.user,
            user=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(reverse("audit_checks:inspect", args=[check.pk]))
    return redirect(reverse("supervision_cases:inspect", args=[case.pk]))
