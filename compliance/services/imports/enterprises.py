"""Importing enterprises: rows are checked as the ledger's own form checks them (credit code
check character, GB 32100-2015; region code, GB/T 2260; union members within employees; a
date of the last workers' congress only beside a congress that exists; no credit code twice in
one file), matched by credit code, and only the columns present in the file
are written, with one history row per created or changed enterprise (issue item 7)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.excel.reader import Sheet
from compliance.models import Enterprise, ImportJob
from compliance.models.enterprises import CONGRESS_DATE_MESSAGE, USCC_MESSAGES
from compliance.rules.uscc import uscc_problem
from compliance.services.enterprises import EDITABLE_FIELDS
from compliance.services.imports.common import (
    LOOKUP_BATCH,
    ImportResult,
    Stage,
    Written,
    _batched,
    _Invalid,
    _serialised,
    _written,
)
from compliance.services.imports.history import create_with_history, update_with_history
from tenants.regions import region_code_problem


def _check_enterprises(sheet: Sheet) -> None:
    seen: dict[str, int] = {}
    regions: dict[str, str | None] = {}
    for line, values in sheet.rows:
        code = values.get("credit_code")
        if code:
            code = values["credit_code"] = code.upper()
            problem = uscc_problem(code)
            if problem:
                sheet.add_error(line, "credit_code", code, str(USCC_MESSAGES[problem]))
            elif code in seen:
                sheet.add_error(
                    line,
                    "credit_code",
                    code,
                    _("This credit code is also on row %(row)d: keep one row per enterprise.")
                    % {"row": seen[code]},
                )
            else:
                seen[code] = line
        region = values.get("region_code")
        if region is not None:
            if region not in regions:
                regions[region] = region_code_problem(region)
            if regions[region]:
                sheet.add_error(line, "region_code", region, regions[region])
        _check_members(sheet, line, values)
        # Without the congress column, the row keeps the ledger's flag: checked once merged.
        if "workers_congress" in values:
            _check_congress(sheet, line, values)


def _check_congress(sheet: Sheet, line: int, values: dict[str, Any]) -> bool:
    held = values.get("workers_congress_last_held")
    if held is not None and values.get("workers_congress") is not True:
        sheet.add_error(line, "workers_congress_last_held", held, str(CONGRESS_DATE_MESSAGE))
        return False
    return True


def _check_members(sheet: Sheet, line: int, values: dict[str, Any]) -> bool:
    members, employees = values.get("union_members"), values.get("employees")
    if members is not None and employees is not None and members > employees:
        sheet.add_error(
            line,
            "union_members",
            members,
            _("Union members (%(members)d) cannot exceed the employees (%(employees)d).")
            % {"members": members, "employees": employees},
        )
        return False
    return True


@dataclass
class _Plan:
    new: list[dict[str, Any]] = field(default_factory=list)  # rows to create, by field name
    changed: list[Enterprise] = field(default_factory=list)
    changed_fields: set[str] = field(default_factory=set)
    unchanged: int = 0


def _plan_enterprises(sheet: Sheet, *, lock: bool) -> _Plan:
    """Compare the rows with the ledger: what to create, what to update, what is unchanged."""
    fields = [name for name in EDITABLE_FIELDS if name in sheet.columns]
    codes = [values["credit_code"] for _line, values in sheet.rows]
    # One array parameter finds which codes exist (a fresh ledger: none, and no instances built).
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT credit_code FROM {connection.ops.quote_name(Enterprise._meta.db_table)} "  # noqa: S608
            "WHERE credit_code = ANY(%s)",
            [codes],
        )
        known = [row[0] for row in cursor.fetchall()]
    existing: dict[str, Enterprise] = {}
    for batch in _batched(known, LOOKUP_BATCH):
        query = Enterprise.objects.filter(credit_code__in=batch).order_by()
        if lock:
            query = query.select_for_update()
        existing.update((e.credit_code, e) for e in query)
    plan = _Plan()
    now = timezone.now()
    for line, values in sheet.rows:
        enterprise = existing.get(values["credit_code"])
        if enterprise is None:
            if _check_congress(sheet, line, values):
                plan.new.append(values)
            continue
        changes = [f for f in fields if getattr(enterprise, f) != values[f]]
        if not changes:
            plan.unchanged += 1
            continue
        for name in changes:
            setattr(enterprise, name, values[name])
        merged = {"employees": enterprise.employees, "union_members": enterprise.union_members}
        if not _check_members(sheet, line, merged):
            continue
        congress = {
            "workers_congress": enterprise.workers_congress,
            "workers_congress_last_held": enterprise.workers_congress_last_held,
        }
        if not _check_congress(sheet, line, congress):
            continue
        enterprise.updated_at = now
        plan.changed.append(enterprise)
        plan.changed_fields.update(changes)
    return plan


def enterprise_rows(
    sheet: Sheet,
    result: ImportResult,
    *,
    user,
    reason: str,
    dry_run: bool,
    stage: Stage | None,
    written: Written | None = None,
) -> None:
    _check_enterprises(sheet)
    if sheet.invalid:
        return
    if dry_run:
        plan = _plan_enterprises(sheet, lock=False)
    else:
        if stage:
            stage(ImportJob.Stage.WRITING)
        with _serialised(ImportJob.Kind.ENTERPRISES):
            plan = _plan_enterprises(sheet, lock=True)
            if sheet.invalid:
                raise _Invalid
            now = timezone.now()
            create_with_history(model=Enterprise, rows=plan.new, user=user, reason=reason, date=now)
            update_with_history(
                model=Enterprise,
                objs=plan.changed,
                fields=[*sorted(plan.changed_fields), "updated_at"],
                user=user,
                reason=reason,
                date=now,
            )
            _counts(result, plan)
            _written(result, written)
    _counts(result, plan)


def _counts(result: ImportResult, plan: _Plan) -> None:
    result.created, result.updated, result.unchanged = (
        len(plan.new),
        len(plan.changed),
        plan.unchanged,
    )
