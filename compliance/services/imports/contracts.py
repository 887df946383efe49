"""Importing existing collective contracts: rows are checked (the enterprise's credit code and
its presence in the ledger, a term that does not end before it starts, no filing number twice in
one file), matched by filing number, and registered through contract_register_existing, which
records the history (issue item 7)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from compliance.excel.reader import Sheet
from compliance.models import Contract, Enterprise, ImportJob
from compliance.models.enterprises import USCC_MESSAGES
from compliance.rules.codebook import ENTERED_VARIABLES
from compliance.rules.uscc import uscc_problem
from compliance.services.contracts import contract_register_existing, contract_renewal_link
from compliance.services.imports.common import (
    LOOKUP_BATCH,
    ImportResult,
    Stage,
    Written,
    _batched,
    _serialised,
    _written,
)

CONTRACT_FIELDS = (
    "title",
    "scope",
    "kind",
    "starts_on",
    "ends_on",
    "covered_employees",
    "wage_growth_pct",
    "minimum_wage",
    "weekly_hours",
    "filing_number",
    "signed_on",
)


def _check_contracts(sheet: Sheet) -> dict[str, int]:
    """Row checks; returns the enterprises' ids by credit code."""
    codes: set[str] = set()
    for line, values in sheet.rows:
        code = values.get("enterprise_credit_code")
        if not code:
            continue
        code = values["enterprise_credit_code"] = code.upper()
        problem = uscc_problem(code)
        if problem:
            sheet.add_error(line, "enterprise_credit_code", code, str(USCC_MESSAGES[problem]))
        else:
            codes.add(code)
    enterprise_ids: dict[str, int] = {}
    for batch in _batched(sorted(codes), LOOKUP_BATCH):
        enterprise_ids.update(
            Enterprise.objects.filter(credit_code__in=batch).values_list("credit_code", "pk")
        )
    seen: dict[str, int] = {}
    for line, values in sheet.rows:
        code = values.get("enterprise_credit_code")
        if code in codes and code not in enterprise_ids:
            sheet.add_error(
                line,
                "enterprise_credit_code",
                code,
                _("No enterprise with this credit code is in the ledger: import it first."),
            )
        starts, ends = values.get("starts_on"), values.get("ends_on")
        if starts and ends and ends < starts:
            sheet.add_error(
                line,
                "ends_on",
                ends.isoformat(),
                _("The term ends before it starts (%(start)s).") % {"start": starts.isoformat()},
            )
        number = values.get("filing_number")
        if number:
            if number in seen:
                sheet.add_error(
                    line,
                    "filing_number",
                    number,
                    _("This filing number is also on row %(row)d: keep one row per contract.")
                    % {"row": seen[number]},
                )
            else:
                seen[number] = line
    _check_renewal_numbers(sheet, set(seen))
    return enterprise_ids


def _check_renewal_numbers(sheet: Sheet, in_file: set[str]) -> None:
    """A renewal's predecessor is named by a filing number in the portal or in the file (so a
    preview finds the same mistakes as the import)."""
    wanted = {v["renews_filing_number"] for _l, v in sheet.rows if v.get("renews_filing_number")}
    known = wanted & in_file
    for batch in _batched(sorted(wanted - known), LOOKUP_BATCH):
        known.update(
            Contract.objects.filter(filing_number__in=batch).values_list("filing_number", flat=True)
        )
    for line, values in sheet.rows:
        renews = values.get("renews_filing_number")
        if not renews:
            continue
        if renews == values.get("filing_number"):
            sheet.add_error(
                line, "renews_filing_number", renews, _("A contract cannot renew itself.")
            )
        elif renews not in known:
            sheet.add_error(
                line,
                "renews_filing_number",
                renews,
                _("No contract with this filing number is in the portal or in this file."),
            )


def _link_renewals(sheet: Sheet, contracts: dict[int, Contract], *, user, reason: str) -> None:
    """Second pass, once every row is written: each renewal names its predecessor by filing
    number, in the portal or anywhere in the same file."""
    wanted = {v["renews_filing_number"] for _l, v in sheet.rows if v.get("renews_filing_number")}
    found: dict[str, Contract] = {}
    for batch in _batched(sorted(wanted), LOOKUP_BATCH):
        found.update((c.filing_number, c) for c in Contract.objects.filter(filing_number__in=batch))
    for line, values in sheet.rows:
        number = values.get("renews_filing_number")
        contract = contracts.get(line)
        if not number or contract is None:
            continue
        predecessor = found[number]  # checked before writing (_check_renewal_numbers)
        if contract.predecessor_id == predecessor.pk:
            continue
        try:
            contract_renewal_link(
                contract_id=contract.pk, predecessor=predecessor, user=user, reason=reason
            )
        except ValidationError as error:
            sheet.add_error(line, "renews_filing_number", number, " ".join(error.messages))


def _contract_data(
    values: dict[str, Any], enterprise_id: int, *, key_terms: dict | None = None
) -> dict[str, Any]:
    data = {name: values[name] for name in CONTRACT_FIELDS if name in values}
    data["enterprise_id"] = enterprise_id
    # Key terms in the file's columns (checked cell by cell by the codebook): those present
    # replace the contract's, an empty cell clears one, the others stay as they were.
    present = [v.code for v in ENTERED_VARIABLES if v.code in values]
    if present:
        merged = dict(key_terms or {})
        for code in present:
            if values[code] is None:
                merged.pop(code, None)
            else:
                merged[code] = values[code]
        data["key_terms"] = merged
    return data


def contract_rows(
    sheet: Sheet,
    result: ImportResult,
    *,
    user,
    reason: str,
    dry_run: bool,
    stage: Stage | None,
    written: Written | None = None,
) -> None:
    enterprise_ids = _check_contracts(sheet)
    if sheet.invalid:
        return
    if stage and not dry_run:
        stage(ImportJob.Stage.WRITING)
    with _serialised(ImportJob.Kind.CONTRACTS):
        numbers = [values["filing_number"] for _line, values in sheet.rows]
        existing: dict[str, Contract] = {}
        for batch in _batched(numbers, LOOKUP_BATCH):
            existing.update(
                (c.filing_number, c) for c in Contract.objects.filter(filing_number__in=batch)
            )
        written_rows: dict[int, Contract] = {}
        for line, values in sheet.rows:
            contract = existing.get(values["filing_number"])
            data = _contract_data(
                values,
                enterprise_ids[values["enterprise_credit_code"]],
                key_terms=contract.key_terms if contract is not None else None,
            )
            if contract is not None and contract.enterprise_id != data["enterprise_id"]:
                sheet.add_error(
                    line,
                    "filing_number",
                    values["filing_number"],
                    _("This filing number belongs to a contract of another enterprise."),
                )
                continue
            if contract is not None and all(
                getattr(contract, name) == value for name, value in data.items()
            ):
                result.unchanged += 1
                written_rows[line] = contract
                continue
            if dry_run:
                result.created += contract is None
                result.updated += contract is not None
                continue
            try:
                saved, created = contract_register_existing(data=data, user=user, reason=reason)
            except ValidationError as error:
                sheet.add_error(line, "", "", " ".join(error.messages))
                continue
            written_rows[line] = saved
            result.created += created
            result.updated += not created
        if not dry_run:
            _link_renewals(sheet, written_rows, user=user, reason=reason)
        if sheet.invalid or dry_run:
            transaction.set_rollback(True)
        else:
            _written(result, written)
