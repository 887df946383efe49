"""Import and export of the ledger in the admin: templates, exports, uploads and their progress.

An upload becomes an ImportJob that a Celery task runs (compliance.tasks.import_run); the job's
page refreshes itself until the import has finished. The URLs and the menu item are the
ImportViewSet's (viewsets.py). Uploaded files and error workbooks are in
the federation's private storage and served only here, to users who may import that kind.
"""

from __future__ import annotations

import tempfile

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from compliance.backoffice.common import (
    announces_too_much,
    may,
    require,
    too_large_form,
    xlsx_response,
)
from compliance.models import BaselineSurvey, Contract, Enterprise, ImportJob, ViolationRecord
from compliance.services.imports import (
    LIMITS,
    import_errors_first,
    import_job_create,
    ledger_export,
    ledger_template,
)

# Each kind of import needs the add permission of the records it writes.
WRITES = {
    ImportJob.Kind.ENTERPRISES: Enterprise,
    ImportJob.Kind.CONTRACTS: Contract,
    ImportJob.Kind.VIOLATIONS: ViolationRecord,
    ImportJob.Kind.SURVEYS: BaselineSurvey,
}
TITLES = {
    ImportJob.Kind.ENTERPRISES: gettext_lazy("Import and export enterprises"),
    ImportJob.Kind.CONTRACTS: gettext_lazy("Import and export existing contracts"),
    ImportJob.Kind.VIOLATIONS: gettext_lazy("Import and export violation records"),
    ImportJob.Kind.SURVEYS: gettext_lazy("Import and export the baseline survey"),
}
RECENT_JOBS = 20
PROBLEMS_SHOWN = 20


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Workbook (.xlsx)"),
        help_text=gettext_lazy(
            "At most 20 MB and 200,000 rows. A file with any invalid row imports nothing."
        ),
    )


def kinds_for(user) -> list[str]:
    return [kind for kind, model in WRITES.items() if may(user, "add", model)]


def _require(request, kind: str) -> None:
    if kind not in WRITES:
        raise Http404
    require(request.user, "add", WRITES[kind])


def imports_index(request):
    kinds = kinds_for(request.user)
    if not kinds:
        raise PermissionDenied
    title = _("Import and export")
    return TemplateResponse(
        request,
        "compliance/imports/index.html",
        {
            "kinds": [(kind, TITLES[kind]) for kind in kinds],
            "jobs": ImportJob.objects.filter(kind__in=kinds).select_related("user")[:RECENT_JOBS],
            "page_title": title,
            "header_title": title,
        },
    )


def _kind_page(request, kind: str, form: UploadForm, status: int = 200):
    return TemplateResponse(
        request,
        "compliance/imports/kind.html",
        {
            "kind": kind,
            "form": form,
            "jobs": ImportJob.objects.filter(kind=kind).select_related("user")[:RECENT_JOBS],
            "page_title": TITLES[kind],
            "header_title": TITLES[kind],
        },
        status=status,
    )


@csrf_exempt
def import_kind(request, kind: str):
    """The kind's page and its upload. A request announcing more than the size limit is refused
    before Django spools its body to disk (CSRF is checked by the inner view for the others;
    the refusal changes nothing)."""
    _require(request, kind)
    if announces_too_much(request, limit=LIMITS.max_bytes):
        form = too_large_form(UploadForm, limit=LIMITS.max_bytes)
        return _kind_page(request, kind, form, status=413)
    return _import_kind(request, kind)


@csrf_protect
def _import_kind(request, kind: str):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_create(kind=kind, upload=form.cleaned_data["file"], user=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("file", message)
        else:
            messages.success(request, _("The file was uploaded; its import has started."))
            return redirect("imports:job", pk=job.pk)
    return _kind_page(request, kind, form)


def import_template(request, kind: str):
    _require(request, kind)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (the FileResponse closes it)
    ledger_template(kind=kind, target=handle)
    return xlsx_response(handle, name=f"{kind}-template.xlsx")


def import_export(request, kind: str):
    _require(request, kind)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (the FileResponse closes it)
    ledger_export(kind=kind, target=handle)
    return xlsx_response(handle, name=f"{kind}-{timezone.localdate():%Y%m%d}.xlsx")


def _job(request, pk: int) -> ImportJob:
    # The job table is per federation: another federation's job is simply not found here.
    job = get_object_or_404(ImportJob, pk=pk)
    _require(request, job.kind)
    return job


def import_job(request, pk: int):
    job = _job(request, pk)
    title = _("Import of %(file)s") % {"file": job.file_name}
    return TemplateResponse(
        request,
        "compliance/imports/job.html",
        {
            "job": job,
            "problems": import_errors_first(job=job, limit=PROBLEMS_SHOWN),
            "kind_title": TITLES[job.kind],
            "page_title": title,
            "header_title": title,
        },
    )


def import_job_errors(request, pk: int):
    job = _job(request, pk)
    if not job.error_file:
        raise Http404
    return xlsx_response(job.error_file.open("rb"), name=f"{job.kind}-errors-{job.pk}.xlsx")
