"""Workers' voice in the demo (issue 18 item 8): surveys of a few effective contracts of each
full demo federation, answered by a few hundred workers at rates around the seed's 知晓率 90%
(seed 004), one employee representatives' inspection, and the federation's 知晓率 target of 90%.
Everything goes through the services, as a clerk and the workers would."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.db import connection

from compliance.models import Contract, Satisfaction, WorkerSurvey
from compliance.selectors.worker_surveys import QUIZ_TOPICS, contract_topics
from compliance.services.targets import targets_set
from compliance.services.worker_surveys import (
    inspection_record,
    survey_answer_submit,
    survey_codes_issue,
    survey_open,
)
from tenants import context

# (mode, answers, share knowing the contract, share satisfied or basically satisfied)
SURVEYS = (
    ("codes", 120, 0.93, 0.88),
    ("codes", 80, 0.89, 0.85),
    ("shared", 45, 0.91, 0.84),
)
OPENED_DAYS_AGO = 21
INSPECTION = {
    "representatives": "王秀兰、刘建国、赵明",
    "subject": "工资支付、加班安排和劳动防护用品发放",
    "findings": (
        "上月工资于15日前足额发放；二车间有两个班组加班前未与工会协商；冬季取暖补贴已发放。"
    ),
    "follow_up": "工会向企业行政方提出书面意见，企业承诺今后加班前书面告知工会，下次巡视时复查。",
}


def _answers(rnd: random.Random, count: int, aware: float, satisfied: float):
    """`count` answers with exactly round(count × share) aware and satisfied."""
    knows = [True] * round(count * aware) + [False] * (count - round(count * aware))
    happy = [True] * round(count * satisfied) + [False] * (count - round(count * satisfied))
    rnd.shuffle(knows)
    rnd.shuffle(happy)
    for know, content in zip(knows, happy, strict=True):
        result = (
            rnd.choice([Satisfaction.SATISFIED, Satisfaction.BASICALLY])
            if content
            else (Satisfaction.NOT_SATISFIED)
        )
        bargaining = result if rnd.random() < 0.8 else rnd.choice(Satisfaction.values)
        yield know, bargaining, result


def seed_worker_voice(*, today: dt.date) -> bool:
    """Surveys, answers and an inspection in the current federation; False if already there."""
    if WorkerSurvey.objects.exists():
        return False
    contracts = list(
        Contract.objects.filter(
            status=Contract.Status.EFFECTIVE,
            starts_on__lte=today - dt.timedelta(days=OPENED_DAYS_AGO),
            ends_on__gte=today,
        ).order_by("pk")[: len(SURVEYS)]
    )
    rnd = random.Random(2026)  # noqa: S311 - demo answers, reproducible
    opened_on = today - dt.timedelta(days=OPENED_DAYS_AGO)
    for contract, (mode, count, aware, satisfied) in zip(contracts, SURVEYS, strict=False):
        survey = survey_open(contract_id=contract.pk, mode=mode, user=None, today=opened_on)
        codes = (
            survey_codes_issue(survey_id=survey.pk, count=count + 20, user=None)
            if mode == "codes"
            else [survey.shared_code] * count
        )
        covered = contract_topics(contract_id=contract.pk)
        for n, (know, bargaining, result) in enumerate(_answers(rnd, count, aware, satisfied)):
            # Workers who know the contract mostly tick its topics right.
            topics = {
                topic
                for topic in QUIZ_TOPICS
                if (topic in covered) == (not know or rnd.random() < 0.9)
            }
            survey_answer_submit(
                token=survey.token,
                code=codes[n],
                knows_contract=know,
                topics=topics,
                bargaining=bargaining,
                result=result,
                today=opened_on + dt.timedelta(days=1 + n * (OPENED_DAYS_AGO - 1) // count),
            )
    if contracts:
        inspection_record(
            contract_id=contracts[0].pk,
            data={"inspected_on": today - dt.timedelta(days=7), **INSPECTION},
            user=None,
            today=today,
        )
    return bool(contracts)


def seed_voice_target(*, today: dt.date) -> None:
    """The current federation's own 知晓率 target for the year: 90% (seed 004)."""
    federation = connection.tenant
    with context.public():
        targets_set(
            federation=federation,
            year=today.year,
            values={("awareness", "own"): Decimal("90")},
            reason="知晓率目标（种子004：知晓率达到90%）",
            changed_by="演示数据",
        )
