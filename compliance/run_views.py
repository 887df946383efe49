"""A check's results in the admin (its page and workbook) and publishing its shortlist (R40)."""

from __future__ import annotations

import tempfile

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views import generic

from compliance.excel.awards import ResultLine, write_results
from compliance.forms import date_field
from compliance.models import AwardNotice, EligibilityResult, EligibilityRun
from compliance.rules.notice import earliest_end
from compliance.rules.presets import Key
from compliance.rules.veto import CATALOGUE
from compliance.selectors.awards import record_table
from compliance.selectors.profile import current_profile, working_calendar
from compliance.services.awards import notice_publish, notice_withdraw
from compliance.steps import run_step_form

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
RESULTS_PER_PAGE = 50


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _download(handle, *, name: str) -> FileResponse:
    handle.seek(0)
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- A check's results -------------------------------------------------------------------------

_TABLE_LABELS = {
    "contract": gettext_lazy("contract"),
    "case": gettext_lazy("supervision case"),
    "violation": gettext_lazy("violation record"),
}
_TABLE_URLS = {
    "contract": "contracts:inspect",
    "case": "supervision_cases:inspect",
    "violation": "violation_records:inspect",
}


def _records(criterion: dict) -> list[tuple[str, str]]:
    """The records a criterion relied on: (label, admin URL)."""
    table = record_table(criterion["code"])
    label = _TABLE_LABELS[table]
    return [
        (f"{label} #{pk}", reverse(_TABLE_URLS[table], args=[pk]))
        for pk in criterion.get("records", ())
    ]


def verdict_labels() -> dict[str, str]:
    return {str(value): str(label) for value, label in EligibilityResult.Outcome.choices}


class RunInspectView(generic.InspectView):
    """The results of one check: every nominee, every criterion's verdict and reason, the
    records relied on, the veto's lapse date; filtered by outcome, searchable, paginated."""

    template_name = "compliance/awards/run_inspect.html"

    def get_fields(self):
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.object
        results = run.results.order_by("row", "pk")
        outcome = self.request.GET.get("outcome", "")
        if outcome in EligibilityResult.Outcome.values:
            results = results.filter(outcome=outcome)
        query = self.request.GET.get("q", "").strip()
        if query:
            results = results.filter(Q(credit_code__icontains=query) | Q(name__icontains=query))
        page = Paginator(results, RESULTS_PER_PAGE).get_page(self.request.GET.get("p"))
        verdicts = verdict_labels()
        rows = [
            (
                result,
                [
                    (c, verdicts.get(c["verdict"], c["verdict"]), _records(c))
                    for c in result.criteria
                ],
            )
            for result in page.object_list
        ]
        user = self.request.user
        published = list(run.notices.all())
        context.update(
            run=run,
            page=page,
            rows=rows,
            outcome=outcome,
            query=query,
            outcomes=[
                ("eligible", verdicts["eligible"], run.eligible),
                ("vetoed", verdicts["vetoed"], run.vetoed),
                ("needs_review", verdicts["needs_review"], run.needs_review),
                ("unmatched", verdicts["unmatched"], run.unmatched),
            ],
            notices=published,
            can_publish=(
                user.has_perm("compliance.add_awardnotice")
                and run.status == EligibilityRun.Status.DONE
                and run.eligible > 0
                and not any(n.status == AwardNotice.Status.PUBLISHED for n in published)
            ),
        )
        return context


def run_workbook(request, pk: int):
    _require(request, "compliance.view_eligibilityrun")
    run = get_object_or_404(EligibilityRun.objects.select_related("award"), pk=pk)
    if run.status != EligibilityRun.Status.DONE:
        raise Http404
    verdicts = verdict_labels()
    criteria = [(c.code, _(CATALOGUE[c.code].label)) for c in run.award.criteria.order_by("pk")]
    # Criteria removed from the award since the check are still in its results.
    first = run.results.exclude(outcome="unmatched").values_list("criteria", flat=True).first()
    if first:
        criteria = [(c["code"], c["label"]) for c in first]

    def lines():
        for result in run.results.order_by("row", "pk").iterator(chunk_size=2000):
            stored = []
            for criterion in result.criteria:
                table = _TABLE_LABELS[record_table(criterion["code"])]
                texts = [f"{table} #{pk}" for pk in criterion.get("records", ())]
                stored.append({**criterion, "records_text": "、".join(texts)})
            yield ResultLine(
                row=result.row,
                credit_code=result.credit_code,
                name=result.name,
                outcome=verdicts.get(result.outcome, result.outcome),
                lapses_on=result.lapses_on,
                note=result.note,
                criteria=stored,
            )

    handle = tempfile.TemporaryFile()  # noqa: SIM115 (the FileResponse closes it)
    write_results(
        title=_("Eligibility check: %(award)s, as of %(date)s")
        % {"award": run.award, "date": run.as_of.isoformat()},
        facts=[
            (_("Checked at"), timezone.localtime(run.created_at).strftime("%Y-%m-%d %H:%M")),
            (_("Nominees"), run.nominees),
            (verdicts["eligible"], run.eligible),
            (verdicts["vetoed"], run.vetoed),
            (verdicts["needs_review"], run.needs_review),
            (verdicts["unmatched"], run.unmatched),
        ],
        criteria=criteria,
        verdicts=verdicts,
        lines=lines(),
        target=handle,
    )
    return _download(handle, name=f"eligibility-{run.pk}-{run.as_of:%Y%m%d}.xlsx")


# --- Publishing the shortlist ------------------------------------------------------------------


class PublishForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("title"), max_length=200)
    starts_on = date_field(gettext_lazy("notice from"))
    ends_on = date_field(
        gettext_lazy("notice until"),
        help_text=gettext_lazy("At least the rule profile's notice period (R40: 5 working days)."),
    )
    body = forms.CharField(
        label=gettext_lazy("introduction"), widget=forms.Textarea, required=False
    )
    contact = forms.CharField(
        label=gettext_lazy("objections to"), widget=forms.Textarea, required=False
    )


def _suggested_period(today):
    try:
        end = earliest_end(
            starts_on=today,
            period=current_profile().period(Key.AWARD_NOTICE),
            calendar=working_calendar(),
        )
    except ValueError:  # the calendar for the coming days is not loaded: the form will say so
        end = None
    return today, end


def publish_view(request, pk: int):
    _require(request, "compliance.add_awardnotice")
    run = get_object_or_404(EligibilityRun.objects.select_related("award"), pk=pk)
    starts, ends = _suggested_period(timezone.localdate())
    form = PublishForm(
        request.POST or None,
        initial={
            "title": _("Public notice of the nominees for %(award)s") % {"award": run.award},
            "starts_on": starts,
            "ends_on": ends,
        },
    )

    def action(data):
        notice = notice_publish(run_id=run.pk, data=data, user=request.user)
        return redirect(reverse("award_notices:inspect", args=[notice.pk]))

    return run_step_form(
        request,
        form,
        action,
        title=_("Publish the shortlist"),
        back_url=reverse("eligibility_checks:inspect", args=[run.pk]),
        obj=run,
        success=_("The shortlist is published on the federation's site."),
    )


def withdraw_view(request, pk: int):
    if request.method != "POST":
        raise Http404
    _require(request, "compliance.change_awardnotice")
    notice = get_object_or_404(AwardNotice, pk=pk)
    notice_withdraw(notice_id=notice.pk, user=request.user)
    messages.success(request, _("The notice is withdrawn from the public site."))
    return redirect(reverse("award_notices:inspect", args=[notice.pk]))
