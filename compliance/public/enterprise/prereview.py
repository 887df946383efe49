"""The enterprise's pre-review pages (初审, issue 17 item 4): its rounds and their versions, a
draft's terms, clauses and filing package, submitting it, the instructor's comments and the
difference from the previous version. Only the signed-in user's own enterprise's records: another
enterprise's id is a 404 (views.enterprise_user)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from compliance.models import BargainingRound, FilingSubmission, PackageItem
from compliance.public.enterprise.prereview_forms import ClauseFormSet, PackageForm, TermsForm
from compliance.public.enterprise.views import _page, enterprise_user
from compliance.rules import filing_package as package
from compliance.selectors.prereview import (
    enterprise_rounds,
    package_rows,
    previous_version,
    submission_key_terms,
    version_diff,
)
from compliance.services.prereview import (
    OPEN_ROUND,
    TERM_FIELDS,
    submission_attach,
    submission_missing,
    submission_save,
    submission_start,
    submission_submit,
)

ROUNDS_PER_PAGE = 10


def _submission(request, pk: int) -> FilingSubmission:
    return get_object_or_404(
        FilingSubmission.objects.select_related("round__enterprise", "round__instructor"),
        pk=pk,
        round__enterprise=request.account.enterprise,
    )


@enterprise_user
def prereviews(request):
    enterprise = request.account.enterprise
    page = Paginator(enterprise_rounds(enterprise_id=enterprise.pk), ROUNDS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    for round_ in page.object_list:
        versions = list(round_.submissions.all())
        latest = versions[0] if versions else None
        round_.versions = versions
        round_.may_start = round_.status in OPEN_ROUND and (
            latest is None
            or latest.state in (FilingSubmission.State.RETURNED, FilingSubmission.State.PASSED)
        )
    return _page(request, "prereview_list.html", {"enterprise": enterprise, "page": page})


@enterprise_user
@require_POST
def prereview_start(request, round_pk: int):
    round_ = get_object_or_404(BargainingRound, pk=round_pk, enterprise=request.account.enterprise)
    try:
        submission = submission_start(round_id=round_.pk, user=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("enterprise_prereviews")
    messages.success(
        request, _("Version %(n)s started: fill it in and submit it.") % {"n": submission.version}
    )
    return redirect("enterprise_prereview_edit", submission.pk)


@enterprise_user
def prereview(request, pk: int):
    submission = _submission(request, pk)
    clauses = list(submission.clauses.all())
    return _page(
        request,
        "prereview.html",
        {
            "enterprise": submission.round.enterprise,
            "submission": submission,
            "round": submission.round,
            "clauses": clauses,
            "key_terms": submission_key_terms(submission),
            "package": package_rows(submission),
            "missing": submission_missing(submission)
            if submission.state == FilingSubmission.State.DRAFT
            else [],
            "previous": previous_version(submission),
            "reviewed": submission.state
            in (FilingSubmission.State.RETURNED, FilingSubmission.State.PASSED),
            "wage_contract": submission.round.kind == package.WAGE_KIND,
        },
    )


@enterprise_user
def prereview_edit(request, pk: int):
    submission = _submission(request, pk)
    if submission.state != FilingSubmission.State.DRAFT:
        messages.error(
            request,
            _("Version %(n)s has been submitted and can no longer be changed.")
            % {"n": submission.version},
        )
        return redirect("enterprise_prereview", submission.pk)
    wage_contract = submission.round.kind == package.WAGE_KIND
    data = request.POST if request.method == "POST" else None
    files = request.FILES if request.method == "POST" else None
    terms = TermsForm(
        data,
        prefix="terms",
        wage_contract=wage_contract,
        initial={name: getattr(submission, name) for name in TERM_FIELDS},
        key_terms=submission.key_terms,
    )
    # A posted formset is read without initial values: with them, a row the page showed as
    # extra but the database now holds (saved by a post that failed on a file) would count as
    # "unchanged" and be dropped.
    clauses = ClauseFormSet(
        data,
        prefix="clauses",
        initial=None
        if data is not None
        else [{"topic": c.topic, "text": c.text} for c in submission.clauses.all()],
    )
    uploads = PackageForm(data, files, prefix="package")
    status = 200
    if request.method == "POST":
        if terms.is_valid() and clauses.is_valid() and uploads.is_valid():
            rows = [
                (form.cleaned_data.get("topic", ""), form.cleaned_data.get("text", ""))
                for form in clauses.forms
                if form.cleaned_data.get("text", "").strip()
            ]
            saved = True
            try:
                submission_save(
                    submission_id=submission.pk,
                    user=request.user,
                    terms={**terms.cleaned_data, "key_terms": terms.cleaned_key_terms},
                    clauses=rows,
                )
            except ValidationError as exc:
                saved = False
                for message in exc.messages:
                    terms.add_error(None, message)
            if saved:
                for item in package.ITEMS:
                    upload = uploads.cleaned_data.get(f"file_{item}")
                    if not upload:
                        continue
                    try:
                        submission_attach(
                            submission_id=submission.pk, item=item, upload=upload, user=request.user
                        )
                    except ValidationError as exc:
                        saved = False
                        for message in exc.messages:
                            uploads.add_error(f"file_{item}", message)
            if saved:
                messages.success(request, _("The draft is saved."))
                if request.POST.get("then") == "more":
                    return redirect("enterprise_prereview_edit", submission.pk)
                return redirect("enterprise_prereview", submission.pk)
        status = 400
    return _page(
        request,
        "prereview_form.html",
        {
            "enterprise": submission.round.enterprise,
            "submission": submission,
            "terms": terms,
            "clauses": clauses,
            "uploads": uploads,
            "package": package_rows(submission),
        },
        status,
    )


@enterprise_user
@require_POST
def prereview_submit(request, pk: int):
    submission = _submission(request, pk)
    try:
        submission_submit(submission_id=submission.pk, user=request.user)
    except ValidationError as exc:
        messages.error(request, _("Not submitted:") + " " + "；".join(exc.messages))
    else:
        messages.success(
            request,
            _("Version %(n)s is submitted: the instructor is notified.")
            % {"n": submission.version},
        )
    return redirect("enterprise_prereview", submission.pk)


@enterprise_user
def prereview_changes(request, pk: int):
    submission = _submission(request, pk)
    previous = previous_version(submission)
    if previous is None:
        raise Http404
    return _page(
        request,
        "prereview_changes.html",
        {
            "enterprise": submission.round.enterprise,
            "submission": submission,
            "diff": version_diff(old=previous, new=submission),
        },
    )


@enterprise_user
def prereview_file(request, pk: int):
    item = get_object_or_404(
        PackageItem, pk=pk, submission__round__enterprise=request.account.enterprise
    )
    response = FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=item.original_name,
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
