"""The steps of a bargaining round, its ledger documents, a campaign's launch and the feedback
and exposure list: the back-office views that are not plain create/edit."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.backoffice.bargaining import forms as round_forms
from compliance.backoffice.common import may, require, run_step_form
from compliance.models import BargainingRound, Campaign, Dispute
from compliance.rules.procedure import TRANSITIONS
from compliance.selectors.dashboard import exposure_list
from compliance.services import bargaining as services
from compliance.services import department_review
from compliance.services.campaigns import campaign_launch
from compliance.services.prereview import round_federation_review
from compliance.services.uploads import round_add_document

# Who may take which step: instructors review, everything else needs change permission.
_ACTION_PERMISSION = {"instructor_review": "review", "federation_review": "change"}


def _may_take(user, action: str, round_: BargainingRound) -> bool:
    if not may(user, _ACTION_PERMISSION.get(action, "change"), BargainingRound):
        return False
    if action == "instructor_review":
        return services.may_review_as_instructor(user=user, round_=round_)
    return True


def allowed_actions(*, round_: BargainingRound, user) -> list[tuple[str, str]]:
    """The steps this user may take now, as (action, label)."""
    by_status = {
        "reply": ("accept",),
        "representatives": ("set_representatives",),
        "publish_representatives": ("publish_representatives",),
        "vacancy": ("record_vacancy",),
        "fill": ("fill_vacancy",),
        "meeting": ("record_meeting",),
        "dispute": ("record_dispute",),
        "vote": ("vote_passed",),
        "sign": ("sign",),
        "instructor_review": ("instructor_approve",),
        "federation_review": ("federation_approve",),
        "submit": ("submit",),
        "objection": ("object",),
    }
    # Steps that need someone to act on: representatives to publish or to leave, a seat to fill.
    reps = list(round_.representatives.all())
    sitting = [r for r in reps if r.left_on is None]
    filled = {r.replaces_id for r in reps if r.replaces_id}
    needs = {
        "publish_representatives": bool(reps),
        "vacancy": bool(sitting),
        "fill": any(r.left_on is not None and r.pk not in filled for r in reps),
    }
    result = []
    for action, transitions in by_status.items():
        if not any(round_.status in TRANSITIONS[t].sources for t in transitions):
            continue
        if not needs.get(action, True):
            continue
        if not _may_take(user, action, round_):
            continue
        result.append((action, round_forms.ACTION_FORMS[action][1]))
    return result


def _run(action: str, round_: BargainingRound, data: dict, user):
    pk = round_.pk
    if action == "reply":
        return services.round_reply(round_id=pk, user=user, **data)
    if action == "representatives":
        return services.round_set_representatives(
            round_id=pk,
            representatives=data["rows"],
            employee_approvals=data.get("employee_approvals"),
            chosen_on=data.get("chosen_on"),
            user=user,
        )
    if action == "publish_representatives":
        return services.round_publish_representatives(round_id=pk, user=user, **data)
    if action == "vacancy":
        return services.round_record_vacancy(round_id=pk, user=user, **data)
    if action == "fill":
        return services.round_fill_vacancy(round_id=pk, user=user, **data)
    if action == "dispute":
        return services.round_record_dispute(round_id=pk, user=user, **data)
    if action == "meeting":
        return services.round_record_meeting(round_id=pk, user=user, **data)
    if action == "vote":
        return services.round_record_vote(round_id=pk, user=user, **data)
    if action == "sign":
        return services.round_sign(round_id=pk, user=user, **data)
    if action == "federation_review":
        # On what the enterprise submitted: fills the contract's clauses, notifies it.
        return round_federation_review(round_id=pk, user=user, **data)
    if action in round_forms.REVIEW_STAGES:
        return services.round_review(
            round_id=pk, stage=round_forms.REVIEW_STAGES[action], user=user, **data
        )
    if action == "submit":
        if "department" not in data:  # no department recorded: submitted on paper
            return services.round_submit(round_id=pk, user=user, **data)
        return department_review.submission_create(
            round_id=pk,
            department_id=data["department"].pk,
            submitted_on=data["submitted_on"],
            received_on=data["received_on"],
            user=user,
        )
    if action == "objection":
        return department_review.review_object(
            round_id=pk, objected_on=data["received_on"], points=data["points"], user=user
        )
    if action == "instructor":
        return services.round_assign_instructor(round_id=pk, user=user, **data)
    if action == "on_behalf":
        return services.round_set_on_behalf(round_id=pk, user=user, **data)
    raise Http404


def round_action(request, pk: int, action: str):
    if action not in round_forms.ACTION_FORMS:
        raise Http404
    round_ = get_object_or_404(BargainingRound.objects.select_related("enterprise"), pk=pk)
    require(request.user, _ACTION_PERMISSION.get(action, "change"), BargainingRound)
    if not _may_take(request.user, action, round_):
        raise PermissionDenied
    form_class, title = round_forms.ACTION_FORMS[action]
    initial = {}
    if action == "representatives":
        initial["rows"] = round_forms.representatives_initial(round_)
        if round_.representatives_chosen_on:
            initial["chosen_on"] = round_.representatives_chosen_on
    if action in ("sign", "instructor") or getattr(form_class, "needs_round", False):
        form = form_class(request.POST or None, initial=initial, round_=round_)
    else:
        form = form_class(request.POST or None, initial=initial)
    inspect_url = reverse("bargaining_rounds:inspect", args=[round_.pk])
    return run_step_form(
        request,
        form,
        lambda data: _run(action, round_, data, request.user),
        title=title,
        back_url=inspect_url,
        obj=round_,
    )


def dispute_action(request, pk: int, action: str):
    """Extend a dispute's coordination once, or record its end (R33, R34)."""
    if action not in round_forms.DISPUTE_FORMS:
        raise Http404
    require(request.user, "change", BargainingRound)
    dispute = get_object_or_404(Dispute.objects.select_related("round__enterprise"), pk=pk)
    form_class, title = round_forms.DISPUTE_FORMS[action]
    form = form_class(request.POST or None)
    service = {"extend": services.dispute_extend, "conclude": services.dispute_conclude}[action]
    return run_step_form(
        request,
        form,
        lambda data: service(dispute_id=pk, user=request.user, **data),
        title=title,
        back_url=reverse("bargaining_rounds:inspect", args=[dispute.round_id]) + "#disputes",
        obj=dispute.round,
    )


