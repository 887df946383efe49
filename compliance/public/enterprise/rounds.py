"""The enterprise area's bargaining pages (issue 17 items 2 and 3): the offer sent online or the
paper offer recorded, the answer, the round's page and the steps the enterprise enters.

Every round and document is looked up within the signed-in user's enterprise: another
enterprise's id is a 404. Who may do which step is services.online_offers' rule; a step's
ValidationError is shown on its form, in the user's language.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.models import BargainingRound, OnlineOffer, RoundDocument, Side
from compliance.public.enterprise import round_forms as forms
from compliance.public.enterprise.views import _page, enterprise_user
from compliance.public.two_step import private as _private
from compliance.rules import procedure
from compliance.selectors.online_offers import (
    next_steps,
    representatives_by_side,
    round_steps,
)
from compliance.services import online_offers as service


def _errors(form, exc: ValidationError) -> None:
    for message in exc.messages:
        form.add_error(None, message)


def _round(request, pk: int) -> BargainingRound:
    return get_object_or_404(
        BargainingRound.objects.select_related("enterprise", "instructor"),
        pk=pk,
        enterprise=request.account.enterprise,
    )


def _under_way_page(request, ongoing):
    return _page(request, "round_under_way.html", {"ongoing": ongoing})


@enterprise_user
def offer_new(request):
    """A written offer sent online: time, place, agenda, kind and the sender's representatives."""
    ongoing = service.round_under_way(request.account.enterprise)
    if ongoing is not None:
        return _under_way_page(request, ongoing)
    form = forms.OfferForm(request.POST or None)
    reps = forms.representative_formset(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid() & reps.is_valid():
            try:
                offer = service.offer_send(
                    user=request.user,
                    kind=form.cleaned_data["kind"],
                    proposed_at=form.proposed_at(),
                    place=form.cleaned_data["place"],
                    agenda=form.cleaned_data["agenda"],
                    representatives=reps.rows(),
                    today=timezone.localdate(),
                )
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, _("The offer has been sent to the other side."))
                return redirect("enterprise_round", offer.round_id)
        status = 400
    return _page(
        request,
        "round_offer_form.html",
        {"form": form, "reps": reps, "other": Side(service.other_side(request.account.side)).label},
        status,
    )


@enterprise_user
def offer_paper(request):
    """The paper offer the user's side already delivered, with its scan."""
    ongoing = service.round_under_way(request.account.enterprise)
    if ongoing is not None:
        return _under_way_page(request, ongoing)
    form = forms.PaperOfferForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                offer = service.offer_record_paper(
                    user=request.user,
                    kind=form.cleaned_data["kind"],
                    sent_on=form.cleaned_data["sent_on"],
                    received_on=form.cleaned_data["received_on"],
                    scan=form.cleaned_data["scan"],
                    today=timezone.localdate(),
                )
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, _("The paper offer has been recorded."))
                return redirect("enterprise_round", offer.round_id)
        status = 400
    return _page(request, "round_paper_form.html", {"form": form}, status)


@enterprise_user
def round_detail(request, pk: int):
    round_ = _round(request, pk)
    side = request.account.side
    offer = OnlineOffer.objects.filter(round=round_).first()
    return _page(
        request,
        "round.html",
        {
            "round": round_,
            "offer": offer,
            "side": side,
            "deadline": round_.current_deadline,
            "today": timezone.localdate(),
            "answers": round_.status in (procedure.OFFERED, procedure.NO_REPLY)
            and side != round_.offered_by,
            "representatives": representatives_by_side(round_=round_, offer=offer),
            "meetings": list(round_.meetings.all()),
            "votes": list(round_.votes.all()),
            "documents": list(round_.documents.all()),
            "steps": round_steps(round_=round_),
            "next": next_steps(round_=round_, side=side),
            "negotiating": round_.status == procedure.NEGOTIATING,
            "may_name": round_.status in (procedure.OFFERED, procedure.NEGOTIATING),
            # Published while bargaining (R6); again after the representatives change.
            "may_publish": round_.status == procedure.NEGOTIATING
            and round_.representatives.exists(),
            "may_vote": round_.status == procedure.NEGOTIATING and side == Side.UNION,
            "may_sign": round_.status == procedure.VOTED,
            "contract": getattr(round_, "contract", None) if round_.signed_date else None,
        },
    )


