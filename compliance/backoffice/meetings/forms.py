"""The monthly meeting's forms: the meeting, its invited enterprises, the outcomes of the month
and next month's meeting from the proposal. They collect and type-check input; the rules live in
services/monthly_meetings.py."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from compliance.backoffice.common import date_field
from compliance.models import Enterprise
from compliance.models.monthly_meetings import OUTCOME_HELP, Action, Attendance, Outcome


class EnterprisesField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=Enterprise.objects.order_by("name"),
            widget=forms.SelectMultiple(attrs={"size": 12}),
            **kwargs,
        )

    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.employees})"


class MeetingFieldsMixin(forms.Form):
    held_on = date_field(
        _("held on"),
        initial=timezone.localdate,
        help_text=_("The meeting belongs to the month it is held in; one meeting a month."),
    )
    place = forms.CharField(label=_("place"), max_length=100, required=False)
    chair = forms.CharField(label=_("chaired by"), max_length=50, required=False)


class MeetingForm(MeetingFieldsMixin):
    minutes = forms.CharField(
        label=pgettext_lazy("meeting", "minutes"), widget=forms.Textarea, required=False
    )
    minutes_file = forms.FileField(
        label=_("minutes file"),
        required=False,
        help_text=_("The signed minutes as scanned, PDF or Word, up to 10 MB."),
    )


class MeetingCreateForm(MeetingForm):
    enterprises = EnterprisesField(
        label=_("invited enterprises"),
        required=False,
        help_text=_(
            "Hold Ctrl (⌘ on a Mac) to choose several. More can be added later, and next "
            "month's list is proposed from this month's outcomes."
        ),
    )
    invited_because = forms.CharField(
        label=_("invited because"),
        max_length=200,
        required=False,
        help_text=_("Kept with each invitation, e.g. 100+ employees without a contract."),
    )


class MeetingEditForm(MeetingForm):
    reason = forms.CharField(
        label=_("reason for the change"),
        max_length=100,
        help_text=_("Kept in the meeting's history."),
    )


class InviteForm(forms.Form):
    enterprises = EnterprisesField(label=_("enterprises to invite"))
    invited_because = forms.CharField(label=_("invited because"), max_length=200, required=False)

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprises"].queryset = Enterprise.objects.exclude(
            meeting_invitations__meeting=meeting
        ).order_by("name")


def _choices(choices):
    return [("", "—"), *choices]


class OutcomesForm(forms.Form):
    """One row of fields per invitation (attendance, outcome, action asked, note), then one
    reason kept with every row that changed."""

    reason = forms.CharField(
        label=_("reason for the change"),
        max_length=100,
        required=False,
        help_text=_("Kept in the history of each row that changed; “Outcome recorded” if empty."),
    )

    def __init__(self, *args, invitations, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitations = list(invitations)
        for invitation in self.invitations:
            pk = invitation.pk
            name = invitation.enterprise.name
            self.fields[f"attendance_{pk}"] = forms.ChoiceField(
                label=_("%(enterprise)s: attendance") % {"enterprise": name},
                choices=_choices(Attendance.choices),
                required=False,
                initial=invitation.attendance,
            )
            self.fields[f"outcome_{pk}"] = forms.ChoiceField(
                label=_("%(enterprise)s: outcome") % {"enterprise": name},
                choices=_choices(Outcome.choices),
                required=False,
                initial=invitation.outcome,
            )
            self.fields[f"action_{pk}"] = forms.ChoiceField(
                label=_("%(enterprise)s: action asked") % {"enterprise": name},
                choices=_choices(Action.choices),
                required=False,
                initial=invitation.action,
            )
            self.fields[f"note_{pk}"] = forms.CharField(
                label=_("%(enterprise)s: note") % {"enterprise": name},
                max_length=300,
                required=False,
                initial=invitation.note,
            )

    outcome_help = OUTCOME_HELP

    def rows(self):
        return [
            (
                invitation,
                self[f"attendance_{invitation.pk}"],
                self[f"outcome_{invitation.pk}"],
                self[f"action_{invitation.pk}"],
                self[f"note_{invitation.pk}"],
            )
            for invitation in self.invitations
        ]

    def values(self):
        data = self.cleaned_data
        for invitation in self.invitations:
            pk = invitation.pk
            yield (
                pk,
                {
                    "attendance": data[f"attendance_{pk}"],
                    "outcome": data[f"outcome_{pk}"],
                    "action": data[f"action_{pk}"],
                    "note": data[f"note_{pk}"],
                },
            )


class ProposalForm(MeetingFieldsMixin):
    """Next month's meeting from the proposal: the enterprises ticked, when and where."""

    enterprises = forms.TypedMultipleChoiceField(
        label=pgettext_lazy("proposal", "invite"), coerce=int, required=False
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposal = proposal
        self.fields["enterprises"].choices = [
            (p.enterprise.pk, p.enterprise.name) for p in proposal
        ]
        if not self.is_bound:
            self.initial["enterprises"] = [p.enterprise.pk for p in proposal if p.ticked]

    def ticked(self) -> set[int]:
        if self.is_bound:
            return {int(v) for v in self.data.getlist("enterprises") if v.isdigit()}
        return set(self.initial.get("enterprises", []))
