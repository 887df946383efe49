"""The monthly bargaining meetings (月例会): the list, each meeting's page with its invited
enterprises and outcomes, and the pages of views.py (forms, proposal, minutes, progress report).
The meeting and its invitations are written through services only: the create and edit forms are
this package's own."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from compliance.backoffice.common import (
    HistoryInspectView,
    InspectRedirectView,
    index_view,
    may,
)
from compliance.backoffice.meetings import views
from compliance.models import MonthlyMeeting
from compliance.models.monthly_meetings import OUTCOME_HELP, Attendance
from compliance.selectors.monthly_meetings import meeting_counts


class MeetingInspectView(HistoryInspectView):
    template_name = "compliance/meetings/meeting_inspect.html"
    inspect_view_fields = ["month", "held_on", "place", "chair", "proposed_from"]

    def get_month_display_value(self):
        return f"{self.object.month:%Y-%m}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context.update(
            invitations=self.object.invitations.select_related("enterprise").order_by(
                "enterprise__name"
            ),
            counts=meeting_counts(meeting=self.object),
            outcome_help=OUTCOME_HELP,
            may_change=may(user, "change", MonthlyMeeting),
        )
        return context


_MEETINGS = MonthlyMeeting.objects.annotate(
    invited=Count("invitations"),
    attended=Count(
        "invitations",
        filter=Q(invitations__attendance__in=(Attendance.CAME, Attendance.DELEGATE)),
    ),
)


class MonthlyMeetingViewSet(ModelViewSet):
    model = MonthlyMeeting
    icon = "date"
    menu_label = _("Monthly meetings")
    inspect_view_class = MeetingInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_view_class = InspectRedirectView
    index_view_class = index_view(_MEETINGS, title_opens_inspect=True)
    form_fields = ["held_on", "place", "chair", "minutes"]
    list_display = [
        Column(
            "month", label=pgettext_lazy("meeting", "month"), accessor=lambda m: f"{m.month:%Y-%m}"
        ),
        "held_on",
        "place",
        "chair",
        Column("invited", label=pgettext_lazy("meeting", "invited")),
        Column("attended", label=_("came or sent someone")),
    ]
    list_filter = ["held_on"]
    search_fields = ["place", "chair", "minutes"]

    def get_urlpatterns(self):
        # The create form is the package's own (it invites enterprises through the service).
        patterns = [p for p in super().get_urlpatterns() if p.name != "add"]
        return [
            *patterns,
            path("new/", views.meeting_add, name="add"),
            path("change/<int:pk>/", views.meeting_edit, name="change"),
            path("invite/<int:pk>/", views.meeting_invite, name="invite"),
            path("outcomes/<int:pk>/", views.meeting_outcomes, name="outcomes"),
            path("proposal/<int:pk>/", views.meeting_proposal_view, name="proposal"),
            path("minutes/<int:pk>/", views.meeting_minutes, name="minutes"),
            path("report/", views.progress_report_view, name="report"),
        ]
