"""Reads of the workers' surveys and inspections (issue 18 item 8): the rates per contract (also
read by the quality evaluation), the federation's, the figures the network channel publishes, a
contract's section of the admin and the enterprise area, and the public questionnaire."""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from django.db.models import Count, Q, Sum

from compliance.models import (
    Clause,
    Contract,
    RepresentativeInspection,
    Satisfaction,
    SurveyAnswer,
    WorkerSurvey,
)
from compliance.rules.worker_surveys import SurveyRates

SATISFIED = (Satisfaction.SATISFIED, Satisfaction.BASICALLY)
# The topics a worker is asked about: every clause topic but "other", which says nothing.
QUIZ_TOPICS = tuple(value for value in Clause.Topic.values if value != Clause.Topic.OTHER)
# Contracts never in force (a draft, one in review) count in no figure.
_NEVER_IN_FORCE = (Contract.Status.DRAFT, Contract.Status.IN_REVIEW)

_COUNTS = {
    "answers": Count("pk"),
    "aware": Count("pk", filter=Q(knows_contract=True)),
    "satisfied": Count("pk", filter=Q(result__in=SATISFIED)),
}


def survey_rates(*, contract_ids) -> dict[int, SurveyRates]:
    """Each contract's answers, those knowing the contract and those satisfied or basically
    satisfied with it, over all its surveys; a contract without answers maps to zeros. One
    query."""
    ids = list(contract_ids)
    rates = {pk: SurveyRates() for pk in ids}
    rows = (
        SurveyAnswer.objects.filter(survey__contract_id__in=ids)
        .values("survey__contract_id")
        .annotate(**_COUNTS)
        .order_by()
    )
    for row in rows:
        rates[row["survey__contract_id"]] = SurveyRates(
            row["answers"], row["aware"], row["satisfied"]
        )
    return rates


def survey_figures_by_day(*, days: list[dt.date]) -> dict[dt.date, dict[str, int]]:
    """For each day, the network figures of the surveys (rules/figures.py): answers given up to
    the day to surveys of contracts in force on it (term begun and not ended, not terminated
    before the day). One query, grouped by answer day and contract."""
    if not days:
        return {}
    rows = list(
        SurveyAnswer.objects.exclude(survey__contract__status__in=_NEVER_IN_FORCE)
        .filter(
            answered_on__lte=max(days),
            survey__contract__starts_on__lte=max(days),
            survey__contract__ends_on__gte=min(days),
        )
        .values(
            "answered_on",
            "survey__contract__starts_on",
            "survey__contract__ends_on",
            "survey__contract__ended_on",
        )
        .annotate(**_COUNTS)
        .order_by()
    )
    # Each group counts on an interval of days: from its answer day (or the contract's start)
    # to the contract's last day in force. Added at the interval's first requested day and
    # taken off after its last, so a year of days costs one pass, not days × groups.
    ordered = sorted(set(days))
    names = ("answers", "aware", "satisfied")
    deltas = [[0, 0, 0] for _ in range(len(ordered) + 1)]
    for row in rows:
        first = max(row["answered_on"], row["survey__contract__starts_on"])
        last = row["survey__contract__ends_on"]
        ended = row["survey__contract__ended_on"]
        if ended is not None:
            last = min(last, ended - dt.timedelta(days=1))
        begin, stop = bisect_left(ordered, first), bisect_right(ordered, last)
        if begin >= stop:
            continue
        for index, name in enumerate(names):
            deltas[begin][index] += row[name]
            deltas[stop][index] -= row[name]
    result, running = {}, [0, 0, 0]
    for position, day in enumerate(ordered):
        running = [running[i] + deltas[position][i] for i in range(3)]
        result[day] = {
            "survey_answers": running[0],
            "survey_aware": running[1],
            "survey_satisfied": running[2],
        }
    return result


@dataclass(frozen=True)
class ContractVoice:
    contract: Contract
    open_survey: WorkerSurvey | None
    surveys: tuple[WorkerSurvey, ...]
    rates: SurveyRates
    # (level, answers on the bargaining, answers on the result) per satisfaction level
    levels: tuple[tuple[str, int, int], ...]
    terms_asked: int
    terms_right: int
    inspections: tuple[RepresentativeInspection, ...]

    @property
    def surveyable(self) -> bool:
        return self.contract.status == Contract.Status.EFFECTIVE and self.open_survey is None


def contract_voice(*, contract: Contract) -> ContractVoice:
    """A contract's surveys, rates, answers by satisfaction level and inspections. Six
    queries, whatever the number of answers."""
    surveys = tuple(
        WorkerSurvey.objects.filter(contract=contract).annotate(answered=Count("answers"))
    )
    answers = SurveyAnswer.objects.filter(survey__contract=contract)
    counted = {
        (row["bargaining"], row["result"]): row
        for row in answers.values("bargaining", "result").annotate(n=Count("pk")).order_by()
    }
    levels = tuple(
        (
            label,
            sum(row["n"] for (b, _r), row in counted.items() if b == value),
            sum(row["n"] for (_b, r), row in counted.items() if r == value),
        )
        for value, label in Satisfaction.choices
    )
    terms = answers.aggregate(asked=Sum("terms_asked"), right=Sum("terms_right"))
    return ContractVoice(
        contract=contract,
        open_survey=next((s for s in surveys if s.status == WorkerSurvey.Status.OPEN), None),
        surveys=surveys,
        rates=survey_rates(contract_ids=[contract.pk])[contract.pk],
        levels=levels,
        terms_asked=terms["asked"] or 0,
        terms_right=terms["right"] or 0,
        inspections=tuple(RepresentativeInspection.objects.filter(contract=contract)),
    )


def federation_survey_rates(*, today: dt.date) -> SurveyRates:
    """The federation's own rates today, as the network channel publishes them."""
    figures = survey_figures_by_day(days=[today])[today]
    return SurveyRates(
        figures["survey_answers"], figures["survey_aware"], figures["survey_satisfied"]
    )


def survey_public(*, token: str) -> WorkerSurvey | None:
    """The survey behind a public link, with its contract and enterprise; None for no survey."""
    return WorkerSurvey.objects.select_related("contract__enterprise").filter(token=token).first()


def contract_topics(*, contract_id: int) -> set[str]:
    return set(Clause.objects.filter(contract_id=contract_id).values_list("topic", flat=True))


def enterprise_surveys(*, enterprise) -> list[tuple[Contract, WorkerSurvey | None, SurveyRates]]:
    """The enterprise's contracts in force, each with its open survey and its rates."""
    contracts = list(
        Contract.objects.filter(enterprise=enterprise, status=Contract.Status.EFFECTIVE).order_by(
            "-starts_on", "-pk"
        )
    )
    opened = {
        survey.contract_id: survey
        for survey in WorkerSurvey.objects.filter(
            contract__in=contracts, status=WorkerSurvey.Status.OPEN
        )
    }
    rates = survey_rates(contract_ids=[c.pk for c in contracts])
    return [(c, opened.get(c.pk), rates[c.pk]) for c in contracts]
