"""The funnel read from the log the database keeps (migration 0041_pipeline_log) agrees, day by
day and segment by segment, with the funnel computed straight from the ledger by joins (the
statement it replaced, tests/compliance/selectors/pipeline_oracle.py), whichever path wrote:
services, queryset updates, deletes, many-to-many links, raw SQL."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection

from compliance.models import BargainingRound, BaselineSurvey, Enterprise
from compliance.rules.figures import DIMENSIONS
from compliance.rules.pipeline import FORECAST_MONTHS, STAGE_FIELDS, STAGES
from compliance.selectors.pipeline import funnel, stuck_enterprises
from compliance.selectors.segments import segment_figures
from compliance.services.contracts import contract_publish
from compliance.services.pipeline import intent_save, survey_save
from tests.compliance.selectors.pipeline_oracle import SEGMENTS, oracle
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")
DAYS = (
    dt.date(2026, 1, 15),
    dt.date(2026, 3, 31),
    dt.date(2026, 4, 10),
    dt.date(2026, 5, 8),
    dt.date(2026, 11, 21),
    dt.date(2026, 12, 31),
    dt.date(2027, 1, 5),
)
REGIONS = ("230803", "230804", "230811")
STEPS = ("offered", "signed", "submitted", "effective")


def _random_ledger(rng: random.Random) -> None:
    enterprises = [
        f.enterprise(
            employees=rng.choice((40, 99, 100, 300)),
            union_established=rng.random() < 0.85,
            union_members=10,
            region_code=rng.choice(REGIONS),
            industry=rng.choice("CFG"),
            head_model_worker=rng.random() < 0.1,
            above_designated_size=rng.choice((True, False, None)),
        )
        for _ in range(24)
    ]
    unionised = [e for e in enterprises if e.union_established]
    for ent in rng.sample(unionised, k=len(unionised) // 2):
        survey_save(
            survey=None,
            data={
                "enterprise": ent,
                "year": 2026,
                "category": rng.choice(("willing", "unable", "afraid")),
                "reasons": [],
                "surveyed_on": dt.date(2026, rng.randint(1, 11), rng.randint(1, 28)),
                "surveyed_by": "张明",
            },
            reason="test",
        )
    for ent in rng.sample(unionised, k=len(unionised) // 3):
        year = rng.choice((2026, 2026, 2027))
        intent_save(
            intent=None,
            data={
                "enterprise": ent,
                "year": year,
                "planned_month": rng.randint(1, 12),
                "recorded_on": dt.date(2026, rng.randint(1, 11), 1),
            },
            reason="test",
        )
    rounds = []
    for ent in rng.sample(enterprises, k=8):
        step = rng.choice(STEPS)
        r = f.offered_round(ent) if step == "offered" else f.round_at(step)
        rounds.append(r)
        if step == "effective" and rng.random() < 0.7:
            contract_publish(
                contract_id=r.contract.pk,
                published_on=dt.date(2026, rng.randint(5, 12), 1),
                publish_publicly=False,
            )
    # A regional round covering others (a many-to-many link).
    rounds[0].covered_enterprises.add(*rng.sample(enterprises, k=3))
    # Queryset updates and raw SQL, which no save() sees.
    Enterprise.objects.filter(pk=rng.choice(enterprises).pk).update(employees=30)
    Enterprise.objects.filter(pk=rng.choice(enterprises).pk).update(region_code="230812")
    Enterprise.objects.filter(pk=rng.choice(enterprises).pk).update(union_established=False)
    BargainingRound.objects.filter(pk=rng.choice(rounds).pk).update(offer_date=dt.date(2025, 12, 1))
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE compliance_enterprise SET head_npc_deputy = true WHERE id = %s",
            [rng.choice(enterprises).pk],
        )
    BaselineSurvey.objects.filter(pk__in=BaselineSurvey.objects.values("pk")[:1]).delete()
    rounds[-1].covered_enterprises.clear()


def _reached(rows: list[dict]) -> list[int]:
    return [sum(1 for r in rows if r["stage"] >= n) for n in range(1, len(STAGES) + 1)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_log_agrees_with_the_ledger(seed):
    _random_ledger(random.Random(seed))
    for day in DAYS:
        rows = oracle(year=day.year, day=day)
        result = funnel(year=day.year, today=day)
        assert [s.count for s in result.steps] == _reached(rows), day
        assert result.forecast == sum(r["forecast"] for r in rows), day
        for number, stage in enumerate(STAGES, start=1):
            stuck = set(
                stuck_enterprises(year=day.year, stage=stage, today=day).values_list(
                    "pk", flat=True
                )
            )
            assert stuck == {r["id"] for r in rows if r["stage"] == number}, (day, stage)
        segments = segment_figures(as_of=day)
        for dimension in SEGMENTS:
            for segment in {r[dimension] for r in rows}:
                subset = [r for r in rows if r[dimension] == segment]
                counted = funnel(year=day.year, dimension=dimension, segment=segment, today=day)
                assert [s.count for s in counted.steps] == _reached(subset), (day, segment)
                figures = segments[(dimension, segment)]
                assert [getattr(figures, STAGE_FIELDS[stage]) for stage in STAGES] == _reached(
                    subset
                ), (day, dimension, segment)
                assert figures.forecast == sum(r["forecast"] for r in subset)
        assert DIMENSIONS[1:] == SEGMENTS


def test_the_log_survives_compaction_and_a_rebuild():
    _random_ledger(random.Random(7))
    before = [funnel(year=day.year, today=day).steps for day in DAYS]
    with connection.cursor() as cursor:
        cursor.execute("SELECT compliance_pipeline_compact()")
        cursor.execute("SELECT count(*) FROM compliance_pipelinedelta")
        (compacted,) = cursor.fetchone()
        cursor.execute("SELECT compliance_pipeline_rebuild()")
        cursor.execute("SELECT count(*) FROM compliance_pipelinedelta")
        (rebuilt,) = cursor.fetchone()
    assert rebuilt == compacted  # nothing had drifted: the rebuild changed no range
    assert [funnel(year=day.year, today=day).steps for day in DAYS] == before


def test_the_migration_repeats_the_rules_constants():
    """The triggers' SQL cannot import Python: the key threshold and the forecast window are
    written into it, and must stay the rules' values."""
    from compliance.models.enterprises import KEY_EMPLOYEE_THRESHOLD

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT prosrc FROM pg_proc WHERE proname = 'compliance_pipeline_enterprises'"
        )
        (source,) = cursor.fetchone()
    assert f"e.employees >= {KEY_EMPLOYEE_THRESHOLD} " in source
    assert f"i.planned_month - 1 - {FORECAST_MONTHS - 1})" in source
