"""The instructor's pre-review (初审) of a version the enterprise submitted (issue 17 item 4):
the three checks, a comment per clause, the filing package with its files and each clause's
similarity figure; the decision (services/prereview.py says what it does to the round)."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from compliance.backoffice.common import attachment, may, require
from compliance.models import BargainingRound, FilingSubmission, ModelClause, PackageItem
from compliance.selectors.prereview import package_rows, previous_version, submission_key_terms
from compliance.selectors.similarity import clauses_similarity
from compliance.services.bargaining import may_review_as_instructor
from compliance.services.prereview import CHECKS, submission_review

CHECK_CHOICES = [("1", pgettext_lazy("check", "Passed")), ("0", pgettext_lazy("check", "Failed"))]
CHECK_LABELS = {
    "format": gettext_lazy("Format (格式规范)"),
    "clauses": gettext_lazy("Clauses (内容条款规范)"),
    "wording": gettext_lazy("Wording (文字表达规范)"),
}


class PrereviewForm(forms.Form):
    decision = forms.TypedChoiceField(
        label=gettext_lazy("Decision"),
        choices=[
            ("0", gettext_lazy("Return with comments")),
            ("1", gettext_lazy("Pass the pre-review")),
        ],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=gettext_lazy("General comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
    )

    def __init__(self, *args, clauses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.clause_fields = []
        for code in CHECKS:
            self.fields[f"{code}_ok"] = forms.TypedChoiceField(
                label=CHECK_LABELS[code],
                choices=CHECK_CHOICES,
                coerce=lambda v: v == "1",
                widget=forms.RadioSelect,
            )
            self.fields[f"{code}_note"] = forms.CharField(
                label=_("Note on %(check)s") % {"check": CHECK_LABELS[code]},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for clause in clauses:
            name = f"clause_{clause.pk}"
            self.fields[name] = forms.CharField(
                label=_("Comment on clause %(n)s") % {"n": clause.order},
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.clause_fields.append(name)

    def check_rows(self):
        return [(self[f"{code}_ok"], self[f"{code}_note"]) for code in CHECKS]


def _submission(pk: int) -> FilingSubmission:
    return get_object_or_404(
        FilingSubmission.objects.select_related("round__enterprise", "round__instructor"), pk=pk
    )


def prereview(request, pk: int):
    """The review screen; a POST is the instructor's decision."""
    require(request.user, "view", BargainingRound)
    submission = _submission(pk)
    round_ = submission.round
    clauses = list(submission.clauses.all())
    can_decide = (
        submission.state == FilingSubmission.State.SUBMITTED
        and may(request.user, "review", BargainingRound)
        and may_review_as_instructor(user=request.user, round_=round_)
    )
    form = None
    if can_decide:
        form = PrereviewForm(request.POST or None, clauses=clauses)
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                submission_review(
                    submission_id=submission.pk,
                    user=request.user,
                    checks={code: (data[f"{code}_ok"], data[f"{code}_note"]) for code in CHECKS},
                    clause_comments={c.pk: data.get(f"clause_{c.pk}", "") for c in clauses},
                    comment=data["comment"],
                    passed=data["decision"],
                    today=timezone.localdate(),
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(
                    request, _("The pre-review is recorded; the enterprise is notified.")
                )
                return redirect("bargaining_rounds:prereview", submission.pk)
    elif request.method == "POST":
        raise PermissionDenied
    figures = clauses_similarity(
        clauses=clauses, kind=round_.kind, enterprise_id=round_.enterprise_id
    )
    by_clause = {line.clause.pk: line for line in figures.clauses}
    rows = [
        (clause, by_clause.get(clause.pk), form[f"clause_{clause.pk}"] if form else None)
        for clause in clauses
    ]
    title = _("Pre-review of version %(n)s") % {"n": submission.version}
    return TemplateResponse(
        request,
        "compliance/prereview_review.html",
        {
            "submission": submission,
            "round": round_,
            "rows": rows,
            "similarity": figures,
            "key_terms": submission_key_terms(submission),
            "package": package_rows(submission),
            "previous": previous_version(submission),
            "versions": round_.submissions.order_by("-version"),
            "form": form,
            "can_read_model_texts": may(request.user, "view", ModelClause),
            "round_url": reverse("bargaining_rounds:inspect", args=[round_.pk]),
            "page_title": title,
            "header_title": title,
        },
        status=400 if form is not None and form.is_bound and form.errors else 200,
    )


def prereview_file(request, pk: int):
    require(request.user, "view", BargainingRound)
    item = get_object_or_404(PackageItem, pk=pk)
    return attachment(
        item.file.open("rb"), name=item.original_name, content_type="application/octet-stream"
    )
