"""Reads for filing receipts: the public check of a receipt (filing number and verification code
together) and the contract a receipt is printed for.

The check answers with what the receipt itself shows and nothing more: the enterprise's name,
the filing number, the filing date, the term, and whether the contract is in force today, with
the day it ended when it no longer is (DOMAIN.md §6 and §8, issue 17 item 7). "In force" is the
statistics' definition (selectors.statistics.effective_on: effective, not past its term, not
terminated, not replaced by an amendment) and, for a reader of the receipt, its term begun: a
contract approved before its first day is not yet in force. A pair that does not match is
simply no answer: the caller cannot tell a wrong code from a wrong number, nor from a contract
of another federation (whose tables this schema does not hold).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import OuterRef, Subquery

from compliance.models import Contract, DepartmentSubmission
from compliance.rules.receipts import code_read, filing_number_key
from compliance.selectors.statistics import effective_on


@dataclass(frozen=True)
class VerifiedFiling:
    enterprise_name: str
    filing_number: str
    filed_on: dt.date | None
    starts_on: dt.date
    ends_on: dt.date
    in_force: bool
    # Why it is not in force: "ended" (term over), "terminated", "replaced" (by an amendment) or
    # "not_yet"; with the day that happened (ended: the term's last day). Empty when in force.
    standing: str
    since: dt.date | None


ENDED, TERMINATED, REPLACED, NOT_YET = "ended", "terminated", "replaced", "not_yet"


def _standing(contract: Contract, *, today: dt.date) -> tuple[str, dt.date | None]:
    if contract.status == Contract.Status.TERMINATED or (
        contract.ended_on and contract.ended_on <= today
    ):
        return TERMINATED, contract.ended_on
    replaced_on = (
        Contract.objects.filter(
            predecessor=contract,
            relation=Contract.Relation.AMENDMENT,
            effective_on__lte=today,
        )
        .order_by("effective_on")
        .values_list("effective_on", flat=True)
        .first()
    )
    if replaced_on is not None or contract.status == Contract.Status.SUPERSEDED:
        return REPLACED, replaced_on
    if contract.ends_on < today:
        return ENDED, contract.ends_on
    return NOT_YET, None


def filing_verify(*, filing_number: str, code: str, today: dt.date) -> VerifiedFiling | None:
    """The filed contract this receipt's pair names, or None when the pair names none here."""
    stored_code = code_read(code)
    number = filing_number_key(filing_number)
    if stored_code is None or not number:
        return None
    contract = (
        Contract.objects.select_related("enterprise")
        .filter(verification_code=stored_code)
        .exclude(filing_number="")
        .first()
    )
    if contract is None or filing_number_key(contract.filing_number) != number:
        return None
    in_force = Contract.objects.filter(
        effective_on(today), pk=contract.pk, starts_on__lte=today
    ).exists()
    standing, since = ("", None) if in_force else _standing(contract, today=today)
    return VerifiedFiling(
        enterprise_name=contract.enterprise.name,
        filing_number=contract.filing_number,
        filed_on=contract.filed_on,
        starts_on=contract.starts_on,
        ends_on=contract.ends_on,
        in_force=in_force,
        standing=standing,
        since=since,
    )


def receipt_contract(*, contract_id: int) -> Contract:
    """The contract with what its receipt prints (enterprise, the round's receipt by the
    department, and as `department_name` the department it was last submitted to online, or
    None). Raises Contract.DoesNotExist."""
    latest = DepartmentSubmission.objects.filter(round_id=OuterRef("round_id")).order_by(
        "-submitted_on", "-pk"
    )
    return (
        Contract.objects.select_related("enterprise", "round")
        .annotate(department_name=Subquery(latest.values("department__name")[:1]))
        .get(pk=contract_id)
    )
