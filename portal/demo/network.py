"""The network's demo (issue 16): contracts for the federations that only keep a ledger in the
demo (the province and the county), so that every level has figures, and every federation's
figures published to the network channel for the days it keeps, as the nightly pass and the
change notes would have done had the demo been running all along.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from compliance.models import Enterprise
from compliance.services.network import network_backfill, network_unpublished
from portal.demo.builders import registered_contract

# Credit-code stem → (term starts, term ends, filing number); dates relative to the demo's year.
CONTRACTS = {
    "hlj": (
        ("MA3H1A1A", (-1, 1, 1), (1, 12, 31), "黑备〔{y}〕1号"),
        ("MA3H1A2B", (-3, 7, 1), (0, 6, 30), "黑备〔{y}〕2号"),
    ),
    "hnx": (
        ("MA5N2B1A", (0, 3, 1), (2, 2, 28), "桦南备〔{y}〕1号"),
        ("MA5N2B2B", (-2, 5, 1), (1, 4, 30), "桦南备〔{y}〕2号"),
        ("MA5N2B5E", (-3, 1, 1), (-1, 12, 31), "桦南备〔{y}〕3号"),
    ),
}


def _day(today: dt.date, offset: tuple[int, int, int]) -> dt.date:
    years, month, day = offset
    return dt.date(today.year + years, month, day)


def seed_network_contracts(*, schema_name: str, today: dt.date) -> bool:
    """The contracts of a federation the demo shows a ledger of; True when any was added."""
    added = False
    for stem, starts, ends, number in CONTRACTS.get(schema_name, ()):
        enterprise = Enterprise.objects.get(credit_code__contains=stem)
        start = _day(today, starts)
        filing_number = number.format(y=start.year)
        if enterprise.contracts.filter(filing_number=filing_number).exists():
            continue
        registered_contract(
            enterprise=enterprise,
            starts_on=start,
            ends_on=_day(today, ends),
            as_of=today,
            filing_number=filing_number,
            signed_on=start - dt.timedelta(days=20),
            submitted_in_time=True,
            filed_with_department=True,
            wage_growth_pct=Decimal("7.5"),
        )
        added = True
    return added


def publish_figures(*, today: dt.date) -> int:
    """The current federation's figures for every day the channel keeps, unless they are
    published and nothing changed since; returns the rows written."""
    if not network_unpublished(today=today):
        return 0
    return network_backfill(today=today)
