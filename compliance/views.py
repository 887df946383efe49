"""Back-office views that are not plain create/edit: the steps of a bargaining round."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from compliance import forms as round_forms
from compliance.models import BargainingRound
from compliance.services import bargaining as services
from compliance.steps import run_step_form

# Who may take which step: instructors review, everything else needs change permission.
_ACTION_PERMISSION = {
    "instructor_review": "compliance.review_bargaininground",
    "federation_review": "compliance.change_bargaininground",
}


def allowed_actions(*, round_: BargainingRound, user) -> list[tuple[str, str]]:
    """The steps this user may take now, as (action, label)."""
    from compliance.rules.procedure import TRANSITIONS

    by_status = {
        "reply": ("accept",),
        "representatives": ("set_representatives",),
        "meeting": ("record_meeting",),
        "vote": ("vote_passed",),
        "sign": ("sign",),
        "instructor_review": ("instructor_approve",),
        "federation_review": ("federation_approve",),
        "submit": ("submit",),
        "objection": ("object",),
    }
    result = []
    for action, transitions in by_status.items():
        if not any(round_.status in TRANSITIONS[t].sources for t in transitions):
            continue
        if not user.has_perm(_ACTION_PERMISSION.get(action, "compliance.change_bargaininground")):
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
            user=user,
        )
    if action == "meeting":
        return services.round_record_meeting(round_id=pk, user=user, **data)
    if action == "vote":
        return services.round_record_vote(round_id=pk, user=user, **data)
    if action == "sign":
        return services.round_sign(round_id=pk, user=user, **data)
    if action in round_forms.REVIEW_STAGES:
        return services.round_review(
            round_id=pk, stage=round_forms.REVIEW_STAGES[action], user=user, **data
        )
    if action == "submit":
        return services.round_submit(round_id=pk, user=user, **data)
    if action == "objection":
        return services.round_record_objection(round_id=pk, user=user, **data)
    raise Http404


def round_action(request, pk: int, action: str):
    if action not in round_forms.ACTION_FORMS:
        raise Http404
    round_ = get_object_or_404(BargainingRound.objects.select_related("enterprise"), pk=pk)
    if not request.user.has_perm(
        _ACTION_PERMISSION.get(action, "compliance.change_bargaininground")
    ):
        raise PermissionDenied
    form_class, title = round_forms.ACTION_FORMS[action]
    initial = {}
    if action == "representatives":
        initial["rows"] = round_forms.representatives_initial(round_)
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


def round_document(request, pk: int):
    """Upload a ledger document (台账): size- and type-checked, stored per federation."""
    from compliance.services.documents import DocumentForm, round_add_document

    round_ = get_object_or_404(BargainingRound, pk=pk)
    if not request.user.has_perm("compliance.change_bargaininground"):
        raise PermissionDenied
    form = DocumentForm(request.POST or None, request.FILES or None)
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
    from django import forms as django_forms

    from compliance.models import Campaign
    from compliance.services.campaigns import campaign_launch

    campaign = get_object_or_404(Campaign, pk=pk)
    if not request.user.has_perm("compliance.add_bargaininground"):
        raise PermissionDenied

    class LaunchForm(django_forms.Form):
        offer_date = round_forms.date_field(_("offer date"), initial=campaign.starts_on)
        kind = django_forms.ChoiceField(
            label=_("kind"), choices=BargainingRound._meta.get_field("kind").choices
        )
        dual_offer = django_forms.BooleanField(label=_("dual offer (双要约)"), required=False)

    form = LaunchForm(request.POST or None)

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
    from django.core.paginator import Paginator

    from compliance.selectors.dashboard import exposure_list

    if not request.user.has_perm("compliance.view_bargaininground"):
        raise PermissionDenied
    rounds = exposure_list()
    campaign_id = request.GET.get("campaign")
    if campaign_id and campaign_id.isdigit():
        rounds = rounds.filter(campaign_id=int(campaign_id))
    page = Paginator(rounds, 50).get_page(request.GET.get("page"))
    title = _("Feedback and exposure list")
    return TemplateResponse(
        request,
        "compliance/exposure_list.html",
        {"page": page, "page_title": title, "header_title": title},
    )
