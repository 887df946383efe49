"""Writes to the enterprise ledger (台账).

Every write validates the whole record (credit code check character per GB 32100-2015, region
code per GB/T 2260, union members within employees) and leaves a history row naming the user
and the reason.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction

from compliance.models import Enterprise
from compliance.rules.uscc import normalize
from compliance.services.history import save_with_history

EDITABLE_FIELDS = (
    "name",
    "industry",
    "region_code",
    "ownership",
    "employees",
    "union_established",
    "union_members",
    "workers_congress",
    "workers_congress_last_held",
    "above_designated_size",
    "fortune500_investor",
    "head_npc_deputy",
    "head_cppcc_member",
    "head_model_worker",
)


@transaction.atomic
def enterprise_save(
    *, credit_code: str, data: dict[str, Any], user=None, reason: str
) -> tuple[Enterprise, bool]:
    """Create the enterprise with this credit code, or update it; return (enterprise, created).

    Idempotent by credit code: saving the same values again writes nothing and no history row.
    """
    code = normalize(credit_code)
    enterprise = Enterprise.objects.select_for_update().filter(credit_code=code).first()
    created = enterprise is None
    if created:
        enterprise = Enterprise(credit_code=code)
    changed = created
    for field in EDITABLE_FIELDS:
        if field in data and getattr(enterprise, field) != data[field]:
            setattr(enterprise, field, data[field])
            changed = True
    if not changed:
        return enterprise, False
    save_with_history(enterprise, user=user, reason=reason)
    return enterprise, created
