"""Reading upward reports (上报, issue 16 item 5): what a federation owes its parent, the table of
its children's reports for a period, a report as its reader may see it, and the figures a report
is filled from (compliance.rules.reports).

Reports live in the shared schema (tenants). A parent reads its children's reports from there and
never switches into a child's schema; a federation's own figures come from its own schema
(segment_figures), read only inside its own requests.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from compliance.rules.reports import (
    KINDS,
    LINE_BY_KEY,
    LINES,
    is_late,
    lines_from_figures,
    lines_sum,
    period_label,
    periods_owed,
    rate_percent,
)
from compliance.selectors.network import is_beneath
from compliance.selectors.segments import segment_figures
from tenants.models import (
    Federation,
    ReportLine,
    ReportRequirement,
    ReportSubmission,
    UpwardReport,
)

# Periods listed per kind on the list of reports owed: two years of months.
OWED_LIMIT = 24


@dataclass(frozen=True)
class Owed:
    kind: str
    period_end: dt.date
    due: dt.date
    report: UpwardReport | None
    late: bool

    @property
    def period(self) -> str:
        return period_label(kind=self.kind, period_end=self.period_end)


def requirements_of(federation_id: int | None) -> dict[str, ReportRequirement]:
    """The kinds of report `federation_id` requires of its children, by kind."""
    if federation_id is None:
        return {}
    rows = ReportRequirement.objects.filter(federation_id=federation_id)
    return {row.kind: row for row in sorted(rows, key=lambda r: KINDS.index(r.kind))}


def reports_owed(*, federation: Federation, today: dt.date) -> list[Owed]:
    """The reports `federation` owes its parent, newest period first: every period of a kind the
    parent requires that has ended (two queries whatever their number)."""
    requirements = requirements_of(federation.parent_id)
    reports = {
        (r.kind, r.period_end): r for r in UpwardReport.objects.filter(federation=federation)
    }
    rows: list[Owed] = []
    for kind, requirement in requirements.items():
        for end in periods_owed(
            kind=kind, starts_on=requirement.starts_on, today=today, limit=OWED_LIMIT
        ):
            report = reports.get((kind, end))
            due = report.due_on if report else end + dt.timedelta(days=requirement.due_days)
            submitted = report.submitted_on if report else None
            rows.append(
                Owed(kind, end, due, report, is_late(due=due, submitted_on=submitted, today=today))
            )
    rows.sort(key=lambda row: (row.period_end, KINDS.index(row.kind)), reverse=True)
    return rows


@dataclass(frozen=True)
class ChildRow:
    federation: Federation
    report: UpwardReport | None
    late: bool


def received(
    *, federation: Federation, kind: str, period_end: dt.date, today: dt.date
) -> list[ChildRow]:
    """Each child of `federation` with its report of `kind` for the period (or none yet) and
    whether it is late. Two queries whatever the number of children."""
    requirement = requirements_of(federation.pk).get(kind)
    due_days = requirement.due_days if requirement else 0
    children = list(Federation.objects.filter(parent=federation).order_by("region_code", "name"))
    reports = {
        r.federation_id: r
        for r in UpwardReport.objects.filter(
            federation__in=[c.pk for c in children], kind=kind, period_end=period_end
        )
    }
    rows = []
    for child in children:
        report = reports.get(child.pk)
        due = report.due_on if report else period_end + dt.timedelta(days=due_days)
        submitted = report.submitted_on if report else None
        rows.append(ChildRow(child, report, is_late(due=due, submitted_on=submitted, today=today)))
    return rows


def received_periods(*, federation: Federation, today: dt.date) -> list[tuple[str, dt.date]]:
    """(kind, period end) of every period `federation` requires of its children, newest first."""
    out = []
    for kind, requirement in requirements_of(federation.pk).items():
        for end in periods_owed(
            kind=kind, starts_on=requirement.starts_on, today=today, limit=OWED_LIMIT
        ):
            out.append((kind, end))
    out.sort(key=lambda item: (item[1], KINDS.index(item[0])), reverse=True)
    return out


def report_visible(*, federation: Federation, pk: int) -> UpwardReport | None:
    """The report `pk` if `federation` may read it: its own, or one of a federation beneath it."""
    report = UpwardReport.objects.select_related("federation").filter(pk=pk).first()
    if report is None:
        return None
    if report.federation_id == federation.pk:
        return report
    if is_beneath(federation_id=report.federation_id, ancestor_id=federation.pk):
        return report
    return None


def latest_submission(report: UpwardReport) -> ReportSubmission | None:
    return report.submissions.order_by("-number").first()


def submission_lines(submission: ReportSubmission) -> dict:
    return {
        line.key: (line.numerator, line.denominator)
        for line in ReportLine.objects.filter(submission=submission)
    }


def draft_notes(report: UpwardReport) -> dict[str, str]:
    return {
        line.key: line.note
        for line in ReportLine.objects.filter(report=report, submission__isnull=True)
    }


@dataclass
class Filled:
    """A report's figures as they stand: own plus the accepted reports of the children."""

    own: dict
    total: dict
    included: list[tuple[int, str]] = field(default_factory=list)
    missing: list[tuple[int, str, str]] = field(default_factory=list)  # id, name, status


