"""Upward reports: the state machine, its log, the frozen copy and the parent's sum."""

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from compliance.selectors.reports import (
    latest_submission,
    report_figures,
    reports_owed,
    submission_lines,
)
from compliance.services import reports as service
from tenants import context
from tenants.models import Federation, ReportEvent, ReportLine, UpwardReport
from tests.factories.compliance import enterprise

END = dt.date(2026, 10, 31)
TODAY = dt.date(2026, 11, 20)


@pytest.fixture
def required(fed_a, fed_b):
    """fed_a requires monthly reports of its children from 2026 on."""
    with context.public():
        service.requirements_set(federation=fed_a, kinds={"monthly": (10, dt.date(2026, 1, 1))})
    return fed_a, fed_b


def _open(federation, end=END):
    return service.report_open(
        federation=federation, kind="monthly", period_end=end, actor="王立新", today=TODAY
    )


def _submit(report, federation):
    with context.federation_context(federation):
        return service.report_submit(report=report, federation=federation, actor="王立新")


def _actions(report):
    return list(ReportEvent.objects.filter(report=report).values_list("action", flat=True))


def _state(report):
    report.refresh_from_db()
    return (
        report.status,
        report.comment,
        report.submissions.count(),
        ReportLine.objects.filter(report=report).count(),
        ReportEvent.objects.filter(report=report).count(),
    )


def test_open_makes_a_draft_due_after_the_period_and_logs_it(required):
    _a, b = required
    report = _open(b)
    assert (report.status, report.due_on) == ("draft", dt.date(2026, 11, 10))
    assert _actions(report) == ["opened"]
    assert _open(b).pk == report.pk  # opened once
    assert _actions(report) == ["opened"]


def test_open_refuses_a_kind_not_required_and_a_period_not_ended(required):
    _a, b = required
    with pytest.raises(ValidationError):
        service.report_open(
            federation=b, kind="yearly", period_end=dt.date(2025, 12, 31), actor="x", today=TODAY
        )
    with pytest.raises(ValidationError):
        _open(b, end=dt.date(2026, 11, 30))
    with pytest.raises(ValidationError):
        _open(b, end=dt.date(2026, 10, 30))  # not a month's last day
    assert not UpwardReport.objects.exists()


def test_submit_a_draft_copies_the_lines_with_their_notes(required):
    _a, b = required
    report = _open(b)
    service.report_notes_save(report=report, federation=b, notes={"coverage": "含新建工会"})
    _submit(report, b)
    report.refresh_from_db()
    assert report.status == "submitted"
    assert report.submitted_on is not None
    submission = latest_submission(report)
    assert (submission.number, submission.submitted_by) == (1, "王立新")
    assert ReportLine.objects.get(submission=submission, key="coverage").note == "含新建工会"
    assert _actions(report) == ["opened", "submitted"]


def test_a_report_submitted_twice_is_refused_and_nothing_changes(required):
    _a, b = required
    report = _open(b)
    _submit(report, b)
    before = _state(report)
    with translation.override("en"), pytest.raises(ValidationError, match="already been submitted"):
        _submit(report, b)
    assert _state(report) == before


def test_return_needs_a_comment_and_logs_it(required):
    a, b = required
    report = _open(b)
    _submit(report, b)
    before = _state(report)
    with pytest.raises(ValidationError):
        service.report_return(report=report, federation=a, actor="张审核", comment="  ")
    assert _state(report) == before
    service.report_return(report=report, federation=a, actor="张审核", comment="续签率有误")
    report.refresh_from_db()
    assert (report.status, report.comment) == ("returned", "续签率有误")
    event = ReportEvent.objects.filter(report=report).last()
    assert (event.action, event.actor, event.comment, event.actor_federation_id) == (
        "returned",
        "张审核",
        "续签率有误",
        a.pk,
    )


def test_a_returned_report_is_submitted_again_as_a_second_copy(required):
    a, b = required
    report = _open(b)
    _submit(report, b)
    service.report_return(report=report, federation=a, actor="张审核", comment="请补充")
    service.report_notes_save(report=report, federation=b, notes={"renewal": "已补充"})
    _submit(report, b)
    report.refresh_from_db()
    assert report.status == "submitted"
    assert latest_submission(report).number == 2
    assert _actions(report) == ["opened", "submitted", "returned", "submitted"]


def test_accept_a_submitted_report_and_log_it(required):
    a, b = required
    report = _open(b)
    _submit(report, b)
    service.report_accept(report=report, federation=a, actor="张审核")
    report.refresh_from_db()
    assert report.status == "accepted"
    assert _actions(report)[-1] == "accepted"


