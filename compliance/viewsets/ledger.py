"""The enterprise ledger, the instructor registry, the rule profile and the holiday calendar."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from compliance.models import CalendarDay, Enterprise, Instructor, RuleParameter
from compliance.services.enterprises import EDITABLE_FIELDS, enterprise_save
from compliance.viewsets.common import HistoryInspectView, _ServiceSaveMixin


class _EnterpriseSaveMixin(_ServiceSaveMixin):
    """Create and edit both go through enterprise_save (idempotent by credit code)."""

    reason = ""

    def save_instance(self):
        data = {field: self.form.cleaned_data[field] for field in EDITABLE_FIELDS}
        code = getattr(self, "object", None) and self.object.credit_code
        enterprise, _created = enterprise_save(
            credit_code=code or self.form.cleaned_data["credit_code"],
            data=data,
            user=self.request.user,
            reason=str(self.reason),
        )
        return enterprise


class EnterpriseCreateView(_EnterpriseSaveMixin, generic.CreateView):
    reason = _("Entered in the admin")


class EnterpriseEditView(_EnterpriseSaveMixin, generic.EditView):
    reason = _("Edited in the admin")


class EnterpriseViewSet(ModelViewSet):
    model = Enterprise
    icon = "site"
    menu_label = _("Enterprise ledger")
    add_view_class = EnterpriseCreateView
    edit_view_class = EnterpriseEditView
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "name",
        "credit_code",
        "industry",
        "region_code",
        "employees",
        "union_established",
        "is_key",
    ]
    list_filter = ["industry", "ownership", "union_established", "region_code"]
    search_fields = ["name", "credit_code"]
    list_export = [
        "credit_code",
        "name",
        "industry",
        "region_code",
        "ownership",
        "employees",
        "union_established",
        "union_members",
    ]
    form_fields = ["credit_code", *EDITABLE_FIELDS]


class InstructorIndexView(generic.IndexView):
    """Each instructor with the whole bargaining rounds taken part in this year (target 4, R54)."""

    def get_base_queryset(self):
        from django.db.models import Count, Q
        from django.utils import timezone

        year = timezone.localdate().year
        return (
            super()
            .get_base_queryset()
            .annotate(
                whole_rounds=Count(
                    "rounds",
                    filter=Q(rounds__status="effective", rounds__effective_date__year=year),
                )
            )
        )


class InstructorViewSet(ModelViewSet):
    model = Instructor
    icon = "user"
    menu_label = _("Bargaining instructors")
    index_view_class = InstructorIndexView
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "name",
        "organisation",
        "phone",
        "active",
        Column("whole_rounds", label=_("whole rounds this year (target 4)")),
    ]
    list_filter = ["active"]
    search_fields = ["name", "organisation"]
    form_fields = ["name", "organisation", "phone", "user", "active"]


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
