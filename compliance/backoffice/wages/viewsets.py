"""Wage highlights: a viewset without a model, shown in the 统计 / Statistics submenu."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet

from compliance.backoffice.wages import views


class WageMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_read_statistics(request.user)


class WageHighlightsViewSet(ViewSet):
    menu_label = _("Wage highlights")
    icon = "doc-full"
    menu_item_class = WageMenuItem
    url_prefix = "statistics/wages"

    def get_urlpatterns(self):
        return [
            path("", views.wages_index, name="index"),
            path("generate/", views.wages_generate, name="generate"),
        ]
