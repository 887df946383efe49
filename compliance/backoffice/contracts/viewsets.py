"""Collective contracts (their steps: compliance.backoffice.contracts.views) and their clauses.
Saves go through compliance.services.contracts, which announces every change to the public site."""

from __future__ import annotations

from django.db import transaction
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from compliance.backoffice.common import (
    HistoryInspectView,
    ServiceSaveMixin,
    index_view,
    may,
    refusing_view,
)
from compliance.backoffice.contracts.views import contract_step_view
from compliance.models import Clause, Contract
from compliance.services.contracts import (
    CLAUSE_FIELDS,
    EDITABLE_FIELDS,
    clause_delete,
    clause_save,
    contract_update,
)


class ContractInspectView(HistoryInspectView):
    template_name = "compliance/contract_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = may(self.request.user, "change", Contract)
        return context


# The saves below go through services, so they log Wagtail's actions themselves, as Wagtail's own
# create, edit and delete actions would (the admin's history reports read them).


class ContractEditView(ServiceSaveMixin, generic.EditView):
    def save_instance(self):
        contract = contract_update(
            contract_id=self.object.pk,
            data={field: self.form.cleaned_data[field] for field in EDITABLE_FIELDS},
            user=self.request.user,
            reason=str(_("Edited in the admin")),
        )
        log(instance=contract, action="wagtail.edit", user=self.request.user, content_changed=True)
        return contract


class ContractViewSet(ModelViewSet):
    model = Contract
    icon = "doc-full"
    menu_label = _("Collective contracts")
    edit_view_class = ContractEditView
    inspect_view_class = ContractInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Status, dates of effect, filing and versions change only through the steps.
    form_fields = list(EDITABLE_FIELDS)
    list_display = [
        "title",
        "enterprise",
        "kind",
        "scope",
        "status",
        "starts_on",
        "ends_on",
        "filing_number",
    ]
    list_filter = [
        "status",
        "kind",
        "scope",
        "enterprise__industry",
        "enterprise__region_code",
        "ends_on",
    ]
    search_fields = ["title", "enterprise__name", "filing_number"]

    # Contracts come from a round's signatures or the ledger import, never from a blank form.
    add_view_class = refusing_view(
        generic.CreateView,
        _("A contract is entered by signing it in its bargaining round, or by the ledger import."),
        "contracts:index",
    )
    index_view_class = index_view(Contract.objects.select_related("enterprise"), addable=False)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("step/<int:pk>/<slug:step>/", contract_step_view, name="step"),
        ]


class _ClauseSaveMixin(ServiceSaveMixin):
    reason = ""
    log_action = ""  # not `action`: Wagtail's views use that name for their own

    def save_instance(self):
        clause = clause_save(
            clause=getattr(self, "object", None),
            data={field: self.form.cleaned_data[field] for field in CLAUSE_FIELDS},
            user=self.request.user,
            reason=str(self.reason),
        )
        log(instance=clause, action=self.log_action, user=self.request.user, content_changed=True)
        return clause


class ClauseCreateView(_ClauseSaveMixin, generic.CreateView):
    reason = _("Entered in the admin")
    log_action = "wagtail.create"


class ClauseEditView(_ClauseSaveMixin, generic.EditView):
    reason = _("Edited in the admin")
    log_action = "wagtail.edit"


class ClauseDeleteView(generic.DeleteView):
    def delete_action(self):
        with transaction.atomic():
            log(instance=self.object, action="wagtail.delete", user=self.request.user)
            clause_delete(clause_id=self.object.pk, user=self.request.user)


class ClauseViewSet(ModelViewSet):
    model = Clause
    icon = "list-ol"
    menu_label = _("Contract clauses")
    add_view_class = ClauseCreateView
    edit_view_class = ClauseEditView
    delete_view_class = ClauseDeleteView
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = list(CLAUSE_FIELDS)
    list_display = ["contract", "order", "topic", "is_business_secret"]
    list_filter = ["topic", "is_business_secret"]
    search_fields = ["text", "contract__title"]

    index_view_class = index_view(Clause.objects.select_related("contract"))