def test_the_return_of_an_accepted_report_is_refused_and_nothing_changes(required):
    a, b = required
    report = _open(b)
    _submit(report, b)
    service.report_accept(report=report, federation=a, actor="张审核")
    before = _state(report)
    with translation.override("en"), pytest.raises(ValidationError, match="accepted"):
        service.report_return(report=report, federation=a, actor="张审核", comment="晚了")
    with pytest.raises(ValidationError):
        service.report_accept(report=report, federation=a, actor="张审核")
    with pytest.raises(ValidationError):
        _submit(report, b)
    with pytest.raises(ValidationError):
        service.report_notes_save(report=report, federation=b, notes={"coverage": "改"})
    assert _state(report) == before


@pytest.mark.parametrize("status", ["draft", "returned"])
def test_only_a_submitted_report_is_accepted_or_returned(required, status):
    a, b = required
    report = _open(b)
    if status == "returned":
        _submit(report, b)
        service.report_return(report=report, federation=a, actor="张", comment="改")
    before = _state(report)
    with pytest.raises(ValidationError):
        service.report_accept(report=report, federation=a, actor="张")
    with pytest.raises(ValidationError):
        service.report_return(report=report, federation=a, actor="张", comment="再改")
    assert _state(report) == before


def test_only_the_parent_decides_and_only_the_child_submits(required):
    _a, b = required
    report = _open(b)
    _submit(report, b)
    before = _state(report)
    with pytest.raises(ValidationError):
        service.report_accept(report=report, federation=b, actor="乙")
    with pytest.raises(ValidationError):
        service.report_return(report=report, federation=b, actor="乙", comment="自退")
    assert _state(report) == before


def test_the_submitted_copy_does_not_move_with_new_figures(required):
    _a, b = required
    with context.federation_context(b):
        enterprise(union_established=True)
    report = _open(b)
    _submit(report, b)
    frozen = submission_lines(latest_submission(report))
    assert frozen["unionised"] == (1, None)
    with context.federation_context(b):
        enterprise(union_established=True)
        enterprise(union_established=True)
        live = report_figures(federation=b, kind="monthly", period_end=END)
    assert live.total["unionised"] == (3, None)
    assert submission_lines(latest_submission(report)) == frozen


def test_the_parents_report_sums_its_childrens_accepted_reports(required):
    a, b = required
    with context.public():
        service.requirements_set(federation=a, kinds={"monthly": (10, dt.date(2026, 1, 1))})
    with context.federation_context(b):
        enterprise(union_established=True)
        enterprise(union_established=False)
    with context.federation_context(a):
        enterprise(union_established=True)
        before = report_figures(federation=a, kind="monthly", period_end=END)
    assert before.total["unionised"] == (1, None)
    assert before.total["enterprises"] == (1, None)
    assert before.included == []
    assert [name for _pk, name, _s in before.missing] == [b.name]
    report = _open(b)
    _submit(report, b)
    with context.federation_context(a):
        submitted = report_figures(federation=a, kind="monthly", period_end=END)
    assert submitted.total["unionised"] == (1, None)  # submitted, not yet accepted
    service.report_accept(report=report, federation=a, actor="张审核")
    with context.federation_context(a):
        after = report_figures(federation=a, kind="monthly", period_end=END)
    assert after.total["unionised"] == (2, None)
    assert after.total["enterprises"] == (3, None)
    assert after.total["coverage"][1] == 2  # the denominators summed
    assert after.included == [(b.pk, b.name)]
    assert after.missing == []


def test_late_reports_are_marked(required):
    _a, b = required
    with context.public():
        b = Federation.objects.get(pk=b.pk)
    owed = reports_owed(federation=b, today=dt.date(2026, 11, 10))
    by_end = {row.period_end: row for row in owed}
    assert not by_end[dt.date(2026, 10, 31)].late  # due today
    assert by_end[dt.date(2026, 9, 30)].late
    assert reports_owed(federation=b, today=dt.date(2026, 11, 11))[0].late
    # Submitted in time stays in time afterwards.
    report = _open(b)
    _submit(report, b)
    UpwardReport.objects.filter(pk=report.pk).update(submitted_on=dt.date(2026, 11, 9))
    owed = reports_owed(federation=b, today=dt.date(2026, 12, 20))
    assert not {row.period_end: row for row in owed}[END].late


ASSIGNED = re.compile(r"\breport\.status\s*=(?!=)")


def test_only_the_reports_service_assigns_a_reports_status():
    """STYLE.md: a status field changes in one place only."""
    from pathlib import Path

    from django.conf import settings

    offenders = []
    for folder in ("compliance", "tenants"):
        for path in Path(settings.BASE_DIR, folder).rglob("*.py"):
            if path.parts[-2:] == ("services", "reports.py"):
                continue
            if ASSIGNED.search(path.read_text()):
                offenders.append(str(path))
    assert offenders == []
    assert (
        "report.status = " in Path(settings.BASE_DIR, "compliance/services/reports.py").read_text()
    )
