"""The form of one rule-profile parameter: its value, its source note (internal) and the legal
basis a letter prints (rules/presets.py)."""

from __future__ import annotations

from wagtail.admin.forms import WagtailAdminModelForm

from compliance.models import RuleParameter
from compliance.rules.deadlines import Unit as PeriodUnit
from compliance.services.supervision import legal_basis_clean

PERIOD_UNITS = frozenset(unit.value for unit in PeriodUnit)


class RuleParameterForm(WagtailAdminModelForm):
    class Meta:
        model = RuleParameter
        fields = ["value", "unit", "rule", "source", "basis"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unit = self.instance.unit
        if unit in PERIOD_UNITS:
            # A period may be counted in calendar days, working days or months, nothing else.
            self.fields["unit"].choices = [
                c for c in self.fields["unit"].choices if c[0] in PERIOD_UNITS
            ]
        elif unit:
            # A share, a count, a score or a yes/no keeps its unit: the checks read it so.
            self.fields["unit"].disabled = True

    def clean_basis(self):
        return legal_basis_clean(self.cleaned_data["basis"], required=False)
