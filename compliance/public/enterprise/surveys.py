"""The enterprise area's workers' surveys (issue 18 item 8): for each of the enterprise's
contracts in force, open a survey, download its poster and print one-time codes, and read the
rates and the representatives' inspections the federation recorded. Another enterprise's
contract or survey is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from compliance.documents.worker_surveys import code_sheet_pdf, poster_pdf
from compliance.forms.surveys import CodesForm, OpenForm, pdf_response, survey_print_for
from compliance.models import Contract, RepresentativeInspection, WorkerSurvey
from compliance.public.enterprise.views import _page, enterprise_user
from compliance.selectors.worker_surveys import enterprise_surveys
from compliance.services.worker_surveys import survey_codes_issue, survey_open


@enterprise_user
def surveys(request):
    enterprise = request.account.enterprise
    rows = enterprise_surveys(enterprise=enterprise)
    inspections = {}
    for inspection in RepresentativeInspection.objects.filter(
        contract__in=[contract for contract, _s, _r in rows]
    ):
        inspections.setdefault(inspection.contract_id, []).append(inspection)
    return _page(
        request,
        "surveys.html",
        {
            "rows": [(c, s, r, inspections.get(c.pk, [])) for c, s, r in rows],
            "open_form": OpenForm(),
            "codes_form": CodesForm(),
            "enterprise": enterprise,
        },
    )


@enterprise_user
@require_POST
def survey_open_view(request, pk: int):
    contract = get_object_or_404(Contract, pk=pk, enterprise=request.account.enterprise)
    form = OpenForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose how workers prove they may answer."))
        return redirect("enterprise_surveys")
    try:
        survey_open(
            contract_id=contract.pk,
            mode=form.cleaned_data["mode"],
            user=request.user,
            today=timezone.localdate(),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The survey is open: print its poster and put it up."))
    return redirect("enterprise_surveys")


def _survey(request, pk: int) -> WorkerSurvey:
    return get_object_or_404(
        WorkerSurvey.objects.select_related("contract__enterprise"),
        pk=pk,
        contract__enterprise=request.account.enterprise,
    )


@enterprise_user
def survey_poster(request, pk: int):
    survey = _survey(request, pk)
    try:
        content = poster_pdf(text=survey_print_for(request, survey))
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("enterprise_surveys")
    return pdf_response(content, f"survey-poster-{survey.pk}.pdf")


@enterprise_user
@require_POST
def survey_codes(request, pk: int):
    survey = _survey(request, pk)
    form = CodesForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("enterprise_surveys")
    try:
        codes = survey_codes_issue(
            survey_id=survey.pk, count=form.cleaned_data["count"], user=request.user
        )
        content = code_sheet_pdf(text=survey_print_for(request, survey), codes=codes)
    except (ValidationError, ValueError) as exc:
        messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        return redirect("enterprise_surveys")
    return pdf_response(content, f"survey-codes-{survey.pk}.pdf")
