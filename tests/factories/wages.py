"""Wage contracts (工资专项) for the wage highlights' tests, entered as the ledger import does."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal

from compliance.services.contracts import contract_register_existing
from tests.factories import compliance as f

_serial = itertools.count(1)
AS_OF = dt.date(2026, 11, 20)


def wage_contract(
    *,
    signed_on: dt.date,
    growth: str | None,
    employees: int = 100,
    kind: str = "wages",
    industry: str = "C",
    ownership: str = "private",
    region_code: str = "230803",
):
    enterprise = f.enterprise(industry=industry, ownership=ownership, region_code=region_code)
    return contract_register_existing(
        data={
            "enterprise": enterprise,
            "title": f"{signed_on.year}年度工资专项集体合同{next(_serial)}",
            "kind": kind,
            "starts_on": signed_on,
            "ends_on": dt.date(signed_on.year + 1, 12, 31),
            "signed_on": signed_on,
            "covered_employees": employees,
            "wage_growth_pct": Decimal(growth) if growth is not None else None,
            "as_of": AS_OF,
        }
    )[0]
