"""Bargaining rounds (the offer, then step forms: no free-form edit), offer campaigns and the
instructor registry."""

from __future__ import annotations

import django_filters
from django.db.models import Count
from django.forms import TextInput
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.boolean_radio_select import BooleanRadioSelect

from compliance.backoffice.bargaining import prereview, views
from compliance.backoffice.bargaining.forms import OfferForm
from compliance.backoffice.common import (
    HistoryInspectView,
    InspectRedirectView,
    PortalFilterSet,
    ReasonEditView,
    RegionCodesField,
    ServiceSaveMixin,
    areas_display,
    formfield_with_dates,
    index_view,
    may,
)
from compliance.backoffice.instructors import views as instructor_views
from compliance.backoffice.reminders import reminder_rows
from compliance.models import BargainingRound, Campaign, Instructor, OnlineOffer
from compliance.rules.procedure import ENDED
from compliance.selectors.bargaining import round_history
from compliance.selectors.campaigns import campaign_candidates, campaign_progress
from compliance.selectors.instructors import instructor_target, whole_rounds_q
from compliance.selectors.online_offers import entered_by
from compliance.selectors.periods import round_periods
from compliance.selectors.prereview import package_rows, passed_submission
from compliance.services.bargaining import round_offer


def current_deadline_text(round_, *, today) -> str:
    """ "2026-03-23 应约" for the list, marked overdue once the day has passed; a dash when no
    deadline runs."""
    deadline = round_.current_deadline
    if deadline is None:
        return "—"
    what, day, _rule = deadline
    text = f"{day:%Y-%m-%d} {what}"
    return gettext("%(deadline)s (overdue)") % {"deadline": text} if day < today else text


class RoundInspectView(HistoryInspectView):
    template_name = "compliance/round_inspect.html"
    inspect_view_fields = []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["actions"] = views.allowed_actions(round_=self.object, user=self.request.user)
        context["can_assign"] = self.object.status not in ENDED and may(
            self.request.user, "change", BargainingRound
        )
        context["reminders"] = reminder_rows(self.object.deadline_reminders.all())
        context["periods"] = round_periods(self.object, today=timezone.localdate())
        context["submissions"] = self.object.submissions.order_by("-version")
        passed = passed_submission(self.object)
        context["passed_submission"] = passed
        context["passed_package"] = package_rows(passed) if passed else []
        # Who entered each meeting, vote and document: staff, or the enterprise's users.
        who = entered_by(round_=self.object)
        for key, rows in (
            ("meeting", "meetings"),
            ("vote", "votes"),
            ("document", "documents"),
        ):
            context[rows] = list(getattr(self.object, rows).all())
            for row in context[rows]:
                row.entered_by = who[key].get(row.pk, "")
        context["online_offer"] = OnlineOffer.objects.filter(round=self.object).first()
        return context

    def get_timeline(self):
        return round_history(round_=self.object)


class OfferCreateView(ServiceSaveMixin, generic.CreateView):
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
            on_behalf=data.get("on_behalf") or "",
            on_behalf_reason=data.get("on_behalf_reason") or "",
            on_behalf_note=data.get("on_behalf_note") or "",
            on_behalf_by=data.get("on_behalf_by") or "",
            campaign=data.get("campaign"),
            instructor=data.get("instructor"),
            covered=list(data.get("covered_enterprises") or []),
            user=self.request.user,
        )


