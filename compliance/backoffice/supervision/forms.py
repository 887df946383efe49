"""The forms of supervision (一函两书): issuing a letter, its delivery, the employer's reply, an
item's outcome, the department's result, closing a case, an area-wide reminder."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy

from compliance.backoffice.common import DateInput, date_field
from compliance.models import (
    BargainingRound,
    Contract,
    Enterprise,
    Letter,
    RectificationItem,
    SupervisionCase,
)
from compliance.rules.letters import letter_kind
from compliance.services.supervision import legal_basis_clean
from tenants.roles import ROLE_BY_KEY


class CaseForm(forms.ModelForm):
    class Meta:
        model = SupervisionCase
        fields = [
            "title",
            "enterprise",
            "source",
            "source_round",
            "source_contract",
            "supervisor",
            "opened_on",
            "summary",
        ]
        widgets = {"opened_on": DateInput()}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["source"].choices = [
            c for c in SupervisionCase.Source.choices if c[0] != "area_wide"
        ]
        self.fields["source_round"].queryset = BargainingRound.objects.filter(
            status__in=("refused", "no_reply")
        ).select_related("enterprise")
        self.fields["source_contract"].queryset = Contract.objects.filter(
            status="expired"
        ).select_related("enterprise")
        # Cases are worked by the federation's labour-law supervisors, not by its committee or
        # administrator accounts.
        self.fields["supervisor"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name=ROLE_BY_KEY["supervisor"].name)
            .order_by("last_name", "first_name", "username")
        )


class LegalBasisMixin:
    """The legal basis as a letter prints it: a trailing 。 or ； dropped, no rule number."""

    def clean_legal_basis(self):
        return legal_basis_clean(self.cleaned_data["legal_basis"])


class LetterForm(LegalBasisMixin, forms.Form):
    issued_on = date_field(gettext_lazy("issued on"), initial=timezone.localdate)
    addressee = forms.CharField(
        label=gettext_lazy("addressee"),
        required=False,
        help_text=gettext_lazy("Defaults to the enterprise's name."),
    )
    facts = forms.CharField(label=gettext_lazy("facts found"), widget=forms.Textarea)
    legal_basis = forms.CharField(
        label=gettext_lazy("legal basis"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "The law and article, e.g. 《集体合同规定》第三十二条, without a full stop: the "
            "letter reads “根据……的有关规定”."
        ),
    )
    actions = forms.CharField(
        label=gettext_lazy("required actions"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=gettext_lazy("One per line; each becomes a rectification item."),
    )
    due_on = date_field(
        gettext_lazy("deadline"),
        required=False,
        help_text=gettext_lazy("Leave empty to use the rule profile's deadline."),
    )
    signer = forms.CharField(label=gettext_lazy("signed by"), required=False)
    signer_title = forms.ChoiceField(
        label=gettext_lazy("signer's title"),
        required=False,
        choices=[("", "—"), ("主席", "主席"), ("副主席", "副主席")],
    )
    copies_to = forms.CharField(label=gettext_lazy("copies to"), required=False)
    trigger = forms.ChoiceField(
        label=gettext_lazy("trigger (recommendation letters)"),
        required=False,
        choices=[("", "—"), *Letter.Trigger.choices],
    )
    department = forms.CharField(label=gettext_lazy("receiving department"), required=False)

    def __init__(self, *args, kind: str, **kwargs):
        super().__init__(*args, **kwargs)
        if not letter_kind(kind).to_department:
            # Only a letter sent on to a department (建议书) has a trigger and a department.
            del self.fields["trigger"]
            del self.fields["department"]


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(
        label=gettext_lazy("delivery method"), choices=Letter.Delivery.choices
    )
    delivered_on = date_field(gettext_lazy("delivered on"), initial=timezone.localdate)
    delivered_to = forms.CharField(label=gettext_lazy("received by"), required=False)
    refused = forms.BooleanField(
        label=gettext_lazy("the employer refused to accept it"), required=False
    )


class ReplyRecordForm(forms.Form):
    replied_on = date_field(gettext_lazy("replied on"), initial=timezone.localdate)
    text = forms.CharField(label=gettext_lazy("employer's reply"), widget=forms.Textarea)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("outcome"),
        # No choice made in advance: an outcome is recorded only when the supervisor picks one.
        choices=[
            ("", "—"),
            *(c for c in RectificationItem.Outcome.choices if c[0] != "pending"),
        ],
    )
    note = forms.CharField(
        label=gettext_lazy("verification note"), widget=forms.Textarea(attrs={"rows": 3})
    )
    good_reason = forms.BooleanField(
        label=gettext_lazy("good reason for not rectifying"), required=False
    )
    decided_on = date_field(gettext_lazy("decided on"), initial=timezone.localdate)


class DepartmentForm(forms.Form):
    case_opened_on = date_field(gettext_lazy("department opened a case on"), required=False)
    result = forms.CharField(
        label=gettext_lazy("department's handling result"), widget=forms.Textarea
    )


class CloseForm(forms.Form):
    closed_on = date_field(gettext_lazy("closed on"), initial=timezone.localdate)


class AreaReminderForm(LegalBasisMixin, forms.Form):
    title = forms.CharField(label=gettext_lazy("title"))
    enterprises = forms.ModelMultipleChoiceField(
        label=gettext_lazy("addressed enterprises"), queryset=Enterprise.objects.none()
    )
    addressee = forms.CharField(
        label=gettext_lazy("addressee"), initial=gettext_lazy("All employers in the area")
    )
    issued_on = date_field(gettext_lazy("issued on"), initial=timezone.localdate)
    facts = forms.CharField(label=gettext_lazy("facts found"), widget=forms.Textarea)
    legal_basis = forms.CharField(
        label=gettext_lazy("legal basis"), widget=forms.Textarea(attrs={"rows": 3})
    )
    actions = forms.CharField(
        label=gettext_lazy("required actions"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprises"].queryset = Enterprise.objects.order_by("name")


class ReferForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("reason for the referral"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy(
            "What the federation above is asked to do and why, e.g. a recommendation letter "
            "this federation may not issue. The federation above receives a copy of the case "
            "file: its letters, replies, required actions and evidence."
        ),
    )