@enterprise_user
def round_answer(request, pk: int):
    """The receiving side accepts (with its representatives, optionally another time and place)
    or refuses (with a reason)."""
    round_ = _round(request, pk)
    side = request.account.side
    if side == round_.offered_by or round_.status not in (procedure.OFFERED, procedure.NO_REPLY):
        messages.info(request, _("This offer is not yours to answer, or has been answered."))
        return redirect("enterprise_round", round_.pk)
    decision = request.POST.get("decision") if request.method == "POST" else None
    accept = forms.AcceptForm(request.POST if decision == "accept" else None)
    reps = forms.representative_formset(request.POST if decision == "accept" else None)
    refuse = forms.RefuseForm(request.POST if decision == "refuse" else None)
    status = 200
    if decision == "accept":
        if accept.is_valid() & reps.is_valid():
            try:
                service.offer_answer(
                    user=request.user,
                    round_id=round_.pk,
                    accepted=True,
                    representatives=reps.rows(),
                    counter_proposed_at=accept.counter_proposed_at(),
                    counter_place=accept.cleaned_data["counter_place"],
                    today=timezone.localdate(),
                )
            except ValidationError as exc:
                _errors(accept, exc)
            else:
                messages.success(request, _("You accepted the offer: bargaining has started."))
                return redirect("enterprise_round", round_.pk)
        status = 400
    elif decision == "refuse":
        if refuse.is_valid():
            try:
                service.offer_answer(
                    user=request.user,
                    round_id=round_.pk,
                    accepted=False,
                    refusal_reason=refuse.cleaned_data["reason"],
                    today=timezone.localdate(),
                )
            except ValidationError as exc:
                _errors(refuse, exc)
            else:
                messages.success(request, _("Your refusal has been sent, with its reason."))
                return redirect("enterprise_round", round_.pk)
        status = 400
    offer = OnlineOffer.objects.filter(round=round_).first()
    return _page(
        request,
        "round_answer.html",
        {
            "round": round_,
            "offer": offer,
            "accept": accept,
            "reps": reps,
            "refuse": refuse,
            "refuse_open": decision == "refuse",
            "may_refuse": round_.status == procedure.OFFERED,
            "representatives": representatives_by_side(round_=round_, offer=offer),
        },
        status,
    )


@enterprise_user
def round_representatives(request, pk: int):
    """The user's side names (or renames) its own representatives."""
    round_ = _round(request, pk)
    side = request.account.side
    current = service.side_representatives(round_, side)
    form = forms.forms.Form(request.POST or None)
    reps = forms.representative_formset(request.POST or None, initial=current)
    status = 200
    if request.method == "POST":
        if reps.is_valid():
            try:
                both = service.side_representatives_set(
                    user=request.user,
                    round_id=round_.pk,
                    representatives=reps.rows(),
                    today=timezone.localdate(),
                )
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Both sides' representatives are now the round's.")
                    if both
                    else _("Your side's representatives are saved; the other side's are awaited."),
                )
                return redirect("enterprise_round", round_.pk)
        status = 400
    return _page(
        request,
        "round_representatives.html",
        {"round": round_, "form": form, "reps": reps, "side": request.account.get_side_display()},
        status,
    )


# --- the steps: one form each, through services.online_offers ----------------------------------

