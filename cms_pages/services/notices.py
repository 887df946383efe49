"""Contract notices (集体合同公示): built from a contract, kept in step with it, withdrawn.

R23/R26 and DOMAIN.md §6: once a contract is effective and the federation chooses to publish it,
the public may read its parties, scope, kind, term, covered employees, key terms and clause text
— never identity numbers, phone numbers, individual wages, or clauses marked as business secrets.
`notice_build` is the one place public content is made; everything public reads what it made.

`notice_sync` subscribes to compliance's CONTRACT_CHANGED hook (cms_pages/wagtail_hooks.py),
which compliance.services.contracts calls whenever a contract's status, publication or text
changes: it creates, updates or withdraws the notice. A withdrawn notice disappears from every
list, feed and API; its row and public id stay, with no content, so an old link answers
"withdrawn" instead of another notice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from decimal import Decimal

from django.contrib.postgres.search import SearchVector
from django.db import transaction
from django.db.models import TextField, Value
from django.utils import timezone

from cms_pages.cache import public_pages_changed
from cms_pages.models import ContractNotice
from cms_pages.redaction import redact_personal_data
from cms_pages.search import search_document
from compliance.models import Contract, Scope
from compliance.rules.codebook import CODEBOOK_VERSION, key_terms_all
from portal.celery import queue_on_commit

# The network channel follows every listed or withdrawn notice once the change commits
# (cms_pages.services.network_notices).
NETWORK_PUSH_TASK = "cms_pages.tasks.network_notice_push"

# A contract is public only in these states, and only after its publication (R23).
PUBLIC_STATUSES = (
    Contract.Status.EFFECTIVE,
    Contract.Status.EXPIRED,
    Contract.Status.TERMINATED,
    Contract.Status.SUPERSEDED,
)


@dataclass(frozen=True)
class NoticeContent:
    """Everything a notice shows, already redacted."""

    title: str
    employer: str
    union: str
    covered_enterprises: list[str]
    scope: str
    kind: str
    status: str
    industry: str
    region_code: str
    year: int
    starts_on: dt.date
    ends_on: dt.date
    in_force_from: dt.date
    in_force_until: dt.date
    signed_on: dt.date | None
    effective_on: dt.date | None
    published_on: dt.date
    filing_number: str
    covered_employees: int
    wage_growth_pct: Decimal | None
    minimum_wage: Decimal | None
    weekly_hours: Decimal | None
    relation: str
    clauses: list[dict] = field(default_factory=list)
    withheld_clauses: int = 0
    # The codebook's variables stated (figures and yes/no answers: no personal data to redact).
    key_terms: dict = field(default_factory=dict)
    codebook_version: str = CODEBOOK_VERSION

    @property
    def body_text(self) -> str:
        """The searchable text: title, parties, covered enterprises and clauses, one per line."""
        lines = [self.title, self.employer, self.union, *self.covered_enterprises]
        lines += [clause["text"] for clause in self.clauses]
        return "\n".join(line for line in lines if line)


def _pages_changed() -> None:
    # Now, so this transaction's own reads see fresh pages, and after commit, so a page cached
    # by a concurrent request in between is not served stale.
    public_pages_changed()
    transaction.on_commit(public_pages_changed)


def is_publishable(contract: Contract) -> bool:
    return bool(
        contract.publish_publicly and contract.published_on and contract.status in PUBLIC_STATUSES
    )


def _union_party(contract: Contract) -> str:
    enterprise = contract.enterprise
    if contract.scope == Scope.REGIONAL:
        return "区域性工会联合会"
    if contract.scope == Scope.INDUSTRY:
        return "行业性工会联合会"
    if enterprise.union_established:
        return f"{enterprise.name}工会"
    return f"{enterprise.name}职工代表"


def _in_force_until(contract: Contract) -> dt.date:
    until = contract.ends_on
    if contract.status == Contract.Status.TERMINATED and contract.ended_on:
        until = min(until, contract.ended_on)
    if contract.status == Contract.Status.SUPERSEDED:
        amendment = (
            contract.successors.filter(relation=Contract.Relation.AMENDMENT)
            .order_by("effective_on")
            .first()
        )
        if amendment and amendment.effective_on:
            until = min(until, amendment.effective_on - dt.timedelta(days=1))
    return until


def notice_build(contract: Contract) -> NoticeContent:
    """The public content of `contract`'s notice: personal data redacted from every text, clauses
    marked as business secrets left out (only their number is shown)."""
    enterprise = contract.enterprise
    in_force_from = max(contract.starts_on, contract.effective_on or contract.starts_on)
    clauses, withheld = [], 0
    for clause in contract.clauses.order_by("order"):
        if clause.is_business_secret:
            withheld += 1
            continue
        clauses.append(
            {
                "order": clause.order,
                "topic": clause.topic,
                "text": redact_personal_data(clause.text),
            }
        )
    covered = [
        redact_personal_data(name)
        for name in contract.covered_enterprises.order_by("name").values_list("name", flat=True)
    ]
    return NoticeContent(
        title=redact_personal_data(contract.title),
        employer=redact_personal_data(enterprise.name),
        union=redact_personal_data(_union_party(contract)),
        covered_enterprises=covered,
        scope=contract.scope,
        kind=contract.kind,
        status=contract.status,
        industry=enterprise.industry,
        region_code=enterprise.region_code,
        year=in_force_from.year,
        starts_on=contract.starts_on,
        ends_on=contract.ends_on,
        in_force_from=in_force_from,
        in_force_until=max(in_force_from, _in_force_until(contract)),
        signed_on=contract.signed_on,
        effective_on=contract.effective_on,
        published_on=contract.published_on,
        filing_number=contract.filing_number,
        covered_employees=contract.covered_employees,
        wage_growth_pct=contract.wage_growth_pct,
        minimum_wage=contract.minimum_wage,
        weekly_hours=contract.weekly_hours,
        relation=contract.relation,
        clauses=clauses,
        withheld_clauses=withheld,
        key_terms=key_terms_all(
            entered=contract.key_terms or {},
            columns={
                "wage_growth_pct": contract.wage_growth_pct,
                "minimum_wage": contract.minimum_wage,
                "weekly_hours": contract.weekly_hours,
            },
            starts_on=contract.starts_on,
            ends_on=contract.ends_on,
            covered=contract.covered_employees,
        ),
    )


def _search_vector(text: str) -> SearchVector:
    return SearchVector(Value(search_document(text), output_field=TextField()), config="simple")


@transaction.atomic
def notice_sync(*, contract: Contract) -> ContractNotice | None:
    """Create, update or withdraw `contract`'s notice so it matches the contract now.

    Returns the listed notice, or None when the contract is not (or no longer) public.
    Idempotent: calling it twice changes nothing the second time except updated_at.
    """
    now = timezone.now()
    if not is_publishable(contract):
        # One query for the common case (a ledger import of contracts nobody publishes).
        notice = (
            ContractNotice.objects.select_for_update()
            .filter(contract_id=contract.pk, withdrawn_at__isnull=True)
            .first()
        )
        if notice is not None:
            notice.withdrawn_at = now
            notice.updated_at = now
            notice.clauses, notice.body_text, notice.search = [], "", None
            notice.withheld_clauses = 0
            notice.key_terms = {}
            notice.save()
            _pages_changed()
            queue_on_commit(NETWORK_PUSH_TASK, notice.pk)
        return None
    contract = Contract.objects.select_related("enterprise").get(pk=contract.pk)
    notice = ContractNotice.objects.select_for_update().filter(contract=contract).first()
    content = notice_build(contract)
    if notice is None:
        notice = ContractNotice(contract=contract, first_published_at=now)
    values = asdict(content)
    for name, value in values.items():
        setattr(notice, name, value)
    predecessor = getattr(contract.predecessor, "notice", None) if contract.predecessor else None
    notice.predecessor = predecessor if predecessor and predecessor.withdrawn_at is None else None
    notice.withdrawn_at = None
    notice.updated_at = now
    notice.body_text = content.body_text
    notice.search = _search_vector(content.body_text)
    notice.save()
    # A successor published before this notice existed links back to it now.
    ContractNotice.objects.filter(contract__predecessor=contract, predecessor__isnull=True).update(
        predecessor=notice
    )
    _pages_changed()
    queue_on_commit(NETWORK_PUSH_TASK, notice.pk)
    return notice
