"""Violation records (wage arrears, unpaid social insurance, accidents …) that the veto criteria
read: entered one by one here, or imported from a spreadsheet (compliance.backoffice.imports)."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from compliance.backoffice.common import (
    ChangeReasonMixin,
    DateInput,
    HistoryInspectView,
    ServiceSaveMixin,
    may,
)
from compliance.models import Enterprise, ViolationRecord
from compliance.models.enterprises import USCC_MESSAGES
from compliance.rules.uscc import normalize, uscc_problem
from compliance.services.awards import violation_save


class ViolationForm(forms.ModelForm):
    """The enterprise is entered by its credit code: a ledger of 100,000 is no dropdown."""

    # Capitalised like the model's labels, which Wagtail capitalises (not this form's own field).
    credit_code = forms.CharField(
        label=capfirst(_("enterprise's unified social credit code")), max_length=40
    )

    class Meta:
        model = ViolationRecord
        fields = ["kind", "occurred_on", "reference", "description", "source"]
        widgets = {"occurred_on": DateInput()}

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["credit_code"].initial = self.instance.enterprise.credit_code
        self.order_fields(["credit_code", "kind", "occurred_on", "reference"])

    def clean_credit_code(self):
        code = normalize(self.cleaned_data["credit_code"])
        problem = uscc_problem(code)
        if problem:
            raise forms.ValidationError(USCC_MESSAGES[problem])
        enterprise = Enterprise.objects.filter(credit_code=code).first()
        if enterprise is None:
            raise forms.ValidationError(
                _("No enterprise with this credit code is in the ledger: add it first.")
            )
        self.instance.enterprise = enterprise
        return code


class _ViolationSaveMixin(ServiceSaveMixin):
    reason = ""

    def save_instance(self):
        data = {k: v for k, v in self.form.cleaned_data.items() if k != "credit_code"}
        data["enterprise"] = self.form.instance.enterprise
        return violation_save(
            record=getattr(self, "object", None),
            data=data,
            user=self.request.user,
            reason=str(self.reason),
        )


class ViolationCreateView(_ViolationSaveMixin, generic.CreateView):
    reason = _("Entered in the admin")


class ViolationEditView(ChangeReasonMixin, _ViolationSaveMixin, generic.EditView):
    pass


class ViolationIndexView(generic.IndexView):
    queryset = ViolationRecord.objects.select_related("enterprise")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if may(self.request.user, "add", ViolationRecord):
            buttons.append(
                HeaderButton(
                    _("Import from a spreadsheet"),
                    url=reverse("imports:kind", args=["violations"]),
                    icon_name="upload",
                )
            )
        return buttons


class ViolationRecordViewSet(ModelViewSet):
    model = ViolationRecord
    icon = "warning"
    menu_label = _("Violation records")
    add_view_class = ViolationCreateView
    edit_view_class = ViolationEditView
    index_view_class = ViolationIndexView
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["enterprise", "kind", "occurred_on", "reference", "source"]
    list_filter = ["kind", "occurred_on", "enterprise__region_code", "enterprise__industry"]
    search_fields = [
        "enterprise__name",
        "enterprise__credit_code",
        "reference",
        "description",
        "source",
    ]
    list_export = ["enterprise", "kind", "occurred_on", "reference", "description", "source"]
    inspect_view_fields = list_export

    def get_form_class(self, for_update=False):
        return ViolationForm
