"""The steps of a collective contract: publication, filing, amendment, termination, the annual
performance report (R23, R27, R30, R31); and its clauses, edited on the contract's page."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from compliance.backoffice.common import RenewedContractField, change_reason_field, date_field
from compliance.models import Clause, Contract
from compliance.rules import codebook
from compliance.selectors.contracts import renewal_candidates, renewal_proposed


class PublishForm(forms.Form):
    published_on = date_field(gettext_lazy("published to employees on"), initial=timezone.localdate)
    posting_ends_on = date_field(
        gettext_lazy("notice-board posting taken down on"),
        required=False,
        help_text=gettext_lazy(
            "Leave empty while it is still posted; fill it in once it comes down."
        ),
    )
    publish_publicly = forms.BooleanField(
        label=gettext_lazy("publish a notice on the public site"), required=False
    )


class FileForm(forms.Form):
    filed_on = date_field(gettext_lazy("filed with the federation on"), initial=timezone.localdate)
    filed_with_department = forms.BooleanField(
        label=gettext_lazy("filed with the labour administration"), required=False, initial=True
    )


class TerminateForm(forms.Form):
    ended_on = date_field(gettext_lazy("terminated on"), initial=timezone.localdate)
    reason = forms.CharField(label=gettext_lazy("reason for termination"), widget=forms.Textarea)


class AmendForm(forms.Form):
    amended_on = date_field(gettext_lazy("amendment effective on"), initial=timezone.localdate)
    ends_on = date_field(gettext_lazy("term ends"), required=False)
    wage_growth_pct = forms.DecimalField(
        label=gettext_lazy("wage growth (%)"), required=False, max_digits=5, decimal_places=2
    )
    minimum_wage = forms.DecimalField(
        label=gettext_lazy("minimum monthly wage (yuan)"),
        required=False,
        max_digits=8,
        decimal_places=2,
    )
    weekly_hours = forms.DecimalField(
        label=gettext_lazy("weekly working hours"), required=False, max_digits=4, decimal_places=1
    )


class ReportForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("year reported on"), min_value=2000, max_value=2100
    )
    reported_on = date_field(
        gettext_lazy("reported to the workers' congress on"), initial=timezone.localdate
    )


class RenewsForm(forms.Form):
    """The link from a contract to the one it renews, for contracts entered without it."""

    predecessor = RenewedContractField()
    reason = forms.CharField(
        label=gettext_lazy("reason for the change"),
        max_length=200,
        help_text=gettext_lazy("Kept in the contract's history."),
    )

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        linked = contract.predecessor_id if contract.relation == Contract.Relation.RENEWAL else None
        field = self.fields["predecessor"]
        field.queryset = renewal_candidates(
            enterprise_id=contract.enterprise_id,
            exclude_id=contract.pk,
            starts_before=contract.starts_on,
            linked_id=linked,
        )
        if linked:
            self.initial.setdefault("predecessor", linked)
        else:
            proposed = renewal_proposed(
                enterprise_id=contract.enterprise_id, kind=contract.kind, exclude_id=contract.pk
            )
            if proposed is not None and proposed.starts_on < contract.starts_on:
                self.initial.setdefault("predecessor", proposed.pk)


class ClauseForm(forms.Form):
    order = forms.IntegerField(label=gettext_lazy("order"), min_value=1)
    topic = forms.ChoiceField(label=gettext_lazy("topic"), choices=Clause.Topic.choices)
    text = forms.CharField(label=gettext_lazy("text"), widget=forms.Textarea(attrs={"rows": 6}))
    is_business_secret = forms.BooleanField(
        label=gettext_lazy("business secret (never published)"), required=False
    )


class ClauseEditForm(ClauseForm):
    """A clause corrected: why goes into its history."""

    change_reason = change_reason_field()


# --- Key terms (compliance.rules.codebook) --------------------------------------------------------

KEY_TERM_PREFIX = "kt_"


def _key_term_field(variable: codebook.Variable) -> forms.Field:
    label = (
        f"{variable.label}（{variable.unit}）"
        if variable.type != codebook.BOOLEAN
        else (variable.label)
    )
    if variable.type == codebook.BOOLEAN:
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=[
                ("", pgettext_lazy("key term", "Not stated")),
                ("yes", pgettext_lazy("key term", "Yes")),
                ("no", pgettext_lazy("key term", "No")),
            ],
            help_text=variable.definition,
        )
    if variable.type == codebook.CHOICE:
        return forms.ChoiceField(
            label=label,
            required=False,
            choices=[("", pgettext_lazy("key term", "Not stated"))]
            + [(code, variable.choice_label(code)) for code, _zh, _en in variable.choices],
            help_text=variable.definition,
        )
    # Text, not a number input: "3000元" is accepted and "8小时/天" is refused with the reason,
    # by the same codebook check the import runs.
    return forms.CharField(
        label=label,
        required=False,
        max_length=30,
        help_text=variable.definition,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


def _initial(variable: codebook.Variable, value) -> str:
    if value is None:
        return ""
    if variable.type == codebook.BOOLEAN:
        return "yes" if value else "no"
    return str(value)


class KeyTermsFormMixin:
    """The codebook's entered variables as fields of a form; `cleaned_key_terms` is the value of
    the contract's key_terms once the form is valid."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        stored = (getattr(instance, "key_terms", None) or {}) if instance else {}
        for variable in codebook.ENTERED_VARIABLES:
            name = KEY_TERM_PREFIX + variable.code
            self.fields[name] = _key_term_field(variable)
            self.initial.setdefault(name, _initial(variable, stored.get(variable.code)))
        self.cleaned_key_terms: dict = {}

    def clean(self):
        cleaned_data = super().clean()
        raw = {}
        for variable in codebook.ENTERED_VARIABLES:
            value = cleaned_data.get(KEY_TERM_PREFIX + variable.code, "")
            raw[variable.code] = {"yes": True, "no": False}.get(value, value)
        self.cleaned_key_terms, errors = codebook.key_terms_validate(raw)
        for code, messages in errors.items():
            for message in messages:
                self.add_error(KEY_TERM_PREFIX + code, message)
        return cleaned_data


def with_key_terms(form_class):
    return type(form_class.__name__, (KeyTermsFormMixin, form_class), {})