def children_accepted(*, federation: Federation, kind: str, period_end: dt.date):
    """([lines of each child's accepted report], included, missing) for one period; three
    queries whatever the number of children."""
    children = list(Federation.objects.filter(parent=federation).order_by("region_code", "name"))
    reports = {
        r.federation_id: r
        for r in UpwardReport.objects.filter(
            federation__in=[c.pk for c in children], kind=kind, period_end=period_end
        )
    }
    accepted = [r for r in reports.values() if r.status == UpwardReport.Status.ACCEPTED]
    # The lines of each accepted report's latest submission.
    lines: dict[int, dict] = {}
    latest: dict[int, int] = {}
    for submission in ReportSubmission.objects.filter(report__in=accepted).order_by("number"):
        latest[submission.report_id] = submission.pk
    for line in ReportLine.objects.filter(submission_id__in=latest.values()):
        lines.setdefault(line.report_id, {})[line.key] = (line.numerator, line.denominator)
    included, missing = [], []
    for child in children:
        report = reports.get(child.pk)
        if report is not None and report.status == UpwardReport.Status.ACCEPTED:
            included.append((child.pk, child.name))
        else:
            missing.append((child.pk, child.name, report.status if report else ""))
    return [lines.get(r.pk, {}) for r in accepted], included, missing


def report_figures(*, federation: Federation, kind: str, period_end: dt.date) -> Filled:
    """What `federation`'s report for the period holds now. Reads the current schema's figures:
    call it in `federation`'s own request only."""
    own = lines_from_figures(segments=segment_figures(as_of=period_end), kind=kind)
    children, included, missing = children_accepted(
        federation=federation, kind=kind, period_end=period_end
    )
    return Filled(own=own, total=lines_sum([own, *children]), included=included, missing=missing)


@dataclass(frozen=True)
class LineRow:
    key: str
    label: str
    numerator: int
    denominator: int | None
    note: str

    @property
    def percent(self):
        return rate_percent(self.numerator, self.denominator)


def line_rows(lines: dict, notes: dict[str, str]) -> list[LineRow]:
    """The lines in the report's order with their labels and notes."""
    rows = []
    for spec in LINES:
        numerator, denominator = lines.get(spec.key, (0, 0 if spec.rate else None))
        rows.append(
            LineRow(spec.key, str(spec.label), numerator, denominator, notes.get(spec.key, ""))
        )
    return rows


def frozen_rows(submission: ReportSubmission) -> list[LineRow]:
    """A submission's lines as they were copied, in the report's order."""
    return [
        LineRow(
            line.key,
            str(LINE_BY_KEY[line.key].label) if line.key in LINE_BY_KEY else line.key,
            line.numerator,
            line.denominator,
            line.note,
        )
        for line in ReportLine.objects.filter(submission=submission).order_by("position")
    ]
