"""Upward reports (上报): one viewset without a model, for its URLs and its menu item."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from compliance.backoffice.reports import views


class ReportsMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_report(request.user)


class ReportsViewSet(ViewSet):
    name = "upward_reports"
    url_prefix = "compliance/reports"
    icon = "doc-full-inverse"
    menu_label = _("Upward reports")
    menu_item_class = ReportsMenuItem
    add_to_admin_menu = True
    menu_order = 157

    def get_urlpatterns(self):
        return [
            path("", views.reports_index, name="index"),
            path("open/<slug:kind>/<str:period_end>/", views.report_open_view, name="open"),
            path("<int:pk>/", views.report_page, name="report"),
            path("<int:pk>/submit/", views.report_submit_view, name="submit"),
            path("<int:pk>/return/", views.report_return_view, name="return"),
            path("<int:pk>/accept/", views.report_accept_view, name="accept"),
            path("<int:pk>/report.xlsx", views.report_xlsx, name="xlsx"),
            path("received/", views.reports_received, name="received"),
            path("settings/", views.reports_settings, name="settings"),
        ]
