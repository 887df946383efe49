"""The steps of a collective contract in the admin: publish, file, amend, terminate, and record
the annual performance report (R23, R27, R30, R31)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from compliance.backoffice.common import require, run_step_form
from compliance.backoffice.contracts import forms as contract_forms
from compliance.models import Contract
from compliance.services import contracts as services


def contract_step_view(request, pk: int, step: str):
    require(request.user, "change", Contract)
    contract = get_object_or_404(Contract, pk=pk)
    back = reverse("contracts:inspect", args=[contract.pk])
    user = request.user
    steps = {
        "publish": (
            contract_forms.PublishForm,
            _("Publish the contract"),
            lambda d: services.contract_publish(contract_id=pk, user=user, **d),
        ),
        "file": (
            contract_forms.FileForm,
            _("File the contract"),
            lambda d: services.contract_file(contract_id=pk, user=user, **d),
        ),
        "terminate": (
            contract_forms.TerminateForm,
            _("Terminate the contract"),
            lambda d: services.contract_terminate(contract_id=pk, user=user, **d),
        ),
        "amend": (
            contract_forms.AmendForm,
            _("Amend the contract (a new version)"),
            lambda d: services.contract_amend(
                contract_id=pk,
                amended_on=d["amended_on"],
                user=user,
                changes={k: v for k, v in d.items() if k != "amended_on" and v is not None},
            ),
        ),
        "report": (
            contract_forms.ReportForm,
            _("Record the performance report"),
            lambda d: services.contract_report_record(contract_id=pk, user=user, **d),
        ),
    }
    if step not in steps:
        raise Http404
    form_class, title, action = steps[step]
    return run_step_form(
        request, form_class(request.POST or None), action, title=title, back_url=back, obj=contract
    )
