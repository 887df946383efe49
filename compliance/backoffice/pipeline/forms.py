"""Forms of the pipeline's records: the enterprise is entered by its credit code (a ledger of
100,000 is no dropdown), the typical reasons as ticks."""

from __future__ import annotations

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from compliance.backoffice.common import DateInput
from compliance.models import BargainingIntent, BaselineSurvey, Enterprise
from compliance.models.enterprises import USCC_MESSAGES
from compliance.models.pipeline import SurveyReason
from compliance.rules.uscc import normalize, uscc_problem


class CreditCodeMixin:
    """`credit_code` names the enterprise; the instance gets it when the code is in the ledger."""

    def init_credit_code(self):
        if self.instance.pk:
            self.fields["credit_code"].initial = self.instance.enterprise.credit_code

    def clean_credit_code(self):
        code = normalize(self.cleaned_data["credit_code"])
        problem = uscc_problem(code)
        if problem:
            raise forms.ValidationError(USCC_MESSAGES[problem])
        enterprise = Enterprise.objects.filter(credit_code=code).first()
        if enterprise is None:
            raise forms.ValidationError(
                _("No enterprise with this credit code is in the ledger: add it first.")
            )
        self.instance.enterprise = enterprise
        return code


def credit_code_field() -> forms.CharField:
    return forms.CharField(
        label=capfirst(_("enterprise's unified social credit code")), max_length=40
    )


class SurveyForm(CreditCodeMixin, forms.ModelForm):
    credit_code = credit_code_field()
    reasons = forms.MultipleChoiceField(
        label=capfirst(_("typical reasons")),
        choices=SurveyReason.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "For the unwilling: costs, formality, no need; for the afraid: retaliation, a "
            "dependent union chair; for the unable: knowledge, skill, data."
        ),
    )

    class Meta:
        model = BaselineSurvey
        fields = ["year", "category", "reasons", "notes", "surveyed_on", "surveyed_by"]
        widgets = {"surveyed_on": DateInput()}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_credit_code()
        self.order_fields(["credit_code", "year", "category", "reasons", "notes"])


class IntentForm(CreditCodeMixin, forms.ModelForm):
    credit_code = credit_code_field()

    class Meta:
        model = BargainingIntent
        fields = ["year", "planned_month", "kind", "notes", "recorded_on"]
        widgets = {"recorded_on": DateInput()}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_credit_code()
        self.fields["recorded_on"].required = False
        self.fields["recorded_on"].help_text = _("Empty: today.")
        self.order_fields(["credit_code", "year", "planned_month", "kind"])
