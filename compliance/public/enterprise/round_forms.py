"""The forms of the offer, the answer and the bargaining steps in the enterprise area. They check
what a form can (required fields, numbers, ISO date widgets); the rules are the services'."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from compliance.models import Kind

REPRESENTATIVE_ROWS = 7


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


def _aware(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


class RepresentativeForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=50, required=False)
    identity = forms.CharField(
        label=_("Staff or ID number"),
        max_length=40,
        required=False,
        help_text=_("Only to check that nobody sits on both sides; the other side never sees it."),
    )
    is_chief = forms.BooleanField(label=_("Chief representative"), required=False)
    is_outsider = forms.BooleanField(label=_("Outside expert"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("identity"):
            self.add_error(
                "identity", _("Enter the staff or ID number of %(name)s.") % {"name": data["name"]}
            )
        if data.get("identity") and not data.get("name"):
            self.add_error("name", _("Enter the name for this number."))
        return data


class BaseRepresentativeFormSet(forms.BaseFormSet):
    def rows(self) -> list[dict]:
        return [form.cleaned_data for form in self.forms if form.cleaned_data.get("name")]

    def clean(self):
        super().clean()
        if any(form.errors for form in self.forms):
            return
        if not self.rows():
            raise forms.ValidationError(_("Name your side's representatives."))


def representative_formset(data=None, *, initial=None):
    initial = list(initial or [])
    formset = forms.formset_factory(
        RepresentativeForm,
        formset=BaseRepresentativeFormSet,
        extra=max(REPRESENTATIVE_ROWS - len(initial), 2),
        max_num=max(REPRESENTATIVE_ROWS, len(initial) + 2),
        absolute_max=30,
    )
    return formset(data, initial=initial, prefix="rep")


class OfferForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of contract"), choices=Kind.choices)
    proposed_on = forms.DateField(label=_("Proposed day of the first meeting"), widget=DateInput())
    proposed_time = forms.TimeField(label=_("Proposed time"), widget=TimeInput())
    place = forms.CharField(label=_("Proposed place"), max_length=100)
    agenda = forms.CharField(
        label=_("Agenda: the topics to bargain on"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("E.g. wage adjustment, working hours, rest and leave, labour safety."),
    )

    def proposed_at(self) -> dt.datetime:
        return _aware(self.cleaned_data["proposed_on"], self.cleaned_data["proposed_time"])


class PaperOfferForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of contract"), choices=Kind.choices)
    sent_on = forms.DateField(label=_("Sent on"), widget=DateInput())
    received_on = forms.DateField(
        label=_("Received by the other side on"),
        widget=DateInput(),
        help_text=_("The reply deadline runs from this day."),
    )
    scan = forms.FileField(
        label=_("Scan of the offer letter"),
        help_text=_("PDF, JPG or PNG, at most 10 MB."),
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("sent_on")
            and data.get("received_on")
            and data["received_on"] < data["sent_on"]
        ):
            self.add_error("received_on", _("An offer cannot be received before it was sent."))
        return data


class AcceptForm(forms.Form):
    counter_on = forms.DateField(
        label=_("Another day for the first meeting (optional)"), widget=DateInput(), required=False
    )
    counter_time = forms.TimeField(
        label=_("Another time (optional)"), widget=TimeInput(), required=False
    )
    counter_place = forms.CharField(
        label=_("Another place (optional)"), max_length=100, required=False
    )

    def clean(self):
        data = super().clean()
        if bool(data.get("counter_on")) != bool(data.get("counter_time")) and not self.errors:
            self.add_error("counter_time", _("Give both the day and the time, or neither."))
        return data

    def counter_proposed_at(self) -> dt.datetime | None:
        if self.cleaned_data.get("counter_on") and self.cleaned_data.get("counter_time"):
            return _aware(self.cleaned_data["counter_on"], self.cleaned_data["counter_time"])
        return None


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Why the offer is refused"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "The federation sees the reason. Refusing without a proper reason puts the enterprise "
            "on its feedback and exposure list."
        ),
    )


class PublishForm(forms.Form):
    published_on = forms.DateField(label=_("Published to the employees on"), widget=DateInput())


class MeetingForm(forms.Form):
    held_on = forms.DateField(label=_("Held on"), widget=DateInput())
    place = forms.CharField(label=pgettext_lazy("meeting", "Place"), max_length=100)
    summary = forms.CharField(
        label=_("What was discussed and agreed"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    suspended_until = forms.DateField(
        label=_("Bargaining suspended until (optional)"), widget=DateInput(), required=False
    )
    minutes = forms.FileField(
        label=_("Minutes signed by all present"), help_text=_("PDF, JPG or PNG, at most 10 MB.")
    )
    signed_by_all = forms.BooleanField(
        label=_("Everyone present signed the minutes"),
        error_messages={
            "required": _("Minutes must be signed by all present before they are recorded.")
        },
    )


class VoteForm(forms.Form):
    held_on = forms.DateField(label=_("Congress held on"), widget=DateInput())
    total = forms.IntegerField(label=_("Congress representatives in total"), min_value=1)
    present = forms.IntegerField(label=_("Present"), min_value=0)
    in_favour = forms.IntegerField(label=_("In favour"), min_value=0)
    resolution = forms.FileField(
        label=_("The congress resolution"), help_text=_("PDF, JPG or PNG, at most 10 MB.")
    )

    def clean(self):
        data = super().clean()
        total, present, favour = data.get("total"), data.get("present"), data.get("in_favour")
        if total is not None and present is not None and present > total:
            self.add_error("present", _("Those present cannot exceed the total."))
        elif present is not None and favour is not None and favour > present:
            self.add_error("in_favour", _("Those in favour cannot exceed those present."))
        return data


class SignForm(forms.Form):
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput())
    title = forms.CharField(label=_("Title of the contract"), max_length=200)
    starts_on = forms.DateField(label=_("Term starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Term ends on"), widget=DateInput())
    covered_employees = forms.IntegerField(label=_("Employees covered"), min_value=1)
    wage_growth_pct = forms.DecimalField(
        label=_("Wage growth (%)"), max_digits=5, decimal_places=2, required=False
    )
    minimum_wage = forms.DecimalField(
        label=_("Lowest wage (yuan a month)"),
        max_digits=8,
        decimal_places=2,
        required=False,
        min_value=0,
    )
    weekly_hours = forms.DecimalField(
        label=_("Weekly working hours"), max_digits=4, decimal_places=1, required=False, min_value=0
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] <= data["starts_on"]:
            self.add_error("ends_on", _("The term must end after it starts."))
        return data
