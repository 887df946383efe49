"""Importing a baseline survey (摸底调查): one row per enterprise and year, matched by the two.

Rows are checked as the admin's form checks them (compliance.services.pipeline): the enterprise's
credit code and its presence in the ledger with a union, a category from the list, typical
reasons of that category, a date in the survey's year (or its October before) and not in the
future, no enterprise twice for one year in the file. All or nothing, like every ledger import;
importing the same file again changes nothing and writes no history. Each written row goes
through survey_save, which records the user and the reason (a survey has hundreds of rows, not
the ledger's hundred thousand: one path for the form and the file is worth the speed).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.excel.reader import Sheet
from compliance.models import BaselineSurvey, Enterprise, ImportJob
from compliance.models.enterprises import USCC_MESSAGES
from compliance.rules.uscc import uscc_problem
from compliance.services.imports.common import (
    LOOKUP_BATCH,
    ImportResult,
    Stage,
    Written,
    _batched,
    _Invalid,
    _serialised,
    _written,
)
from compliance.services.pipeline import (
    reason_problems,
    survey_date_problem,
    survey_save,
    union_problem,
)

CHANGEABLE = ("category", "reasons", "notes", "surveyed_on", "surveyed_by")


def _check(sheet: Sheet) -> dict[str, Enterprise]:
    """Row checks; returns the enterprises by credit code."""
    today = timezone.localdate()
    codes: set[str] = set()
    for line, values in sheet.rows:
        values["reasons"] = list(values.get("reasons") or ())
        code = values.get("enterprise_credit_code")
        if code:
            code = values["enterprise_credit_code"] = code.upper()
            problem = uscc_problem(code)
            if problem:
                sheet.add_error(line, "enterprise_credit_code", code, str(USCC_MESSAGES[problem]))
            else:
                codes.add(code)
        if values.get("category"):
            for problem in reason_problems(category=values["category"], reasons=values["reasons"]):
                sheet.add_error(line, "reasons", "、".join(values["reasons"]), problem)
        if values.get("year") and values.get("surveyed_on"):
            problem = survey_date_problem(
                year=values["year"], surveyed_on=values["surveyed_on"], today=today
            )
            if problem:
                sheet.add_error(line, "surveyed_on", values["surveyed_on"].isoformat(), problem)
    enterprises: dict[str, Enterprise] = {}
    for batch in _batched(sorted(codes), LOOKUP_BATCH):
        enterprises.update(
            (e.credit_code, e) for e in Enterprise.objects.filter(credit_code__in=batch)
        )
    seen: dict[tuple, int] = {}
    for line, values in sheet.rows:
        code = values.get("enterprise_credit_code")
        if code in codes and code not in enterprises:
            sheet.add_error(
                line,
                "enterprise_credit_code",
                code,
                _("No enterprise with this credit code is in the ledger: import it first."),
            )
        elif code in enterprises and (problem := union_problem(enterprises[code])):
            sheet.add_error(line, "enterprise_credit_code", code, problem)
        if code and values.get("year"):
            key = (code, values["year"])
            if key in seen:
                sheet.add_error(
                    line,
                    "year",
                    str(values["year"]),
                    _("Row %(row)d has the same enterprise and year: keep one row.")
                    % {"row": seen[key]},
                )
            else:
                seen[key] = line
    return enterprises


def survey_rows(
    sheet: Sheet,
    result: ImportResult,
    *,
    user,
    reason: str,
    dry_run: bool,
    stage: Stage | None,
    written: Written | None = None,
) -> None:
    enterprises = _check(sheet)
    if sheet.invalid:
        return
    if stage and not dry_run:
        stage(ImportJob.Stage.WRITING)
    with _serialised(ImportJob.Kind.SURVEYS):
        ids = sorted({e.pk for e in enterprises.values()})
        existing: dict[tuple[int, int], BaselineSurvey] = {}
        for batch in _batched(ids, LOOKUP_BATCH):
            query = BaselineSurvey.objects.filter(enterprise_id__in=batch).order_by()
            if not dry_run:
                query = query.select_for_update()
            existing.update(((s.enterprise_id, s.year), s) for s in query)
        for line, values in sheet.rows:
            enterprise = enterprises[values["enterprise_credit_code"]]
            survey = existing.get((enterprise.pk, values["year"]))
            data = {name: values[name] for name in CHANGEABLE if name in values}
            if survey is not None and all(getattr(survey, n) == v for n, v in data.items()):
                result.unchanged += 1
                continue
            if dry_run:
                result.created += survey is None
                result.updated += survey is not None
                continue
            try:
                survey_save(
                    survey=survey,
                    data={**data, "enterprise": enterprise, "year": values["year"]},
                    user=user,
                    reason=reason,
                )
            except ValidationError as error:
                sheet.add_error(line, "", "", " ".join(error.messages))
                continue
            result.created += survey is None
            result.updated += survey is not None
        if sheet.invalid:
            raise _Invalid
        if not dry_run:
            _written(result, written)
