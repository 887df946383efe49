"""The codebook's entered key terms as form fields (compliance.rules.codebook), shared by the
back office's contract form and the enterprise's filing submission: both check a value the same
way the import does, and say which value is refused and why.

In compliance.forms, not in backoffice/ or public/: those two entry points may not import each
other (the layers contract), and a form is not a pure rule.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import pgettext_lazy

from compliance.rules import codebook

KEY_TERM_PREFIX = "kt_"


def _key_term_field(variable: codebook.Variable) -> forms.Field:
    label = variable.heading
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

    def __init__(self, *args, key_terms: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        stored = key_terms if key_terms is not None else getattr(instance, "key_terms", None)
        stored = stored or {}
        for variable in codebook.ENTERED_VARIABLES:
            name = KEY_TERM_PREFIX + variable.code
            self.fields[name] = _key_term_field(variable)
            self.initial.setdefault(name, _initial(variable, stored.get(variable.code)))
        # A reason for the change (back office) stays the last field, after the key terms.
        if "change_reason" in self.fields:
            self.fields["change_reason"] = self.fields.pop("change_reason")
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
