"""Starting an evaluation, scoring an item, finalising."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy, pgettext_lazy

from compliance.backoffice.common import date_field
from compliance.models import QualityEvaluation
from compliance.selectors.quality import evaluable_contracts


class ContractChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.enterprise.name} · {obj.title}（{obj.get_status_display()}）"


class StartForm(forms.Form):
    contract = ContractChoiceField(
        label=gettext_lazy("contract"),
        queryset=evaluable_contracts().order_by("enterprise__name", "-starts_on"),
        help_text=gettext_lazy("Contracts that have taken effect: in force or ended."),
    )
    evaluated_on = date_field(gettext_lazy("evaluated on"), initial=timezone.localdate)
    evaluator = forms.CharField(
        label=gettext_lazy("evaluated by"),
        max_length=100,
        help_text=gettext_lazy("The person or group evaluating, e.g. the federation's team."),
    )
    methods = forms.MultipleChoiceField(
        label=gettext_lazy("methods"),
        choices=QualityEvaluation.Method.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class ItemForm(forms.Form):
    score = forms.IntegerField(
        label=pgettext_lazy("evaluation item", "score"),
        min_value=0,
        max_value=100,
        help_text=gettext_lazy("0 to 100: 100 fully met, 0 not met at all."),
    )
    note = forms.CharField(
        label=gettext_lazy("evaluator's note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=gettext_lazy("What the score rests on: documents read, people interviewed."),
    )
    evidence = forms.FileField(
        label=gettext_lazy("evidence"),
        required=False,
        help_text=gettext_lazy("PDF, Word, Excel, image or text, at most 10 MB."),
    )
    reason = forms.CharField(
        label=gettext_lazy("reason for changing the records' score"),
        max_length=500,
        required=False,
    )

    def __init__(self, *args, judged_by_records: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not judged_by_records:
            del self.fields["reason"]


class FinaliseForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("overall comment"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
