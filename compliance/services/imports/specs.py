"""The ledger workbooks' columns (compliance.excel.columns) with the models' choices, labelled in
the sheet language: each choice is accepted by its code or by its Chinese or English label."""

from __future__ import annotations

from django.utils import translation

from compliance.excel.awards import violation_spec
from compliance.excel.columns import (
    NO,
    YES,
    CellError,
    Choices,
    Column,
    SheetSpec,
    contract_spec,
    enterprise_spec,
)
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
from compliance.rules import codebook


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
        return contract_spec(
            scope=_choices(Scope, language),
            kind=_choices(Kind, language),
            extra=key_term_columns(language),
        )
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


def _key_term_parser(variable: codebook.Variable):
    def parse(value):
        cleaned, error = codebook.clean_value(variable, value)
        if error:
            raise CellError(error)
        return cleaned

    return parse


def key_term_columns(language: str) -> tuple[Column, ...]:
    """One column per entered codebook variable, headed by its label and unit; a cell is checked
    by the codebook as the contract form checks it, and the error workbook gives the reason."""
    columns = []
    with translation.override(_DJANGO_LANGUAGE[language]):
        for variable in codebook.ENTERED_VARIABLES:
            if variable.type == codebook.CHOICE:
                hint = "; ".join(
                    f"{code} = {variable.choice_label(code)}" for code, _zh, _en in variable.choices
                )
            elif variable.type == codebook.BOOLEAN:
                hint = f"{YES[language]} / {NO[language]}"
            else:
                hint = f"{variable.minimum} – {variable.maximum} {variable.unit}"
            columns.append(
                Column(
                    variable.code,
                    f"{variable.label_zh}（{variable.unit_zh}）",
                    _key_term_parser(variable),
                    boolean=variable.type == codebook.BOOLEAN,
                    width=16,
                    hint=f"{variable.definition} {hint}",
                )
            )
    return tuple(columns)
