"""The back office inside each federation's Wagtail admin: one viewset per record."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup

from compliance.forms import OfferForm
from compliance.models import (
    BargainingRound,
    CalendarDay,
    Campaign,
    Clause,
    Contract,
    Enterprise,
    Instructor,
    RuleParameter,
)
from compliance.selectors.history import history_timeline
from compliance.services.bargaining import round_offer
from compliance.services.enterprises import EDITABLE_FIELDS, enterprise_save


class HistoryInspectView(generic.InspectView):
    template_name = "compliance/inspect.html"

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "—"
        if value is True:
            return _("Yes")
        if value is False:
            return _("No")
        return value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = history_timeline(instance=self.object)
        return context


def index_view(queryset, *, title_opens_inspect: bool = False):
    """An index view over `queryset` (e.g. with select_related), so list pages stay flat.

    title_opens_inspect: the title column opens the inspect page, for records whose changes go
    through step forms rather than an edit form.
    """
    attrs = {"queryset": queryset}
    if title_opens_inspect:
        attrs["get_edit_url"] = lambda self, instance: self.get_inspect_url(instance)
    return type("IndexView", (generic.IndexView,), attrs)


class InspectRedirectView(generic.EditView):
    """No free-form editing: status and dates change only through the procedure's steps."""

    def dispatch(self, request, *args, **kwargs):
        from django.shortcuts import redirect
        from django.urls import reverse

        return redirect(reverse(self.inspect_url_name, args=[kwargs["pk"]]))


class _ServiceSaveMixin:
    """Create/edit views whose save goes through a service; its errors return to the form."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)


class EnterpriseCreateView(_ServiceSaveMixin, generic.CreateView):
    def save_instance(self):
        data = {field: self.form.cleaned_data[field] for field in EDITABLE_FIELDS}
        enterprise, _created = enterprise_save(
            credit_code=self.form.cleaned_data["credit_code"],
            data=data,
            user=self.request.user,
            reason=str(_("Entered in the admin")),
        )
        return enterprise


class EnterpriseEditView(_ServiceSaveMixin, generic.EditView):
    def save_instance(self):
        data = {field: self.form.cleaned_data[field] for field in EDITABLE_FIELDS}
        enterprise, _created = enterprise_save(
            credit_code=self.object.credit_code,
            data=data,
            user=self.request.user,
            reason=str(_("Edited in the admin")),
        )
        return enterprise


class EnterpriseViewSet(ModelViewSet):
    model = Enterprise
    icon = "site"
    menu_label = _("Enterprise ledger")
    add_view_class = EnterpriseCreateView
    edit_view_class = EnterpriseEditView
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "name",
        "credit_code",
        "industry",
        "region_code",
        "employees",
        "union_established",
        "is_key",
    ]
    list_filter = ["industry", "ownership", "union_established", "region_code"]
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
    form_fields = [
        "credit_code",
        "name",
        "industry",
        "region_code",
        "ownership",
        "employees",
        "union_established",
        "union_members",
        "fortune500_investor",
        "head_npc_deputy",
        "head_cppcc_member",
        "head_model_worker",
    ]


class InstructorViewSet(ModelViewSet):
    model = Instructor
    icon = "user"
    menu_label = _("Bargaining instructors")
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["name", "organisation", "phone", "active"]
    list_filter = ["active"]
    search_fields = ["name", "organisation"]
    form_fields = ["name", "organisation", "phone", "user", "active"]


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


class ContractViewSet(ModelViewSet):
    model = Contract
    icon = "doc-full"
    menu_label = _("Collective contracts")
    inspect_view_class = HistoryInspectView
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


class ClauseViewSet(ModelViewSet):
    model = Clause
    icon = "list-ol"
    menu_label = _("Contract clauses")
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["contract", "order", "topic", "text", "is_business_secret"]
    list_display = ["contract", "order", "topic", "is_business_secret"]
    list_filter = ["topic", "is_business_secret"]
    search_fields = ["text", "contract__title"]

    index_view_class = index_view(Clause.objects.select_related("contract"))


class RuleParameterViewSet(ModelViewSet):
    model = RuleParameter
    icon = "cogs"
    menu_label = _("Rule profile")
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["value", "unit", "rule", "source"]
    list_display = ["key", "value", "unit", "rule", "source", "preset"]
    list_filter = ["preset", "unit"]
    search_fields = ["key", "source"]


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("Holiday calendar")
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    form_fields = ["date", "kind", "name", "covers_year"]
    list_display = ["date", "kind", "name", "covers_year"]
    list_filter = ["kind"]
    search_fields = ["name"]


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


class ComplianceGroup(ModelViewSetGroup):
    menu_label = _("Collective bargaining")
    menu_icon = "clipboard-list"
    menu_order = 150
    items = (
        EnterpriseViewSet("enterprises"),
        BargainingRoundViewSet("bargaining_rounds"),
        CampaignViewSet("campaigns"),
        ContractViewSet("contracts"),
        ClauseViewSet("clauses"),
        InstructorViewSet("instructors"),
        RuleParameterViewSet("rule_profile"),
        CalendarDayViewSet("holiday_calendar"),
    )
