"""Performance checks (履约监督): the list of checks due and overdue, recording, opening a case."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from compliance.models import AuditCheck
from compliance.viewsets.common import HistoryInspectView, InspectRedirectView, index_view


class AuditInspectView(HistoryInspectView):
    template_name = "compliance/audit_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_change"] = self.request.user.has_perm("compliance.change_auditcheck")
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
        from django.urls import path

        from compliance import audit_views

        return [
            *super().get_urlpatterns(),
            path("record/<int:pk>/", audit_views.record_view, name="record"),
            path("open-case/<int:pk>/", audit_views.open_case_view, name="open_case"),
        ]