STEPS = {
    "publication": (
        forms.PublishForm,
        lambda request, round_, data: service.step_publish_representatives(
            user=request.user,
            round_id=round_.pk,
            published_on=data["published_on"],
            today=timezone.localdate(),
        ),
    ),
    "meeting": (
        forms.MeetingForm,
        lambda request, round_, data: service.step_record_meeting(
            user=request.user,
            round_id=round_.pk,
            held_on=data["held_on"],
            place=data["place"],
            summary=data["summary"],
            suspended_until=data.get("suspended_until"),
            minutes=data["minutes"],
            today=timezone.localdate(),
        ),
    ),
    "vote": (
        forms.VoteForm,
        lambda request, round_, data: service.step_record_vote(
            user=request.user,
            round_id=round_.pk,
            held_on=data["held_on"],
            total=data["total"],
            present=data["present"],
            in_favour=data["in_favour"],
            resolution=data["resolution"],
            today=timezone.localdate(),
        ),
    ),
    "signature": (
        forms.SignForm,
        lambda request, round_, data: service.step_sign(
            user=request.user,
            round_id=round_.pk,
            signed_on=data["signed_on"],
            title=data["title"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            covered_employees=data["covered_employees"],
            wage_growth_pct=data.get("wage_growth_pct"),
            minimum_wage=data.get("minimum_wage"),
            weekly_hours=data.get("weekly_hours"),
            today=timezone.localdate(),
        ),
    ),
}


def _step_titles() -> dict[str, tuple[str, str, str]]:
    """(heading, explanation, button, success message) of each step, translated now."""
    return {
        "publication": (
            _("Publication of the representatives"),
            _(
                "The day both sides' representatives were made known to the employees, e.g. "
                "on the notice board or the intranet."
            ),
            _("Record the publication"),
            _("The publication has been recorded."),
        ),
        "meeting": (
            _("Record a bargaining meeting"),
            _(
                "A meeting counts once its minutes are signed by everyone present: upload "
                "the signed minutes."
            ),
            _("Record the meeting"),
            _("The meeting has been recorded."),
        ),
        "vote": (
            _("Record the workers' congress vote"),
            _(
                "Enter the attendance and the votes: the portal judges them by the quorum "
                "and the approval of the federation's rule profile and says why. Upload "
                "the resolution."
            ),
            _("Record the vote"),
            _("The vote has been recorded."),
        ),
        "signature": (
            _("Record the signature"),
            _(
                "Both chief representatives have signed the contract the workers' congress "
                "passed. Its term is checked; the submission deadline starts today."
            ),
            _("Record the signature"),
            _("The signature has been recorded."),
        ),
    }


def _step(request, pk: int, step: str):
    round_ = _round(request, pk)
    form_class, run = STEPS[step]
    heading, explanation, button, success = _step_titles()[step]
    form = form_class(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                result = run(request, round_, form.cleaned_data)
            except ValidationError as exc:
                _errors(form, exc)
            else:
                if step == "vote" and not result.passed:
                    messages.error(
                        request,
                        _("The draft was not passed: %(why)s") % {"why": result.explanation},
                    )
                else:
                    messages.success(request, success)
                return redirect("enterprise_round", round_.pk)
        status = 400
    context = {
        "round": round_,
        "form": form,
        "heading": heading,
        "explanation": explanation,
        "button": button,
    }
    return _page(request, "round_step.html", context, status)


@enterprise_user
def step_publication(request, pk: int):
    return _step(request, pk, "publication")


@enterprise_user
def step_meeting(request, pk: int):
    return _step(request, pk, "meeting")


@enterprise_user
def step_vote(request, pk: int):
    return _step(request, pk, "vote")


@enterprise_user
def step_signature(request, pk: int):
    return _step(request, pk, "signature")


@enterprise_user
def round_document(request, pk: int):
    """A ledger document of one of the enterprise's rounds, downloaded (never shown inline)."""
    document = get_object_or_404(
        RoundDocument.objects.select_related("round"),
        pk=pk,
        round__enterprise=request.account.enterprise,
    )
    try:
        handle = document.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    name = document.file.name.rsplit("/", 1)[-1]
    response = FileResponse(handle, as_attachment=True, filename=name)
    response["X-Content-Type-Options"] = "nosniff"
    return _private(response)
