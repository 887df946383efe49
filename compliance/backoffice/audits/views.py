"""Back-office steps of a performance check: record the scores; open a case from a failure."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.backoffice.audits.forms import RecordForm
from compliance.backoffice.common import require, run_step_form
from compliance.models import AuditCheck, SupervisionCase
from compliance.rules.audits import DIMENSIONS
from compliance.services.audits import audit_open_case, audit_record


def record_view(request, pk: int):
    require(request.user, "change", AuditCheck)
    check = get_object_or_404(AuditCheck, pk=pk)
    back = reverse("audit_checks:inspect", args=[check.pk])
    form = RecordForm(request.POST or None, reports=check.level == AuditCheck.Level.REPORT)

    def action(data):
        return audit_record(
            check_id=check.pk,
            done_on=data["done_on"],
            checker=data["checker"],
            findings=data["findings"],
            scores={d: data[d] for d in DIMENSIONS},
            report_year=data.get("report_year"),
            user=request.user,
        )

    return run_step_form(
        request, form, action, title=_("Record the performance check"), back_url=back, obj=check
    )


def open_case_view(request, pk: int):
    if request.method != "POST":
        raise Http404
    require(request.user, "add", SupervisionCase)
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
