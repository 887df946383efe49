"""Panels on each federation's admin home: deadlines, supervision figures, statistics."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from wagtail.admin.ui.components import Component

from compliance.backoffice.quality.views import band_rows
from compliance.models import Instructor
from compliance.selectors.dashboard import deadlines, expired_without_successor
from compliance.selectors.instructors import instructors_against_targets
from compliance.selectors.monthly_meetings import on_behalf_this_year, this_months_pipeline
from compliance.selectors.pipeline import funnel
from compliance.selectors.quality import quality_summary
from compliance.selectors.statistics import federation_statistics
from compliance.selectors.supervision import (
    cases_awaiting_decision,
    letter_deadlines,
    supervision_dashboard,
)


class NotificationsPanel(Component):
    """The signed-in person's unread notifications, newest first (the list has them all)."""

    name = "compliance_notifications"
    order = 40
    template_name = "compliance/panels/notifications.html"
    SHOWN = 8

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        unread = user.notifications.filter(read_at__isnull=True).order_by("-created_at", "-pk")
        shown = list(unread[: self.SHOWN + 1])
        return {
            "unread": shown[: self.SHOWN],
            "unread_count": unread.count() if len(shown) > self.SHOWN else len(shown),
        }


class DeadlinesPanel(Component):
    name = "compliance_deadlines"
    order = 50
    template_name = "compliance/panels/deadlines.html"

    def get_context_data(self, parent_context):
        today = timezone.localdate()
        items = deadlines(today=today)
        return {
            "overdue": [i for i in items if i.overdue],
            "due_soon": [i for i in items if not i.overdue],
            "expired": list(expired_without_successor(limit=10)),
            "today": today,
        }


class StatisticsPanel(Component):
    name = "compliance_statistics"
    order = 60
    template_name = "compliance/panels/statistics.html"

    def get_context_data(self, parent_context):
        request = parent_context.get("request")
        user = getattr(request, "user", None)
        return {
            "stats": federation_statistics(as_of=timezone.localdate()),
            # The full pages (any day, period and breakdown, the roll-up) for who may read them.
            "statistics_url": reverse("statistics:index")
            if user is not None and user.has_perm("compliance.read_statistics")
            else "",
        }


class SupervisionPanel(Component):
    name = "compliance_supervision"
    order = 55
    template_name = "compliance/panels/supervision.html"

    def get_context_data(self, parent_context):
        letters = letter_deadlines(today=timezone.localdate())
        return {
            "figures": supervision_dashboard(),
            "letters_overdue": [i for i in letters if i.overdue],
            "letters_due_soon": [i for i in letters if not i.overdue],
            "awaiting_decision": list(cases_awaiting_decision()),
        }


class QualityPanel(Component):
    """This year's quality evaluations: how many passed, the spread, the weakest items."""

    name = "compliance_quality"
    order = 70
    template_name = "compliance/panels/quality.html"

    def get_context_data(self, parent_context):
        year = timezone.localdate().year
        summary = quality_summary(year=year, weakest=3)
        return {"year": year, "summary": summary, "bands": band_rows(summary)}


class PipelinePanel(Component):
    """This month's pipeline (issue 18 item 10): the monthly meeting (or a link to create it),
    its invitations and outcomes so far, offers awaiting a reply, rounds signed this month and
    the rounds the federation acts in for an enterprise union this year, each a link to its list."""

    name = "compliance_pipeline"
    order = 45
    template_name = "compliance/panels/pipeline.html"

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        today = timezone.localdate()
        return {
            "pipeline": this_months_pipeline(today=today),
            "on_behalf_this_year": on_behalf_this_year(today=today),
            "may_add": user.has_perm("compliance.add_monthlymeeting"),
        }


class InstructorTargetsPanel(Component):
    """Each active instructor's whole rounds this year against the yearly target and visits this
    quarter, each a link to the instructor's assessment sheet; the signed-in instructor's own
    page one click away."""

    name = "compliance_instructor_targets"
    order = 65
    template_name = "compliance/panels/instructor_targets.html"

    def get_context_data(self, parent_context):
        request = parent_context.get("request")
        user = getattr(request, "user", None)
        rows = instructors_against_targets(today=timezone.localdate())
        return {
            "rows": rows,
            "target": rows[0].target if rows else None,
            "year": timezone.localdate().year,
            "behind": sum(1 for r in rows if not r.meets_target),
            "my_work_url": reverse("my_work:index")
            if user is not None and Instructor.objects.filter(user=user).exists()
            else "",
        }


class FunnelPanel(Component):
    """This year's bargaining funnel: each stage's count and rate, its stuck list one click away."""

    name = "compliance_funnel"
    order = 58
    template_name = "compliance/panels/funnel.html"

    def get_context_data(self, parent_context):
        result = funnel(year=timezone.localdate().year)
        return {
            "funnel": result,
            "steps": [
                (step, f"{reverse('pipeline:stuck', args=[step.stage])}?year={result.year}")
                for step in result.steps
            ],
            "funnel_url": reverse("pipeline:funnel"),
            "forecast_url": reverse("pipeline:forecast"),
        }
