"""Importing violation records (wage arrears, unpaid social insurance, safety accidents,
occupational hazards, mass incidents, wage-bargaining breaches) for the one-vote veto (R39).

Rows are checked (the enterprise's credit code and its presence in the ledger, a kind from the
catalogue, a date not in the future, no record twice in one file). A record is identified by its
enterprise, kind, date and document number (a unique constraint): importing the same file again
changes nothing and writes no history; a known record whose description or source changed is
updated, a new one created, each with a history row naming the user and the reason. All or
nothing, like every ledger import.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.excel.reader import Sheet
from compliance.models import Enterprise, ImportJob, ViolationRecord
from compliance.models.enterprises import USCC_MESSAGES
from compliance.rules.uscc import uscc_problem
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

KEY = "enterprise_credit_code", "kind", "occurred_on", "reference"
CHANGEABLE = ("description", "source")


def _check(sheet: Sheet) -> dict[str, int]:
    """Row checks; returns the enterprises' ids by credit code."""
    today = timezone.localdate()
    codes: set[str] = set()
    for line, values in sheet.rows:
        values.setdefault("reference", "")  # a file without the column: records without numbers
        code = values.get("enterprise_credit_code")
        if code:
            code = values["enterprise_credit_code"] = code.upper()
            problem = uscc_problem(code)
            if problem:
                sheet.add_error(line, "enterprise_credit_code", code, str(USCC_MESSAGES[problem]))
            else:
                codes.add(code)
        day = values.get("occurred_on")
        if day and day > today:
            sheet.add_error(
                line,
                "occurred_on",
                day.isoformat(),
                _("This date is in the future: enter the day it happened or was decided."),
            )
    enterprise_ids: dict[str, int] = {}
    for batch in _batched(sorted(codes), LOOKUP_BATCH):
        enterprise_ids.update(
            Enterprise.objects.filter(credit_code__in=batch).values_list("credit_code", "pk")
        )
    seen: dict[tuple, int] = {}
    for line, values in sheet.rows:
        code = values.get("enterprise_credit_code")
        if code in codes and code not in enterprise_ids:
            sheet.add_error(
                line,
                "enterprise_credit_code",
                code,
                _("No enterprise with this credit code is in the ledger: import it first."),
            )
        if all(values.get(k) is not None for k in KEY):
            key = tuple(values[k] for k in KEY)
            if key in seen:
                sheet.add_error(
                    line,
                    "reference",
                    values["reference"],
                    _(
                        "Row %(row)d has the same enterprise, type, date and document number: "
                        "give each record its own number, or keep one row."
                    )
                    % {"row": seen[key]},
                )
            else:
                seen[key] = line
    return enterprise_ids


def violation_rows(
    sheet: Sheet,
    result: ImportResult,
    *,
    user,
    reason: str,
    dry_run: bool,
    stage: Stage | None,
    written: Written | None = None,
) -> None:
    enterprise_ids = _check(sheet)
    if sheet.invalid:
        return
    if stage and not dry_run:
        stage(ImportJob.Stage.WRITING)
    with _serialised(ImportJob.Kind.VIOLATIONS):
        existing: dict[tuple, ViolationRecord] = {}
        for batch in _batched(sorted(set(enterprise_ids.values())), LOOKUP_BATCH):
            query = ViolationRecord.objects.filter(enterprise_id__in=batch).order_by()
            if not dry_run:
                query = query.select_for_update()
            existing.update(
                ((r.enterprise_id, r.kind, r.occurred_on, r.reference), r) for r in query
            )
        new: list[dict[str, Any]] = []
        changed: list[ViolationRecord] = []
        changed_fields: set[str] = set()
        for _line, values in sheet.rows:
            enterprise_id = enterprise_ids[values["enterprise_credit_code"]]
            record = existing.get(
                (enterprise_id, values["kind"], values["occurred_on"], values["reference"])
            )
            data = {name: values.get(name, "") for name in CHANGEABLE}
            if record is None:
                new.append(
                    {
                        "enterprise_id": enterprise_id,
                        "kind": values["kind"],
                        "occurred_on": values["occurred_on"],
                        "reference": values["reference"],
                        **data,
                    }
                )
                continue
            # Only the columns present in the file are compared and written.
            changes = [n for n in CHANGEABLE if n in values and getattr(record, n) != data[n]]
            if not changes:
                result.unchanged += 1
                continue
            for name in changes:
                setattr(record, name, data[name])
            changed.append(record)
            changed_fields.update(changes)
        if sheet.invalid:
            raise _Invalid
        if not dry_run:
            now = timezone.now()
            create_with_history(model=ViolationRecord, rows=new, user=user, reason=reason, date=now)
            update_with_history(
                model=ViolationRecord,
                objs=changed,
                fields=sorted(changed_fields),
                user=user,
                reason=reason,
                date=now,
            )
            result.created, result.updated = len(new), len(changed)
            _written(result, written)
    result.created, result.updated = len(new), len(changed)
