"""Quality evaluations (集体协商质效评估): the list, each evaluation's page with its items, and the
steps and summary of views.py."""

from __future__ import annotations

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton

from compliance.backoffice.audits.forms import DIMENSION_LABELS
from compliance.backoffice.common import (
    HistoryInspectView,
    InspectRedirectView,
    index_view,
    may,
)
from compliance.backoffice.quality import views
from compliance.models import QualityEvaluation
from compliance.rules.audits import DIMENSIONS
from compliance.rules.quality import BANDS, ITEM_BY_KEY
from compliance.selectors.quality import evaluation_history, evaluation_items

_BAND_LOWEST = [lowest for lowest, _label in BANDS]


class QualityIndexView(
    index_view(
        QualityEvaluation.objects.select_related("contract", "contract__enterprise"),
        title_opens_inspect=True,
    )
):
    """The list, also narrowed by the summary's links: `band` (a band's lowest score) and `weak`
    (an item scored under 60)."""

    @cached_property
    def header_buttons(self):
        return [
            *super().header_buttons,
            HeaderButton(
                _("Summary: distribution and weakest items"),
                url=reverse("quality_evaluations:summary"),
                icon_name="table",
            ),
        ]

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        band = self.request.GET.get("band", "")
        if band.isdigit() and int(band) in _BAND_LOWEST:
            lowest = int(band)
            queryset = queryset.filter(status=QualityEvaluation.Status.FINAL, total__gte=lowest)
            higher = [b for b in _BAND_LOWEST if b > lowest]
            if higher:
                queryset = queryset.filter(total__lt=higher[0])
        weak = self.request.GET.get("weak", "")
        if weak in ITEM_BY_KEY:
            queryset = queryset.filter(
                status=QualityEvaluation.Status.FINAL, items__item=weak, items__score__lt=60
            )
        return queryset


class QualityInspectView(HistoryInspectView):
    template_name = "compliance/quality_inspect.html"

    def get_timeline(self):
        return evaluation_history(evaluation=self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        evaluation = self.object
        context.update(
            can_change=may(self.request.user, "change", QualityEvaluation)
            and evaluation.status == QualityEvaluation.Status.DRAFT,
            groups=[
                (capfirst(DIMENSION_LABELS[dimension]), rows)
                for dimension, rows in evaluation_items(
                    evaluation=evaluation, language=get_language() or "zh-hans"
                ).items()
            ],
            dimension_labels=[capfirst(DIMENSION_LABELS[d]) for d in DIMENSIONS],
            method_labels=[
                label
                for value, label in QualityEvaluation.Method.choices
                if value in evaluation.methods
            ],
        )
        return context


class StartRedirectView(InspectRedirectView):
    """ "Add" on the list opens the start form (choose the contract), not a model form."""

    def dispatch(self, request, *args, **kwargs):
        if "pk" not in kwargs:
            return redirect(reverse("quality_evaluations:start"))
        return super().dispatch(request, *args, **kwargs)


class QualityEvaluationViewSet(ModelViewSet):
    model = QualityEvaluation
    icon = "doc-full-inverse"
    menu_label = _("Quality evaluations")
    add_view_class = StartRedirectView
    edit_view_class = InspectRedirectView
    inspect_view_class = QualityInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = QualityIndexView
    list_display = ["contract", "year", "evaluated_on", "evaluator", "status", "total", "passed"]
    list_filter = [
        "year",
        "status",
        "passed",
        "contract__enterprise__region_code",
        "contract__enterprise__industry",
    ]
    search_fields = ["contract__title", "contract__enterprise__name", "evaluator"]
    list_export = [
        "contract",
        "year",
        "evaluated_on",
        "evaluator",
        "status",
        "score_parties",
        "score_procedure",
        "score_content",
        "score_performance",
        "score_effect",
        "total",
        "passed",
        "weights",
        "pass_line",
        "finalised_on",
        "comment",
    ]
    inspect_view_fields = [
        "contract",
        "year",
        "evaluated_on",
        "evaluator",
        "status",
        "total",
        "passed",
        "weights",
        "pass_line",
        "finalised_on",
        "comment",
    ]
    form_fields = ["comment"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("start/", views.start_view, name="start"),
            path("summary/", views.summary_view, name="summary"),
            path("item/<int:pk>/", views.item_view, name="item"),
            path("rejudge/<int:pk>/", views.rejudge_view, name="rejudge"),
            path("finalise/<int:pk>/", views.finalise_view, name="finalise"),
            path("evidence/<int:pk>/", views.evidence_view, name="evidence"),
        ]
