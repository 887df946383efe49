"""Workers' voice (issue 18 item 8, DOMAIN.md §9, seed 004): opening and closing a survey of an
effective contract, issuing its one-time codes, taking a worker's anonymous answer, and
recording the employee representatives' inspections (职工代表巡视, seeds 000/001).

Rules:
- A survey is opened, by the federation's staff or the enterprise's own user, only for a contract
  in force (status effective, today within its term), one open survey per contract at a time;
  its mode is chosen then: one-time codes (printed as a sheet; only their keyed hashes are kept)
  or one code for the contract on the poster (rules/worker_surveys.py).
- An answer is taken only while the survey is open and its contract in force today, with a code
  the survey accepts: a one-time code of this survey not used yet (it is marked used in the same
  transaction, so two workers racing with one code get one answer), or the contract's code. Any
  refusal records nothing and says why in the worker's language.
- The answer keeps no address, browser, code or time of day: the day, whether the worker knows
  the contract, how many of the asked topics they placed right, and the two satisfactions.
- An inspection is recorded against a contract that has been in force (not a draft or one in
  review), on a day neither in the future nor before the contract's term began.
History rows name the user and the reason; answers and codes keep none (nothing about a worker
may be traced).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from compliance.models import (
    Contract,
    RepresentativeInspection,
    Satisfaction,
    SurveyAnswer,
    SurveyCode,
    WorkerSurvey,
)
from compliance.rules.worker_surveys import (
    MAX_CODES_PER_SHEET,
    code_hash,
    code_new,
    code_read,
    terms_score,
    token_new,
)
from compliance.selectors.worker_surveys import QUIZ_TOPICS, contract_topics
from compliance.services.history import save_with_history


class SurveyRefused(ValidationError):
    """An answer refused; `code` says why: closed, not_in_force, bad_code, used_code."""


def _in_force(contract: Contract, today: dt.date) -> bool:
    return (
        contract.status == Contract.Status.EFFECTIVE
        and contract.starts_on <= today <= contract.ends_on
    )


@transaction.atomic
def survey_open(*, contract_id: int, mode: str, user, today: dt.date) -> WorkerSurvey:
    contract = Contract.objects.select_for_update().get(pk=contract_id)
    if not _in_force(contract, today):
        raise ValidationError(_("Only a contract in force can be surveyed."))
    if mode not in WorkerSurvey.Mode.values:
        raise ValidationError(_("Choose how workers prove they may answer."))
    if WorkerSurvey.objects.filter(contract=contract, status=WorkerSurvey.Status.OPEN).exists():
        raise ValidationError(_("This contract already has an open survey."))
    survey = WorkerSurvey(
        contract=contract,
        mode=mode,
        token=token_new(),
        shared_code=code_new() if mode == WorkerSurvey.Mode.SHARED else "",
        opened_on=today,
    )
    save_with_history(survey, user=user, reason=_("Survey opened"))
    return survey


@transaction.atomic
def survey_close(*, survey_id: int, user, today: dt.date, reason: str) -> WorkerSurvey:
    survey = WorkerSurvey.objects.select_for_update().get(pk=survey_id)
    if survey.status != WorkerSurvey.Status.OPEN:
        raise ValidationError(_("This survey is already closed."))
    survey.status = WorkerSurvey.Status.CLOSED
    survey.closed_on = today
    save_with_history(survey, user=user, reason=reason)
    return survey


@transaction.atomic
def survey_codes_issue(*, survey_id: int, count: int, user) -> list[str]:
    """`count` fresh one-time codes of an open code survey, returned once for the sheet: only
    their hashes are stored."""
    survey = WorkerSurvey.objects.select_for_update().get(pk=survey_id)
    if survey.mode != WorkerSurvey.Mode.CODES:
        raise ValidationError(_("This survey uses one code for the contract, not one-time codes."))
    if survey.status != WorkerSurvey.Status.OPEN:
        raise ValidationError(_("This survey is closed: it takes no more codes."))
    if not 1 <= count <= MAX_CODES_PER_SHEET:
        raise ValidationError(
            _("Issue between 1 and %(most)d codes at a time.") % {"most": MAX_CODES_PER_SHEET}
        )
    codes: set[str] = set()
    while len(codes) < count:
        codes.add(code_new())
    hashes = [code_hash(code=code, survey_key=survey.token) for code in codes]
    try:
        with transaction.atomic():
            SurveyCode.objects.bulk_create(
                [SurveyCode(survey=survey, code_hash=h) for h in hashes]
            )  # no history on codes: nothing about them may be traced to an answer
    except IntegrityError:  # a 49-bit collision with an earlier sheet: vanishingly rare
        raise ValidationError(_("Two codes collided. Issue the sheet again.")) from None
    survey.codes_issued += count
    save_with_history(
        survey, user=user, reason=_("%(count)d one-time codes issued") % {"count": count}
    )
    return sorted(codes)


@transaction.atomic
def survey_answer_submit(
    *,
    token: str,
    code: str,
    knows_contract: bool,
    topics: set[str],
    bargaining: str,
    result: str,
    today: dt.date,
) -> SurveyAnswer:
    survey = WorkerSurvey.objects.select_related("contract").filter(token=token).first()
    if survey is None or survey.status != WorkerSurvey.Status.OPEN:
        raise SurveyRefused(_("This survey is closed: no more answers are taken."), code="closed")
    if not _in_force(survey.contract, today):
        raise SurveyRefused(
            _("This contract is not in force, so its survey takes no answers."),
            code="not_in_force",
        )
    if bargaining not in Satisfaction.values or result not in Satisfaction.values:
        raise ValidationError(_("Answer both satisfaction questions."))
    typed = code_read(code)
    if typed is None:
        raise SurveyRefused(
            _("This is not a code of this survey. Check the code on your slip or the poster."),
            code="bad_code",
        )
    if survey.mode == WorkerSurvey.Mode.SHARED:
        if typed != survey.shared_code:
            raise SurveyRefused(
                _("This is not a code of this survey. Check the code on your slip or the poster."),
                code="bad_code",
            )
    else:
        row = (
            SurveyCode.objects.select_for_update()
            .filter(survey=survey, code_hash=code_hash(code=typed, survey_key=survey.token))
            .first()
        )
        if row is None:
            raise SurveyRefused(
                _("This is not a code of this survey. Check the code on your slip or the poster."),
                code="bad_code",
            )
        if row.used:
            raise SurveyRefused(
                _("This code has already been used: each code answers once."), code="used_code"
            )
        row.used = True
        row.save(update_fields=["used"])
    covered = contract_topics(contract_id=survey.contract_id)
    asked = QUIZ_TOPICS if covered else ()
    return SurveyAnswer.objects.create(
        survey=survey,
        answered_on=today,
        knows_contract=knows_contract,
        terms_asked=len(asked),
        terms_right=terms_score(chosen=set(topics), covered=covered, asked=asked),
        bargaining=bargaining,
        result=result,
    )


INSPECTION_FIELDS = ("inspected_on", "representatives", "subject", "findings", "follow_up")


@transaction.atomic
def inspection_record(
    *, contract_id: int, data: dict, user, today: dt.date
) -> RepresentativeInspection:
    contract = Contract.objects.get(pk=contract_id)
    if contract.status in (Contract.Status.DRAFT, Contract.Status.IN_REVIEW):
        raise ValidationError(_("Only a contract that has been in force can be inspected."))
    inspected_on = data["inspected_on"]
    if inspected_on > today:
        raise ValidationError(_("The day of the inspection cannot be in the future."))
    if inspected_on < contract.starts_on:
        raise ValidationError(_("The inspection cannot be before the contract's term began."))
    inspection = RepresentativeInspection(
        contract=contract, **{name: data.get(name, "") for name in INSPECTION_FIELDS}
    )
    save_with_history(inspection, user=user, reason=_("Inspection recorded"))
    return inspection
