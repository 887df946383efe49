"""The 统计 / Statistics submenu: our figures and the federations beneath, shown to holders of
compliance.read_statistics only."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from compliance.backoffice.statistics import views
from compliance.backoffice.wages.viewsets import WageHighlightsViewSet


class StatisticsMenuItem(MenuItem):
    def is_shown(self, request):
        return views.may_read_statistics(request.user)


class OwnFiguresViewSet(ViewSet):
    menu_label = _("Our figures")
    icon = "table"
    menu_item_class = StatisticsMenuItem

    def get_urlpatterns(self):
        return [path("", views.own_view, name="index")]


class NetworkFiguresViewSet(ViewSet):
    menu_label = _("Federations beneath")
    icon = "list-ul"
    menu_item_class = StatisticsMenuItem
    url_prefix = "statistics/network"

    def get_urlpatterns(self):
        return [
            path("", views.network_view, name="index"),
            path("<int:pk>/", views.network_view, name="federation"),
        ]


class StatisticsGroup(ViewSetGroup):
    menu_label = _("Statistics")
    menu_icon = "table"
    menu_order = 157
    items = (
        OwnFiguresViewSet("statistics"),
        NetworkFiguresViewSet("statistics_network"),
        WageHighlightsViewSet("statistics_wages"),
    )
