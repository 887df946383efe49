"""Workers' voice in the admin (issue 18 item 8), reached from a contract's page: open a survey,
print its poster and its one-time codes, close it, and record an employee representatives'
inspection. The rates and the inspections are shown on the contract's page
(compliance/worker_voice/_contract.html)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from compliance.backoffice.common import (
    attachment,
    change_reason_field,
    date_field,
    require,
    run_step_form,
)
from compliance.documents.worker_surveys import code_sheet_pdf, poster_pdf
from compliance.forms.surveys import CodesForm, OpenForm, survey_print_for
from compliance.models import Contract, WorkerSurvey
from compliance.services.worker_surveys import (
    inspection_record,
    survey_close,
    survey_codes_issue,
    survey_open,
)


class CloseForm(forms.Form):
    reason = change_reason_field()


class InspectionForm(forms.Form):
    inspected_on = date_field(gettext_lazy("Inspected on"))
    representatives = forms.CharField(
        label=gettext_lazy("Employee representatives"),
        max_length=300,
        help_text=gettext_lazy("Their names, separated by commas."),
    )
    subject = forms.CharField(label=gettext_lazy("What was inspected"), max_length=300)
    findings = forms.CharField(label=gettext_lazy("Findings"), widget=forms.Textarea)
    follow_up = forms.CharField(
        label=gettext_lazy("Follow-up"), widget=forms.Textarea, required=False
    )


def pdf_or_message(request, make, *, name: str, back: str):
    try:
        content = make()
    except ValueError as exc:  # a character the print font lacks
        messages.error(request, str(exc))
        return redirect(back)
    return attachment(content, name=name, content_type="application/pdf")


def _back(contract_id: int) -> str:
    return reverse("contracts:inspect", args=[contract_id]) + "#worker-voice"


def survey_open_view(request, pk: int):
    require(request.user, "change", Contract)
    contract = get_object_or_404(Contract, pk=pk)
    return run_step_form(
        request,
        OpenForm(request.POST or None),
        lambda d: survey_open(
            contract_id=pk, mode=d["mode"], user=request.user, today=timezone.localdate()
        ),
        title=_("Open a workers' survey"),
        back_url=_back(contract.pk),
        obj=contract,
        success=_("The survey is open: print its poster and put it up."),
    )


def survey_poster_view(request, pk: int):
    require(request.user, "view", Contract)
    survey = get_object_or_404(WorkerSurvey.objects.select_related("contract__enterprise"), pk=pk)
    return pdf_or_message(
        request,
        lambda: poster_pdf(text=survey_print_for(request, survey)),
        name=f"survey-poster-{survey.pk}.pdf",
        back=_back(survey.contract_id),
    )


def survey_codes_view(request, pk: int):
    require(request.user, "change", Contract)
    survey = get_object_or_404(WorkerSurvey.objects.select_related("contract__enterprise"), pk=pk)

    def issue(data):
        codes = survey_codes_issue(survey_id=survey.pk, count=data["count"], user=request.user)
        survey.refresh_from_db()
        return pdf_or_message(
            request,
            lambda: code_sheet_pdf(text=survey_print_for(request, survey), codes=codes),
            name=f"survey-codes-{survey.pk}.pdf",
            back=_back(survey.contract_id),
        )

    return run_step_form(
        request,
        CodesForm(request.POST or None),
        issue,
        title=_("Print one-time survey codes"),
        back_url=_back(survey.contract_id),
        obj=survey.contract,
        success=_("The codes are issued: hand out one slip per worker."),
    )


def survey_close_view(request, pk: int):
    require(request.user, "change", Contract)
    survey = get_object_or_404(WorkerSurvey, pk=pk)
    return run_step_form(
        request,
        CloseForm(request.POST or None),
        lambda d: survey_close(
            survey_id=survey.pk,
            user=request.user,
            today=timezone.localdate(),
            reason=d["reason"],
        ),
        title=_("Close the workers' survey"),
        back_url=_back(survey.contract_id),
        obj=survey.contract,
    )


def inspection_add_view(request, pk: int):
    require(request.user, "change", Contract)
    contract = get_object_or_404(Contract, pk=pk)
    return run_step_form(
        request,
        InspectionForm(request.POST or None),
        lambda d: inspection_record(
            contract_id=pk, data=d, user=request.user, today=timezone.localdate()
        ),
        title=_("Record an employee representatives' inspection"),
        back_url=_back(contract.pk),
        obj=contract,
    )
