"""Performance checks (履约监督): the list of checks due and overdue, recording, opening a case."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from compliance.backoffice.audits import views
from compliance.backoffice.common import HistoryInspectView, InspectRedirectView, index_view, may
from compliance.models import AuditCheck


class AuditInspectView(HistoryInspectView):
    template_name = "compliance/audit_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = may(self.request.user, "change", AuditCheck)
        return context


class AuditCheckViewSet(ModelViewSet):
    model = AuditCheck
    icon = "tasks"
    menu_label = _("Performance checks")
    add_view_class = InspectRedirectView  # checks schedule themselves
    edit_view_class = InspectRedirectView
    inspect_view_class = AuditInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view(
        AuditCheck.objects.select_related("contract", "contract__enterprise"),
        title_opens_inspect=True,
    )
    list_display = ["contract", "level", "due_on", "status", "total", "passed"]
    list_filter = [
        "status",
        "level",
        "due_on",
        "passed",
        "contract__enterprise__industry",
        "contract__enterprise__region_code",
    ]
    search_fields = ["contract__title", "contract__enterprise__name", "checker"]
    list_export = [
        "contract",
        "level",
        "due_on",
        "status",
        "done_on",
        "checker",
        "score_parties",
        "score_procedure",
        "score_content",
        "score_performance",
        "score_effect",
        "total",
        "passed",
        "findings",
    ]
    inspect_view_fields = [*list_export, "case"]
    form_fields = ["findings"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("record/<int:pk>/", views.record_view, name="record"),
            path("open-case/<int:pk>/", views.open_case_view, name="open_case"),
        ]
