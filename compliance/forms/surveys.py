"""What the admin and the enterprise area share about a workers' survey: the forms that open
one and issue its codes, and what its poster and code sheet print (the link on this
federation's host).

In compliance.forms (see its docstring): the back office and the public side may not import
each other (the layers contract), and a form is not a pure rule.
"""

from __future__ import annotations

from django import forms
from django.db import connection
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy

from compliance.documents.worker_surveys import SurveyPrint, survey_print
from compliance.models import WorkerSurvey
from compliance.rules.worker_surveys import MAX_CODES_PER_SHEET


class OpenForm(forms.Form):
    mode = forms.ChoiceField(
        label=gettext_lazy("How workers prove they may answer"),
        choices=WorkerSurvey.Mode.choices,
        widget=forms.RadioSelect,
        initial=WorkerSurvey.Mode.CODES,
        help_text=gettext_lazy(
            "One-time codes: you print a sheet of codes and hand one to each worker; each answers "
            "once. One code for the contract: printed on the poster; answers are limited per "
            "connection and phone, so a worker could answer twice from two phones."
        ),
    )


class CodesForm(forms.Form):
    count = forms.IntegerField(
        label=gettext_lazy("Number of codes"),
        min_value=1,
        max_value=MAX_CODES_PER_SHEET,
        help_text=gettext_lazy(
            "One per worker covered. The codes are shown only in the sheet downloaded now: the "
            "portal keeps no copy it could print again."
        ),
    )


def survey_print_for(request, survey: WorkerSurvey) -> SurveyPrint:
    return survey_print(
        survey=survey,
        federation=connection.tenant.name,
        url=request.build_absolute_uri(reverse("worker_survey", args=[survey.token])),
    )


def pdf_response(content: bytes, name: str) -> HttpResponse:
    """A private PDF download (the code sheet holds the only copy of its codes)."""
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
