"""The enterprise ledger (台账): every enterprise the federation answers for, by credit code."""

from __future__ import annotations

from django import forms
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from compliance.backoffice.bargaining.views import allowed_actions
from compliance.backoffice.common import (
    ChangeReasonMixin,
    HistoryInspectView,
    ServiceSaveMixin,
    formfield_with_dates,
    index_view,
    may,
    region_choices,
    region_display,
)
from compliance.backoffice.ledger import accounts as account_views
from compliance.models import (
    AuditCheck,
    BargainingRound,
    Contract,
    EligibilityRun,
    Enterprise,
    Letter,
    SupervisionCase,
    ViolationRecord,
)
from compliance.rules.uscc import normalize
from compliance.selectors.contracts import renewal_startable, shown_status_label
from compliance.selectors.enterprise_accounts import enterprise_accounts
from compliance.selectors.enterprises import enterprise_records
from compliance.services.enterprises import EDITABLE_FIELDS, enterprise_save


class EnterpriseForm(WagtailAdminModelForm):
    """The credit code as people type it (lower case, spaces between groups) is accepted, and a
    code already in the ledger names the enterprise that holds it."""

    credit_code = forms.CharField(label=_("Unified social credit code"), max_length=40)

    def clean_credit_code(self):
        code = normalize(self.cleaned_data["credit_code"])
        holder = Enterprise.objects.filter(credit_code=code).exclude(pk=self.instance.pk).first()
        if holder is not None:
            raise forms.ValidationError(
                _("This credit code is already in the ledger, as %(name)s.") % {"name": holder.name}
            )
        return code

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("region_code")
        choices = region_choices(self.instance.region_code or "")
        if field is not None and choices:
            # A chooser of the federation's regions by name instead of a bare six-digit code.
            self.fields["region_code"] = forms.ChoiceField(
                label=field.label,
                choices=[("", _("Choose a region")), *choices],
                help_text=field.help_text,
            )


class _EnterpriseSaveMixin(ServiceSaveMixin):
    """Create and edit both go through enterprise_save (idempotent by credit code)."""

    reason = ""

    def save_instance(self):
        data = {field: self.form.cleaned_data[field] for field in EDITABLE_FIELDS}
        code = getattr(self, "object", None) and self.object.credit_code
        enterprise, _created = enterprise_save(
            credit_code=code or self.form.cleaned_data["credit_code"],
            data=data,
            user=self.request.user,
            reason=str(self.reason),
        )
        return enterprise


class EnterpriseCreateView(_EnterpriseSaveMixin, generic.CreateView):
    reason = _("Entered in the admin")


class EnterpriseEditView(ChangeReasonMixin, _EnterpriseSaveMixin, generic.EditView):
    pass


class EnterpriseInspectView(HistoryInspectView):
    """The enterprise with everything it touches: each record a link, with what it waits for."""

    template_name = "compliance/enterprise_inspect.html"

    def get_region_code_display_value(self):
        code = self.object.region_code
        name = region_display(code)
        return code if name == code else f"{name}（{code}）"

    def get_workers_congress_display_value(self):
        value = self.object.workers_congress
        if value is None:
            return _("Not recorded (the award veto looks for a congress vote in its rounds)")
        return _("Yes") if value else _("No")

    def get_above_designated_size_display_value(self):
        value = self.object.above_designated_size
        if value is None:
            return _("Not known")
        return _("Yes") if value else _("No")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, today = self.request.user, timezone.localdate()
        records = enterprise_records(enterprise=self.object)
        for round_ in records.rounds:
            round_.next_action = next(iter(allowed_actions(round_=round_, user=user)), None)
        for contract in records.contracts:
            contract.status_label = shown_status_label(contract)
            contract.renewal_startable = renewal_startable(contract, today=today)
        context.update(
            records=records,
            today=today,
            can_view={
                model._meta.model_name: may(user, "view", model)
                for model in (
                    BargainingRound,
                    Contract,
                    SupervisionCase,
                    Letter,
                    AuditCheck,
                    ViolationRecord,
                    EligibilityRun,
                )
            },
            can_start_round=may(user, "add", BargainingRound),
            can_record_check=may(user, "change", AuditCheck),
            enterprise_side=enterprise_accounts(enterprise=self.object),
            can_invite=may(user, "change", Enterprise),
            invite_form=account_views.InviteForm(),
        )
        return context


class EnterpriseViewSet(ModelViewSet):
    model = Enterprise
    icon = "site"
    menu_label = _("Enterprise ledger")
    add_view_class = EnterpriseCreateView
    edit_view_class = EnterpriseEditView
    inspect_view_class = EnterpriseInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view(Enterprise.objects.all())
    list_display = [
        "name",
        "credit_code",
        "industry",
        Column(
            "region_code",
            label=_("region"),
            accessor=lambda enterprise: region_display(enterprise.region_code),
        ),
        "employees",
        "union_established",
        BooleanColumn("is_key", label=_("key enterprise")),
    ]
    list_filter = [
        "industry",
        "ownership",
        "union_established",
        "workers_congress",
        "above_designated_size",
        "region_code",
    ]
    search_fields = ["name", "credit_code"]
    list_export = [
        "credit_code",
        "name",
        "industry",
        "region_code",
        "ownership",
        "employees",
        "union_established",
        "union_members",
    ]
    form_fields = ["credit_code", *EDITABLE_FIELDS]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("invite/<int:pk>/", account_views.invite, name="invite"),
            path("invitations/revoke/<int:pk>/", account_views.revoke, name="revoke_invitation"),
            path("corrections/", account_views.corrections, name="corrections"),
            path("corrections/<int:pk>/", account_views.correction, name="correction"),
        ]

    def get_form_class(self, for_update=False):
        return type(
            "EnterpriseForm",
            (EnterpriseForm,),
            {
                "Meta": type(
                    "Meta",
                    (),
                    {
                        "model": Enterprise,
                        "fields": self.form_fields,
                        # Dates with the browser's picker, as the other back-office forms.
                        "formfield_callback": staticmethod(formfield_with_dates),
                    },
                )
            },
        )
