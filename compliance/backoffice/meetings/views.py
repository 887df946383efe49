"""The monthly meeting's pages beyond Wagtail's list and inspect: the meeting's forms, the
outcomes of the month, next month's proposal, the minutes file and the progress report for the
chair's meeting (page and XLSX)."""

from __future__ import annotations

import datetime as dt
import io
import os

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from compliance.backoffice.common import attachment, require, run_step_form, xlsx_response
from compliance.backoffice.meetings import forms as meeting_forms
from compliance.excel.progress_report import write_progress_report
from compliance.models import Invitation, MonthlyMeeting
from compliance.selectors.monthly_meetings import (
    first_of_month,
    meeting_proposal,
    next_month,
    progress_report,
    report_months,
)
from compliance.services import monthly_meetings as services


def _inspect(meeting) -> str:
    return reverse("monthly_meetings:inspect", args=[meeting.pk])


def meeting_add(request):
    require(request.user, "add", MonthlyMeeting)
    form = meeting_forms.MeetingCreateForm(request.POST or None, request.FILES or None)

    def create(data):
        meeting = services.meeting_create(
            held_on=data["held_on"],
            place=data["place"],
            chair=data["chair"],
            minutes=data["minutes"],
            minutes_file=data.get("minutes_file"),
            enterprises=[(e, data["invited_because"]) for e in data["enterprises"]],
            user=request.user,
        )
        return redirect(_inspect(meeting))

    return run_step_form(
        request,
        form,
        create,
        title=_("New monthly meeting"),
        back_url=reverse("monthly_meetings:index"),
        multipart=True,
        success=_("Monthly meeting created."),
    )


def meeting_edit(request, pk: int):
    require(request.user, "change", MonthlyMeeting)
    meeting = get_object_or_404(MonthlyMeeting, pk=pk)
    initial = {
        "held_on": meeting.held_on,
        "place": meeting.place,
        "chair": meeting.chair,
        "minutes": meeting.minutes,
    }
    form = meeting_forms.MeetingEditForm(
        request.POST or None, request.FILES or None, initial=initial
    )
    return run_step_form(
        request,
        form,
        lambda data: services.meeting_update(meeting_id=meeting.pk, user=request.user, **data),
        title=_("Edit the meeting"),
        back_url=_inspect(meeting),
        obj=meeting,
        multipart=True,
    )


def meeting_invite(request, pk: int):
    require(request.user, "change", MonthlyMeeting)
    meeting = get_object_or_404(MonthlyMeeting, pk=pk)
    form = meeting_forms.InviteForm(request.POST or None, meeting=meeting)
    return run_step_form(
        request,
        form,
        lambda data: services.invitations_add(
            meeting_id=meeting.pk,
            enterprises=data["enterprises"],
            invited_because=data["invited_because"],
            user=request.user,
        ),
        title=_("Invite enterprises"),
        back_url=_inspect(meeting),
        obj=meeting,
        success=lambda added: _("%(count)d enterprises invited.") % {"count": len(added)},
    )


def meeting_outcomes(request, pk: int):
    """Attendance, outcome, action asked and note of every invited enterprise, on one page."""
    require(request.user, "change", MonthlyMeeting)
    meeting = get_object_or_404(MonthlyMeeting, pk=pk)
    invitations = meeting.invitations.select_related("enterprise").order_by("enterprise__name")
    form = meeting_forms.OutcomesForm(request.POST or None, invitations=invitations)
    if request.method == "POST" and form.is_valid():
        changed = 0
        try:
            for invitation_id, values in form.values():
                if services.invitation_record(
                    invitation_id=invitation_id,
                    reason=form.cleaned_data["reason"],
                    user=request.user,
                    **values,
                ):
                    changed += 1
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("Outcomes saved: %(count)d enterprises changed.") % {"count": changed}
            )
            return redirect(_inspect(meeting))
    title = _("Outcomes of the %(month)s meeting") % {"month": f"{meeting.month:%Y-%m}"}
    return TemplateResponse(
        request,
        "compliance/meetings/outcomes.html",
        {
            "meeting": meeting,
            "form": form,
            "page_title": title,
            "header_title": title,
            "inspect_url": _inspect(meeting),
        },
        status=400 if request.method == "POST" else 200,
    )


