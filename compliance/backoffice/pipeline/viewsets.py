"""The baseline survey and the intents as admin records (list with filters, entry, edit with a
reason, history), and the pipeline's own pages (funnel, stuck lists, forecast)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from compliance.backoffice.common import (
    ChangeReasonMixin,
    HistoryInspectView,
    ServiceSaveMixin,
    may,
)
from compliance.backoffice.pipeline import views
from compliance.backoffice.pipeline.forms import IntentForm, SurveyForm
from compliance.models import BargainingIntent, BaselineSurvey
from compliance.models.pipeline import SurveyReason
from compliance.services.pipeline import intent_save, survey_save


def reasons_display(codes) -> str:
    labels = dict(SurveyReason.choices)
    return "、".join(str(labels.get(code, code)) for code in codes or ())


# --- Baseline survey ---------------------------------------------------------------------------


class _SurveySaveMixin(ServiceSaveMixin):
    reason = ""

    def save_instance(self):
        data = {k: v for k, v in self.form.cleaned_data.items() if k != "credit_code"}
        data.pop("change_reason", None)
        data["enterprise"] = self.form.instance.enterprise
        return survey_save(
            survey=getattr(self, "object", None),
            data=data,
            user=self.request.user,
            reason=str(self.reason),
        )


class SurveyCreateView(_SurveySaveMixin, generic.CreateView):
    reason = _("Entered in the admin")

    def get_initial(self):
        return {"year": timezone.localdate().year, "surveyed_on": timezone.localdate()}


class SurveyEditView(ChangeReasonMixin, _SurveySaveMixin, generic.EditView):
    pass


class SurveyIndexView(generic.IndexView):
    queryset = BaselineSurvey.objects.select_related("enterprise")

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if may(self.request.user, "add", BaselineSurvey):
            buttons.append(
                HeaderButton(
                    _("Import from a spreadsheet"),
                    url=reverse("imports:kind", args=["surveys"]),
                    icon_name="upload",
                )
            )
        buttons.append(
            HeaderButton(_("Funnel"), url=reverse("pipeline:funnel"), icon_name="order-down")
        )
        return buttons


class SurveyInspectView(HistoryInspectView):
    def get_reasons_display_value(self):
        return reasons_display(self.object.reasons) or "—"

    @cached_property
    def header_buttons(self):
        buttons = list(super().header_buttons)  # a copy: Wagtail's may be shared
        intent = BargainingIntent.objects.filter(
            enterprise=self.object.enterprise, year=self.object.year
        ).first()
        if intent is not None:
            buttons.append(
                HeaderButton(
                    _("Intent to bargain"),
                    url=reverse("bargaining_intents:inspect", args=[intent.pk]),
                    icon_name="date",
                )
            )
        elif may(self.request.user, "add", BargainingIntent):
            query = urlencode(
                {"credit_code": self.object.enterprise.credit_code, "year": self.object.year}
            )
            buttons.append(
                HeaderButton(
                    _("Record an intent to bargain"),
                    url=f"{reverse('bargaining_intents:add')}?{query}",
                    icon_name="plus",
                )
            )
        buttons.append(
            HeaderButton(
                _("Enterprise"),
                url=reverse("enterprises:inspect", args=[self.object.enterprise_id]),
                icon_name="site",
            )
        )
        return buttons


class BaselineSurveyViewSet(ModelViewSet):
    model = BaselineSurvey
    icon = "list-ul"
    menu_label = _("Baseline survey")
    add_view_class = SurveyCreateView
    edit_view_class = SurveyEditView
    index_view_class = SurveyIndexView
    inspect_view_class = SurveyInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "enterprise",
        "year",
        "category",
        Column(
            "reasons", label=_("typical reasons"), accessor=lambda s: reasons_display(s.reasons)
        ),
        "surveyed_on",
        "surveyed_by",
    ]
    list_filter = ["year", "category", "enterprise__region_code", "enterprise__industry"]
    search_fields = ["enterprise__name", "enterprise__credit_code", "notes", "surveyed_by"]
    list_export = ["enterprise", "year", "category", "notes", "surveyed_on", "surveyed_by"]
    inspect_view_fields = [
        "enterprise",
        "year",
        "category",
        "reasons",
        "notes",
        "surveyed_on",
        "surveyed_by",
    ]

    def get_form_class(self, for_update=False):
        return SurveyForm


# --- Intents -----------------------------------------------------------------------------------


class _IntentSaveMixin(ServiceSaveMixin):
    reason = ""

    def save_instance(self):
        data = {k: v for k, v in self.form.cleaned_data.items() if k != "credit_code"}
        data.pop("change_reason", None)
        data["enterprise"] = self.form.instance.enterprise
        return intent_save(
            intent=getattr(self, "object", None),
            data=data,
            user=self.request.user,
            reason=str(self.reason),
        )


class IntentCreateView(_IntentSaveMixin, generic.CreateView):
    reason = _("Entered in the admin")

    def get_initial(self):
        # From the survey screen: the enterprise and year come along.
        return {
            "year": self.request.GET.get("year") or timezone.localdate().year,
            "credit_code": self.request.GET.get("credit_code", ""),
        }


class IntentEditView(ChangeReasonMixin, _IntentSaveMixin, generic.EditView):
    pass


class IntentIndexView(generic.IndexView):
    queryset = BargainingIntent.objects.select_related("enterprise")

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(_("Forecast"), url=reverse("pipeline:forecast"), icon_name="date"),
        ]


class IntentInspectView(HistoryInspectView):
    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Enterprise"),
                url=reverse("enterprises:inspect", args=[self.object.enterprise_id]),
                icon_name="site",
            ),
        ]


class BargainingIntentViewSet(ModelViewSet):
    model = BargainingIntent
    icon = "date"
    menu_label = _("Intents to bargain")
    add_view_class = IntentCreateView
    edit_view_class = IntentEditView
    index_view_class = IntentIndexView
    inspect_view_class = IntentInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["enterprise", "year", "planned_month", "kind", "recorded_on"]
    list_filter = ["year", "planned_month", "kind", "enterprise__region_code"]
    search_fields = ["enterprise__name", "enterprise__credit_code", "notes"]
    list_export = ["enterprise", "year", "planned_month", "kind", "notes", "recorded_on"]
    inspect_view_fields = list_export

    def get_form_class(self, for_update=False):
        return IntentForm


# --- Funnel, stuck lists, forecast -------------------------------------------------------------


class PipelineMenuItem(MenuItem):
    def is_shown(self, request):
        return may(request.user, "view", BaselineSurvey)


class PipelineViewSet(ViewSet):
    name = "pipeline"
    url_prefix = "compliance/pipeline"
    icon = "order-down"
    menu_label = _("Funnel")
    menu_item_class = PipelineMenuItem

    def get_urlpatterns(self):
        return [
            path("", views.funnel_view, name="funnel"),
            path("stuck/<slug:stage>/", views.stuck_view, name="stuck"),
            path("forecast/", views.forecast_view, name="forecast"),
            path("forecast.xlsx", views.forecast_xlsx, name="forecast_xlsx"),
        ]
