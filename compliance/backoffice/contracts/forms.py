"""The steps of a collective contract: publication, filing, amendment, termination, the annual
performance report (R23, R27, R30, R31); and its clauses, edited on the contract's page."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy

from compliance.backoffice.common import RenewedContractField, change_reason_field, date_field
from compliance.models import Clause, Contract
from compliance.selectors.contracts import renewal_candidates, renewal_proposed


class PublishForm(forms.Form):
    published_on = date_field(gettext_lazy("published to employees on"), initial=timezone.localdate)
    posting_ends_on = date_field(
        gettext_lazy("notice-board posting taken down on"),
        required=False,
        help_text=gettext_lazy(
            "Leave empty while it is still posted; fill it in once it comes down."
        ),
    )
    publish_publicly = forms.BooleanField(
        label=gettext_lazy("publish a notice on the public site"), required=False
    )


class FileForm(forms.Form):
    filed_on = date_field(gettext_lazy("filed with the federation on"), initial=timezone.localdate)
    filed_with_department = forms.BooleanField(
        label=gettext_lazy("filed with the labour administration"), required=False, initial=True
    )


class TerminateForm(forms.Form):
    ended_on = date_field(gettext_lazy("terminated on"), initial=timezone.localdate)
    reason = forms.CharField(label=gettext_lazy("reason for termination"), widget=forms.Textarea)


class AmendForm(forms.Form):
    amended_on = date_field(gettext_lazy("amendment effective on"), initial=timezone.localdate)
    ends_on = date_field(gettext_lazy("term ends"), required=False)
    wage_growth_pct = forms.DecimalField(
        label=gettext_lazy("wage growth (%)"), required=False, max_digits=5, decimal_places=2
    )
    minimum_wage = forms.DecimalField(
        label=gettext_lazy("minimum monthly wage (yuan)"),
        required=False,
        max_digits=8,
        decimal_places=2,
    )
    weekly_hours = forms.DecimalField(
        label=gettext_lazy("weekly working hours"), required=False, max_digits=4, decimal_places=1
    )


class ReportForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("year reported on"), min_value=2000, max_value=2100
    )
    reported_on = date_field(
        gettext_lazy("reported to the workers' congress on"), initial=timezone.localdate
    )


class RenewsForm(forms.Form):
    """The link from a contract to the one it renews, for contracts entered without it."""

    predecessor = RenewedContractField()
    reason = forms.CharField(
        label=gettext_lazy("reason for the change"),
        max_length=200,
        help_text=gettext_lazy("Kept in the contract's history."),
    )

    def __init__(self, *args, contract: Contract, **kwargs):
        super().__init__(*args, **kwargs)
        linked = contract.predecessor_id if contract.relation == Contract.Relation.RENEWAL else None
        field = self.fields["predecessor"]
        field.queryset = renewal_candidates(
            enterprise_id=contract.enterprise_id,
            exclude_id=contract.pk,
            starts_before=contract.starts_on,
            linked_id=linked,
        )
        if linked:
            self.initial.setdefault("predecessor", linked)
        else:
            proposed = renewal_proposed(
                enterprise_id=contract.enterprise_id, kind=contract.kind, exclude_id=contract.pk
            )
            if proposed is not None and proposed.starts_on < contract.starts_on:
                self.initial.setdefault("predecessor", proposed.pk)


class ClauseForm(forms.Form):
    order = forms.IntegerField(label=gettext_lazy("order"), min_value=1)
    topic = forms.ChoiceField(label=gettext_lazy("topic"), choices=Clause.Topic.choices)
    text = forms.CharField(label=gettext_lazy("text"), widget=forms.Textarea(attrs={"rows": 6}))
    is_business_secret = forms.BooleanField(
        label=gettext_lazy("business secret (never published)"), required=False
    )


class ClauseEditForm(ClauseForm):
    """A clause corrected: why goes into its history."""

    change_reason = change_reason_field()
