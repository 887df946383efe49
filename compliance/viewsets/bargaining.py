"""Bargaining rounds (step forms, no free-form edit), campaigns, contracts and clauses."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from compliance.forms import OfferForm
from compliance.models import BargainingRound, Campaign, Clause, Contract
from compliance.services.bargaining import round_offer
from compliance.viewsets.common import (
    HistoryInspectView,
    InspectRedirectView,
    _ServiceSaveMixin,
    index_view,
)


class RoundInspectView(HistoryInspectView):
    template_name = "compliance/round_inspect.html"
    inspect_view_fields = []

    def get_context_data(self, **kwargs):
        from compliance.views import allowed_actions

        context = super().get_context_data(**kwargs)
        context["actions"] = allowed_actions(round_=self.object, user=self.request.user)
        return context


class OfferCreateView(_ServiceSaveMixin, generic.CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return round_offer(
            enterprise=data["enterprise"],
            offered_by=data["offered_by"],
            offer_date=data["offer_date"],
            received_date=data.get("offer_received_date"),
            kind=data["kind"],
            scope=data["scope"],
            dual_offer=data["dual_offer"],
            campaign=data.get("campaign"),
            instructor=data.get("instructor"),
            covered=list(data.get("covered_enterprises") or []),
            user=self.request.user,
        )

    def get_success_url(self):
        return (
            self.get_inspect_url()
            if hasattr(self, "get_inspect_url")
            else super().get_success_url()
        )


class BargainingRoundViewSet(ModelViewSet):
    model = BargainingRound
    name = "bargaining_rounds"
    icon = "group"
    menu_label = _("Bargaining rounds")
    add_view_class = OfferCreateView
    inspect_view_class = RoundInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = OfferForm._meta.fields
    list_display = ["enterprise", "kind", "scope", "status", "offer_date", "reply_due"]
    list_filter = [
        "status",
        "kind",
        "scope",
        "enterprise__industry",
        "enterprise__region_code",
        "reply_due",
        "dual_offer",
        "campaign",
    ]
    search_fields = ["enterprise__name", "enterprise__credit_code"]
    inspect_view_fields = [
        "enterprise",
        "status",
        "kind",
        "scope",
        "offered_by",
        "dual_offer",
        "offer_date",
        "offer_received_date",
        "reply_date",
        "campaign",
        "instructor",
        "signed_date",
        "employee_chief",
        "employer_chief",
        "submitted_date",
        "received_date",
    ]

    index_view_class = index_view(
        BargainingRound.objects.select_related("enterprise"), title_opens_inspect=True
    )
    edit_view_class = InspectRedirectView

    def get_form_class(self, for_update=False):
        return OfferForm


class ContractInspectView(HistoryInspectView):
    template_name = "compliance/contract_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.request.user.has_perm("compliance.change_contract")
        return context


def _notice_sync(contract: Contract) -> None:
    """Admin edits (publication choice, title, clauses, secrets) reach the public notice."""
    from cms_pages.services.notices import notice_sync

    notice_sync(contract=contract)


class _NoticeSyncSave:
    def save_instance(self):
        instance = super().save_instance()
        _notice_sync(instance if isinstance(instance, Contract) else instance.contract)
        return instance


class _NoticeSyncDelete:
    def delete_action(self):
        contract = self.object.contract
        super().delete_action()
        _notice_sync(contract)


class ContractViewSet(ModelViewSet):
    model = Contract
    icon = "doc-full"
    menu_label = _("Collective contracts")
    edit_view_class = type("EditView", (_NoticeSyncSave, generic.EditView), {})
    inspect_view_class = ContractInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Status, dates of effect, filing and versions change only through services.
    form_fields = [
        "title",
        "covered_employees",
        "wage_growth_pct",
        "minimum_wage",
        "weekly_hours",
        "publish_publicly",
    ]
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

    index_view_class = index_view(Contract.objects.select_related("enterprise"))

    def get_add_url(self):  # contracts come from rounds or the ledger import, never blank forms
        return None

    def get_urlpatterns(self):
        from django.urls import path

        from compliance.contract_views import contract_step_view

        return [
            *super().get_urlpatterns(),
            path("step/<int:pk>/<slug:step>/", contract_step_view, name="step"),
        ]


class ClauseViewSet(ModelViewSet):
    model = Clause
    icon = "list-ol"
    menu_label = _("Contract clauses")
    add_view_class = type("CreateView", (_NoticeSyncSave, generic.CreateView), {})
    edit_view_class = type("EditView", (_NoticeSyncSave, generic.EditView), {})
    delete_view_class = type("DeleteView", (_NoticeSyncDelete, generic.DeleteView), {})
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["contract", "order", "topic", "text", "is_business_secret"]
    list_display = ["contract", "order", "topic", "is_business_secret"]
    list_filter = ["topic", "is_business_secret"]
    search_fields = ["text", "contract__title"]

    index_view_class = index_view(Clause.objects.select_related("contract"))


class CampaignInspectView(HistoryInspectView):
    template_name = "compliance/campaign_inspect.html"

    def get_context_data(self, **kwargs):
        from django.utils import timezone

        from compliance.selectors.campaigns import campaign_candidates, campaign_progress

        context = super().get_context_data(**kwargs)
        candidates = campaign_candidates(campaign=self.object, as_of=timezone.localdate())
        context.update(
            progress=campaign_progress(campaign=self.object),
            candidate_count=candidates.count(),
            candidates=list(candidates[:50]),
            can_launch=self.request.user.has_perm("compliance.add_bargaininground"),
        )
        return context


class CampaignViewSet(ModelViewSet):
    model = Campaign
    icon = "mail"
    menu_label = _("Offer campaigns")
    inspect_view_class = CampaignInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["name", "starts_on", "ends_on", "include_all_unionised"]
    list_display = ["name", "starts_on", "ends_on", "include_all_unionised"]
    search_fields = ["name"]

    def get_urlpatterns(self):
        from django.urls import path

        from compliance import views

        return [
            *super().get_urlpatterns(),
            path("launch/<int:pk>/", views.campaign_launch_view, name="launch"),
            path("exposure/", views.exposure_list_view, name="exposure"),
        ]
