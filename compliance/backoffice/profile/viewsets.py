"""The federation's rule profile (its statutory numbers, from a preset and editable) and the
holiday calendar the deadlines count working days on."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from compliance.backoffice.common import HistoryInspectView
from compliance.models import CalendarDay, RuleParameter


class RuleParameterViewSet(ModelViewSet):
    model = RuleParameter
    icon = "cogs"
    menu_label = _("Rule profile")
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["value", "unit", "rule", "source"]
    list_display = ["key", "value", "unit", "rule", "source", "preset"]
    list_filter = ["preset", "unit"]
    search_fields = ["key", "source"]


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("Holiday calendar")
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    form_fields = ["date", "kind", "name", "covers_year"]
    list_display = ["date", "kind", "name", "covers_year"]
    list_filter = ["kind"]
    search_fields = ["name"]
