"""Forms of the instructors' work and of the negotiators' training (issue 18 items 6 and 7)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from compliance.backoffice.common import date_field
from compliance.models import Enterprise, InstructorAssessment, Representative


def _reason(label=None) -> forms.CharField:
    return forms.CharField(
        label=label or _("reason"),
        max_length=80,
        help_text=_("Kept in the history."),
    )


class AppointForm(forms.Form):
    appointed_on = date_field(_("appointed on"), initial=timezone.localdate)
    term_ends_on = date_field(_("term ends on"))
    document = forms.CharField(label=_("appointing document number"), max_length=60)
    reason = _reason()


class RenewForm(forms.Form):
    term_ends_on = date_field(_("new term ends on"))
    document = forms.CharField(label=_("renewing document number"), max_length=60)
    reason = _reason()


class EndForm(forms.Form):
    ended_on = date_field(_("appointment ends on"), initial=timezone.localdate)
    reason = _reason(_("reason (dismissal, resignation, term not renewed …)"))


class AssignForm(forms.Form):
    enterprise = forms.ModelChoiceField(
        label=_("enterprise"), queryset=Enterprise.objects.order_by("name")
    )
    reason = _reason()


class UnassignForm(forms.Form):
    reason = _reason()


class MyVisitForm(forms.Form):
    """The instructor's own visit from the phone: their enterprises only."""

    enterprise = forms.ModelChoiceField(label=_("enterprise"), queryset=Enterprise.objects.none())
    visited_on = date_field(_("visited on"), initial=timezone.localdate)
    topic = forms.CharField(label=pgettext_lazy("visit", "topic"), max_length=200)
    outcome = forms.CharField(
        label=pgettext_lazy("visit", "outcome"), widget=forms.Textarea(attrs={"rows": 3})
    )
    follow_up = forms.CharField(
        label=_("follow-up"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, enterprises, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprise"].queryset = enterprises


class AssessmentForm(forms.Form):
    grade = forms.ChoiceField(
        label=_("grade"),
        choices=InstructorAssessment.Grade.choices,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=pgettext_lazy("assessment", "comment"), widget=forms.Textarea(attrs={"rows": 4})
    )
    reason = forms.CharField(
        label=_("reason for the change"),
        max_length=80,
        required=False,
        help_text=_("Only when the year was already graded: kept in the history."),
    )


class AttendeeForm(forms.Form):
    representative = forms.ModelChoiceField(
        label=_("representative"),
        required=False,
        queryset=Representative.objects.none(),
        help_text=_(
            "An employee-side representative of a round; fills in the name and enterprise."
        ),
    )
    name = forms.CharField(label=_("name"), max_length=50, required=False)
    enterprise = forms.ModelChoiceField(
        label=_("enterprise"), required=False, queryset=Enterprise.objects.order_by("name")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["representative"].queryset = (
            Representative.objects.filter(side=Representative.Side.EMPLOYEE, left_on__isnull=True)
            .select_related("round__enterprise")
            .order_by("name", "pk")
        )
        self.fields["representative"].label_from_instance = lambda r: (
            f"{r.name}（{r.round.enterprise.name}）"
        )


class CertificateForm(forms.Form):
    number = forms.CharField(label=_("certificate number"), max_length=40)
    issued_on = date_field(_("issued on"), initial=timezone.localdate)
    expires_on = date_field(_("expires on"))
