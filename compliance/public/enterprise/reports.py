"""The enterprise area's annual performance reports (R31, issue 17 item 9): the enterprise's
contracts in force with the reports recorded on them, and the form that submits a year's report
with the workers' congress minutes (services/performance_reports.py). Another enterprise's
contract is a 404."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from compliance.models import Contract
from compliance.public.enterprise.views import _page, enterprise_user
from compliance.selectors.enterprise_letters import enterprise_contracts
from compliance.services.performance_reports import performance_report_submit

UPLOAD_HELP = gettext_lazy("PDF, DOCX, ODT, JPG or PNG, at most 10 MB.")


def _last_year() -> int:
    return timezone.localdate().year - 1


class ReportForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Year reported on"),
        min_value=2000,
        max_value=2100,
        initial=_last_year,
        help_text=gettext_lazy("The year whose performance of the contract the report covers."),
    )
    reported_on = forms.DateField(
        label=gettext_lazy("Reported to the workers' congress on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    document = forms.FileField(label=gettext_lazy("The performance report"), help_text=UPLOAD_HELP)
    minutes = forms.FileField(
        label=gettext_lazy("Minutes of the workers' congress"), help_text=UPLOAD_HELP
    )


@enterprise_user
def reports(request):
    enterprise = request.account.enterprise
    return _page(
        request,
        "reports.html",
        {"contracts": list(enterprise_contracts(enterprise=enterprise)), "enterprise": enterprise},
    )


@enterprise_user
def report_new(request, pk: int):
    enterprise = request.account.enterprise
    contract = get_object_or_404(
        Contract, pk=pk, enterprise=enterprise, status=Contract.Status.EFFECTIVE
    )
    form = ReportForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = performance_report_submit(
                    user=request.user,
                    contract_id=contract.pk,
                    year=data["year"],
                    reported_on=data["reported_on"],
                    document=data["document"],
                    minutes=data["minutes"],
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("Your performance report for %(year)s has been recorded.")
                    % {"year": report.year},
                )
                return redirect("enterprise_reports")
        status = 400
    reported = [report.year for report in contract.performance_reports.order_by("-year")]
    return _page(
        request,
        "report_form.html",
        {"form": form, "contract": contract, "enterprise": enterprise, "reported": reported},
        status,
    )
