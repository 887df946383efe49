"""Instructors' work (issue 18 item 6; DOMAIN.md §9, R54).

Rules:
- Appointment (聘任): an instructor is appointed on a day for a term ending on a later day, under
  an appointing document (文号). The appointment is renewed to a new, later term end (a new
  document) or ended on a day; each with a reason, kept in the instructor's history. An ended
  appointment makes the instructor inactive; an instructor whose term has ended (today after the
  term end) is no longer proposed or assignable (selectors.instructors.proposable_q).
- Assignment by name (分片包干): an enterprise is assigned to one instructor at a time; the
  assignment takes precedence over the areas when a round's instructor is proposed. Assigning it
  to another instructor moves it; each change has a reason in the assignment's history.
- Visits (走访): by an instructor to an enterprise, on a day not in the future, with a topic and
  an outcome. An instructor entering their own visit from the phone page may log it only for
  their own enterprises (selectors.instructors.enterprises_of); a clerk may log any.
- Training given: a day not in the future, a topic, the audience and at least one attendee.
- The yearly assessment: one per instructor and year, a grade and the evaluator's comment; made
  again, it replaces the grade with the reason in its history.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.models import (
    Enterprise,
    EnterpriseAssignment,
    Instructor,
    InstructorAssessment,
    InstructorTraining,
    InstructorVisit,
)
from compliance.selectors.instructors import enterprises_of, proposable_q
from compliance.services.history import save_with_history


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why: the reason is kept in the history.")})
    return reason


def _not_future(day: dt.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("This day is in the future: enter what has happened.")})


def _locked(instructor_id: int) -> Instructor:
    return Instructor.objects.select_for_update().get(pk=instructor_id)


# --- appointment ---------------------------------------------------------------------------------


@transaction.atomic
def instructor_appoint(
    *,
    instructor_id: int,
    appointed_on: dt.date,
    term_ends_on: dt.date,
    document: str,
    reason: str,
    user=None,
) -> Instructor:
    """Record the appointment (a first one, or one entered late for an instructor already in
    the registry)."""
    reason = _reason(reason)
    if term_ends_on <= appointed_on:
        raise ValidationError({"term_ends_on": _("The term must end after the appointment day.")})
    instructor = _locked(instructor_id)
    instructor.appointed_on = appointed_on
    instructor.term_ends_on = term_ends_on
    instructor.appointment_document = document.strip()
    instructor.active = True
    save_with_history(
        instructor,
        user=user,
        reason=_("Appointed until %(end)s (%(document)s): %(reason)s")
        % {"end": f"{term_ends_on:%Y-%m-%d}", "document": document.strip(), "reason": reason},
    )
    return instructor


@transaction.atomic
def instructor_renew(
    *, instructor_id: int, term_ends_on: dt.date, document: str, reason: str, user=None
) -> Instructor:
    """Renew the appointment to a later term end, under a new appointing document."""
    reason = _reason(reason)
    instructor = _locked(instructor_id)
    if instructor.appointed_on is None:
        raise ValidationError(_("Record the appointment first: there is no term to renew."))
    if instructor.term_ends_on and term_ends_on <= instructor.term_ends_on:
        raise ValidationError(
            {
                "term_ends_on": _("A renewal ends after the current term (%(end)s).")
                % {"end": f"{instructor.term_ends_on:%Y-%m-%d}"}
            }
        )
    if not document.strip():
        raise ValidationError({"document": _("Enter the number of the renewing document.")})
    instructor.term_ends_on = term_ends_on
    instructor.appointment_document = document.strip()
    instructor.active = True
    save_with_history(
        instructor,
        user=user,
        reason=_("Renewed until %(end)s (%(document)s): %(reason)s")
        % {"end": f"{term_ends_on:%Y-%m-%d}", "document": document.strip(), "reason": reason},
    )
    return instructor


@transaction.atomic
def instructor_end(*, instructor_id: int, ended_on: dt.date, reason: str, user=None) -> Instructor:
    """End the appointment on `ended_on` (dismissal, resignation, term not renewed)."""
    reason = _reason(reason)
    instructor = _locked(instructor_id)
    if not instructor.active:
        raise ValidationError(_("This instructor's appointment has already ended."))
    if instructor.appointed_on and ended_on < instructor.appointed_on:
        raise ValidationError({"ended_on": _("The appointment cannot end before it began.")})
    instructor.active = False
    if instructor.term_ends_on is None or ended_on < instructor.term_ends_on:
        instructor.term_ends_on = ended_on
    save_with_history(
        instructor,
        user=user,
        reason=_("Appointment ended on %(day)s: %(reason)s")
        % {"day": f"{ended_on:%Y-%m-%d}", "reason": reason},
    )
    return instructor


# --- assignment by enterprise --------------------------------------------------------------------


@transaction.atomic
def enterprise_assign(*, enterprise_id: int, instructor_id: int, reason: str, user=None):
    """Assign the enterprise to the instructor by name (moving it from another one)."""
    reason = _reason(reason)
    if not Instructor.objects.filter(proposable_q(), pk=instructor_id).exists():
        raise ValidationError(
            {"instructor": _("Only an active instructor whose term has not ended is assigned.")}
        )
    enterprise = Enterprise.objects.get(pk=enterprise_id)
    assignment = (
        EnterpriseAssignment.objects.select_for_update().filter(enterprise=enterprise).first()
    )
    if assignment is None:
        assignment = EnterpriseAssignment(enterprise=enterprise)
    elif assignment.instructor_id == instructor_id:
        raise ValidationError(
            {
                "enterprise": _("%(name)s is already assigned to this instructor.")
                % {"name": enterprise.name}
            }
        )
    assignment.instructor_id = instructor_id
    assignment.assigned_on = timezone.localdate()
    save_with_history(assignment, user=user, reason=reason)
    return assignment


@transaction.atomic
def enterprise_unassign(*, assignment_id: int, reason: str, user=None) -> None:
    """The enterprise goes back to the instructor of its area."""
    reason = _reason(reason)
    assignment = EnterpriseAssignment.objects.select_for_update().get(pk=assignment_id)
    assignment._history_user = user
    assignment._change_reason = reason[:100]
    assignment.delete()


# --- visits, training given, assessment ----------------------------------------------------------


@transaction.atomic
def visit_record(
    *,
    instructor: Instructor,
    enterprise: Enterprise,
    visited_on: dt.date,
    topic: str,
    outcome: str,
    follow_up: str = "",
    user=None,
    own_enterprises_only: bool = False,
) -> InstructorVisit:
    _not_future(visited_on, "visited_on")
    if own_enterprises_only and not enterprises_of(instructor).filter(pk=enterprise.pk).exists():
        raise ValidationError(
            {"enterprise": _("%(name)s is not one of your enterprises.") % {"name": enterprise}}
        )
    visit = InstructorVisit(
        instructor=instructor,
        enterprise=enterprise,
        visited_on=visited_on,
        topic=topic.strip(),
        outcome=outcome.strip(),
        follow_up=follow_up.strip(),
        entered_by=user,
    )
    save_with_history(visit, user=user, reason=_("Visit logged"))
    return visit


@transaction.atomic
def training_given_record(
    *,
    instructor: Instructor,
    held_on: dt.date,
    topic: str,
    audience: str,
    attendees: int,
    user=None,
) -> InstructorTraining:
    _not_future(held_on, "held_on")
    if attendees < 1:
        raise ValidationError({"attendees": _("A session has at least one attendee.")})
    training = InstructorTraining(
        instructor=instructor,
        held_on=held_on,
        topic=topic.strip(),
        audience=audience.strip(),
        attendees=attendees,
    )
    save_with_history(training, user=user, reason=_("Training recorded"))
    return training


@transaction.atomic
def assessment_record(
    *, instructor_id: int, year: int, grade: str, comment: str, reason: str = "", user=None
) -> InstructorAssessment:
    """Grade the instructor's year; a second grading of the same year replaces the first and
    needs a reason."""
    if year > timezone.localdate().year:
        raise ValidationError({"year": _("A year not yet begun cannot be assessed.")})
    if not comment.strip():
        raise ValidationError({"comment": _("Write the evaluator's comment.")})
    assessment = (
        InstructorAssessment.objects.select_for_update()
        .filter(instructor_id=instructor_id, year=year)
        .first()
    )
    if assessment is None:
        assessment = InstructorAssessment(instructor_id=instructor_id, year=year)
        why = _("Yearly assessment")
    else:
        why = _reason(reason)
    assessment.grade = grade
    assessment.comment = comment.strip()
    assessment.assessed_on = timezone.localdate()
    assessment.evaluator = user
    save_with_history(assessment, user=user, reason=why)
    return assessment
