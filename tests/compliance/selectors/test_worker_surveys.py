"""The workers' survey rates (issue 18 item 8): per contract (the selector the quality
evaluation reads), per federation on a day, and per subtree through the network channel, where
the two indicators join the targets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import connection

from compliance.rules.figures import INDICATOR_BY_KEY
from compliance.rules.worker_surveys import SurveyRates
from compliance.selectors.network import network_figures
from compliance.selectors.targets import own_progress
from compliance.selectors.worker_surveys import (
    contract_voice,
    federation_survey_rates,
    survey_figures_by_day,
    survey_rates,
)
from compliance.services.contracts import contract_register_existing
from compliance.services.network import network_publish
from compliance.services.targets import targets_set
from compliance.services.worker_surveys import survey_answer_submit, survey_open
from tenants import context
from tests.factories.compliance import enterprise

DAY = dt.date(2026, 3, 2)


def _contract(name, *, ends_on=dt.date(2027, 12, 31)):
    return contract_register_existing(
        data={
            "enterprise": enterprise(name=name),
            "title": f"{name}集体合同",
            "starts_on": dt.date(2025, 1, 1),
            "ends_on": ends_on,
            "as_of": dt.date(2026, 3, 1),
        }
    )[0]


def _answers(contract, answers: list[tuple[bool, str]], *, day=DAY):
    survey = survey_open(contract_id=contract.pk, mode="shared", user=None, today=day)
    for knows, result in answers:
        survey_answer_submit(
            token=survey.token,
            code=survey.shared_code,
            knows_contract=knows,
            topics=set(),
            bargaining="satisfied",
            result=result,
            today=day,
        )
    return survey


def test_rates_per_contract_in_one_query(fed_a, django_assert_num_queries):
    with context.federation_context(fed_a):
        one, two, three = _contract("一厂"), _contract("二厂"), _contract("三厂")
        _answers(one, [(True, "satisfied"), (True, "basically"), (False, "not")])
        _answers(two, [(True, "not")])
        with django_assert_num_queries(1):
            rates = survey_rates(contract_ids=[one.pk, two.pk, three.pk])
    assert rates == {
        one.pk: SurveyRates(3, 2, 2),
        two.pk: SurveyRates(1, 1, 0),
        three.pk: SurveyRates(),
    }
    assert rates[one.pk].awareness == Decimal("66.7")


def test_the_contract_page_counts_each_level(fed_a):
    with context.federation_context(fed_a):
        contract = _contract("一厂")
        _answers(contract, [(True, "satisfied"), (True, "basically"), (False, "basically")])
        voice = contract_voice(contract=contract)
    assert [row[1:] for row in voice.levels] == [(3, 1), (0, 2), (0, 0)]
    assert voice.open_survey is not None and not voice.surveyable


def test_figures_count_answers_up_to_the_day_of_contracts_in_force(fed_a):
    with context.federation_context(fed_a):
        lasting = _contract("一厂")
        ending = _contract("二厂", ends_on=dt.date(2026, 6, 30))
        _answers(lasting, [(True, "satisfied"), (False, "not")])
        _answers(ending, [(True, "basically")])
        figures = survey_figures_by_day(days=[DAY - dt.timedelta(days=1), DAY, dt.date(2026, 7, 1)])
        rates = federation_survey_rates(today=DAY)
    assert figures[DAY - dt.timedelta(days=1)]["survey_answers"] == 0
    assert figures[DAY] == {"survey_answers": 3, "survey_aware": 2, "survey_satisfied": 2}
    # The second contract's term ended: its answers leave the figures.
    assert figures[dt.date(2026, 7, 1)] == {
        "survey_answers": 2,
        "survey_aware": 1,
        "survey_satisfied": 1,
    }
    assert rates == SurveyRates(3, 2, 2)


def test_an_answer_notes_a_figure_change(fed_a):
    with context.federation_context(fed_a):
        contract = _contract("一厂")
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM public.tenants_figurechange")
        _answers(contract, [(True, "satisfied")])
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM public.tenants_figurechange WHERE schema_name = %s",
                [fed_a.schema_name],
            )
            assert cursor.fetchone()[0] >= 1


def test_the_subtree_sums_numerators_and_denominators(fed_a, fed_b):
    with context.federation_context(fed_a):
        _answers(_contract("一厂"), [(True, "satisfied"), (True, "satisfied")])
        network_publish(days=[DAY])
    with context.federation_context(fed_b):
        _answers(_contract("乙一厂"), [(False, "not"), (True, "basically")])
        network_publish(days=[DAY])
    with context.public():
        view = network_figures(federation=fed_a, day=DAY, dimension="all")
    assert (view.own.survey_answers, view.own.survey_aware) == (2, 2)
    total = view.total
    assert (total.survey_answers, total.survey_aware, total.survey_satisfied) == (4, 3, 3)
    assert total.awareness_rate().percent == Decimal("75.0")
    assert total.satisfaction_rate().percent == Decimal("75.0")


def test_awareness_is_a_target_and_is_compared(fed_a):
    assert INDICATOR_BY_KEY["awareness"].rate == "awareness_rate"
    with context.public():
        targets_set(
            federation=fed_a,
            year=DAY.year,
            values={("awareness", "own"): Decimal("90")},
            reason="知晓率目标",
            changed_by="王立新",
        )
    with context.federation_context(fed_a):
        _answers(_contract("一厂"), [(True, "satisfied")] * 9 + [(False, "not")])
        progress = {p.indicator.key: p for p in own_progress(federation=fed_a, as_of=DAY)}
    assert progress["awareness"].target.value == Decimal("90.0")
    assert progress["awareness"].ratio.percent == Decimal("90.0")
    assert progress["satisfaction"].ratio.percent == Decimal("90.0")
