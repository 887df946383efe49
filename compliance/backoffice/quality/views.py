"""The evaluation's steps: start one for a contract, score an item, judge again from the records,
finalise; and the federation's summary (distribution and weakest items)."""

from __future__ import annotations

import mimetypes
import os

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from compliance.backoffice.audits.forms import DIMENSION_LABELS
from compliance.backoffice.common import attachment, require, run_step_form
from compliance.backoffice.quality.forms import FinaliseForm, ItemForm, StartForm
from compliance.models import QualityEvaluation, QualityItemScore
from compliance.rules.audits import DIMENSIONS
from compliance.rules.quality import BANDS, ITEM_BY_KEY
from compliance.selectors.quality import quality_summary
from compliance.services.quality import (
    quality_evaluation_finalise,
    quality_evaluation_rejudge,
    quality_evaluation_start,
    quality_item_score,
)


def _inspect(pk: int) -> str:
    return reverse("quality_evaluations:inspect", args=[pk])


def start_view(request):
    require(request.user, "add", QualityEvaluation)
    initial = {"evaluator": request.user.get_full_name()}
    if (contract := request.GET.get("contract", "")).isdigit():
        initial["contract"] = int(contract)
    form = StartForm(request.POST or None, initial=initial)

    def action(data):
        evaluation = quality_evaluation_start(
            contract_id=data["contract"].pk,
            evaluated_on=data["evaluated_on"],
            evaluator=data["evaluator"],
            methods=data["methods"],
            user=request.user,
        )
        return redirect(_inspect(evaluation.pk))

    return run_step_form(
        request,
        form,
        action,
        title=_("Evaluate a contract"),
        back_url=reverse("quality_evaluations:index"),
        success=_("Evaluation started: the items the records can judge are scored."),
    )


def item_view(request, pk: int):
    require(request.user, "change", QualityEvaluation)
    row = get_object_or_404(QualityItemScore.objects.select_related("evaluation"), pk=pk)
    judged = row.source != QualityItemScore.Source.EVALUATOR
    form = ItemForm(
        request.POST or None,
        request.FILES or None,
        judged_by_records=judged,
        initial={"score": row.score, "note": row.note},
    )
    item = ITEM_BY_KEY.get(row.item)

    def action(data):
        return quality_item_score(
            item_id=row.pk,
            score=data["score"],
            note=data["note"],
            evidence=data.get("evidence"),
            reason=data.get("reason", ""),
            user=request.user,
        )

    return run_step_form(
        request,
        form,
        action,
        title=_("Score: %(item)s") % {"item": item.label if item else row.item},
        back_url=_inspect(row.evaluation_id) + "#evaluation-items",
        obj=row.evaluation,
        multipart=True,
    )


def rejudge_view(request, pk: int):
    if request.method != "POST":
        raise Http404
    require(request.user, "change", QualityEvaluation)
    evaluation = get_object_or_404(QualityEvaluation, pk=pk)
    try:
        changed = quality_evaluation_rejudge(evaluation_id=evaluation.pk, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Records read again: %(n)s item(s) changed.") % {"n": changed}
            if changed
            else _("Records read again: nothing changed."),
        )
    return redirect(_inspect(evaluation.pk))


def finalise_view(request, pk: int):
    require(request.user, "change", QualityEvaluation)
    evaluation = get_object_or_404(QualityEvaluation, pk=pk)
    form = FinaliseForm(request.POST or None, initial={"comment": evaluation.comment})

    def action(data):
        return quality_evaluation_finalise(
            evaluation_id=evaluation.pk, comment=data["comment"], user=request.user
        )

    return run_step_form(
        request,
        form,
        action,
        title=_("Finalise the evaluation"),
        back_url=_inspect(evaluation.pk),
        obj=evaluation,
        success=lambda result: (
            _("Evaluation finalised: %(total)s points, %(verdict)s.")
            % {
                "total": result.total,
                "verdict": _("passed") if result.passed else _("not passed"),
            }
        ),
    )


def evidence_view(request, pk: int):
    """An item's evidence file (private storage)."""
    require(request.user, "view", QualityEvaluation)
    row = get_object_or_404(QualityItemScore, pk=pk)
    if not row.evidence:
        raise Http404
    return attachment(
        row.evidence.open("rb"),
        name=f"{row.evaluation_id}-{row.item}{os.path.splitext(row.evidence.name)[1]}",
        content_type=mimetypes.guess_type(row.evidence.name)[0] or "application/octet-stream",
    )


def band_rows(summary) -> list[dict]:
    """The distribution's bands, each with its count, its bar's width and its list's link."""
    biggest = max(summary.bands.values(), default=0) or 1
    index = reverse("quality_evaluations:index")
    return [
        {
            "label": label,
            "count": summary.bands[label],
            "width": round(100 * summary.bands[label] / biggest),
            "url": f"{index}?year={summary.year}&band={lowest}",
        }
        for lowest, label in BANDS
    ]


def summary_view(request):
    require(request.user, "view", QualityEvaluation)
    years = list(
        QualityEvaluation.objects.order_by("-year").values_list("year", flat=True).distinct()
    )
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() else (years[0] if years else timezone.localdate().year)
    summary = quality_summary(year=year, weakest=8)
    bands = band_rows(summary)
    return TemplateResponse(
        request,
        "compliance/quality_summary.html",
        {
            "page_title": _("Quality of bargaining: summary"),
            "summary": summary,
            "year": year,
            "years": years or [year],
            "bands": bands,
            "dimensions": [
                (capfirst(DIMENSION_LABELS[d]), summary.dimensions[d]) for d in DIMENSIONS
            ],
            "language": get_language(),
        },
    )
