"""Upward reports (上报) in the admin (issue 16 item 5).

A child federation lists the reports it owes its parent, opens one, writes a note per line and
submits it; the submitted copy is frozen. A parent sets which kinds its children owe, sees per
period who has submitted, who is late, and returns (with a comment) or accepts each report. Both
download a report as a printable workbook.

Who: federation administrators and holders of compliance.read_statistics (the statistics role).
What: a federation's own reports, and those of the federations beneath it; nothing of a sibling.
Reports live in the shared schema; no view switches schema.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accounts.names import person_name
from compliance.backoffice.common import date_field, run_step_form, xlsx_response
from compliance.excel.reports import PrintLine, report_workbook
from compliance.rules.reports import (
    DEFAULT_DUE_DAYS,
    KIND_LABELS,
    KINDS,
    LINES,
    is_late,
    period_label,
)
from compliance.selectors.reports import (
    draft_notes,
    frozen_rows,
    latest_submission,
    line_rows,
    received,
    received_periods,
    report_figures,
    report_visible,
    reports_owed,
    requirements_of,
)
from compliance.services import reports as service
from tenants.models import Federation, UpwardReport
from tenants.roles import ROLE_BY_KEY

PER_PAGE = 20
ACTIONS = {
    "opened": gettext_lazy("Opened"),
    "submitted": pgettext_lazy("upward report", "Submitted"),
    "returned": gettext_lazy("Returned"),
    "accepted": gettext_lazy("Accepted"),
}


def may_report(user) -> bool:
    """Federation administrators, or holders of compliance.read_statistics."""
    if not user.is_authenticated:
        return False
    if user.is_superuser or user.has_perm("compliance.read_statistics"):
        return True
    return user.groups.filter(name=ROLE_BY_KEY["federation_admin"].name).exists()


def _federation(request) -> Federation:
    if not may_report(request.user):
        raise PermissionDenied
    return connection.tenant


def _report(request, pk: int) -> tuple[Federation, UpwardReport]:
    federation = _federation(request)
    report = report_visible(federation=federation, pk=pk)
    if report is None:
        raise Http404
    return federation, report


def _title(report: UpwardReport) -> str:
    return _("%(kind)s report %(period)s, %(federation)s") % {
        "kind": KIND_LABELS[report.kind],
        "period": period_label(kind=report.kind, period_end=report.period_end),
        "federation": report.federation.display_name,
    }


def _page(request, template: str, title: str, context: dict):
    return TemplateResponse(
        request,
        f"compliance/reports/{template}",
        {"page_title": title, "header_title": title, **context},
    )


def reports_index(request):
    federation = _federation(request)
    today = timezone.localdate()
    owed = reports_owed(federation=federation, today=today)
    page = Paginator(owed, PER_PAGE).get_page(request.GET.get("p"))
    has_children = Federation.objects.filter(parent=federation).exists()
    return _page(
        request,
        "index.html",
        _("Upward reports"),
        {
            "page": page,
            "kind_labels": KIND_LABELS,
            "has_parent": federation.parent_id is not None,
            "has_children": has_children,
            "today": today,
        },
    )


def report_open_view(request, kind: str, period_end: str):
    federation = _federation(request)
    if request.method != "POST":
        return redirect("upward_reports:index")
    try:
        end = dt.date.fromisoformat(period_end)
    except ValueError:
        raise Http404 from None
    try:
        report = service.report_open(
            federation=federation,
            kind=kind,
            period_end=end,
            actor=person_name(request.user),
            today=timezone.localdate(),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("upward_reports:index")
    return redirect("upward_reports:report", report.pk)


class NotesForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for spec in LINES:
            self.fields[f"note_{spec.key}"] = forms.CharField(
                label=gettext_lazy("Note: %(line)s") % {"line": spec.label},
                max_length=service.NOTE_LENGTH,
                required=False,
                widget=forms.TextInput(attrs={"class": "w-w-full"}),
            )


def report_page(request, pk: int):
    federation, report = _report(request, pk)
    own = report.federation_id == federation.pk
    editable = own and report.status in (UpwardReport.Status.DRAFT, UpwardReport.Status.RETURNED)
    form = None
    rows = []
    included = missing = None
    if editable:
        notes = draft_notes(report)
        form = NotesForm(
            request.POST if request.method == "POST" else None,
            initial={f"note_{key}": note for key, note in notes.items()},
        )
        if request.method == "POST" and form.is_valid():
            try:
                service.report_notes_save(
                    report=report,
                    federation=federation,
                    notes={spec.key: form.cleaned_data[f"note_{spec.key}"] for spec in LINES},
                )
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, _("The notes have been saved."))
            return redirect("upward_reports:report", report.pk)
        filled = report_figures(
            federation=federation, kind=report.kind, period_end=report.period_end
        )
        rows = [(row, form[f"note_{row.key}"]) for row in line_rows(filled.total, notes)]
        included = [name for _pk, name in filled.included]
        missing = [name for _pk, name, _status in filled.missing]
    elif request.method == "POST":
        messages.error(
            request, _("This report has been submitted: its notes can no longer be changed.")
        )
        return redirect("upward_reports:report", report.pk)
    submission = latest_submission(report)
    frozen = frozen_rows(submission) if submission and not editable else []
    if submission and not editable:
        included = [item["name"] for item in submission.included]
        missing = [item["name"] for item in submission.missing]
    is_parent = report.federation.parent_id == federation.pk
    return _page(
        request,
        "report.html",
        _title(report),
        {
            "report": report,
            "own": own,
            "editable": editable,
            "form": form,
            "rows": rows,
            "frozen": frozen,
            "submission": submission,
            "included": included,
            "missing": missing,
            "is_parent": is_parent,
            "may_decide": is_parent and report.status == UpwardReport.Status.SUBMITTED,
            "late": is_late(
                due=report.due_on, submitted_on=report.submitted_on, today=timezone.localdate()
            ),
            "events": report.events.all(),
            "actions": ACTIONS,
            "kind_label": KIND_LABELS[report.kind],
            "period": period_label(kind=report.kind, period_end=report.period_end),
        },
    )


def _act(request, pk: int, action, success: str):
    federation, report = _report(request, pk)
    if request.method != "POST":
        return redirect("upward_reports:report", report.pk)
    try:
        action(report=report, federation=federation, actor=person_name(request.user))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, success)
    return redirect("upward_reports:report", report.pk)


def report_submit_view(request, pk: int):
    return _act(
        request,
        pk,
        service.report_submit,
        _("The report has been submitted to the parent federation."),
    )


def report_accept_view(request, pk: int):
    return _act(request, pk, service.report_accept, _("The report has been accepted."))


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment: what should be corrected"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={
            "required": gettext_lazy(
                "Say what the federation should correct: a comment is required."
            )
        },
    )


def report_return_view(request, pk: int):
    federation, report = _report(request, pk)
    if report.federation.parent_id != federation.pk:
        raise Http404
    form = ReturnForm(request.POST if request.method == "POST" else None)
    back = reverse("upward_reports:report", args=[report.pk])
    return run_step_form(
        request,
        form,
        lambda data: service.report_return(
            report=report,
            federation=federation,
            actor=person_name(request.user),
            comment=data["comment"],
        ),
        title=_("Return the report: %(title)s") % {"title": _title(report)},
        back_url=back,
        success=_("The report has been returned with your comment."),
    )


def report_xlsx(request, pk: int):
    federation, report = _report(request, pk)
    submission = latest_submission(report)
    if submission is not None:
        rows = frozen_rows(submission)
        included = [item["name"] for item in submission.included]
        missing = [item["name"] for item in submission.missing]
    elif report.federation_id == federation.pk:
        filled = report_figures(
            federation=federation, kind=report.kind, period_end=report.period_end
        )
        rows = line_rows(filled.total, draft_notes(report))
        included = [name for _pk, name in filled.included]
        missing = [name for _pk, name, _status in filled.missing]
    else:
        messages.error(request, _("This report has not been submitted yet."))
        return redirect("upward_reports:report", report.pk)
    separator = _(", ")
    workbook = report_workbook(
        title=_title(report),
        facts=(
            (_("Federation"), report.federation.display_name),
            (_("Period"), period_label(kind=report.kind, period_end=report.period_end)),
            (_("Kind"), str(KIND_LABELS[report.kind])),
            (_("Status"), report.get_status_display()),
            (_("Due on"), report.due_on.isoformat()),
        ),
        lines=[PrintLine(r.label, r.numerator, r.denominator, r.percent, r.note) for r in rows],
        included=separator.join(included),
        missing=separator.join(missing),
    )
    name = f"report-{report.kind}-{report.period_end.isoformat()}.xlsx"
    return xlsx_response(workbook, name=name)


def reports_received(request):
    federation = _federation(request)
    today = timezone.localdate()
    periods = received_periods(federation=federation, today=today)
    chosen = None
    kind_wanted, _bar, period_wanted = request.GET.get("choice", "").partition("|")
    wanted = (kind_wanted, period_wanted)
    for kind, end in periods:
        if (kind, end.isoformat()) == wanted:
            chosen = (kind, end)
    if chosen is None and periods:
        chosen = periods[0]
    rows = []
    if chosen:
        rows = received(federation=federation, kind=chosen[0], period_end=chosen[1], today=today)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    return _page(
        request,
        "received.html",
        _("Reports from the federations below"),
        {
            "periods": [
                (kind, end, f"{KIND_LABELS[kind]} {period_label(kind=kind, period_end=end)}")
                for kind, end in periods
            ],
            "chosen": chosen,
            "chosen_label": (
                f"{KIND_LABELS[chosen[0]]} {period_label(kind=chosen[0], period_end=chosen[1])}"
                if chosen
                else ""
            ),
            "page": page,
        },
    )


class SettingsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in KINDS:
            label = KIND_LABELS[kind]
            self.fields[f"{kind}_required"] = forms.BooleanField(
                label=gettext_lazy("%(kind)s reports required") % {"kind": label},
                required=False,
            )
            self.fields[f"{kind}_due_days"] = forms.IntegerField(
                label=gettext_lazy("%(kind)s: due days after the period's end") % {"kind": label},
                min_value=0,
                max_value=120,
                initial=DEFAULT_DUE_DAYS,
            )
            self.fields[f"{kind}_starts_on"] = date_field(
                gettext_lazy("%(kind)s: first period ending on or after") % {"kind": label},
                required=False,
            )

    def clean(self):
        data = super().clean()
        for kind in KINDS:
            if data.get(f"{kind}_required") and not data.get(f"{kind}_starts_on"):
                self.add_error(
                    f"{kind}_starts_on",
                    _("Say from which period on these reports are owed."),
                )
        return data


def reports_settings(request):
    federation = _federation(request)
    current = requirements_of(federation.pk)
    initial = {}
    for kind in KINDS:
        requirement = current.get(kind)
        initial[f"{kind}_required"] = requirement is not None
        initial[f"{kind}_due_days"] = requirement.due_days if requirement else DEFAULT_DUE_DAYS
        initial[f"{kind}_starts_on"] = (
            requirement.starts_on if requirement else timezone.localdate().replace(month=1, day=1)
        )
    form = SettingsForm(request.POST if request.method == "POST" else None, initial=initial)

    def save(data):
        service.requirements_set(
            federation=federation,
            kinds={
                kind: (data[f"{kind}_due_days"], data[f"{kind}_starts_on"])
                if data[f"{kind}_required"]
                else None
                for kind in KINDS
            },
        )

    return run_step_form(
        request,
        form,
        save,
        title=_("Reports the federations below owe"),
        back_url=reverse("upward_reports:received"),
        success=_("The reports the federations below owe have been saved."),
    )