def meeting_proposal_view(request, pk: int):
    """Next month's invitations proposed from this meeting, with the reasons; the clerk ticks
    them and creates next month's meeting."""
    require(request.user, "view", MonthlyMeeting)
    meeting = get_object_or_404(MonthlyMeeting, pk=pk)
    today = timezone.localdate()
    proposal = meeting_proposal(meeting=meeting, as_of=today)
    following = next_month(meeting.month)
    existing = MonthlyMeeting.objects.filter(month=following).first()
    may_create = existing is None and request.user.has_perm("compliance.add_monthlymeeting")
    form = meeting_forms.ProposalForm(
        request.POST if request.method == "POST" and may_create else None,
        proposal=proposal,
        initial={
            "held_on": max(following, today) if first_of_month(today) <= following else following
        },
    )
    if request.method == "POST":
        require(request.user, "add", MonthlyMeeting)
        if may_create and form.is_valid():
            data = form.cleaned_data
            try:
                created = services.meeting_create_from_proposal(
                    meeting_id=meeting.pk,
                    enterprise_ids=data["enterprises"],
                    held_on=data["held_on"],
                    place=data["place"],
                    chair=data["chair"],
                    as_of=today,
                    user=request.user,
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("The %(month)s meeting was created with %(count)d invited enterprises.")
                    % {"month": f"{created.month:%Y-%m}", "count": created.invitations.count()},
                )
                return redirect(_inspect(created))
    ticked = form.ticked()
    rows = [(p, p.enterprise.pk in ticked) for p in proposal]
    title = _("Invitations proposed for %(month)s") % {"month": f"{following:%Y-%m}"}
    return TemplateResponse(
        request,
        "compliance/meetings/proposal.html",
        {
            "meeting": meeting,
            "rows": rows,
            "form": form,
            "existing": existing,
            "may_create": may_create,
            "following": following,
            "page_title": title,
            "header_title": title,
            "inspect_url": _inspect(meeting),
        },
        status=400 if request.method == "POST" else 200,
    )


def meeting_minutes(request, pk: int):
    require(request.user, "view", MonthlyMeeting)
    meeting = get_object_or_404(MonthlyMeeting, pk=pk)
    if not meeting.minutes_file:
        raise Http404
    name = os.path.basename(meeting.minutes_file.name)
    return attachment(
        meeting.minutes_file.open("rb"), name=name, content_type="application/octet-stream"
    )


def _month(request) -> dt.date:
    raw = request.GET.get("month", "")
    try:
        return dt.datetime.strptime(raw, "%Y-%m").date()
    except ValueError:
        return first_of_month(timezone.localdate())


def progress_report_view(request):
    """The month's progress for the chair's meeting (主席办公会): figures against the previous
    month and the year to date, and the month's invited enterprises; printable, and as XLSX."""
    require(request.user, "view", MonthlyMeeting)
    month = _month(request)
    report = progress_report(month=month)
    invitations = (
        Invitation.objects.filter(meeting=report.meeting).select_related("enterprise")
        if report.meeting
        else Invitation.objects.none()
    )
    title = _("Bargaining progress, %(month)s") % {"month": f"{month:%Y-%m}"}
    if request.GET.get("export") == "xlsx":
        return _report_xlsx(report, invitations, title)
    months = report_months()
    if month not in months:
        months = sorted({month, *months}, reverse=True)
    return TemplateResponse(
        request,
        "compliance/meetings/report.html",
        {
            "report": report,
            "invitations": invitations.order_by("enterprise__name"),
            "months": months,
            "page_title": title,
            "header_title": title,
        },
    )


def _report_xlsx(report, invitations, title):
    buffer = io.BytesIO()
    write_progress_report(
        title=title,
        figures_title=pgettext("progress report", "Figures"),
        figure_headers=[
            _("Figure"),
            f"{report.month:%Y-%m}",
            f"{report.previous:%Y-%m}",
            pgettext("progress report", "Change"),
            _("Year to date"),
        ],
        figure_rows=[
            [row.label, row.month, row.previous, row.change, row.year_to_date]
            for row in report.rows
        ],
        invitations_title=_("Invited enterprises"),
        invitation_headers=[
            _("Enterprise"),
            _("Invited because"),
            pgettext("meeting", "Attendance"),
            pgettext("meeting outcome", "Outcome"),
            _("Action asked"),
            _("Note"),
        ],
        invitation_rows=[
            [
                i.enterprise.name,
                i.invited_because,
                i.get_attendance_display(),
                i.get_outcome_display(),
                i.get_action_display(),
                i.note,
            ]
            for i in invitations.order_by("enterprise__name")
        ],
        target=buffer,
    )
    return xlsx_response(buffer.getvalue(), name=f"progress-{report.month:%Y-%m}.xlsx")
