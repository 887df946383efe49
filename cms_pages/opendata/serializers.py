"""The open data's JSON shapes as DRF serializers: what the OpenAPI description is generated from.

A notice is turned into JSON by `serialize.notice_summary` / `notice_detail`, the one shape of the
API, the feed and the downloads (a CSV streams 300,000 rows; field-by-field serialising would cost
it several times over). The serializers declare that shape field by field with its types, so the
description says what the answers hold; `tests/cms_pages/test_opendata_schema.py` checks that the
declared fields are exactly the keys produced, and the OpenAPI test validates real answers
against the generated schemas.
"""

from __future__ import annotations

from rest_framework import serializers

from cms_pages.models import ContractNotice
from cms_pages.opendata.serialize import notice_detail, notice_summary
from compliance.models import Contract, Kind, Scope
from compliance.rules.codebook import (
    BOOLEAN,
    CHOICE,
    COLUMN,
    DECIMAL,
    DERIVED,
    ENTERED,
    INTEGER,
    VARIABLES,
    Variable,
)

_DECIMAL = "A decimal number as text."


def _decimal(help_text: str) -> serializers.DecimalField:
    return serializers.DecimalField(
        max_digits=None, decimal_places=None, allow_null=True, help_text=help_text
    )


class NoticeSummarySerializer(serializers.Serializer):
    """A listed notice, without its clauses. Codes are stable; the *_label fields give them in
    the reader's language (the language cookie)."""

    # Context: `links` (query.Links). The docstrings of these classes are the description's.

    id = serializers.UUIDField(help_text="Stable public id.")
    title = serializers.CharField()
    employer = serializers.CharField(help_text="The employer party.")
    union = serializers.CharField(help_text="The union party.")
    scope = serializers.ChoiceField(choices=Scope.choices, help_text="Contract scope.")
    scope_label = serializers.CharField(help_text="The scope in the reader's language.")
    kind = serializers.ChoiceField(choices=Kind.choices, help_text="Contract kind.")
    kind_label = serializers.CharField(help_text="The kind in the reader's language.")
    status = serializers.ChoiceField(choices=Contract.Status.choices, help_text="Contract status.")
    status_label = serializers.CharField(help_text="The status in the reader's language.")
    industry = serializers.CharField(help_text="GB/T 4754 section letter.")
    region_code = serializers.CharField(help_text="GB/T 2260 code.")
    year = serializers.IntegerField(help_text="The year the contract came into force.")
    starts_on = serializers.DateField(allow_null=True, help_text="The term starts.")
    ends_on = serializers.DateField(allow_null=True, help_text="The term ends.")
    in_force_from = serializers.DateField(allow_null=True)
    in_force_until = serializers.DateField(allow_null=True)
    signed_on = serializers.DateField(allow_null=True)
    effective_on = serializers.DateField(allow_null=True)
    published_on = serializers.DateField(allow_null=True)
    filing_number = serializers.CharField(help_text="The labour administration's filing number.")
    covered_employees = serializers.IntegerField(min_value=0)
    wage_growth_pct = _decimal(f"Agreed wage growth in percent. {_DECIMAL}")
    minimum_wage = _decimal(f"Minimum monthly wage in yuan. {_DECIMAL}")
    weekly_hours = _decimal(f"Weekly working hours. {_DECIMAL}")
    relation = serializers.ChoiceField(
        choices=Contract.Relation.choices,
        allow_blank=True,
        help_text="How this notice follows the previous one (empty for a first contract).",
    )
    predecessor = serializers.UUIDField(allow_null=True, help_text="The previous notice's id.")
    first_published_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField(help_text="The last change; the change feed's order.")
    url = serializers.URLField(allow_null=True, help_text="The notice's web page.")
    api_url = serializers.URLField(help_text="This notice in the API.")

    def to_representation(self, instance: ContractNotice) -> dict:
        links = self.context["links"]
        return notice_summary(instance, page_url=links.page(instance), api_url=links.api(instance))


class ClauseSerializer(serializers.Serializer):
    order = serializers.IntegerField(allow_null=True)
    topic = serializers.CharField(allow_null=True)
    text = serializers.CharField(allow_blank=True)


class NoticeDetailSerializer(NoticeSummarySerializer):
    """One notice with its covered enterprises and clauses; personal data was redacted when it
    was published."""

    # Context: `links` and `successors` (their public ids).

    covered_enterprises = serializers.ListField(
        child=serializers.DictField(), help_text="Enterprises a sectoral contract covers."
    )
    clauses = ClauseSerializer(many=True, help_text="The clauses, redacted when published.")
    withheld_clauses = serializers.IntegerField(
        min_value=0, help_text="Clauses kept back as business secrets."
    )
    successors = serializers.ListField(
        child=serializers.UUIDField(), help_text="Notices that renew or amend this one."
    )

    def to_representation(self, instance: ContractNotice) -> dict:
        links = self.context["links"]
        return notice_detail(
            instance,
            page_url=links.page(instance),
            api_url=links.api(instance),
            successors=self.context["successors"],
        )


