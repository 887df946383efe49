"""Reads of the enterprise's side: its accounts and invitations for the ledger page, and a
correction request's rows."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from compliance.models import (
    Enterprise,
    EnterpriseAccount,
    EnterpriseInvitation,
    LedgerCorrection,
)

CORRECTABLE_FIELDS = ("employees", "union_members", "union_established")


@dataclass
class EnterpriseAccounts:
    accounts: list
    invitations: list
    pending_corrections: int


def enterprise_accounts(*, enterprise: Enterprise) -> EnterpriseAccounts:
    now = timezone.now()
    invitations = list(EnterpriseInvitation.objects.filter(enterprise=enterprise))
    for invitation in invitations:
        invitation.state = invitation.status_at(now)
        invitation.state_label = EnterpriseInvitation.Status(invitation.state).label
    return EnterpriseAccounts(
        accounts=list(
            EnterpriseAccount.objects.filter(enterprise=enterprise).select_related("user")
        ),
        invitations=invitations,
        pending_corrections=LedgerCorrection.objects.filter(
            enterprise=enterprise, status=LedgerCorrection.Status.PENDING
        ).count(),
    )


def correction_rows(item: LedgerCorrection) -> list[tuple[str, object, object]]:
    """(label, value in the ledger now, value asked for) per field asked for."""
    rows = []
    for field in CORRECTABLE_FIELDS:
        if field in item.changes:
            label = Enterprise._meta.get_field(field).verbose_name
            rows.append((label, getattr(item.enterprise, field), item.changes[field]))
    return rows
