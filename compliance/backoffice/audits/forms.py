"""Recording a performance check: date, checker, findings and the five dimensions' scores."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from compliance.backoffice.common import date_field
from compliance.rules.audits import DIMENSIONS

DIMENSION_LABELS = {
    "parties": gettext_lazy("parties"),
    "procedure": gettext_lazy("procedure"),
    "content": pgettext_lazy("audit dimension", "content"),
    "performance": gettext_lazy("performance"),
    "effect": gettext_lazy("effect"),
}


class RecordForm(forms.Form):
    done_on = date_field(gettext_lazy("checked on"), initial=timezone.localdate)
    checker = forms.CharField(label=gettext_lazy("checked by"))
    findings = forms.CharField(
        label=gettext_lazy("findings"), widget=forms.Textarea, required=False
    )

    def __init__(self, *args, reports: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if reports:
            # The check of the report to the workers' congress records the report itself, once.
            self.fields["done_on"].label = gettext_lazy("reported to the workers' congress on")
            self.fields["report_year"] = forms.IntegerField(
                label=gettext_lazy("year reported on"),
                min_value=2000,
                max_value=2100,
                initial=timezone.localdate().year - 1,
                help_text=gettext_lazy(
                    "The year whose performance the report covers; the report rate and the award "
                    "veto read it."
                ),
            )
        for dimension in DIMENSIONS:
            self.fields[dimension] = forms.IntegerField(
                label=DIMENSION_LABELS[dimension], min_value=0, max_value=100
            )
        # The report's year beside its date, not after the findings.
        self.order_fields(["done_on", "report_year"])
