"""The notice list's filter form: validates query parameters for the pages and the API alike."""

from __future__ import annotations

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from compliance.models import Contract, Industry, Kind, Scope

PUBLIC_STATUS_CHOICES = [
    (value, label)
    for value, label in Contract.Status.choices
    if value
    in (
        Contract.Status.EFFECTIVE,
        Contract.Status.EXPIRED,
        Contract.Status.TERMINATED,
        Contract.Status.SUPERSEDED,
    )
]
SORT_CHOICES = [
    ("newest", _("Newest first")),
    ("oldest", _("Oldest first")),
    ("ends_soon", _("Ending soonest")),
    ("employees", _("Most employees covered")),
    ("relevance", _("Best match (with a search)")),
]
MAX_EXPIRING_DAYS = 3 * 366


def _any(label):
    return [("", label)]


class NoticeFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search the contracts"),
        max_length=100,
        required=False,
        error_messages={"max_length": _("Search for at most %(limit_value)d characters.")},
    )
    industry = forms.ChoiceField(
        label=pgettext_lazy("notice filter", "Industry"),
        required=False,
        choices=_any(_("All industries")) + list(Industry.choices),
    )
    region = forms.CharField(
        label=pgettext_lazy("notice filter", "Region"),
        required=False,
        validators=[
            RegexValidator(r"^\d{6}$", _("A region is a six-digit code (GB/T 2260), e.g. 230803."))
        ],
    )
    scope = forms.ChoiceField(
        label=pgettext_lazy("notice filter", "Scope"),
        required=False,
        choices=_any(_("All scopes")) + list(Scope.choices),
    )
    kind = forms.ChoiceField(
        label=pgettext_lazy("notice filter", "Kind"),
        required=False,
        choices=_any(_("All kinds")) + list(Kind.choices),
    )
    status = forms.ChoiceField(
        label=pgettext_lazy("notice filter", "Status"),
        required=False,
        choices=_any(_("Any status")) + PUBLIC_STATUS_CHOICES,
    )
    year = forms.IntegerField(
        label=pgettext_lazy("notice filter", "Year in force"),
        required=False,
        min_value=1990,
        max_value=2100,
        error_messages={"invalid": _("A year is four digits, e.g. 2026.")},
    )
    in_force_on = forms.DateField(
        label=_("In force on"),
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": _("Enter the date as YYYY-MM-DD, e.g. 2026-05-01.")},
        # ISO, whatever the language: a browser discards a date input's "2026/05/01".
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    expiring_within = forms.IntegerField(
        label=_("Expiring within (days)"),
        required=False,
        min_value=1,
        max_value=MAX_EXPIRING_DAYS,
        error_messages={
            "invalid": _("Enter a whole number of days, e.g. 90."),
            "min_value": _("Enter at least 1 day."),
            "max_value": _("Enter at most %(limit_value)s days."),
        },
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORT_CHOICES)
    page = forms.IntegerField(
        required=False,
        min_value=1,
        error_messages={
            "invalid": _("A page number is a whole number."),
            "min_value": _("Pages are numbered from 1."),
        },
    )
