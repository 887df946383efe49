"""Supervision cases, their letters (一函两书) and the federation's letter templates."""

from __future__ import annotations

from django.db import connection
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.names import person_name
from compliance.backoffice.common import (
    HistoryInspectView,
    InspectRedirectView,
    ReasonEditView,
    ServiceSaveMixin,
    index_view,
    may,
    refusing_view,
)
from compliance.backoffice.supervision import views
from compliance.backoffice.supervision.forms import CaseForm, OutcomeForm
from compliance.models import Letter, LetterKind, LetterTemplate, SupervisionCase
from compliance.rules import escalation
from compliance.rules.letters import letter_kind
from compliance.selectors.supervision import case_history
from compliance.services.supervision import case_open
from compliance.services.supervision.letters import case_facts, federation_level
from compliance.services.supervision.referral import open_referral


class CaseCreateView(ServiceSaveMixin, generic.CreateView):
    def save_instance(self):
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
    """The case on one page: where it came from, its letters, the employer's answers with the
    evidence beside each required action's outcome form, and its whole history."""

    template_name = "compliance/case_inspect.html"

    def get_timeline(self):
        return case_history(case=self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        case = self.object
        level = federation_level()
        letters = list(case.letters.order_by("issued_on", "pk").prefetch_related("items__evidence"))
        today = timezone.localdate()
        for letter in letters:
            letter.timeliness = escalation.reply_timeliness(
                due_on=letter.due_on, replied_on=letter.replied_on, today=today
            )
        can_change = may(self.request.user, "change", SupervisionCase)
        deciding = can_change and case.status == SupervisionCase.Status.OPEN
        context.update(
            letters=letters,
            answers=[
                (
                    letter,
                    [
                        (item, OutcomeForm(auto_id=f"id_item{item.pk}_%s") if deciding else None)
                        for item in letter.items.all()
                    ],
                )
                for letter in letters
            ],
            can_change=can_change,
            kinds=[
                (code, LetterKind(code).label)
                for code in escalation.kinds_offered(
                    federation_level=level, letters=case_facts(case)
                )
            ],
            recommends_upward=level not in escalation.COUNTY_OR_HIGHER,
            has_parent=getattr(connection.tenant, "parent_id", None) is not None,
            referral_sent=case.referred_to if case.referred_to_id else None,
            referral_open=open_referral(case) is not None,
            referral_received=case.referred_from if case.referred_from_id else None,
        )
        referral = context["referral_sent"] or context["referral_received"]
        if referral is not None and referral.letter_kind in LetterKind.values:
            context["referral_letter_kind"] = LetterKind(referral.letter_kind).label
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
        Column(
            "supervisor",
            label=SupervisionCase._meta.get_field("supervisor").verbose_name,
            accessor=lambda case: person_name(case.supervisor),
        ),
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
        return [
            *super().get_urlpatterns(),
            path("issue/<int:pk>/<slug:kind>/", views.letter_issue_view, name="issue"),
            path("item/<int:pk>/", views.item_outcome_view, name="item"),
            path("close/<int:pk>/", views.case_close_view, name="close"),
            path("refer/<int:pk>/", views.case_refer_view, name="refer"),
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
            context["reply_url"] = self.request.build_absolute_uri(
                reverse("letter_reply", args=[token])
            )
        context["items"] = list(self.object.items.prefetch_related("evidence"))
        letter, today = self.object, timezone.localdate()
        context["timeliness"] = escalation.reply_timeliness(
            due_on=letter.due_on, replied_on=letter.replied_on, today=today
        )
        if letter.trigger:
            # The trigger as recorded, beside the opinion letter's facts it rests on (R42).
            opinion = (
                letter.case.letters.filter(kind=escalation.OPINION, issued_on__lte=letter.issued_on)
                .exclude(pk=letter.pk)
                .order_by("issued_on", "pk")
                .last()
            )
            if opinion is not None:
                context["trigger_opinion"] = opinion
                context["trigger_timeliness"] = escalation.reply_timeliness(
                    due_on=opinion.due_on, replied_on=opinion.replied_on, today=letter.issued_on
                )
        # Only a letter sent on to a department (建议书) has a department's result to record.
        context["to_department"] = letter_kind(self.object.kind).to_department
        # A copy received with a referred case is the federation below's record: no steps here.
        context["can_change"] = (
            may(self.request.user, "change", SupervisionCase) and not letter.referred_copy
        )
        return context


# Letters are issued from their case, where the escalation rules apply.
IssueFromCaseView = refusing_view(
    generic.CreateView,
    _("Open or choose a supervision case to issue a letter."),
    "supervision_cases:index",
)


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
        return [
            *super().get_urlpatterns(),
            path("step/<int:pk>/<slug:step>/", views.letter_step_view, name="step"),
            path("document/<int:pk>/<slug:fmt>/", views.letter_document_view, name="document"),
        ]


class LetterTemplateViewSet(ModelViewSet):
    model = LetterTemplate
    icon = "doc-full-inverse"
    menu_label = _("Letter templates")
    edit_view_class = ReasonEditView
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["title", "number_prefix", "body", "closing"]
    list_display = ["kind", "title", "number_prefix"]
