"""The instructor's appointment and assigned enterprises (from the instructor's page), the yearly
assessment sheet (page and XLSX), the signed-in instructor's phone page (my enterprises, log a
visit), and the attendees and certificates of a training session (issue 18 items 6 and 7)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from compliance.backoffice.common import require, run_step_form, xlsx_response
from compliance.backoffice.instructors import forms
from compliance.excel.instructors import SheetTable, assessment_workbook
from compliance.models import (
    EnterpriseAssignment,
    Instructor,
    InstructorAssessment,
    InstructorVisit,
    NegotiatorTraining,
    TrainingAttendee,
)
from compliance.selectors.instructors import AssessmentSheet, assessment_sheet, my_enterprises
from compliance.services import instructors as services
from compliance.services import training as training_services


def sheet_url(pk: int, year: int | None = None) -> str:
    url = reverse("instructors:sheet", args=[pk])
    return f"{url}?year={year}" if year else url


def _instructor_url(pk: int, anchor: str = "") -> str:
    return reverse("instructors:inspect", args=[pk]) + (f"#{anchor}" if anchor else "")


# --- appointment and assignment ------------------------------------------------------------------


def appoint(request, pk: int):
    require(request.user, "change", Instructor)
    instructor = get_object_or_404(Instructor, pk=pk)
    return run_step_form(
        request,
        forms.AppointForm(request.POST or None),
        lambda d: services.instructor_appoint(instructor_id=pk, user=request.user, **d),
        title=_("Record the appointment of %(name)s") % {"name": instructor.name},
        back_url=_instructor_url(pk, "appointment"),
        error_field=None,
    )


def renew(request, pk: int):
    require(request.user, "change", Instructor)
    instructor = get_object_or_404(Instructor, pk=pk)
    return run_step_form(
        request,
        forms.RenewForm(request.POST or None),
        lambda d: services.instructor_renew(instructor_id=pk, user=request.user, **d),
        title=_("Renew the appointment of %(name)s") % {"name": instructor.name},
        back_url=_instructor_url(pk, "appointment"),
    )


def end(request, pk: int):
    require(request.user, "change", Instructor)
    instructor = get_object_or_404(Instructor, pk=pk)
    return run_step_form(
        request,
        forms.EndForm(request.POST or None),
        lambda d: services.instructor_end(instructor_id=pk, user=request.user, **d),
        title=_("End the appointment of %(name)s") % {"name": instructor.name},
        back_url=_instructor_url(pk, "appointment"),
    )


def assign(request, pk: int):
    require(request.user, "change", Instructor)
    instructor = get_object_or_404(Instructor, pk=pk)
    return run_step_form(
        request,
        forms.AssignForm(request.POST or None),
        lambda d: services.enterprise_assign(
            enterprise_id=d["enterprise"].pk,
            instructor_id=pk,
            reason=d["reason"],
            user=request.user,
        ),
        title=_("Assign an enterprise to %(name)s") % {"name": instructor.name},
        back_url=_instructor_url(pk, "enterprises"),
        success=lambda a: (
            _("%(enterprise)s is assigned to %(name)s.")
            % {"enterprise": a.enterprise.name, "name": instructor.name}
        ),
    )


def unassign(request, pk: int):
    require(request.user, "change", Instructor)
    assignment = get_object_or_404(
        EnterpriseAssignment.objects.select_related("enterprise", "instructor"), pk=pk
    )
    return run_step_form(
        request,
        forms.UnassignForm(request.POST or None),
        lambda d: services.enterprise_unassign(
            assignment_id=pk, reason=d["reason"], user=request.user
        ),
        title=_("Take %(enterprise)s back from %(name)s")
        % {"enterprise": assignment.enterprise.name, "name": assignment.instructor.name},
        back_url=_instructor_url(assignment.instructor_id, "enterprises"),
    )


# --- the yearly assessment sheet -----------------------------------------------------------------


def _year(request) -> int:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        return today.year
    return year if 2000 <= year <= today.year else today.year


def sheet(request, pk: int):
    require(request.user, "view", Instructor)
    instructor = get_object_or_404(Instructor, pk=pk)
    year = _year(request)
    data = assessment_sheet(instructor=instructor, year=year)
    title = _("Yearly assessment of %(name)s, %(year)s") % {"name": instructor.name, "year": year}
    today = timezone.localdate()
    return TemplateResponse(
        request,
        "compliance/instructors/sheet.html",
        {
            "page_title": title,
            "header_title": title,
            "sheet": data,
            "years": list(range(today.year, today.year - 4, -1)),
            "may_assess": request.user.has_perm("compliance.add_instructorassessment"),
            "instructor_url": _instructor_url(pk),
        },
    )


def _summary(data: AssessmentSheet) -> list[tuple[str, object]]:
    instructor = data.instructor
    term = (
        f"{instructor.appointed_on:%Y-%m-%d} – {instructor.term_ends_on:%Y-%m-%d}"
        if instructor.appointed_on and instructor.term_ends_on
        else "—"
    )
    assessment = data.assessment
    return [
        (_("Instructor"), instructor.name),
        (_("organisation"), instructor.organisation or "—"),
        (_("Term of appointment"), term),
        (_("appointing document number"), instructor.appointment_document or "—"),
        (_("Year"), data.year),
        (_("Visits"), len(data.visits)),
        (_("Enterprises visited"), data.enterprises_visited),
        (_("Training sessions given"), len(data.trainings)),
        (_("People trained"), data.trained_people),
        (_("Whole rounds"), len(data.whole_rounds)),
        (_("Yearly target of whole rounds"), data.target),
        (_("Target met"), _("Yes") if data.meets_target else _("No")),
        (_("Enterprises in their care"), data.enterprises),
        (_("of which with a contract in force"), data.enterprises_in_force),
        (_("grade"), assessment.get_grade_display() if assessment else _("Not yet assessed")),
        (_("Evaluator's comment"), assessment.comment if assessment else ""),
    ]


def sheet_xlsx(request, pk: int):
    require(request.user, "view", Instructor)
    instructor = get_object_or_404(Instructor, pk=pk)
    data = assessment_sheet(instructor=instructor, year=_year(request))
    content = assessment_workbook(
        title=_("Yearly assessment of %(name)s, %(year)s")
        % {"name": instructor.name, "year": data.year},
        summary=_summary(data),
        tables=[
            SheetTable(
                _("Visits"),
                [_("visited on"), _("enterprise"), _("Topic"), _("Outcome"), _("follow-up")],
                [
                    (
                        f"{v.visited_on:%Y-%m-%d}",
                        v.enterprise.name,
                        v.topic,
                        v.outcome,
                        v.follow_up,
                    )
                    for v in data.visits
                ],
            ),
            SheetTable(
                _("Training given"),
                [_("held on"), _("Topic"), _("audience"), _("number of attendees")],
                [
                    (f"{t.held_on:%Y-%m-%d}", t.topic, t.audience, t.attendees)
                    for t in data.trainings
                ],
            ),
            SheetTable(
                _("Whole rounds"),
                [_("enterprise"), _("effective on")],
                [(r.enterprise.name, f"{r.effective_date:%Y-%m-%d}") for r in data.whole_rounds],
            ),
        ],
    )
    return xlsx_response(content, name=f"instructor-{pk}-{data.year}.xlsx")


def assess(request, pk: int):
    require(request.user, "add", InstructorAssessment)
    instructor = get_object_or_404(Instructor, pk=pk)
    year = _year(request)
    existing = InstructorAssessment.objects.filter(instructor=instructor, year=year).first()
    initial = {"grade": existing.grade, "comment": existing.comment} if existing else {}
    form = forms.AssessmentForm(request.POST or None, initial=initial)
    return run_step_form(
        request,
        form,
        lambda d: services.assessment_record(instructor_id=pk, year=year, user=request.user, **d),
        title=_("Assess %(name)s for %(year)s") % {"name": instructor.name, "year": year},
        back_url=reverse("instructors:sheet", args=[pk]) + f"?year={year}",
    )


# --- the instructor's phone page -----------------------------------------------------------------


def _own_instructor(request) -> Instructor:
    instructor = Instructor.objects.filter(user=request.user).first()
    if instructor is None or not request.user.has_perm("compliance.add_instructorvisit"):
        raise PermissionDenied
    return instructor


def my_work(request):
    """My enterprises with the last visit and contract state, my recent visits, and a button to
    log a visit: laid out for a phone."""
    instructor = _own_instructor(request)
    title = _("My enterprises")
    return TemplateResponse(
        request,
        "compliance/instructors/mine.html",
        {
            "page_title": title,
            "header_title": title,
            "instructor": instructor,
            "enterprises": list(my_enterprises(instructor)[:200]),
            "visits": list(
                InstructorVisit.objects.filter(instructor=instructor).select_related("enterprise")[
                    :10
                ]
            ),
        },
    )


def my_visit(request):
    instructor = _own_instructor(request)
    enterprises = my_enterprises(instructor)
    form = forms.MyVisitForm(
        request.POST or None,
        enterprises=enterprises,
        initial={"enterprise": request.GET.get("enterprise")},
    )
    return run_step_form(
        request,
        form,
        lambda d: services.visit_record(
            instructor=instructor,
            user=request.user,
            own_enterprises_only=True,
            **d,
        ),
        title=_("Log a visit"),
        back_url=reverse("my_work:index"),
        success=lambda v: _("Visit to %(name)s logged.") % {"name": v.enterprise.name},
    )


# --- a training session's attendees and certificates ---------------------------------------------


def _training_url(pk: int) -> str:
    return reverse("negotiator_trainings:inspect", args=[pk]) + "#attendees"


def attendee_add(request, pk: int):
    require(request.user, "change", NegotiatorTraining)
    training = get_object_or_404(NegotiatorTraining, pk=pk)
    return run_step_form(
        request,
        forms.AttendeeForm(request.POST or None),
        lambda d: training_services.attendee_add(training_id=pk, user=request.user, **d),
        title=_("Add an attendee to %(training)s") % {"training": training},
        back_url=_training_url(pk),
    )


def certificate_issue(request, pk: int):
    require(request.user, "change", NegotiatorTraining)
    attendee = get_object_or_404(TrainingAttendee.objects.select_related("training"), pk=pk)
    return run_step_form(
        request,
        forms.CertificateForm(request.POST or None),
        lambda d: training_services.certificate_issue(attendee_id=pk, user=request.user, **d),
        title=_("Certificate for %(name)s") % {"name": attendee.name},
        back_url=_training_url(attendee.training_id),
    )


@require_POST
def attendee_remove(request, pk: int):
    require(request.user, "change", NegotiatorTraining)
    attendee = get_object_or_404(TrainingAttendee, pk=pk)
    try:
        training_services.attendee_remove(attendee_id=pk, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("%(name)s removed.") % {"name": attendee.name})
    return redirect(_training_url(attendee.training_id))
