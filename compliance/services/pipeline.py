"""The bargaining pipeline's records (DOMAIN.md §9, seed 003): the year's baseline survey
(摸底调查) of each unionised enterprise and its intent to bargain (协商预报, seed 002).

Rules:
- One survey row and one intent per enterprise and year (unique constraints).
- Only a unionised enterprise (已建会) is surveyed or records an intent: the survey classifies the
  enterprise unions' readiness to bargain (seed 003 surveys "已建会企业"), and the funnel starts at
  the unionised enterprises. A row for an enterprise without a union would count nowhere, so it
  is refused with a message that says to record the union in the ledger first (refused rather
  than warned: a warning in an import of hundreds of rows is not read).
- The typical reasons belong to the three "not" categories (不愿谈, 不敢谈, 不会谈): a reason of
  another category is refused; free-text notes are always allowed.
- A survey is dated within its year or the last quarter of the year before (surveys for the
  coming year are made in its autumn), never in the future. An intent's year is this year or
  later when it is recorded.
Every write records the user and the reason on the history row.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.models import BargainingIntent, BaselineSurvey, Enterprise
from compliance.models.pipeline import REASONS_BY_CATEGORY, SurveyReason
from compliance.services.history import save_with_history

SURVEY_FIELDS = ("enterprise", "year", "category", "reasons", "notes", "surveyed_on", "surveyed_by")
INTENT_FIELDS = ("enterprise", "year", "planned_month", "kind", "notes", "recorded_on")


def reasons_in_order(reasons: list[str]) -> list[str]:
    """The reasons once each, in the order of the list a clerk reads them in."""
    order = [str(reason) for reason in SurveyReason]
    return sorted(set(reasons), key=lambda r: order.index(r) if r in order else len(order))


def union_problem(enterprise: Enterprise) -> str:
    if enterprise.union_established:
        return ""
    return _(
        "%(name)s has no union in the ledger: only unionised enterprises are surveyed and "
        "counted in the funnel. Record its union in the ledger first."
    ) % {"name": enterprise.name}


def reason_problems(*, category: str, reasons: list[str]) -> list[str]:
    allowed = {str(r) for r in REASONS_BY_CATEGORY.get(category, ())}
    labels = dict(SurveyReason.choices)
    return [
        _("“%(reason)s” is not a reason for this category.") % {"reason": labels.get(r, r)}
        for r in reasons
        if r not in allowed
    ]


def survey_date_problem(*, year: int, surveyed_on: dt.date, today: dt.date) -> str:
    if surveyed_on > today:
        return _("This date is in the future: enter the day the enterprise was surveyed.")
    if not dt.date(year - 1, 10, 1) <= surveyed_on <= dt.date(year, 12, 31):
        return _(
            "A survey for %(year)s is made in %(year)s or from October of the year before."
        ) % {"year": year}
    return ""


@transaction.atomic
def survey_save(
    *, survey: BaselineSurvey | None, data: dict[str, Any], user=None, reason: str
) -> BaselineSurvey:
    """Create or change one enterprise's row of a year's baseline survey."""
    survey = survey or BaselineSurvey()
    for name in SURVEY_FIELDS:
        if name in data:
            setattr(survey, name, data[name] if data[name] is not None else "")
    survey.reasons = reasons_in_order(survey.reasons or [])
    errors: dict[str, list[str]] = {}
    if survey.enterprise_id and (problem := union_problem(survey.enterprise)):
        errors.setdefault("enterprise", []).append(problem)
    if problems := reason_problems(category=survey.category, reasons=survey.reasons):
        errors.setdefault("reasons", []).extend(problems)
    if survey.year and survey.surveyed_on:
        problem = survey_date_problem(
            year=survey.year, surveyed_on=survey.surveyed_on, today=timezone.localdate()
        )
        if problem:
            errors.setdefault("surveyed_on", []).append(problem)
    if errors:
        raise ValidationError(errors)
    save_with_history(survey, user=user, reason=reason)
    return survey


@transaction.atomic
def intent_save(
    *, intent: BargainingIntent | None, data: dict[str, Any], user=None, reason: str
) -> BargainingIntent:
    """Create or change an enterprise's intent to bargain in a year (its planned month and
    topic)."""
    created = intent is None
    intent = intent or BargainingIntent()
    for name in INTENT_FIELDS:
        if name in data:
            setattr(intent, name, data[name] if data[name] is not None else "")
    if not intent.recorded_on:
        intent.recorded_on = timezone.localdate()
    if created:
        intent.recorded_by = user
    errors: dict[str, list[str]] = {}
    if intent.enterprise_id and (problem := union_problem(intent.enterprise)):
        errors.setdefault("enterprise", []).append(problem)
    if intent.recorded_on > timezone.localdate():
        errors.setdefault("recorded_on", []).append(
            _("This date is in the future: enter the day the intent was recorded.")
        )
    elif intent.year and intent.year < intent.recorded_on.year:
        errors.setdefault("year", []).append(
            _("An intent is for the year it is recorded in or a later one.")
        )
    if errors:
        raise ValidationError(errors)
    save_with_history(intent, user=user, reason=reason)
    return intent
