"""Collective contracts (their steps: compliance.backoffice.contracts.views), their clauses and the
federation's model texts (示范文本) the pre-review compares clauses with. Contract saves go through
compliance.services.contracts, which announces every change to the public site."""

from __future__ import annotations

from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import log

from compliance.backoffice.common import (
    ChangeReasonMixin,
    HistoryInspectView,
    ServiceSaveMixin,
    index_view,
    may,
    refusing_view,
)
from compliance.backoffice.contracts import views
from compliance.backoffice.reminders import reminder_rows
from compliance.forms.key_terms import with_key_terms
from compliance.models import (
    BargainingRound,
    Clause,
    Contract,
    ModelClause,
    QualityEvaluation,
    SupervisionCase,
)
from compliance.selectors.contracts import contract_page, contracts_listed, shown_status_label
from compliance.selectors.periods import contract_posting
from compliance.selectors.similarity import contract_similarity
from compliance.selectors.worker_surveys import contract_voice
from compliance.services.contracts import EDITABLE_FIELDS, contract_update
from compliance.services.model_texts import (
    MODEL_CLAUSE_FIELDS,
    model_clause_delete,
    model_clause_save,
)

# The edit form's model fields: the key terms are the codebook's own fields (forms.py).
FORM_FIELDS = tuple(field for field in EDITABLE_FIELDS if field != "key_terms")


class ContractInspectView(HistoryInspectView):
    template_name = "compliance/contract_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            page=contract_page(
                contract_id=self.object.pk, today=timezone.localdate(), request=self.request
            ),
            can_change=may(user, "change", Contract),
            can_start_round=may(user, "add", BargainingRound),
            can_open_case=may(user, "add", SupervisionCase),
            reminders=reminder_rows(self.object.deadline_reminders.all()),
            posting=[
                line for line in [contract_posting(self.object, today=timezone.localdate())] if line
            ],
            similarity=contract_similarity(contract_id=self.object.pk),
            can_read_model_texts=may(user, "view", ModelClause),
            can_evaluate=may(user, "add", QualityEvaluation)
            and self.object.status not in (Contract.Status.DRAFT, Contract.Status.IN_REVIEW),
            voice=contract_voice(contract=self.object),
        )
        return context


# The saves below go through services, so they log Wagtail's actions themselves, as Wagtail's own
# create, edit and delete actions would (the admin's history reports read them).


class ContractEditView(ChangeReasonMixin, ServiceSaveMixin, generic.EditView):
    def save_instance(self):
        contract = contract_update(
            contract_id=self.object.pk,
            data={
                **{field: self.form.cleaned_data[field] for field in FORM_FIELDS},
                "key_terms": self.form.cleaned_key_terms,
            },
            user=self.request.user,
            reason=self.reason,
        )
        log(instance=contract, action="wagtail.edit", user=self.request.user, content_changed=True)
        return contract


class ContractViewSet(ModelViewSet):
    model = Contract
    icon = "doc-full"
    menu_label = _("Contract register")
    edit_view_class = ContractEditView
    inspect_view_class = ContractInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Status, dates of effect, filing and versions change only through the steps.
    form_fields = list(FORM_FIELDS)

    def get_form_class(self, for_update=False):
        # The codebook's variables as fields of their own, not the JSON field.
        return with_key_terms(super().get_form_class(for_update))

    # The status beside the title, so a narrow screen still shows it.
    list_display = [
        "title",
        Column("status", label=_("status"), accessor=shown_status_label, sort_key="status"),
        "enterprise",
        "ends_on",
        "kind",
        "scope",
        "starts_on",
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
    # Current contracts first: a superseded one would otherwise sit beside its amendment, which
    # has the same title.
    index_view_class = index_view(contracts_listed(), addable=False)

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("step/<int:pk>/<slug:step>/", views.contract_step_view, name="step"),
            path("receipt/<int:pk>/", views.contract_receipt_view, name="receipt"),
            path(
                "report/<int:pk>/<slug:which>/", views.contract_report_file_view, name="report_file"
            ),
            path("clauses/<int:pk>/add/", views.clause_add_view, name="clause_add"),
            path("clauses/edit/<int:pk>/", views.clause_edit_view, name="clause_edit"),
            path("clauses/delete/<int:pk>/", views.clause_delete_view, name="clause_delete"),
            path("renew/<int:pk>/", views.contract_renew_view, name="renew"),
            path("open-case/<int:pk>/", views.contract_open_case_view, name="open_case"),
        ]


