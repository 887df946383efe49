"""The enterprise ledger (台账): every enterprise the federation answers for, by credit code."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from compliance.backoffice.common import HistoryInspectView, ServiceSaveMixin
from compliance.models import Enterprise
from compliance.services.enterprises import EDITABLE_FIELDS, enterprise_save


class _EnterpriseSaveMixin(ServiceSaveMixin):
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
