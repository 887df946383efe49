"""The back office inside each federation's Wagtail admin: one viewset per record."""

from __future__ import annotations

from django import forms
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
    Letter,
    LetterKind,
    LetterTemplate,
    RuleParameter,
    SupervisionCase,
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


class _EnterpriseSaveMixin(_ServiceSaveMixin):
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


class EnterpriseEditView(_EnterpriseSaveMixin, generic.EditView):
    reason = _("Edited in the admin")


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
    form_fields = ["credit_code", *EDITABLE_FIELDS]


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
        widgets = {"opened_on": forms.DateInput(attrs={"type": "date"})}

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


class CaseCreateView(_ServiceSaveMixin, generic.CreateView):
    def save_instance(self):
        from compliance.services.supervision import case_open

        data = self.form.cleaned_data
        return case_open(
            title=data["title"],
            source=data["source"],
            opened_on=data["opened_on"],
            enterprise=data.get("enterprise"),
            source_round=data.get("source_round"),
            source_contract=data.get("source_contract"),
            supervisor=data.get("supervisor"),
            summary=data.get("summary", ""),
            user=self.request.user,
        )


class CaseInspectView(HistoryInspectView):
    template_name = "compliance/case_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        context.update(
            letters=list(case.letters.order_by("issued_on", "pk")),
            items=list(case.items.select_related("letter").prefetch_related("evidence")),
            can_change=self.request.user.has_perm("compliance.change_supervisioncase"),
            kinds=LetterKind.choices,
        )
        return context


class SupervisionCaseViewSet(ModelViewSet):
    model = SupervisionCase
    icon = "warning"
    menu_label = _("Supervision cases")
    add_view_class = CaseCreateView
    edit_view_class = InspectRedirectView
    inspect_view_class = CaseInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view(
        SupervisionCase.objects.select_related("enterprise", "supervisor"),
        title_opens_inspect=True,
    )
    list_display = [
        "title",
        "enterprise",
        "source",
        "status",
        "supervisor",
        "opened_on",
        "proposed_next",
    ]
    list_filter = [
        "status",
        "source",
        "supervisor",
        "letters__status",
        "letters__kind",
        "enterprise__region_code",
    ]
    search_fields = ["title", "enterprise__name", "enterprise__credit_code"]
    inspect_view_fields = [
        "title",
        "enterprise",
        "area_wide",
        "source",
        "source_round",
        "source_contract",
        "supervisor",
        "status",
        "opened_on",
        "closed_on",
        "proposed_next",
        "summary",
    ]

    def get_form_class(self, for_update=False):
        return CaseForm

    def get_urlpatterns(self):
        from django.urls import path

        from compliance import supervision_views as views

        return [
            *super().get_urlpatterns(),
            path("issue/<int:pk>/<slug:kind>/", views.letter_issue_view, name="issue"),
            path("item/<int:pk>/", views.item_outcome_view, name="item"),
            path("close/<int:pk>/", views.case_close_view, name="close"),
            path("area-reminder/", views.area_reminder_view, name="area_reminder"),
            path("evidence/<int:pk>/", views.evidence_view, name="evidence"),
            path("ledger.xlsx", views.ledger_export_view, name="ledger"),
        ]


class LetterInspectView(HistoryInspectView):
    template_name = "compliance/letter_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        token = self.request.session.pop(f"reply_token_{self.object.pk}", None)
        if token:
            context["reply_url"] = self.request.build_absolute_uri(f"/reply/{token}/")
        context["items"] = list(self.object.items.prefetch_related("evidence"))
        context["can_change"] = self.request.user.has_perm("compliance.change_supervisioncase")
        return context


class IssueFromCaseView(generic.CreateView):
    """Letters are issued from their case, where the escalation rules apply."""

    def dispatch(self, request, *args, **kwargs):
        from django.contrib import messages
        from django.shortcuts import redirect
        from django.urls import reverse

        messages.info(request, _("Open or choose a supervision case to issue a letter."))
        return redirect(reverse("supervision_cases:index"))


class LetterViewSet(ModelViewSet):
    model = Letter
    icon = "mail"
    menu_label = _("Letters (一函两书)")
    add_view_class = IssueFromCaseView
    edit_view_class = InspectRedirectView
    inspect_view_class = LetterInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view(
        Letter.objects.select_related("case", "case__supervisor"), title_opens_inspect=True
    )
    list_display = ["number", "kind", "addressee", "status", "issued_on", "due_on"]
    list_filter = ["kind", "status", "due_on", "case__supervisor", "delivery_refused"]
    search_fields = ["number", "addressee", "case__title"]
    inspect_view_fields = [
        "number",
        "kind",
        "status",
        "case",
        "addressee",
        "issued_on",
        "due_on",
        "due_rule",
        "facts",
        "legal_basis",
        "required_actions",
        "signer",
        "signer_title",
        "copies_to",
        "trigger",
        "department",
        "department_case_opened_on",
        "department_result",
        "delivery_method",
        "delivered_to",
        "delivered_on",
        "delivery_refused",
        "replied_on",
        "reply_text",
        "reply_link_expires",
    ]
    form_fields = ["addressee"]

    def get_urlpatterns(self):
        from django.urls import path

        from compliance import supervision_views as views

        return [
            *super().get_urlpatterns(),
            path("step/<int:pk>/<slug:step>/", views.letter_step_view, name="step"),
            path("document/<int:pk>/<slug:fmt>/", views.letter_document_view, name="document"),
        ]


class LetterTemplateViewSet(ModelViewSet):
    model = LetterTemplate
    icon = "doc-full-inverse"
    menu_label = _("Letter templates")
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["title", "number_prefix", "body", "closing"]
    list_display = ["kind", "title", "number_prefix"]


class ComplianceGroup(ModelViewSetGroup):
    menu_label = _("Collective bargaining")
    menu_icon = "clipboard-list"
    menu_order = 150
    items = (
        EnterpriseViewSet("enterprises"),
        BargainingRoundViewSet("bargaining_rounds"),
        CampaignViewSet("campaigns"),
        SupervisionCaseViewSet("supervision_cases"),
        LetterViewSet("letters"),
        LetterTemplateViewSet("letter_templates"),
        ContractViewSet("contracts"),
        ClauseViewSet("clauses"),
        InstructorViewSet("instructors"),
        RuleParameterViewSet("rule_profile"),
        CalendarDayViewSet("holiday_calendar"),
    )