def _on_contract_page(base, where):
    """A view in place of `base` that goes to the clause's place on its contract's page:
    `where(clause)` is that address."""

    def dispatch(self, request, *args, **kwargs):
        return redirect(
            where(get_object_or_404(Clause.objects.only("pk", "contract"), pk=kwargs["pk"]))
        )

    return type("OnContractPage", (base,), {"dispatch": dispatch})


class ClauseViewSet(ModelViewSet):
    """Every federation's clauses, to search across contracts; each is edited on its contract's
    page."""

    model = Clause
    icon = "list-ol"
    menu_label = _("Contract clauses")
    add_view_class = refusing_view(
        generic.CreateView,
        _("A clause is added on its contract's page: open the contract and choose “Add a clause”."),
        "contracts:index",
    )
    edit_view_class = _on_contract_page(
        generic.EditView, lambda clause: reverse("contracts:clause_edit", args=[clause.pk])
    )
    delete_view_class = _on_contract_page(
        generic.DeleteView,
        lambda clause: (
            reverse("contracts:inspect", args=[clause.contract_id]) + "#contract-clauses"
        ),
    )
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["order", "topic", "text", "is_business_secret"]
    list_display = ["contract", "order", "topic", "is_business_secret"]
    list_filter = ["topic", "is_business_secret"]
    search_fields = ["text", "contract__title"]

    index_view_class = index_view(Clause.objects.select_related("contract"), addable=False)


# --- Model texts (示范文本) ------------------------------------------------------------------


class _ModelClauseSaveMixin(ServiceSaveMixin):
    reason = ""
    logged_action = ""

    def saved_clause(self) -> ModelClause | None:
        return None  # a new one

    def save_instance(self):
        clause = model_clause_save(
            clause=self.saved_clause(),
            data={name: self.form.cleaned_data[name] for name in MODEL_CLAUSE_FIELDS},
            user=self.request.user,
            reason=str(self.reason),
        )
        log(
            instance=clause, action=self.logged_action, user=self.request.user, content_changed=True
        )
        return clause


class ModelClauseCreateView(_ModelClauseSaveMixin, generic.CreateView):
    reason = _("Entered in the admin")
    logged_action = "wagtail.create"


class ModelClauseEditView(ChangeReasonMixin, _ModelClauseSaveMixin, generic.EditView):
    logged_action = "wagtail.edit"

    def saved_clause(self) -> ModelClause | None:
        return self.object


class ModelClauseDeleteView(generic.DeleteView):
    def delete_action(self):
        with transaction.atomic():
            log(instance=self.object, action="wagtail.delete", user=self.request.user)
            model_clause_delete(clause_id=self.object.pk, user=self.request.user)


class ModelClauseViewSet(ModelViewSet):
    """The federation's model texts, one clause per row: the model text of a contract kind is its
    clauses in order. Contracts' pre-review measures what their clauses copy from them."""

    model = ModelClause
    icon = "doc-empty"
    menu_label = _("Model texts")
    add_view_class = ModelClauseCreateView
    edit_view_class = ModelClauseEditView
    delete_view_class = ModelClauseDeleteView
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = list(MODEL_CLAUSE_FIELDS)
    list_display = [
        "__str__",
        Column("text", label=_("text"), accessor=lambda clause: Truncator(clause.text).chars(60)),
    ]
    list_filter = ["kind", "topic"]
    search_fields = ["text"]
    list_per_page = 50