class RoundFilterSet(PortalFilterSet):
    """The rounds' filters, with whether the federation acts for the enterprise union (上代下)
    in either way (the offer or the whole round)."""

    acted_for = django_filters.BooleanFilter(
        label=_("federation acts for the enterprise union (上代下)"),
        method="filter_acted_for",
        widget=BooleanRadioSelect,
    )

    def filter_acted_for(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.exclude(on_behalf="") if value else queryset.filter(on_behalf="")


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
    list_display = [
        "enterprise",
        "kind",
        "scope",
        "status",
        "offer_date",
        Column(
            "current_deadline",
            label=_("Deadline of the current step"),
            accessor=lambda r: current_deadline_text(r, today=timezone.localdate()),
        ),
    ]
    list_filter = [
        "status",
        "kind",
        "scope",
        "enterprise__industry",
        "enterprise__region_code",
        "reply_due",
        "offer_date",
        "signed_date",
        "dual_offer",
        "on_behalf",
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
        "on_behalf",
        "on_behalf_reason",
        "on_behalf_note",
        "on_behalf_by",
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

    index_view_class = type(
        "RoundIndexView",
        (
            index_view(
                BargainingRound.objects.select_related("enterprise"), title_opens_inspect=True
            ),
        ),
        {"base_filterset_class": RoundFilterSet},
    )
    edit_view_class = InspectRedirectView

    def get_form_class(self, for_update=False):
        return OfferForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("step/<int:pk>/<slug:action>/", views.round_action, name="step"),
            path("documents/<int:pk>/", views.round_document, name="document"),
            path("disputes/<int:pk>/<slug:action>/", views.dispute_action, name="dispute"),
            # pre-review with feedback and versions (issue 17 item 4)
            path("prereview/<int:pk>/", prereview.prereview, name="prereview"),
            path("prereview/file/<int:pk>/", prereview.prereview_file, name="prereview_file"),
        ]


class CampaignInspectView(HistoryInspectView):
    template_name = "compliance/campaign_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        candidates = campaign_candidates(campaign=self.object, as_of=timezone.localdate())
        context.update(
            progress=campaign_progress(campaign=self.object),
            candidate_count=candidates.count(),
            candidates=list(candidates[:50]),
            can_launch=may(self.request.user, "add", BargainingRound),
        )
        return context


class CampaignViewSet(ModelViewSet):
    model = Campaign
    icon = "mail"
    menu_label = _("Offer campaigns")
    edit_view_class = ReasonEditView
    inspect_view_class = CampaignInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["name", "starts_on", "ends_on", "include_all_unionised"]
    list_display = ["name", "starts_on", "ends_on", "include_all_unionised"]
    search_fields = ["name"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("launch/<int:pk>/", views.campaign_launch_view, name="launch"),
            path("exposure/", views.exposure_list_view, name="exposure"),
        ]


class InstructorIndexView(generic.IndexView):
    """Each instructor with the whole bargaining rounds taken part in this year against the
    profile's yearly target (R54)."""

    def get_base_queryset(self):
        today = timezone.localdate()
        return (
            super()
            .get_base_queryset()
            .annotate(
                whole_rounds=Count(
                    "rounds",
                    filter=whole_rounds_q(year=today.year, up_to=today, prefix="rounds__"),
                )
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The column's label names the profile's target, read once per page.
        for column in context.get("columns", ()):
            if column.name == "whole_rounds":
                column.label = gettext("whole rounds this year (target %(n)s)") % {
                    "n": instructor_target()
                }
        return context


class InstructorInspectView(HistoryInspectView):
    template_name = "compliance/instructors/instructor_inspect.html"

    def get_areas_display_value(self):
        return areas_display(self.object.areas)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            assignments=self.object.assignments.select_related("enterprise").order_by(
                "enterprise__name"
            ),
            may_change=may(self.request.user, "change", Instructor),
            term_ended=bool(self.object.term_ends_on and self.object.term_ends_on < today),
            sheet_url=reverse("instructors:sheet", args=[self.object.pk]),
            recent_visits=self.object.visits.select_related("enterprise")[:10],
        )
        return context


class InstructorForm(WagtailAdminModelForm):
    """The areas typed as codes in one box (the model's validator checks each)."""

    areas = RegionCodesField(
        label=_("areas"),
        required=False,
        help_text=Instructor._meta.get_field("areas").help_text,
        widget=TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class InstructorViewSet(ModelViewSet):
    model = Instructor
    icon = "user"
    menu_label = _("Bargaining instructors")
    edit_view_class = ReasonEditView
    index_view_class = InstructorIndexView
    inspect_view_class = InstructorInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "name",
        "organisation",
        "phone",
        Column("areas", label=_("areas"), accessor=lambda i: areas_display(i.areas)),
        # Words: Wagtail's yes/no icons are titled "True" and "False" (seen in Chromium).
        Column(
            "active",
            label=Instructor._meta.get_field("active").verbose_name,
            accessor=lambda i: gettext("Yes") if i.active else gettext("No"),
        ),
        Column(
            "term_ends_on",
            label=Instructor._meta.get_field("term_ends_on").verbose_name,
            accessor=lambda i: f"{i.term_ends_on:%Y-%m-%d}" if i.term_ends_on else "—",
        ),
        Column("whole_rounds", label=_("whole rounds this year")),
    ]
    list_filter = ["active"]
    search_fields = ["name", "organisation"]
    form_fields = ["name", "organisation", "phone", "user", "areas", "active"]

    def get_form_class(self, for_update=False):
        return type(
            "InstructorForm",
            (InstructorForm,),
            {
                "Meta": type(
                    "Meta",
                    (),
                    {
                        "model": Instructor,
                        "fields": self.form_fields,
                        "formfield_callback": staticmethod(formfield_with_dates),
                    },
                )
            },
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/appoint/", instructor_views.appoint, name="appoint"),
            path("<int:pk>/renew/", instructor_views.renew, name="renew"),
            path("<int:pk>/end/", instructor_views.end, name="end"),
            path("<int:pk>/assign/", instructor_views.assign, name="assign"),
            path("assignments/<int:pk>/remove/", instructor_views.unassign, name="unassign"),
            path("<int:pk>/sheet/", instructor_views.sheet, name="sheet"),
            path("<int:pk>/sheet.xlsx", instructor_views.sheet_xlsx, name="sheet_xlsx"),
            path("<int:pk>/assess/", instructor_views.assess, name="assess"),
        ]
