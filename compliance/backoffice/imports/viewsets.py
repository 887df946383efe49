"""Import and export of the ledger: one viewset without a model, for its URLs and menu item."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from compliance.backoffice.imports import views


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(views.kinds_for(request.user))


class ImportViewSet(ViewSet):
    name = "imports"
    url_prefix = "compliance/imports"
    icon = "upload"
    menu_label = _("Import and export")
    menu_item_class = ImportMenuItem

    def get_urlpatterns(self):
        kind = "<slug:kind>"
        return [
            path("", views.imports_index, name="index"),
            path(f"{kind}/", views.import_kind, name="kind"),
            path(f"{kind}/template.xlsx", views.import_template, name="template"),
            path(f"{kind}/export.xlsx", views.import_export, name="export"),
            path("jobs/<int:pk>/", views.import_job, name="job"),
            path("jobs/<int:pk>/errors.xlsx", views.import_job_errors, name="job_errors"),
        ]