def round_document(request, pk: int):
    """Upload a ledger document (台账): size- and type-checked, stored per federation."""
    require(request.user, "change", BargainingRound)
    round_ = get_object_or_404(BargainingRound, pk=pk)
    form = round_forms.DocumentForm(request.POST or None, request.FILES or None)
    return run_step_form(
        request,
        form,
        lambda data: round_add_document(
            round_id=round_.pk, kind=data["kind"], upload=data["file"], user=request.user
        ),
        title=_("Upload a ledger document"),
        back_url=reverse("bargaining_rounds:inspect", args=[round_.pk]),
        obj=round_,
        multipart=True,
        error_field="file",
        success=_("Document uploaded."),
    )


def campaign_launch_view(request, pk: int):
    """Send the campaign's offers to every candidate in one action."""
    require(request.user, "add", BargainingRound)
    campaign = get_object_or_404(Campaign, pk=pk)
    form = round_forms.LaunchForm(request.POST or None, initial={"offer_date": campaign.starts_on})
    return run_step_form(
        request,
        form,
        lambda data: campaign_launch(campaign_id=campaign.pk, user=request.user, **data),
        title=_("Send the campaign's offers"),
        back_url=reverse("campaigns:inspect", args=[campaign.pk]),
        obj=campaign,
        success=lambda rounds: _("%(n)s offers sent.") % {"n": len(rounds)},
    )


def exposure_list_view(request):
    """Refusals and silence past the reply deadline (反馈、曝光), newest first, paginated."""
    require(request.user, "view", BargainingRound)
    rounds = exposure_list(today=timezone.localdate())
    campaign_id = request.GET.get("campaign")
    if campaign_id and campaign_id.isdigit():
        rounds = rounds.filter(campaign_id=int(campaign_id))
    page = Paginator(rounds, 50).get_page(request.GET.get("page"))
    # An offer still "awaiting reply" on this list is past its deadline: say so, as the sweep will.
    silent, waiting = BargainingRound.Status.NO_REPLY.label, BargainingRound.Status.OFFERED
    for round_ in page.object_list:
        round_.exposure_status = silent if waiting == round_.status else round_.get_status_display()
    title = _("Feedback and exposure list")
    return TemplateResponse(
        request,
        "compliance/exposure_list.html",
        {"page": page, "page_title": title, "header_title": title},
    )
