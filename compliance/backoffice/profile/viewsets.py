"""The federation's rule profile (its statutory numbers, from a preset and editable) and the
holiday calendar the deadlines count working days on."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from compliance.backoffice.common import (
    HistoryInspectView,
    ReasonEditView,
    index_view,
    refusing_view,
)
from compliance.backoffice.profile.forms import RuleParameterForm
from compliance.models import CalendarDay, RuleParameter

# The parameters come from the federation's preset and are read by the deadlines and checks: a
# clerk changes a value (with its source note and the legal basis letters print), never adds a
# nameless one or deletes a statutory one.
_FROM_PRESET = _(
    "The rule profile's parameters come from its preset and the deadlines read every one of them: "
    "open a parameter to change its value."
)


class RuleParameterViewSet(ModelViewSet):
    model = RuleParameter
    icon = "cogs"
    menu_label = _("Rule profile")
    add_view_class = refusing_view(generic.CreateView, _FROM_PRESET, "rule_profile:index")
    delete_view_class = refusing_view(generic.DeleteView, _FROM_PRESET, "rule_profile:index")
    edit_view_class = ReasonEditView
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["key", "value", "unit", "basis", "source", "rule", "preset"]
    list_per_page = 50  # the whole profile (33 parameters) on one page
    list_filter = ["preset", "unit"]
    search_fields = ["key", "source", "basis"]
    index_view_class = index_view(RuleParameter.objects.all(), addable=False)

    def get_form_class(self, for_update=False):
        return RuleParameterForm


class CalendarDayViewSet(ModelViewSet):
    model = CalendarDay
    icon = "date"
    menu_label = _("Holiday calendar")
    edit_view_class = ReasonEditView
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    form_fields = ["date", "kind", "name", "covers_year"]
    list_display = ["date", "kind", "name", "covers_year"]
    list_filter = ["kind"]
    search_fields = ["name"]
