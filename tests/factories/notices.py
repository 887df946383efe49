"""Published contracts (and so notices), built through the services as a clerk would."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from compliance.models import Clause
from compliance.services import contracts
from tests.factories.compliance import enterprise

_serial = itertools.count(1)
TODAY = dt.date(2026, 6, 1)

CLAUSES = (
    ("wages", "职工工资年度平均增长幅度不低于6%，职工月最低工资不低于2100元。"),
    ("hours", "实行标准工时制度，每周工作时间不超过40小时。"),
    ("safety", "企业每年组织职工职业健康检查，费用由企业承担。"),
)


def published_contract(
    *,
    clauses=CLAUSES,
    secret_orders=(),
    publish=True,
    starts_on=dt.date(2025, 1, 1),
    ends_on=dt.date(2027, 12, 31),
    as_of=TODAY,
    enterprise_data=None,
    **data,
):
    """An existing contract from the ledger, with clauses, published to employees (and on the
    public site when `publish`)."""
    ent = enterprise(**(enterprise_data or {}))
    n = next(_serial)
    values = {
        "enterprise": ent,
        "title": f"{ent.name}集体合同",
        "starts_on": starts_on,
        "ends_on": ends_on,
        "covered_employees": ent.employees,
        "filing_number": f"测工集备〔2025〕{n}号",
        "signed_on": starts_on - dt.timedelta(days=30),
        "passed_by_congress": True,
        "wage_growth_pct": Decimal("6.0"),
        "minimum_wage": Decimal("2100"),
        "weekly_hours": Decimal("40"),
        "as_of": as_of,
    }
    values.update(data)
    contract, _created = contracts.contract_register_existing(data=values, reason="test")
    for order, (topic, text) in enumerate(clauses, start=1):
        Clause.objects.create(
            contract=contract,
            order=order,
            topic=topic,
            text=text,
            is_business_secret=order in secret_orders,
        )
    if contract.status == "effective":
        contracts.contract_publish(
            contract_id=contract.pk, published_on=starts_on, publish_publicly=publish
        )
    else:
        # An expired contract can no longer go through the publish step; it was published
        # while in force.
        contract.published_on, contract.publish_publicly = starts_on, publish
        contract.save()
        from cms_pages.services.notices import notice_sync

        notice_sync(contract=contract)
    contract.refresh_from_db()
    return contract
