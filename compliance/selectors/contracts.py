"""Reads for collective contracts: the list (current contracts first, with the status a reader
needs: an expired contract that was renewed says so), one contract's page (clauses, checks,
versions, the renewal under way) and the address of its public notice."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Case,
    CharField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from compliance.models import AuditCheck, BargainingRound, Clause, Contract, SupervisionCase
from compliance.rules import procedure
from compliance.rules.terms import renewal_due

# The public site answers this hook with the address of a contract's published notice (or None);
# the back office never imports the public site. Functions take contract= and request=.
CONTRACT_NOTICE_URL = "compliance_contract_notice_url"

RENEWED = "renewed"
# The statuses a list shows: the contract's own, and "renewed" for an expired one that has its
# renewal (it is no longer a gap to act on).
SHOWN_STATUS_LABELS = {**dict(Contract.Status.choices), RENEWED: _("Expired and renewed")}
_CURRENT = (Contract.Status.EFFECTIVE, Contract.Status.IN_REVIEW, Contract.Status.DRAFT)


def _renewal_of(outer: str = "pk"):
    return Contract.objects.filter(predecessor=OuterRef(outer), relation=Contract.Relation.RENEWAL)


def renewal_offers() -> QuerySet[BargainingRound]:
    """Offers to the outer contract's enterprise since its renewal window opened, neither refused
    nor left unanswered: its renewal bargaining has started (R29). For Exists()."""
    return BargainingRound.objects.filter(
        enterprise=OuterRef("enterprise"), offer_date__gte=OuterRef("renewal_window_opens")
    ).exclude(status__in=(BargainingRound.Status.REFUSED, BargainingRound.Status.NO_REPLY))


def renewal_awaited(contracts: QuerySet[Contract]) -> QuerySet[Contract]:
    """Those of `contracts` whose renewal window has been set and whose renewal is still awaited:
    in force or expired, not renewed, no renewal bargaining started."""
    return (
        contracts.filter(
            status__in=(Contract.Status.EFFECTIVE, Contract.Status.EXPIRED),
            renewal_window_opens__isnull=False,
        )
        .exclude(Exists(_renewal_of()))
        .exclude(Exists(renewal_offers()))
    )


def with_renewal_state(contracts: QuerySet[Contract]) -> QuerySet[Contract]:
    """Annotate `renewed`, `renewal_round_id` (a renewal round under way) and `shown_status`."""
    return contracts.annotate(
        renewed=Exists(_renewal_of()),
        renewal_round_id=Subquery(
            BargainingRound.objects.filter(renews=OuterRef("pk"))
            .exclude(status__in=procedure.ENDED)
            .order_by("-pk")
            .values("pk")[:1]
        ),
        shown_status=Case(
            When(Q(status=Contract.Status.EXPIRED) & Exists(_renewal_of()), then=Value(RENEWED)),
            default=F("status"),
            output_field=CharField(),
        ),
    )


def contracts_listed() -> QuerySet[Contract]:
    """The contract list: contracts in force (or on their way) first, then expired, terminated
    and superseded ones; newest first within each. A superseded contract sits below its
    amendment, which carries the same title."""
    return with_renewal_state(Contract.objects.select_related("enterprise")).order_by(
        Case(
            When(status__in=_CURRENT, then=Value(0)), default=Value(1), output_field=IntegerField()
        ),
        "-starts_on",
        "-pk",
    )


def shown_status_label(contract: Contract) -> str:
    return str(SHOWN_STATUS_LABELS.get(contract.shown_status, contract.shown_status))


def renewal_startable(contract: Contract, *, today: dt.date) -> bool:
    """Whether the contract's page offers to start its renewal round: its renewal is due (R29),
    it has no renewal yet and none under way. Needs with_renewal_state's annotations."""
    return (
        not contract.renewed
        and contract.renewal_round_id is None
        and renewal_due(
            status=contract.status, window_opens=contract.renewal_window_opens, today=today
        )
    )


def expiry_case_open(*, contract: Contract) -> SupervisionCase | None:
    """The open case about this contract's expiry without a successor, if one was opened."""
    return (
        SupervisionCase.objects.filter(
            source_contract=contract,
            source=SupervisionCase.Source.EXPIRED_CONTRACT,
            status=SupervisionCase.Status.OPEN,
        )
        .order_by("-pk")
        .first()
    )


@dataclass(frozen=True)
class ContractPage:
    contract: Contract
    status_label: str
    clauses: list[Clause]
    audits: list[AuditCheck]
    predecessor: Contract | None
    successors: list[Contract]
    renewal_round: BargainingRound | None
    expiry_case: SupervisionCase | None
    renewal_startable: bool
    notice_url: str | None


def contract_page(*, contract_id: int, today: dt.date, request=None) -> ContractPage:
    """Everything a contract's page lists besides its fields, in a fixed number of queries."""
    contract = with_renewal_state(Contract.objects.select_related("enterprise", "predecessor")).get(
        pk=contract_id
    )
    renewal_round = (
        BargainingRound.objects.filter(pk=contract.renewal_round_id).first()
        if contract.renewal_round_id
        else None
    )
    return ContractPage(
        contract=contract,
        status_label=shown_status_label(contract),
        clauses=list(contract.clauses.order_by("order")),
        audits=list(
            contract.audit_checks.select_related("case", "report").order_by("-due_on", "-pk")
        ),
        predecessor=contract.predecessor,
        successors=list(with_renewal_state(contract.successors.order_by("starts_on", "pk"))),
        renewal_round=renewal_round,
        expiry_case=expiry_case_open(contract=contract)
        if contract.status == Contract.Status.EXPIRED
        else None,
        renewal_startable=renewal_startable(contract, today=today),
        notice_url=contract_notice_url(contract=contract, request=request),
    )


def contract_notice_url(*, contract: Contract, request=None) -> str | None:
    """The address of the contract's notice on the public site, when one is published."""
    for answer in hooks.get_hooks(CONTRACT_NOTICE_URL):
        url = answer(contract=contract, request=request)
        if url:
            return url
    return None


RENEWABLE = (Contract.Status.EFFECTIVE, Contract.Status.EXPIRED)


def renewal_candidates(
    *,
    enterprise_id: int,
    exclude_id: int | None = None,
    starts_before: dt.date | None = None,
    linked_id: int | None = None,
):
    """The enterprise's contracts a new one may renew: in force or expired, not yet renewed
    (starting before `starts_before` when given), the one that ends latest first; and the
    contract `linked_id`, which the new one already renews."""
    renewable = Q(status__in=RENEWABLE) & ~Q(successors__relation=Contract.Relation.RENEWAL)
    if starts_before is not None:
        renewable &= Q(starts_on__lt=starts_before)
    if linked_id is not None:
        renewable |= Q(pk=linked_id)
    return (
        Contract.objects.filter(renewable, enterprise_id=enterprise_id)
        .exclude(pk=exclude_id)
        .order_by("-ends_on", "-pk")
    )


def renewal_proposed(*, enterprise_id: int, kind: str, exclude_id: int | None = None):
    """The contract a new one most likely renews: of the same kind, the one that expires or
    expired most recently (issue 15)."""
    candidates = renewal_candidates(enterprise_id=enterprise_id, exclude_id=exclude_id)
    return candidates.filter(kind=kind).first()
