"""Award eligibility in the admin (一票否决, R37–R40): awards and their criteria, violation
records, eligibility checks (dated snapshots) and the public notices of their shortlists."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from compliance.forms import date_field
from compliance.models import Award, AwardNotice, EligibilityRun, Enterprise, ViolationRecord
from compliance.models.enterprises import USCC_MESSAGES
from compliance.rules.uscc import normalize, uscc_problem
from compliance.run_views import RunInspectView
from compliance.services.awards import award_save, notice_update, violation_save
from compliance.viewsets.common import (
    HistoryInspectView,
    InspectRedirectView,
    _ServiceSaveMixin,
    index_view,
)

# --- Awards ------------------------------------------------------------------------------------


class _AwardSaveMixin(_ServiceSaveMixin):
    reason = ""

    def save_instance(self):
        return award_save(
            award=getattr(self, "object", None),
            data=self.form.cleaned_data,
            user=self.request.user,
            reason=str(self.reason),
        )


class AwardCreateView(_AwardSaveMixin, generic.CreateView):
    reason = _("Entered in the admin")

    def get_success_url(self):
        # A new award needs its criteria next.
        return reverse("awards:criteria", args=[self.object.pk])


class AwardEditView(_AwardSaveMixin, generic.EditView):
    reason = _("Edited in the admin")


class AwardInspectView(HistoryInspectView):
    template_name = "compliance/awards/award_inspect.html"

    def get_context_data(self, **kwargs):
        from compliance.rules.veto import CATALOGUE

        context = super().get_context_data(**kwargs)
        award = self.object
        user = self.request.user
        criteria = list(award.criteria.order_by("pk"))
        context.update(
            criteria=[(c, CATALOGUE[c.code]) for c in criteria],
            runs=list(award.runs.select_related("created_by")[:10]),
            can_change=user.has_perm("compliance.change_award"),
            can_check=user.has_perm("compliance.add_eligibilityrun"),
        )
        return context


class AwardViewSet(ModelViewSet):
    model = Award
    icon = "success"
    menu_label = _("Awards (one-vote veto)")
    add_view_class = AwardCreateView
    edit_view_class = AwardEditView
    inspect_view_class = AwardInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view(Award.objects.all(), title_opens_inspect=True)
    list_display = ["name", "year", "created_at"]
    list_filter = ["year"]
    search_fields = ["name"]
    form_fields = ["name", "year"]
    inspect_view_fields = ["name", "year", "created_at"]

    def get_urlpatterns(self):
        from django.urls import path

        from compliance import award_views as views

        return [
            *super().get_urlpatterns(),
            path("criteria/<int:pk>/", views.criteria_view, name="criteria"),
            path("check/", views.check_view, name="check"),
            path("upload/<int:pk>/", views.upload_view, name="upload"),
            path("nominations-template.xlsx", views.nomination_template, name="template"),
        ]


# --- Violation records -------------------------------------------------------------------------


class ViolationForm(forms.ModelForm):
    """The enterprise is entered by its credit code: a ledger of 100,000 is no dropdown."""

    credit_code = forms.CharField(label=_("enterprise's unified social credit code"), max_length=40)

    class Meta:
        model = ViolationRecord
        fields = ["kind", "occurred_on", "reference", "description", "source"]
        widgets = {"occurred_on": forms.DateInput(attrs={"type": "date"})}

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


class _ViolationSaveMixin(_ServiceSaveMixin):
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


class ViolationEditView(_ViolationSaveMixin, generic.EditView):
    reason = _("Edited in the admin")


class ViolationIndexView(generic.IndexView):
    queryset = ViolationRecord.objects.select_related("enterprise")

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm("compliance.add_violationrecord"):
            buttons.append(
                HeaderButton(
                    _("Import from a spreadsheet"),
                    url=reverse("compliance_import_kind", args=["violations"]),
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


# --- Eligibility checks (runs) ------------------------------------------------------------------


def _refusing(base, message, target: str):
    """A view in place of `base` that explains where the thing is done instead."""

    def dispatch(self, request, *args, **kwargs):
        messages.info(request, message)
        return redirect(reverse(target))

    return type("RefuseView", (base,), {"dispatch": dispatch})


# Checks start from their award; they are dated snapshots, never edited or deleted.
_CHECK_FROM_AWARD = _(
    "Eligibility checks start from an award: open it and check one enterprise or a list."
)


class EligibilityRunViewSet(ModelViewSet):
    model = EligibilityRun
    icon = "tasks"
    menu_label = _("Eligibility checks")
    add_view_class = _refusing(generic.CreateView, _CHECK_FROM_AWARD, "awards:index")
    edit_view_class = InspectRedirectView
    delete_view_class = _refusing(generic.DeleteView, _CHECK_FROM_AWARD, "awards:index")
    inspect_view_class = RunInspectView
    copy_view_enabled = False
    inspect_view_enabled = True
    index_view_class = index_view(
        EligibilityRun.objects.select_related("award", "created_by"), title_opens_inspect=True
    )
    list_display = [
        "award",
        "as_of",
        "status",
        "nominees",
        "eligible",
        "vetoed",
        "needs_review",
        "unmatched",
        "created_at",
    ]
    list_filter = ["award", "status", "as_of"]
    search_fields = ["award__name", "file_name"]
    form_fields = ["as_of"]

    def get_urlpatterns(self):
        from django.urls import path

        from compliance import run_views as views

        return [
            *super().get_urlpatterns(),
            path("workbook/<int:pk>/", views.run_workbook, name="workbook"),
            path("publish/<int:pk>/", views.publish_view, name="publish"),
        ]


# --- Public notices ----------------------------------------------------------------------------


class NoticeForm(forms.ModelForm):
    starts_on = date_field(_("notice from"))
    ends_on = date_field(_("notice until"))

    class Meta:
        model = AwardNotice
        fields = ["title", "starts_on", "ends_on", "body", "contact"]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)


class NoticeEditView(_ServiceSaveMixin, generic.EditView):
    def save_instance(self):
        return notice_update(
            notice_id=self.object.pk, data=self.form.cleaned_data, user=self.request.user
        )


class NoticeInspectView(HistoryInspectView):
    template_name = "compliance/awards/notice_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["public_url"] = reverse("award_notice", args=[self.object.pk])
        context["can_change"] = self.request.user.has_perm("compliance.change_awardnotice")
        return context


# A shortlist is published from its run; a notice is withdrawn, not deleted (its history stays).
_PUBLISH_FROM_RUN = _("A shortlist is published from its eligibility check's page.")


class AwardNoticeViewSet(ModelViewSet):
    model = AwardNotice
    icon = "globe"
    menu_label = _("Award public notices")
    add_view_class = _refusing(generic.CreateView, _PUBLISH_FROM_RUN, "eligibility_checks:index")
    edit_view_class = NoticeEditView
    delete_view_class = _refusing(generic.DeleteView, _PUBLISH_FROM_RUN, "award_notices:index")
    inspect_view_class = NoticeInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view(
        AwardNotice.objects.select_related("run__award"), title_opens_inspect=True
    )
    list_display = ["title", "run", "starts_on", "ends_on", "status"]
    list_filter = ["status", "starts_on"]
    search_fields = ["title"]
    inspect_view_fields = [
        "title",
        "run",
        "status",
        "starts_on",
        "ends_on",
        "body",
        "contact",
        "published_at",
        "published_by",
    ]

    def get_form_class(self, for_update=False):
        return NoticeForm

    def get_urlpatterns(self):
        from django.urls import path

        from compliance import run_views as views

        return [
            *super().get_urlpatterns(),
            path("withdraw/<int:pk>/", views.withdraw_view, name="withdraw"),
        ]
