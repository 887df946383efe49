"""Upward reports (上报, issue 16 item 5): the writes. The rules are compliance.rules.reports.

- A parent sets which kinds of report its children owe (requirements_set).
- A child opens the report of a period that has ended (report_open: a draft), writes a note per
  line (report_notes_save), and submits it (report_submit): the lines, own figures plus its
  children's accepted reports, are copied into a frozen submission that later changes of the
  figures never touch.
- The parent returns a submitted report with a comment (report_return) or accepts it
  (report_accept). Nothing leaves accepted; a report is not submitted twice.

Every transition is checked against the row locked for update, so two clicks cannot both pass,
and leaves a ReportEvent naming who (by display name), when and with what comment. A refused
action raises ValidationError with a message in the user's language and changes nothing. The
status of a report is assigned here and nowhere else.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.rules.reports import (
    KINDS,
    LINES,
    is_period_end,
    transition,
)
from compliance.selectors.reports import report_figures, requirements_of
from tenants.models import (
    Federation,
    ReportEvent,
    ReportLine,
    ReportRequirement,
    ReportSubmission,
    UpwardReport,
)

NOTE_LENGTH = 500


def _event(report, *, action: str, actor: str, federation: Federation, comment: str = ""):
    ReportEvent.objects.create(
        report=report,
        action=action,
        actor=actor[:150],
        actor_federation=federation,
        at=timezone.now(),
        comment=comment,
    )


@transaction.atomic
def requirements_set(*, federation: Federation, kinds: dict[str, tuple[int, dt.date] | None]):
    """Set the kinds `federation` requires of its children: kind → (due days, starts on), or
    None for a kind no longer required. Reports already opened keep their due day."""
    for kind in KINDS:
        wanted = kinds.get(kind)
        if wanted is None:
            ReportRequirement.objects.filter(federation=federation, kind=kind).delete()
            continue
        due_days, starts_on = wanted
        ReportRequirement.objects.update_or_create(
            federation=federation,
            kind=kind,
            defaults={"due_days": due_days, "starts_on": starts_on},
        )


@transaction.atomic
def report_open(
    *, federation: Federation, kind: str, period_end: dt.date, actor: str, today: dt.date
) -> UpwardReport:
    """The report of `federation` for the period, opened as a draft if it is not yet."""
    requirement = requirements_of(federation.parent_id).get(kind)
    if requirement is None or kind not in KINDS:
        raise ValidationError(_("Your parent federation does not require this kind of report."))
    if not is_period_end(kind=kind, day=period_end) or period_end >= today:
        raise ValidationError(_("A report can be opened only for a period that has ended."))
    report, created = UpwardReport.objects.get_or_create(
        federation=federation,
        kind=kind,
        period_end=period_end,
        defaults={"due_on": period_end + dt.timedelta(days=requirement.due_days)},
    )
    if created:
        _event(report, action="opened", actor=actor, federation=federation)
    return report


def _locked(report: UpwardReport) -> UpwardReport:
    return UpwardReport.objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def report_notes_save(*, report: UpwardReport, federation: Federation, notes: dict[str, str]):
    """Keep the notes typed on the draft's lines (a draft or a returned report only)."""
    report = _locked(report)
    if report.federation_id != federation.pk:
        raise ValidationError(_("Only the reporting federation writes its report."))
    if report.status not in (UpwardReport.Status.DRAFT, UpwardReport.Status.RETURNED):
        raise ValidationError(
            _("This report has been submitted: its notes can no longer be changed.")
        )
    for position, spec in enumerate(LINES):
        note = (notes.get(spec.key) or "").strip()
        if len(note) > NOTE_LENGTH:
            raise ValidationError(
                _("A note is at most %(limit)d characters.") % {"limit": NOTE_LENGTH}
            )
        ReportLine.objects.update_or_create(
            report=report,
            submission=None,
            key=spec.key,
            defaults={"position": position, "note": note},
        )


@transaction.atomic
def report_submit(*, report: UpwardReport, federation: Federation, actor: str) -> UpwardReport:
    """Submit: copy the lines as they stand (own figures plus the children's accepted reports)
    with their notes into a frozen submission. Call in `federation`'s own request only."""
    report = _locked(report)
    if report.federation_id != federation.pk:
        raise ValidationError(_("Only the reporting federation submits its report."))
    target = transition(status=report.status, action="submit")
    if target is None:
        if report.status == UpwardReport.Status.ACCEPTED:
            raise ValidationError(_("This report has been accepted: it cannot be submitted again."))
        raise ValidationError(
            _("This report has already been submitted and awaits the parent federation's review.")
        )
    filled = report_figures(federation=federation, kind=report.kind, period_end=report.period_end)
    notes = {
        line.key: line.note
        for line in ReportLine.objects.filter(report=report, submission__isnull=True)
    }
    now = timezone.now()
    number = report.submissions.count() + 1
    submission = ReportSubmission.objects.create(
        report=report,
        number=number,
        submitted_at=now,
        submitted_by=actor[:150],
        included=[{"id": pk, "name": name} for pk, name in filled.included],
        missing=[{"id": pk, "name": name, "status": status} for pk, name, status in filled.missing],
    )
    ReportLine.objects.bulk_create(
        ReportLine(
            report=report,
            submission=submission,
            position=position,
            key=spec.key,
            numerator=filled.total[spec.key][0],
            denominator=filled.total[spec.key][1],
            note=notes.get(spec.key, ""),
        )
        for position, spec in enumerate(LINES)
    )
    report.status = target
    if report.submitted_on is None:
        report.submitted_on = timezone.localdate()
    report.save(update_fields=["status", "submitted_on"])
    _event(report, action="submitted", actor=actor, federation=federation)
    return report


def _parent_decides(report: UpwardReport, federation: Federation) -> None:
    if report.federation.parent_id != federation.pk:
        raise ValidationError(_("Only the parent federation reviews this report."))


@transaction.atomic
def report_return(
    *, report: UpwardReport, federation: Federation, actor: str, comment: str
) -> UpwardReport:
    """Return a submitted report to its federation with a comment saying what to correct."""
    report = _locked(report)
    _parent_decides(report, federation)
    comment = comment.strip()
    if not comment:
        raise ValidationError(_("Say what the federation should correct: a comment is required."))
    if transition(status=report.status, action="return") is None:
        if report.status == UpwardReport.Status.ACCEPTED:
            raise ValidationError(_("This report has been accepted: it cannot be returned."))
        raise ValidationError(_("Only a submitted report can be returned."))
    report.status = UpwardReport.Status.RETURNED
    report.comment = comment
    report.save(update_fields=["status", "comment"])
    _event(report, action="returned", actor=actor, federation=federation, comment=comment)
    return report


@transaction.atomic
def report_accept(*, report: UpwardReport, federation: Federation, actor: str) -> UpwardReport:
    """Accept a submitted report: its figures count in the parent's own report for the period."""
    report = _locked(report)
    _parent_decides(report, federation)
    if transition(status=report.status, action="accept") is None:
        if report.status == UpwardReport.Status.ACCEPTED:
            raise ValidationError(_("This report has already been accepted."))
        raise ValidationError(_("Only a submitted report can be accepted."))
    report.status = UpwardReport.Status.ACCEPTED
    report.save(update_fields=["status"])
    _event(report, action="accepted", actor=actor, federation=federation)
    return report
