"""Demo quality evaluations (集体协商质效评估, issue 18 item 9): three finalised over the contracts
that took effect — one strong, one middling, one failing on its weakest items — and one still in
progress, so the summary shows a spread and the admin home its panel."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from compliance.models import Contract, QualityEvaluation
from compliance.rules.quality import RECORDS
from compliance.services.quality import (
    quality_evaluation_finalise,
    quality_evaluation_start,
    quality_item_score,
)

# Per evaluation: the evaluator's scores of the items the records leave to them, and a note.
_PLANS = (
    (
        {"women_represented": 100, "concrete": 90, "kept": 95, "endorsement": 90},
        {"awareness": 94, "satisfaction": 92},
        "条款具体，工资增长幅度、最低工资标准均有明确数字；座谈职工12人，普遍知晓合同内容。",
        "程序规范，内容具体，履约良好，可作为示范。",
    ),
    (
        {"women_represented": 60, "concrete": 70, "kept": 80, "endorsement": 85},
        {"awareness": 82, "satisfaction": 85},
        "职工方代表7人中女职工1人，少于女职工所占比例；部分条款照搬范本。",
        "总体合格，建议下一轮协商增加女职工代表、细化条款。",
    ),
    (
        {"women_represented": 40, "concrete": 45, "kept": 50, "endorsement": 60},
        {"awareness": 58, "satisfaction": 62},
        "合同文本与范本高度雷同，约定的加班工资支付未落实，职工座谈中多数不了解合同。",
        "未达到合格线：需要督促企业落实约定事项，并组织职工学习合同。",
    ),
)


def seed_quality(*, today: dt.date, evaluator_email: str) -> bool:
    """Seed once; False when the federation already has evaluations or no contract in force."""
    if QualityEvaluation.objects.exists():
        return False
    contracts = list(
        Contract.objects.filter(status=Contract.Status.EFFECTIVE).order_by("effective_on", "pk")[
            : len(_PLANS) + 1
        ]
    )
    if not contracts:
        return False
    evaluator = get_user_model().objects.filter(email=evaluator_email).first()
    for index, contract in enumerate(contracts):
        evaluation = quality_evaluation_start(
            contract_id=contract.pk,
            evaluated_on=today - dt.timedelta(days=30 - 7 * index),
            evaluator="市总工会质效评估组",
            methods=["files", "interviews", "questionnaires"],
            user=evaluator,
        )
        if index >= len(_PLANS):
            continue  # the last one stays in progress: the evaluator's items still to score
        scores, survey, note, comment = _PLANS[index]
        for row in evaluation.items.filter(score__isnull=True):
            value = scores.get(row.item, survey.get(row.item, 80))
            quality_item_score(item_id=row.pk, score=value, note=note, user=evaluator)
        if index == 2:
            # The records credit the minutes; the file review found one unsigned: overridden.
            row = evaluation.items.get(item="minutes")
            if row.source == RECORDS and row.score == 100:
                quality_item_score(
                    item_id=row.pk,
                    score=50,
                    note="第二次协商会议记录缺企业方首席代表签字。",
                    reason="查阅原件发现会议记录签字不全",
                    user=evaluator,
                )
        quality_evaluation_finalise(evaluation_id=evaluation.pk, comment=comment, user=evaluator)
    return True
