"""The quality and effectiveness evaluation of a contract (集体协商质效评估; regulations.md §7, seed
004; the scoring table in rules/quality.py).

- An evaluation is started for a contract that has taken effect, once per contract and year: every
  item the records can judge is scored from them there and then, with what the records said.
- The evaluator scores the rest, each with a note or an evidence file; a score from the records
  may be overridden only with a reason, and the records' judgement stays beside it.
- "Re-read the records" updates the items still judged from the records (e.g. after the workers'
  survey has answers); it never touches the evaluator's scores.
- Finalising needs every item scored; it fixes the dimension scores, the total weighted by the
  profile's `quality_weights` and the verdict against `quality_pass_line`, with the weights and
  pass line applied. A finalised evaluation is not changed.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from compliance.models import Contract, QualityEvaluation, QualityItemScore
from compliance.rules.audits import DIMENSIONS
from compliance.rules.presets import Key
from compliance.rules.quality import (
    ITEM_BY_KEY,
    ITEMS,
    RECORDS,
    ContractFacts,
    evaluation_total,
    judge,
)
from compliance.selectors.profile import current_profile
from compliance.selectors.quality import contract_facts, evaluable_contracts
from compliance.services.audits import audit_weights
from compliance.services.history import save_with_history
from compliance.services.uploads import upload_problem


def _judged(item, facts: ContractFacts) -> tuple[int | None, str, str]:
    """(score, basis in Chinese, basis in English) of one item from the records."""
    with translation.override("zh-hans"):
        result = judge(item, facts)
    with translation.override("en"):
        english = judge(item, facts).basis
    return result.score, result.basis, english


@transaction.atomic
def quality_evaluation_start(
    *, contract_id: int, evaluated_on: dt.date, evaluator: str, methods: list[str], user
) -> QualityEvaluation:
    contract = (
        evaluable_contracts().select_related("round", "enterprise").filter(pk=contract_id).first()
    )
    if contract is None:
        raise ValidationError(_("Only a contract that has taken effect can be evaluated."))
    if not evaluator.strip():
        raise ValidationError(_("Say who evaluates the contract."))
    if evaluated_on > timezone.localdate():
        raise ValidationError(_("The evaluation date cannot be in the future."))
    unknown = set(methods) - set(QualityEvaluation.Method.values)
    if unknown:
        raise ValidationError(_("Unknown evaluation method: %(m)s.") % {"m": ", ".join(unknown)})
    if QualityEvaluation.objects.filter(contract=contract, year=evaluated_on.year).exists():
        raise ValidationError(
            _("This contract already has an evaluation for %(year)s.") % {"year": evaluated_on.year}
        )
    evaluation = QualityEvaluation(
        contract=contract,
        year=evaluated_on.year,
        evaluated_on=evaluated_on,
        evaluator=evaluator.strip(),
        methods=sorted(methods),
        created_by=user,
    )
    try:
        with transaction.atomic():
            save_with_history(evaluation, user=user, reason=_("Evaluation started"))
    except IntegrityError as exc:  # a concurrent start for the same contract and year
        raise ValidationError(
            _("This contract already has an evaluation for %(year)s.") % {"year": evaluated_on.year}
        ) from exc
    facts = contract_facts(contract=contract, on=evaluated_on)
    for item in ITEMS:
        row = QualityItemScore(evaluation=evaluation, item=item.key, dimension=item.dimension)
        if item.judged_by == RECORDS:
            row.score, row.basis, row.basis_en = _judged(item, facts)
        row.source = (
            QualityItemScore.Source.RECORDS
            if row.score is not None
            else QualityItemScore.Source.EVALUATOR
        )
        save_with_history(row, user=user, reason=_("Evaluation started"))
    return evaluation


def _draft(evaluation_id: int) -> QualityEvaluation:
    evaluation = QualityEvaluation.objects.select_for_update().get(pk=evaluation_id)
    if evaluation.status != QualityEvaluation.Status.DRAFT:
        raise ValidationError(_("A finalised evaluation is not changed."))
    return evaluation


@transaction.atomic
def quality_item_score(
    *, item_id: int, score: int, note: str = "", evidence=None, reason: str = "", user
) -> QualityItemScore:
    """The evaluator's score of one item, with what it rests on. Overriding the records'
    judgement needs a reason; the records' basis is kept beside the new score."""
    row = QualityItemScore.objects.select_related("evaluation").get(pk=item_id)
    _draft(row.evaluation_id)
    if score is None or not 0 <= score <= 100:
        raise ValidationError(_("A score is a whole number from 0 to 100."))
    if evidence is not None:
        problem = upload_problem(name=evidence.name, size=evidence.size, head=evidence.read(8))
        evidence.seek(0)
        if problem:
            raise ValidationError(problem)
    note = note.strip()
    if not note and evidence is None and not row.evidence:
        raise ValidationError(_("Say what the score rests on: a note, an evidence file, or both."))
    judged_by_records = row.source == QualityItemScore.Source.RECORDS
    if judged_by_records and score != row.score:
        if not reason.strip():
            raise ValidationError(
                _("The records scored this item %(score)s: give the reason for changing it.")
                % {"score": row.score}
            )
        row.source = QualityItemScore.Source.OVERRIDDEN
    row.score, row.note = score, note
    if evidence is not None:
        row.evidence = evidence
    label = ITEM_BY_KEY[row.item].label if row.item in ITEM_BY_KEY else row.item
    save_with_history(
        row,
        user=user,
        reason=reason.strip() or _("Scored by the evaluator: %(item)s") % {"item": label},
    )
    return row


