"""Eligibility checks (一票否决, R37–R40): one enterprise, or an uploaded nomination list checked by
a Celery task, each kept as a dated snapshot: every nominee, every criterion's verdict and reason,
the records relied on and the date a veto lapses; the results page and workbook."""

from __future__ import annotations

import tempfile

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from compliance.backoffice.awards import notices
from compliance.backoffice.common import (
    InspectRedirectView,
    announces_too_much,
    date_field,
    index_view,
    may,
    refusing_view,
    require,
    run_step_form,
    too_large_form,
    xlsx_response,
)
from compliance.excel.awards import ResultLine, nomination_spec, write_results
from compliance.excel.writer import write_template
from compliance.models import Award, AwardNotice, EligibilityResult, EligibilityRun, Enterprise
from compliance.rules.uscc import normalize
from compliance.rules.veto import CATALOGUE
from compliance.selectors.awards import record_table
from compliance.services.awards import Nominee, eligibility_check, nomination_list_create
from compliance.services.imports import LIMITS, sheet_language

RESULTS_PER_PAGE = 50

# --- Checking one enterprise ---------------------------------------------------------------------


class CheckForm(forms.Form):
    award = forms.ModelChoiceField(label=gettext_lazy("award"), queryset=Award.objects.all())
    enterprise = forms.CharField(
        label=gettext_lazy("enterprise"),
        max_length=200,
        help_text=gettext_lazy("Its unified social credit code, or its exact name."),
    )
    as_of = date_field(gettext_lazy("as of"), initial=timezone.localdate)

    def clean_enterprise(self) -> Enterprise:
        typed = self.cleaned_data["enterprise"].strip()
        found = list(Enterprise.objects.filter(Q(credit_code=normalize(typed)) | Q(name=typed))[:2])
        if not found:
            matches = Enterprise.objects.filter(name__icontains=typed).count()
            if matches:
                raise ValidationError(
                    _(
                        "No exact match; %(n)s enterprises have names containing it. Enter the "
                        "credit code or the full name."
                    )
                    % {"n": matches}
                )
            raise ValidationError(
                _("No enterprise with this credit code or name is in the ledger.")
            )
        if len(found) > 1:
            raise ValidationError(_("Several enterprises have this name: enter the credit code."))
        return found[0]


def check_view(request):
    require(request.user, "add", EligibilityRun)
    form = CheckForm(
        request.POST if request.method == "POST" else None,
        initial={"award": request.GET.get("award")},
    )
    award_id = request.POST.get("award") or request.GET.get("award")
    back = (
        reverse("awards:inspect", args=[award_id])
        if str(award_id or "").isdigit()
        else reverse("awards:index")
    )

    def action(data):
        run = eligibility_check(
            award_id=data["award"].pk,
            nominees=[Nominee(data["enterprise"].credit_code)],
            as_of=data["as_of"],
            user=request.user,
        )
        return redirect(reverse("eligibility_checks:inspect", args=[run.pk]))

    return run_step_form(
        request,
        form,
        action,
        title=_("Check one enterprise"),
        back_url=back,
        success=_("Checked; the result is stored as a dated snapshot."),
    )


# --- Uploading a nomination list ----------------------------------------------------------------


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Nomination list (.xlsx)"),
        help_text=gettext_lazy(
            "One nominee per row with a unified social credit code column (统一社会信用代码 or "
            "credit_code); a name column is optional. At most 20 MB."
        ),
    )
    as_of = date_field(gettext_lazy("as of"), initial=timezone.localdate)


def _upload_page(request, award, form, status=200):
    title = _("Upload a nomination list for %(award)s") % {"award": award}
    return TemplateResponse(
        request,
        "compliance/awards/upload.html",
        {
            "award": award,
            "form": form,
            "runs": award.runs.exclude(file_name="").select_related("created_by")[:10],
            "page_title": title,
            "header_title": title,
        },
        status=status,
    )


@csrf_exempt
def upload_view(request, pk: int):
    """A request announcing more than the size limit is refused before Django spools its body
    (CSRF is checked by the inner view for the others; the refusal changes nothing)."""
    require(request.user, "add", EligibilityRun)
    award = get_object_or_404(Award, pk=pk)
    if announces_too_much(request, limit=LIMITS.max_bytes):
        form = too_large_form(UploadForm, limit=LIMITS.max_bytes)
        return _upload_page(request, award, form, status=413)
    return _upload(request, award)


@csrf_protect
def _upload(request, award: Award):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            run = nomination_list_create(
                award_id=award.pk,
                upload=form.cleaned_data["file"],
                as_of=form.cleaned_data["as_of"],
                user=request.user,
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error("file", message)
        else:
            messages.success(request, _("The list was uploaded; its check has started."))
            return redirect(reverse("eligibility_checks:inspect", args=[run.pk]))
    return _upload_page(request, award, form)


def nomination_template(request):
    require(request.user, "add", EligibilityRun)
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (the FileResponse closes it)
    language = sheet_language()
    write_template(spec=nomination_spec(), language=language, target=handle)
    return xlsx_response(handle, name="nominations-template.xlsx")


# --- A check's results ---------------------------------------------------------------------------

_TABLE_LABELS = {
    "contract": gettext_lazy("contract"),
    "case": gettext_lazy("supervision case"),
    "round": gettext_lazy("bargaining round"),
    "violation": gettext_lazy("violation record"),
}
_TABLE_URLS = {
    "contract": "contracts:inspect",
    "case": "supervision_cases:inspect",
    "round": "bargaining_rounds:inspect",
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
        rows = []
        for result in page.object_list:
            criteria = [
                (c, verdicts.get(c["verdict"], c["verdict"]), _records(c)) for c in result.criteria
            ]
            # A row per nominee: the criteria that decided against it up front, all on demand.
            deciding = [row for row in criteria if row[0]["verdict"] != "eligible"]
            rows.append((result, criteria, deciding))
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
                may(user, "add", AwardNotice)
                and run.status == EligibilityRun.Status.DONE
                and run.eligible > 0
                and not any(n.status == AwardNotice.Status.PUBLISHED for n in published)
            ),
        )
        return context


def run_workbook(request, pk: int):
    require(request.user, "view", EligibilityRun)
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
    return xlsx_response(handle, name=f"eligibility-{run.pk}-{run.as_of:%Y%m%d}.xlsx")


# --- The viewset ---------------------------------------------------------------------------------

# Checks start from their award; they are dated snapshots, never edited or deleted.
_CHECK_FROM_AWARD = gettext_lazy(
    "Eligibility checks start from an award: open it and check one enterprise or a list."
)


class EligibilityRunViewSet(ModelViewSet):
    model = EligibilityRun
    icon = "tasks"
    menu_label = gettext_lazy("Eligibility checks")
    add_view_class = refusing_view(generic.CreateView, _CHECK_FROM_AWARD, "awards:index")
    edit_view_class = InspectRedirectView
    delete_view_class = refusing_view(generic.DeleteView, _CHECK_FROM_AWARD, "awards:index")
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
        return [
            *super().get_urlpatterns(),
            path("workbook/<int:pk>/", run_workbook, name="workbook"),
            path("publish/<int:pk>/", notices.publish_view, name="publish"),
        ]
