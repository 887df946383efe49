"""The review area's forms: they type-check input; every rule lives in
compliance.services.department_review."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from compliance.public.enterprise.forms import AcceptForm, SignInForm

__all__ = [
    "AcceptForm",
    "ApproveForm",
    "MaterialsForm",
    "ObjectionForm",
    "ReceiptForm",
    "SignInForm",
]


class DateInput(forms.DateInput):
    """The browser's date picker, with the ISO value it needs (PITFALLS.md)."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def _date(label) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), initial=timezone.localdate)


class ReceiptForm(forms.Form):
    received_on = _date(pgettext_lazy("department review", "Received on"))


class MaterialsForm(forms.Form):
    requested_on = _date(_("Asked on"))
    items = forms.CharField(
        label=_("Missing materials"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One item a line, e.g. the workers' congress resolution with the votes."),
    )


class ObjectionForm(forms.Form):
    objected_on = _date(_("Date of the review opinion"))
    points = forms.CharField(
        label=_("Points of the objection (审查意见书)"),
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What is unlawful or missing and must change; the enterprise reads it."),
    )


class ApproveForm(forms.Form):
    approved_on = _date(_("Approved on"))
    comments = forms.CharField(
        label=_("Remarks (optional)"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
