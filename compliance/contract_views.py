"""Back-office steps of a collective contract: publish, file, amend, terminate, and record the
annual performance report (R23, R27, R30, R31)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from compliance.forms import date_field
from compliance.models import Contract, PerformanceReport
from compliance.services import contracts as services
from compliance.services.history import save_with_history
from compliance.steps import run_step_form


class PublishForm(forms.Form):
    published_on = date_field(gettext_lazy("published to employees on"), initial=timezone.localdate)
    publish_publicly = forms.BooleanField(
        label=gettext_lazy("publish a notice on the public site"), required=False
    )


class FileForm(forms.Form):
    filed_on = date_field(gettext_lazy("filed with the federation on"), initial=timezone.localdate)
    filed_with_department = forms.BooleanField(
        label=gettext_lazy("filed with the labour administration"), required=False, initial=True
    )


class TerminateForm(forms.Form):
    ended_on = date_field(gettext_lazy("terminated on"), initial=timezone.localdate)
    reason = forms.CharField(label=gettext_lazy("reason for termination"), widget=forms.Textarea)


class AmendForm(forms.Form):
    amended_on = date_field(gettext_lazy("amendment effective on"), initial=timezone.localdate)
    ends_on = date_field(gettext_lazy("term ends"), required=False)
    wage_growth_pct = forms.DecimalField(
        label=gettext_lazy("wage growth (%)"), required=False, max_digits=5, decimal_places=2
    )
    minimum_wage = forms.DecimalField(
        label=gettext_lazy("minimum monthly wage (yuan)"),
        required=False,
        max_digits=8,
        decimal_places=2,
    )
    weekly_hours = forms.DecimalField(
        label=gettext_lazy("weekly working hours"), required=False, max_digits=4, decimal_places=1
    )


class ReportForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("year reported on"), min_value=2000, max_value=2100
    )
    reported_on = date_field(
        gettext_lazy("reported to the workers' congress on"), initial=timezone.localdate
    )


def _report(contract: Contract, data: dict, user) -> PerformanceReport:
    if PerformanceReport.objects.filter(contract=contract, year=data["year"]).exists():
        raise ValidationError(_("The report for %(year)s is already recorded.") % data)
    report = PerformanceReport(
        contract=contract, year=data["year"], reported_on=data["reported_on"]
    )
    save_with_history(report, user=user, reason=_("Performance report recorded (R31)"))
    return report


def contract_step_view(request, pk: int, step: str):
    if not request.user.has_perm("compliance.change_contract"):
        raise PermissionDenied
    contract = get_object_or_404(Contract, pk=pk)
    back = reverse("contracts:inspect", args=[contract.pk])
    user = request.user
    steps = {
        "publish": (
            PublishForm,
            _("Publish the contract"),
            lambda d: services.contract_publish(contract_id=pk, user=user, **d),
        ),
        "file": (
            FileForm,
            _("File the contract"),
            lambda d: services.contract_file(contract_id=pk, user=user, **d),
        ),
        "terminate": (
            TerminateForm,
            _("Terminate the contract"),
            lambda d: services.contract_terminate(contract_id=pk, user=user, **d),
        ),
        "amend": (
            AmendForm,
            _("Amend the contract (a new version)"),
            lambda d: services.contract_amend(
                contract_id=pk,
                amended_on=d["amended_on"],
                user=user,
                changes={k: v for k, v in d.items() if k != "amended_on" and v is not None},
            ),
        ),
        "report": (
            ReportForm,
            _("Record the performance report"),
            lambda d: _report(contract, d, user),
        ),
    }
    if step not in steps:
        raise Http404
    form_class, title, action = steps[step]
    return run_step_form(
        request, form_class(request.POST or None), action, title=title, back_url=back, obj=contract
    )
