"""The forms of the enterprise's pre-review pages (prereview.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from compliance.forms.key_terms import KeyTermsFormMixin
from compliance.models import Clause, PackageItem
from compliance.rules import filing_package as package


class TermsForm(KeyTermsFormMixin, forms.Form):
    covered_employees = forms.IntegerField(
        label=_("Employees covered"), min_value=1, max_value=10_000_000, required=False
    )
    last_year_average_wage = forms.DecimalField(
        label=_("Last year's average monthly wage (yuan)"),
        min_value=0,
        max_digits=9,
        decimal_places=2,
        required=False,
    )
    wage_growth_pct = forms.DecimalField(
        label=_("Wage adjustment rate (%)"),
        min_value=-100,
        max_value=999,
        max_digits=5,
        decimal_places=2,
        required=False,
    )
    minimum_wage = forms.DecimalField(
        label=_("Minimum monthly wage (yuan)"),
        min_value=0,
        max_digits=8,
        decimal_places=2,
        required=False,
    )
    weekly_hours = forms.DecimalField(
        label=_("Weekly working hours"),
        min_value=1,
        max_value=84,
        max_digits=4,
        decimal_places=1,
        required=False,
    )

    def __init__(self, *args, wage_contract: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.fields:
            if isinstance(self.fields[name], forms.ChoiceField):
                continue
            self.fields[name].widget.attrs["inputmode"] = (
                "numeric" if name == "covered_employees" else "decimal"
            )
        if wage_contract:
            for name in package.WAGE_FIELDS:
                self.fields[name].help_text = _("Required for a wage contract.")


class ClauseForm(forms.Form):
    topic = forms.ChoiceField(
        label=_("Topic"),
        choices=[("", _("— choose —")), *Clause.Topic.choices],
        required=False,
    )
    text = forms.CharField(
        label=_("Text of the clause"),
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=20_000,
    )

    def clean(self):
        data = super().clean()
        if data.get("text", "").strip() and not data.get("topic"):
            self.add_error("topic", _("Choose the topic of this clause."))
        return data


ClauseFormSet = forms.formset_factory(ClauseForm, extra=2, max_num=200, absolute_max=200)


class PackageForm(forms.Form):
    """One optional file per checklist item; a file already there stays unless replaced."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item, label in PackageItem.Item.choices:
            accept = ".docx,.pdf" if item == package.TEXT else ".pdf,.docx,.odt,.jpg,.jpeg,.png"
            self.fields[f"file_{item}"] = forms.FileField(
                label=label, required=False, widget=forms.FileInput(attrs={"accept": accept})
            )
