"""Targets: one viewset without a model, for its URLs and its own menu item (the statistics menu
is built elsewhere; this stays self-contained)."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSet

from compliance.backoffice.targets import views


class TargetsViewSet(ViewSet):
    name = "targets"
    url_prefix = "targets"
    icon = "pick"
    menu_label = _("Targets")
    menu_order = 157
    add_to_admin_menu = True

    def get_urlpatterns(self):
        return [
            path("", views.targets_index, name="index"),
            path("set/", views.targets_edit, name="edit"),
            path("beneath/", views.targets_children, name="children"),
        ]
