"""The ledger workbooks' columns (compliance.excel.columns) with the models' choices, labelled in
the sheet language: each choice is accepted by its code or by its Chinese or English label."""

from __future__ import annotations

from django.utils import translation

from compliance.excel.awards import violation_spec
from compliance.excel.columns import Choices, SheetSpec, contract_spec, enterprise_spec
from compliance.excel.pipeline import survey_spec
from compliance.models import (
    ImportJob,
    Industry,
    Kind,
    Ownership,
    Scope,
    SurveyCategory,
    SurveyReason,
)
from compliance.models.awards import VIOLATION_KINDS


def sheet_language(language: str | None = None) -> str:
    """The spreadsheet language ("zh" or "en") for a Django language code (default: active)."""
    code = (language or translation.get_language() or "zh-hans").lower()
    return "en" if code.startswith("en") else "zh"


_DJANGO_LANGUAGE = {"zh": "zh-hans", "en": "en"}


def _choices(text_choices, language: str) -> Choices:
    """Codes with their labels: the sheet language's first (shown), then Chinese and English."""
    options = []
    for value, label in text_choices.choices:
        names = []
        for code in (_DJANGO_LANGUAGE[language], "zh-hans", "en"):
            with translation.override(code):
                names.append(str(label))
        options.append((value, names))
    return Choices.build(options)


def sheet_spec(kind: str, language: str | None = None) -> SheetSpec:
    """The columns of `kind`'s workbook, labels in `language` ("zh"/"en"; default: active)."""
    language = language or sheet_language()
    if kind == ImportJob.Kind.ENTERPRISES:
        return enterprise_spec(
            industry=_choices(Industry, language), ownership=_choices(Ownership, language)
        )
    if kind == ImportJob.Kind.CONTRACTS:
        return contract_spec(scope=_choices(Scope, language), kind=_choices(Kind, language))
    if kind == ImportJob.Kind.VIOLATIONS:
        return violation_spec(kind=_choices(_ViolationKinds, language))
    if kind == ImportJob.Kind.SURVEYS:
        return survey_spec(
            category=_choices(SurveyCategory, language),
            reasons=_choices(_ReasonLabels, language),
        )
    raise ValueError(kind)


class _ViolationKinds:
    """The violation kinds shaped like TextChoices, for _choices."""

    choices = VIOLATION_KINDS


class _ReasonLabels:
    """The typical reasons with their Chinese words as a clerk writes them (担心增加用工成本 …)."""

    choices = SurveyReason.choices
