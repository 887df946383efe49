"""Performance checks of effective contracts (履约监督): scheduled by themselves, recorded with a
weighted score, and a failure turned into a supervision case in one action.

Scheduling is idempotent by a unique constraint on (contract, level, due day); checks are created
for due days from one year back to a month ahead, so a daily run keeps the calendar filled without
back-filling years before the portal existed. Checks of a contract that has ended are cancelled.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from compliance.models import AuditCheck, Contract, PerformanceReport
from compliance.models.profile import KEY_LABELS
from compliance.rules.audits import DIMENSIONS, due_days, passes, weighted_score
from compliance.rules.presets import Key
from compliance.selectors.profile import current_profile
from compliance.services.history import save_with_history
from compliance.services.supervision import case_open

LEVEL_KEYS = {
    AuditCheck.Level.ENTERPRISE: Key.AUDIT_ENTERPRISE,
    AuditCheck.Level.INDUSTRY: Key.AUDIT_INDUSTRY,
    AuditCheck.Level.FEDERATION: Key.AUDIT_FEDERATION,
    AuditCheck.Level.REPORT: Key.PERFORMANCE_REPORT,
}
LOOK_BACK = dt.timedelta(days=365)
LOOK_AHEAD = dt.timedelta(days=31)


def audit_weights(key: Key = Key.AUDIT_WEIGHTS) -> dict[str, int]:
    """The five dimensions' weights from the profile parameter `key` ("20/20/20/20/20"); the
    quality evaluation reads its own."""
    raw = current_profile().parameter(key).value
    try:
        parts = [int(part) for part in raw.split("/")]
    except ValueError:
        parts = []
    if len(parts) != len(DIMENSIONS):
        raise ValidationError(
            _("“%(parameter)s” needs five whole numbers separated by /.")
            % {"parameter": KEY_LABELS[key]}
        )
    return dict(zip(DIMENSIONS, parts, strict=True))


def audits_schedule(*, today: dt.date) -> int:
    """Create the checks that fall due for every effective contract; return how many were new."""
    profile = current_profile()
    periods = {level: profile.period(key).amount for level, key in LEVEL_KEYS.items()}
    window_start, window_end = today - LOOK_BACK, today + LOOK_AHEAD
    contracts = Contract.objects.filter(status=Contract.Status.EFFECTIVE).values_list(
        "pk", "effective_on", "starts_on", "ends_on"
    )
    existing = set(
        AuditCheck.objects.filter(
            contract__status=Contract.Status.EFFECTIVE, due_on__gte=window_start
        ).values_list("contract_id", "level", "due_on")
    )
    created = 0
    for contract_id, effective_on, starts_on, ends_on in contracts:
        start = effective_on or starts_on
        for level, months in periods.items():
            for due in due_days(start=start, end=min(ends_on, window_end), every_months=months):
                if due < window_start or (contract_id, level, due) in existing:
                    continue
                try:
                    with transaction.atomic():
                        check = AuditCheck(contract_id=contract_id, level=level, due_on=due)
                        save_with_history(check, user=None, reason=_("Scheduled"))
                except (IntegrityError, ValidationError):
                    continue  # created meanwhile by a concurrent run: the constraint holds
                created += 1
    return created


def audits_close(*, today: dt.date) -> int:
    """Cancel scheduled checks of contracts that have ended, due after their end."""
    ended = (Contract.Status.EXPIRED, Contract.Status.TERMINATED, Contract.Status.SUPERSEDED)
    stale = AuditCheck.objects.filter(
        status=AuditCheck.Status.SCHEDULED, contract__status__in=ended
    ).select_related("contract")
    cancelled = 0
    for check in stale:
        end = check.contract.ended_on or check.contract.ends_on
        if check.contract.status == Contract.Status.SUPERSEDED:
            end = min(end, today)
        if check.due_on > end:
            with transaction.atomic():
                check.status = AuditCheck.Status.CANCELLED
                save_with_history(check, user=None, reason=_("The contract ended"))
            cancelled += 1
    return cancelled


@transaction.atomic
def audit_record(
    *,
    check_id: int,
    done_on: dt.date,
    checker: str,
    scores: dict[str, int],
    findings: str = "",
    report_year: int | None = None,
    user=None,
) -> AuditCheck:
    """Record a check: five scores, weighted by the federation, against its pass line.

    A check of the report to the workers' congress (R31) also records the report itself, for
    `report_year` (by default the year before it was made): the one PerformanceReport that the
    report rate and the award veto read. A report already entered on the contract is linked,
    not entered again."""
    check = AuditCheck.objects.select_for_update().get(pk=check_id)
    if check.status == AuditCheck.Status.CANCELLED:
        raise ValidationError(_("This check was cancelled because the contract ended."))
    if not checker.strip():
        raise ValidationError(_("Say who carried out the check."))
    try:
        total = weighted_score(scores=scores, weights=audit_weights())
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    for dimension in DIMENSIONS:
        setattr(check, f"score_{dimension}", scores[dimension])
    check.total = total
    check.passed = passes(total=total, pass_line=current_profile().count(Key.AUDIT_PASS_LINE))
    check.status, check.done_on, check.checker, check.findings = (
        AuditCheck.Status.DONE,
        done_on,
        checker,
        findings,
    )
    check.recorded_by = user
    if check.level == AuditCheck.Level.REPORT:
        check.report = _report_for(
            check=check, year=report_year or done_on.year - 1, reported_on=done_on, user=user
        )
    save_with_history(check, user=user, reason=_("Check recorded"))
    return check


def _report_for(*, check: AuditCheck, year: int, reported_on: dt.date, user) -> PerformanceReport:
    report = (
        PerformanceReport.objects.select_for_update()
        .filter(contract_id=check.contract_id, year=year)
        .first()
    )
    if report is None:
        report = PerformanceReport(
            contract_id=check.contract_id, year=year, reported_on=reported_on
        )
        save_with_history(report, user=user, reason=_("Recorded with the performance check"))
        return report
    other = AuditCheck.objects.filter(report=report).exclude(pk=check.pk).first()
    if other is not None:
        raise ValidationError(
            _("The report for %(year)s is already recorded with the check due %(due)s.")
            % {"year": year, "due": other.due_on}
        )
    return report


def report_check_close(*, report: PerformanceReport, user=None) -> AuditCheck | None:
    """A report entered on the contract closes the scheduled report check it answers: the
    contract's open check of that level due nearest the report's date, within half a year
    either side. Returns the check, or None when no check is waiting for it."""
    window = dt.timedelta(days=183)
    candidates = AuditCheck.objects.select_for_update().filter(
        contract_id=report.contract_id,
        level=AuditCheck.Level.REPORT,
        status=AuditCheck.Status.SCHEDULED,
        report__isnull=True,
        due_on__gte=report.reported_on - window,
        due_on__lte=report.reported_on + window,
    )
    check = min(
        candidates, key=lambda c: (abs((c.due_on - report.reported_on).days), c.pk), default=None
    )
    if check is None:
        return None
    check.status, check.done_on, check.report = AuditCheck.Status.DONE, report.reported_on, report
    check.recorded_by = user
    save_with_history(
        check,
        user=user,
        reason=_("Performance report for %(year)s recorded on the contract")
        % {"year": report.year},
    )
    return check


@transaction.atomic
def audit_open_case(*, check_id: int, opened_on: dt.date, supervisor=None, user=None):
    """A failed check opens a supervision case (once); returns the case."""
    check = (
        AuditCheck.objects.select_for_update()
        .select_related("contract__enterprise")
        .get(pk=check_id)
    )
    if check.passed is not False:
        raise ValidationError(_("Only a failed check opens a supervision case."))
    if check.case_id:
        return check.case
    case = case_open(
        title=_("%(enterprise)s: performance check failed (%(total)s points)")
        % {"enterprise": check.contract.enterprise.name, "total": check.total},
        source="audit_finding",
        opened_on=opened_on,
        enterprise=check.contract.enterprise,
        source_contract=check.contract,
        supervisor=supervisor,
        summary=check.findings,
        source_check=check,
        user=user,
    )
    check.case = case
    save_with_history(check, user=user, reason=_("Supervision case opened"))
    return case