class ErrorSerializer(serializers.Serializer):
    """Every answer that is not a 200."""

    error = serializers.CharField(help_text="A stable code, e.g. invalid_parameters.")
    message = serializers.CharField(help_text="What to do, in the reader's language.")
    errors = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="For invalid parameters: each parameter's messages.",
    )


# The key-terms dataset (issue 19 item 2): its shapes follow the codebook, variable by variable,
# so the description gives each key term's type, unit, range and choices.


class CodebookChoiceSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="The stored code.")
    label_zh = serializers.CharField()
    label_en = serializers.CharField()


class CodebookVariableSerializer(serializers.Serializer):
    """One variable of the codebook."""

    code = serializers.ChoiceField(
        choices=[v.code for v in VARIABLES], help_text="The key of its value in key_terms."
    )
    type = serializers.ChoiceField(choices=[DECIMAL, INTEGER, BOOLEAN, CHOICE])
    label_zh = serializers.CharField()
    label_en = serializers.CharField()
    unit_zh = serializers.CharField(allow_blank=True)
    unit_en = serializers.CharField(allow_blank=True)
    minimum = _decimal(f"The smallest value allowed (numbers only). {_DECIMAL}")
    maximum = _decimal(f"The largest value allowed (numbers only). {_DECIMAL}")
    decimal_places = serializers.IntegerField(
        allow_null=True, min_value=0, help_text="Decimal places of a decimal variable's values."
    )
    choices = CodebookChoiceSerializer(many=True, help_text="A choice variable's codes.")
    source = serializers.ChoiceField(
        choices=[ENTERED, COLUMN, DERIVED],
        help_text="entered on the contract, a column of the contract, or derived from it.",
    )
    definition_zh = serializers.CharField()
    definition_en = serializers.CharField()


class CodebookSerializer(serializers.Serializer):
    """The codebook: what every key term means, in both languages."""

    version = serializers.CharField(help_text="The codebook's version; key terms name it.")
    date = serializers.DateField(help_text="The day this version was fixed.")
    variables = CodebookVariableSerializer(many=True)


def _key_term_field(variable: Variable) -> serializers.Field:
    """A variable's value as stored: decimals as text with the variable's places, integers,
    booleans, choices by code. Ranges are given for entered variables (validated when
    entered); a column's or derived value carries the contract's own checks."""
    help_text = f"{variable.label_en} ({variable.label_zh})"
    if variable.unit_en and variable.type in (DECIMAL, INTEGER):
        help_text += f", in {variable.unit_en}"
    help_text += f". {variable.definition_en}"
    bounds = (
        {"min_value": variable.minimum, "max_value": variable.maximum}
        if variable.source == ENTERED
        else {}
    )
    if variable.type == DECIMAL:
        return serializers.DecimalField(
            max_digits=None, decimal_places=variable.places, required=False, help_text=help_text
        )
    if variable.type == INTEGER:
        bounds = {k: int(v) for k, v in bounds.items() if v is not None}
        return serializers.IntegerField(required=False, help_text=help_text, **bounds)
    if variable.type == BOOLEAN:
        return serializers.BooleanField(required=False, help_text=help_text)
    return serializers.ChoiceField(
        choices=[(code, en) for code, _zh, en in variable.choices],
        required=False,
        help_text=help_text,
    )


KeyTermsSerializer = type(
    "KeyTermsSerializer",
    (serializers.Serializer,),
    {
        "__doc__": "A notice's coded key terms by variable code (codebook.json); a variable not "
        "stated in the contract is left out.",
        **{v.code: _key_term_field(v) for v in VARIABLES},
    },
)


class KeyTermsNoticeSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="The notice's stable public id.")
    title = serializers.CharField()
    employer = serializers.CharField(help_text="The employer party.")
    codebook_version = serializers.CharField(help_text="The codebook the key terms follow.")
    key_terms = KeyTermsSerializer()
    url = serializers.URLField(allow_null=True, help_text="The notice's web page.")
    api_url = serializers.URLField(help_text="The notice in the API.")


class KeyTermsCodebookSerializer(serializers.Serializer):
    version = serializers.CharField()
    date = serializers.DateField()
    url = serializers.URLField(help_text="codebook.json on this host.")


class KeyTermsPageSerializer(serializers.Serializer):
    """A page of listed notices' key terms, newest first unless sorted otherwise."""

    codebook = KeyTermsCodebookSerializer()
    data = KeyTermsNoticeSerializer(many=True)
    order = serializers.CharField(help_text="The order of the pages (the sort parameter's).")
    limit = serializers.IntegerField(min_value=1)
    next_cursor = serializers.CharField(
        allow_null=True, help_text="Give it as cursor for the next page; null on the last."
    )
    next = serializers.URLField(allow_null=True, help_text="The next page's address.")