@transaction.atomic
def quality_evaluation_rejudge(*, evaluation_id: int, user) -> int:
    """Judge again from today's records the items the evaluator has not scored; returns how many
    changed."""
    evaluation = _draft(evaluation_id)
    contract = Contract.objects.select_related("round", "enterprise").get(pk=evaluation.contract_id)
    facts = contract_facts(contract=contract, on=timezone.localdate())
    changed = 0
    rows = evaluation.items.select_for_update().filter(
        source__in=(QualityItemScore.Source.RECORDS, QualityItemScore.Source.EVALUATOR)
    )
    for row in rows:
        item = ITEM_BY_KEY.get(row.item)
        if item is None or item.judged_by != RECORDS:
            continue
        if row.source == QualityItemScore.Source.EVALUATOR and row.score is not None:
            continue  # the evaluator scored what the records could not: theirs stands
        score, basis, basis_en = _judged(item, facts)
        if score is None or (score, basis) == (row.score, row.basis):
            continue
        row.score, row.basis, row.basis_en = score, basis, basis_en
        row.source = QualityItemScore.Source.RECORDS
        save_with_history(row, user=user, reason=_("Judged again from the records"))
        changed += 1
    return changed


@transaction.atomic
def quality_evaluation_finalise(
    *, evaluation_id: int, comment: str = "", user
) -> QualityEvaluation:
    evaluation = _draft(evaluation_id)
    scores = dict(evaluation.items.values_list("item", "score"))
    missing = [str(item.label) for item in ITEMS if scores.get(item.key) is None]
    if missing:
        raise ValidationError(
            _("Score every item before finalising. Not yet scored: %(items)s.")
            % {"items": "、".join(missing)}
        )
    weights = audit_weights(Key.QUALITY_WEIGHTS)
    pass_line = current_profile().count(Key.QUALITY_PASS_LINE)
    try:
        dimensions, total, passed = evaluation_total(
            scores=scores, weights=weights, pass_line=pass_line
        )
    except ValueError as exc:
        raise ValidationError(str(exc)) from exc
    for dimension in DIMENSIONS:
        setattr(evaluation, f"score_{dimension}", dimensions[dimension])
    evaluation.total, evaluation.passed = total, passed
    evaluation.weights = "/".join(str(weights[d]) for d in DIMENSIONS)
    evaluation.pass_line = pass_line
    evaluation.comment = comment.strip()
    evaluation.status = QualityEvaluation.Status.FINAL
    evaluation.finalised_on = timezone.localdate()
    save_with_history(evaluation, user=user, reason=_("Evaluation finalised"))
    return evaluation
