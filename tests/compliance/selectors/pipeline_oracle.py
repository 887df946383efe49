"""The funnel computed straight from the ledger by joins: the single statement the database-kept
log replaced (migration 0041_pipeline_log), kept as the oracle the log is compared with.

One row per unionised enterprise: its furthest stage in the day's year (1 = unionised … 8 =
published), whether an intent of it is in the forecast window with its offer not yet out in the
intent's year, and its segment of each dimension.
"""

from __future__ import annotations

import datetime as dt

from django.db import connection

from compliance.models.enterprises import KEY_EMPLOYEE_THRESHOLD
from compliance.rules.pipeline import FORECAST_MONTHS

ORACLE_SQL = """
WITH rnd AS (
    SELECT r.enterprise_id, r.offer_date, r.signed_date, r.submitted_date, c.published_on
    FROM compliance_bargaininground r
    LEFT JOIN compliance_contract c ON c.round_id = r.id
    UNION ALL
    SELECT rc.enterprise_id, r.offer_date, r.signed_date, r.submitted_date, c.published_on
    FROM compliance_bargaininground_covered_enterprises rc
    JOIN compliance_bargaininground r ON r.id = rc.bargaininground_id
    LEFT JOIN compliance_contract c ON c.round_id = r.id
    WHERE rc.enterprise_id <> r.enterprise_id
), rounds AS (
    SELECT x.enterprise_id,
        max(CASE WHEN x.published_on <= %(day)s THEN 8 WHEN x.submitted_date <= %(day)s THEN 7
                 WHEN x.signed_date <= %(day)s THEN 6 ELSE 5 END) AS stage
    FROM rnd x
    WHERE x.offer_date BETWEEN make_date(%(year)s, 1, 1)
            AND least(%(day)s, make_date(%(year)s, 12, 31))
       OR x.signed_date BETWEEN make_date(%(year)s, 1, 1)
            AND least(%(day)s, make_date(%(year)s, 12, 31))
    GROUP BY x.enterprise_id
), planned AS (
    SELECT DISTINCT i.enterprise_id
    FROM compliance_bargainingintent i
    WHERE i.recorded_on <= %(day)s
        AND i.year * 12 + i.planned_month - 1 BETWEEN %(month)s AND %(month)s + %(months)s - 1
        AND NOT EXISTS (
            SELECT 1 FROM rnd x WHERE x.enterprise_id = i.enterprise_id AND (
                x.offer_date BETWEEN make_date(i.year, 1, 1)
                    AND least(%(day)s, make_date(i.year, 12, 31))
                OR x.signed_date BETWEEN make_date(i.year, 1, 1)
                    AND least(%(day)s, make_date(i.year, 12, 31))))
)
SELECT e.id,
    CASE WHEN e.employees >= %(key)s OR e.fortune500_investor OR e.head_npc_deputy
            OR e.head_cppcc_member OR e.head_model_worker THEN greatest(
        2,
        CASE WHEN s.surveyed_on <= %(day)s THEN 3 END,
        CASE WHEN i.recorded_on <= %(day)s THEN 4 END,
        r.stage
    ) ELSE 1 END,
    p.enterprise_id IS NOT NULL,
    e.region_code, e.industry, e.ownership,
    CASE WHEN e.employees >= %(key)s THEN '100plus' ELSE 'under100' END,
    CASE e.above_designated_size WHEN true THEN 'yes' WHEN false THEN 'no' ELSE 'unknown' END,
    CASE WHEN e.employees >= %(key)s OR e.fortune500_investor OR e.head_npc_deputy
            OR e.head_cppcc_member OR e.head_model_worker THEN 'key' ELSE 'other' END
FROM compliance_enterprise e
LEFT JOIN compliance_baselinesurvey s ON s.enterprise_id = e.id AND s.year = %(year)s
LEFT JOIN compliance_bargainingintent i ON i.enterprise_id = e.id AND i.year = %(year)s
LEFT JOIN rounds r ON r.enterprise_id = e.id
LEFT JOIN planned p ON p.enterprise_id = e.id
WHERE e.union_established
"""
SEGMENTS = ("region", "industry", "ownership", "size", "designated", "key")


def oracle(*, year: int, day: dt.date) -> list[dict]:
    """[{"id", "stage", "forecast", "region", …}] for every unionised enterprise."""
    with connection.cursor() as cursor:
        cursor.execute(
            ORACLE_SQL,
            {
                "year": year,
                "day": day,
                "month": day.year * 12 + day.month - 1,
                "months": FORECAST_MONTHS,
                "key": KEY_EMPLOYEE_THRESHOLD,
            },
        )
        return [
            {
                "id": row[0],
                "stage": row[1],
                "forecast": row[2],
                **dict(zip(SEGMENTS, row[3:], strict=True)),
            }
            for row in cursor.fetchall()
        ]
