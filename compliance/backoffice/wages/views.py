"""Wage highlights in the back office (issue 19 item 4), beside the statistics: each quarter of
this year and the last with when its figures were last generated and the public page showing
them; federation administrators regenerate a quarter (a late-filed contract, a corrected
increase); the history of every generation. Readers need compliance.read_statistics."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.names import person_name
from compliance.backoffice.targets.views import is_federation_admin
from compliance.rules.wages import quarters_offered
from compliance.selectors.wages import wage_generated_quarters
from compliance.services.wages import wage_highlights_generate
from tenants.models import WageGeneration

HISTORY_PER_PAGE = 20
PERMISSION = "compliance.read_statistics"  # as the statistics pages


def may_read_statistics(user) -> bool:
    return bool(user.is_authenticated and user.has_perm(PERMISSION))


class RegenerateForm(forms.Form):
    year = forms.IntegerField()
    quarter = forms.IntegerField(min_value=1, max_value=4)


def wages_index(request):
    if not may_read_statistics(request.user):
        raise PermissionDenied
    federation = connection.tenant
    today = timezone.localdate()
    generated = wage_generated_quarters(federation=federation)
    quarters = [
        {
            "year": year,
            "quarter": quarter,
            "label": _("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year},
            "generated_at": generated.get((year, quarter)),
            "public_url": reverse("wage_highlights", args=[year, quarter]),
        }
        for year, quarter in quarters_offered(today=today)
    ]
    history = Paginator(
        WageGeneration.objects.filter(federation_id=federation.pk), HISTORY_PER_PAGE
    ).get_page(request.GET.get("p"))
    title = _("Wage highlights")
    return TemplateResponse(
        request,
        "compliance/wages/index.html",
        {
            "page_title": title,
            "header_title": title,
            "quarters": quarters,
            "history": history,
            "may_generate": is_federation_admin(request.user),
        },
    )


@require_POST
def wages_generate(request):
    if not is_federation_admin(request.user):
        raise PermissionDenied
    form = RegenerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a quarter to regenerate."))
        return redirect("statistics_wages:index")
    year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    try:
        generation = wage_highlights_generate(
            year=year, quarter=quarter, by=person_name(request.user)
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("statistics_wages:index")
    messages.success(
        request,
        _("The wage figures of Q%(quarter)s %(year)s were regenerated: %(n)s wage contracts.")
        % {"quarter": quarter, "year": year, "n": generation.contracts},
    )
    return redirect("statistics_wages:index")
