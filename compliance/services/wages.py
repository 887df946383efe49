"""Generating a federation's wage highlights (工资集体协商情况, issue 19 item 4) for a quarter.

The figures are computed from the federation's own wage contracts
(compliance.selectors.wages.wage_figures_compute) and stored in the shared schema
(tenants.WageFigure), replacing the quarter's previous rows in one transaction under a
per-federation lock, so a generation killed half-way leaves the previous figures and two never
interleave; each generation appends a tenants.WageGeneration (when, by whom, how many contracts).
The quarterly task generates the quarter that has just ended; an administrator may regenerate
any quarter of this year and the last (a late-filed contract, a corrected wage increase).
Running it twice gives the same rows: the task is idempotent.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone

from compliance.rules.wages import previous_quarter, quarter_problem
from compliance.selectors.wages import wage_figures_compute
from tenants.models import WageFigure, WageGeneration


def _lock() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext('wage_figures'), hashtext(%s))",
            [connection.schema_name],
        )


def wage_highlights_generate(
    *,
    year: int,
    quarter: int,
    by: str = "",
    trigger: str = WageGeneration.Trigger.MANUAL,
    today: dt.date | None = None,
) -> WageGeneration:
    """Compute and store the current federation's wage figures for the quarter."""
    today = today or timezone.localdate()
    problem = quarter_problem(year, quarter, today=today)
    if problem:
        raise ValidationError(problem)
    federation_id = connection.tenant.pk
    now = timezone.now()
    with transaction.atomic():
        _lock()
        computed = wage_figures_compute(year=year, quarter=quarter)
        # In SQL: django-tenants listens to every model's post_delete (see services/network.py).
        with connection.cursor() as cursor:
            cursor.execute(
                "DELETE FROM tenants_wagefigure"
                " WHERE federation_id = %s AND year = %s AND quarter = %s",
                [federation_id, year, quarter],
            )
        WageFigure.objects.bulk_create(
            [
                WageFigure(
                    federation_id=federation_id,
                    year=year,
                    quarter=quarter,
                    period=period,
                    dimension=dimension,
                    segment=segment,
                    contracts=counts.contracts,
                    employees_covered=counts.employees_covered,
                    increases=counts.increases,
                    generated_at=now,
                )
                for (period, dimension, segment), counts in computed.items()
            ]
        )
        return WageGeneration.objects.create(
            federation_id=federation_id,
            year=year,
            quarter=quarter,
            trigger=trigger,
            generated_by=by,
            generated_at=now,
            contracts=computed[("quarter", "all", "")].contracts,
        )


def wage_highlights_quarterly(*, today: dt.date | None = None) -> WageGeneration:
    """The quarterly task: the quarter that has just ended."""
    today = today or timezone.localdate()
    year, quarter = previous_quarter(today)
    return wage_highlights_generate(
        year=year, quarter=quarter, trigger=WageGeneration.Trigger.SCHEDULED, today=today
    )
