"""The review area's pages (/review/): a labour-administration reviewer signs in (the two steps
the enterprise area uses, compliance.public.two_step), sees the rounds submitted to their
department, reads each one's contract and documents, and records receipt, asks for missing
materials, objects or approves.

Every query is filtered by the reviewer's department: a round of another department, or never
submitted, is a 404; a staff or enterprise account gets a 403.
"""

from __future__ import annotations

import mimetypes
import os

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from compliance.models import BargainingRound, DepartmentSubmission, Review, ReviewerAccount
from compliance.public import two_step
from compliance.public.review import forms
from compliance.rules.procedure import TRANSITIONS
from compliance.services import department_review as services
from compliance.services.notifications import notifications_mark_read

ROUNDS_PER_PAGE = 20
NOTIFICATIONS_PER_PAGE = 10

AREA = two_step.Area(
    name="review",
    template_dir="compliance/review_area",
    account_of=lambda user: (
        ReviewerAccount.objects.select_related("department").filter(user=user).first()
    ),
    sign_in_form=forms.SignInForm,
    accept_form=forms.AcceptForm,
    not_an_account=gettext_lazy(
        "This account is not a reviewer account of the labour administration."
    ),
    # Reviewers sign in with an authenticator app only.
    email_codes_allowed=lambda: False,
    invitation_for_token=services.reviewer_invitation_for_token,
    invitation_accept=services.reviewer_invitation_accept,
)

reviewer = two_step.area_user(AREA)


def _page(request, template: str, context: dict, status: int = 200):
    return two_step.page(AREA, request, template, context, status)


# --- signing in ----------------------------------------------------------------------------------


@never_cache
@sensitive_post_parameters("password")
def sign_in(request):
    return two_step.sign_in(request, area=AREA)


@never_cache
@sensitive_post_parameters("code")
def code(request):
    return two_step.code(request, area=AREA)


@never_cache
@sensitive_post_parameters("code")
def enrol(request):
    return two_step.enrol(request, area=AREA)


@require_POST
def sign_out(request):
    return two_step.sign_out(request, area=AREA)


@never_cache
@sensitive_post_parameters("password", "password_again")
def accept(request, token: str):
    return two_step.accept(request, token, area=AREA)


# --- the area ------------------------------------------------------------------------------------


def _rounds(account: ReviewerAccount):
    """The rounds ever submitted to the reviewer's department, newest submission first."""
    return (
        BargainingRound.objects.filter(department_submissions__department=account.department)
        .annotate(last_submitted=Max("department_submissions__submitted_on"))
        .select_related("enterprise")
        .order_by("-last_submitted", "-pk")
    )


@reviewer
def home(request):
    account = request.account
    rounds = Paginator(_rounds(account), ROUNDS_PER_PAGE).get_page(request.GET.get("page"))
    notifications = Paginator(
        request.user.notifications.order_by("-created_at", "-pk"), NOTIFICATIONS_PER_PAGE
    ).get_page(request.GET.get("npage"))
    return _page(
        request,
        "home.html",
        {
            "account": account,
            "rounds": rounds,
            "notifications": notifications,
            "today": timezone.localdate(),
        },
    )


@reviewer
@require_POST
def notifications_read(request):
    ids = [int(i) for i in request.POST.getlist("id") if i.isdigit()]
    notifications_mark_read(user=request.user, ids=ids)
    return redirect("review_home")


ACTIONS = {
    # action: (form, the service, the procedure's transition, the confirmation)
    "receipt": (
        forms.ReceiptForm,
        services.review_record_receipt,
        "record_receipt",
        gettext_lazy("Receipt recorded; the review period runs from that day."),
    ),
    "materials": (
        forms.MaterialsForm,
        services.review_request_materials,
        "request_materials",
        gettext_lazy("Request for missing materials sent to the federation and the enterprise."),
    ),
    "objection": (
        forms.ObjectionForm,
        services.review_object,
        "object",
        gettext_lazy("Objection recorded; the round goes back to bargaining."),
    ),
    "approve": (
        forms.ApproveForm,
        services.review_approve,
        "approve",
        gettext_lazy("Approved; the contract is effective."),
    ),
}


def _round_context(request, round_: BargainingRound, bound: dict | None = None) -> dict:
    account = request.account
    submission = services.current_submission(round_)
    ours = submission is not None and submission.department_id == account.department_id
    under_review = ours and round_.status in TRANSITIONS["approve"].sources
    contract = getattr(round_, "contract", None)
    available = {}
    if under_review:
        materials_due = services.materials_request_due(submission).due
        for action, (form_class, _service, _transition, _message) in ACTIONS.items():
            if action == "receipt" and round_.received_date is not None:
                continue
            if action == "materials" and timezone.localdate() > materials_due:
                continue
            available[action] = (bound or {}).get(action) or form_class()
    else:
        materials_due = None
    submissions = DepartmentSubmission.objects.filter(
        round=round_, department=account.department
    ).prefetch_related("materials_requests")
    return {
        "account": account,
        "round": round_,
        "submission": submission,
        "submissions": submissions,
        "contract": contract,
        "clauses": contract.clauses.order_by("order") if contract else [],
        "documents": round_.documents.all(),
        "reviews": round_.reviews.filter(stage=Review.Stage.DEPARTMENT),
        "forms": available,
        "materials_due": materials_due,
    }


@reviewer
def round_detail(request, pk: int):
    round_ = get_object_or_404(_rounds(request.account), pk=pk)
    return _page(request, "round.html", _round_context(request, round_))


@reviewer
@require_POST
def round_action(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404
    round_ = get_object_or_404(_rounds(request.account), pk=pk)
    form_class, service, _transition, message = ACTIONS[action]
    form = form_class(request.POST)
    if form.is_valid():
        try:
            service(
                round_id=round_.pk, user=request.user, account=request.account, **form.cleaned_data
            )
        except ValidationError as exc:
            for text in exc.messages:
                form.add_error(None, text)
        else:
            messages.success(request, message)
            return redirect("review_round", round_.pk)
    round_.refresh_from_db()
    context = _round_context(request, round_, bound={action: form})
    context["forms"].setdefault(action, form)
    return _page(request, "round.html", context, status=400)


@reviewer
def round_document(request, pk: int, document_pk: int):
    """A document of a round submitted to the reviewer's department, as a download."""
    round_ = get_object_or_404(_rounds(request.account), pk=pk)
    document = get_object_or_404(round_.documents, pk=document_pk)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404 from None
    name = os.path.basename(document.file.name)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return two_step.private(response)
