"""Awards, criteria and enterprises with a contract in force, built through the services."""

from __future__ import annotations

import datetime as dt

from compliance.services.awards import CriterionChoice, award_criteria_set, award_save
from compliance.services.contracts import contract_register_existing
from tests.factories import compliance as f

AS_OF = dt.date(2026, 11, 20)


def award(*codes: str, complete: tuple[str, ...] = (), name: str = "五一劳动奖状", year=2027):
    created = award_save(award=None, data={"name": name, "year": year}, reason="test")
    if codes:
        award_criteria_set(
            award_id=created.pk,
            criteria=[CriterionChoice(code, records_complete=code in complete) for code in codes],
        )
    return created


def enterprise_with_contract(**kwargs):
    """An enterprise with a contract in force passed by the congress and filed with both."""
    ent = f.enterprise(**kwargs)
    contract_register_existing(
        data={
            "enterprise": ent,
            "title": "集体合同",
            "starts_on": dt.date(2025, 1, 1),
            "ends_on": dt.date(2027, 12, 31),
            "passed_by_congress": True,
            "filed_with_department": True,
            "filing_number": f"甲工集备〔2025〕{ent.pk}号",
            "as_of": AS_OF,
        }
    )
    return ent
