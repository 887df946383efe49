"""The steps of a collective contract in the admin: publish, file, amend, terminate, and record
the annual performance report (R23, R27, R30, R31); its clauses, added, edited and deleted from
its page; once filed, its filing receipt (PDF); and, once it expired without a successor, its
renewal round or a supervision case."""

from __future__ import annotations

import mimetypes
import os

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.log_actions import log

from compliance.backoffice.common import CHANGE_REASON, attachment, require, run_step_form
from compliance.backoffice.contracts import forms as contract_forms
from compliance.documents.receipt import receipt_pdf
from compliance.models import (
    BargainingRound,
    Clause,
    Contract,
    PerformanceReport,
    SupervisionCase,
)
from compliance.selectors.contracts import expiry_case_open
from compliance.selectors.receipts import receipt_contract
from compliance.services import contracts as services
from compliance.services.bargaining import round_offer_renewal
from compliance.services.contracts import clause_delete, clause_save
from compliance.services.supervision.cases import case_open


def contract_step_view(request, pk: int, step: str):
    require(request.user, "change", Contract)
    contract = get_object_or_404(Contract, pk=pk)
    back = reverse("contracts:inspect", args=[contract.pk])
    user = request.user
    steps = {
        "publish": (
            contract_forms.PublishForm,
            _("Publish the contract"),
            lambda d: services.contract_publish(contract_id=pk, user=user, **d),
        ),
        "file": (
            contract_forms.FileForm,
            _("File the contract"),
            lambda d: services.contract_file(contract_id=pk, user=user, **d),
        ),
        "terminate": (
            contract_forms.TerminateForm,
            _("Terminate the contract"),
            lambda d: services.contract_terminate(contract_id=pk, user=user, **d),
        ),
        "amend": (
            contract_forms.AmendForm,
            _("Amend the contract (a new version)"),
            lambda d: services.contract_amend(
                contract_id=pk,
                amended_on=d["amended_on"],
                user=user,
                changes={k: v for k, v in d.items() if k != "amended_on" and v is not None},
            ),
        ),
        "report": (
            contract_forms.ReportForm,
            _("Record the performance report"),
            lambda d: services.contract_report_record(contract_id=pk, user=user, **d),
        ),
        "renews": (
            contract_forms.RenewsForm,
            _("Record the contract it renews"),
            lambda d: services.contract_renewal_link(
                contract_id=pk, predecessor=d["predecessor"], reason=d["reason"], user=user
            ),
        ),
    }
    if step not in steps:
        raise Http404
    form_class, title, action = steps[step]
    if step == "renews":
        if contract.relation == Contract.Relation.AMENDMENT:
            raise Http404
        form = form_class(request.POST or None, contract=contract)
    elif step == "publish" and contract.published_on:
        # Published before: the form starts from what was recorded (e.g. to add the day the
        # notice-board posting came down) rather than from today.
        initial = {
            "published_on": contract.published_on,
            "posting_ends_on": contract.posting_ends_on,
            "publish_publicly": contract.publish_publicly,
        }
        form = form_class(request.POST or None, initial=initial)
    else:
        form = form_class(request.POST or None)
    return run_step_form(request, form, action, title=title, back_url=back, obj=contract)


def contract_receipt_view(request, pk: int):
    """The filing receipt (备案回执) as a PDF, for whoever may see the contract: its QR code
    opens this federation's public verification page with the code filled in."""
    require(request.user, "view", Contract)
    try:
        contract = receipt_contract(contract_id=pk)
    except Contract.DoesNotExist:
        raise Http404 from None
    if not contract.filing_number or not contract.verification_code:
        raise Http404
    page = request.build_absolute_uri(reverse("filing_verify"))
    try:
        content = receipt_pdf(
            contract=contract,
            federation=connection.tenant,
            verify_url=f"{page}?{urlencode({'code': contract.verification_code})}",
            verify_page=page,
        )
    except ValueError as exc:  # a character the print font lacks
        messages.error(request, str(exc))
        return redirect("contracts:inspect", contract.pk)
    return attachment(
        content, name=f"filing-receipt-{contract.pk}.pdf", content_type="application/pdf"
    )


# --- Clauses, edited on their contract's page ---------------------------------------------------


def contract_report_file_view(request, pk: int, which: str):
    """A performance report's document or congress minutes (private storage; issue 17 item 9)."""
    require(request.user, "view", Contract)
    if which not in ("document", "minutes"):
        raise Http404
    report = get_object_or_404(PerformanceReport, pk=pk)
    file = getattr(report, which)
    if not file:
        raise Http404
    name = f"{report.year}-{which}{os.path.splitext(file.name)[1]}"
    return attachment(
        file.open("rb"),
        name=name,
        content_type=mimetypes.guess_type(file.name)[0] or "application/octet-stream",
    )


def _clause_saved(
    *, contract: Contract, clause: Clause | None, data: dict, user, reason: str
) -> Clause:
    """Save through the service and log Wagtail's action, as Wagtail's own views would (the
    admin's history reports read them)."""
    saved = clause_save(
        clause=clause, data={**data, "contract": contract}, user=user, reason=reason
    )
    action = "wagtail.create" if clause is None else "wagtail.edit"
    log(instance=saved, action=action, user=user, content_changed=True)
    return saved


def _clauses_url(contract_id: int) -> str:
    return reverse("contracts:inspect", args=[contract_id]) + "#contract-clauses"


def clause_add_view(request, pk: int):
    require(request.user, "change", Contract)
    contract = get_object_or_404(Contract, pk=pk)
    last = contract.clauses.aggregate(last=Max("order"))["last"] or 0
    form = contract_forms.ClauseForm(request.POST or None, initial={"order": last + 1})
    return run_step_form(
        request,
        form,
        lambda data: _clause_saved(
            contract=contract,
            clause=None,
            data=data,
            user=request.user,
            reason=_("Entered in the admin"),
        ),
        title=_("Add a clause"),
        back_url=_clauses_url(contract.pk),
        obj=contract,
        success=lambda clause: _("Clause %(order)s added.") % {"order": clause.order},
    )


def clause_edit_view(request, pk: int):
    require(request.user, "change", Contract)
    clause = get_object_or_404(Clause.objects.select_related("contract"), pk=pk)
    initial = {field: getattr(clause, field) for field in contract_forms.ClauseForm.base_fields}
    form = contract_forms.ClauseEditForm(request.POST or None, initial=initial)
    return run_step_form(
        request,
        form,
        lambda data: _clause_saved(
            contract=clause.contract,
            clause=clause,
            data=data,
            user=request.user,
            reason=data[CHANGE_REASON],
        ),
        title=_("Edit clause %(order)s") % {"order": clause.order},
        back_url=_clauses_url(clause.contract_id),
        obj=clause.contract,
        success=lambda saved: _("Clause %(order)s saved.") % {"order": saved.order},
    )


@require_POST
def clause_delete_view(request, pk: int):
    require(request.user, "change", Contract)
    clause = get_object_or_404(Clause, pk=pk)
    contract_id, order = clause.contract_id, clause.order
    with transaction.atomic():
        log(instance=clause, action="wagtail.delete", user=request.user)
        clause_delete(clause_id=clause.pk, user=request.user)
    messages.success(request, _("Clause %(order)s deleted.") % {"order": order})
    return redirect(_clauses_url(contract_id))


# --- What an expired contract calls for: its renewal round, or a supervision case ----------------


@require_POST
def contract_renew_view(request, pk: int):
    """Start (or open, when one is under way) the contract's renewal round, and land on it."""
    require(request.user, "add", BargainingRound)
    contract = get_object_or_404(Contract, pk=pk)
    try:
        round_, created = round_offer_renewal(
            contract_id=contract.pk, offer_date=timezone.localdate(), user=request.user
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("contracts:inspect", contract.pk)
    if created:
        messages.success(
            request,
            _("Renewal round started: the union's offer to %(enterprise)s is recorded as of today.")
            % {"enterprise": round_.enterprise},
        )
    else:
        messages.info(request, _("A renewal round is already under way; here it is."))
    return redirect("bargaining_rounds:inspect", round_.pk)


@require_POST
def contract_open_case_view(request, pk: int):
    """Open a supervision case about an expired contract without a successor (or go to the one
    already open), and land on it."""
    require(request.user, "add", SupervisionCase)
    contract = get_object_or_404(Contract.objects.select_related("enterprise"), pk=pk)
    case = expiry_case_open(contract=contract)
    if case is not None:
        messages.info(
            request, _("A case about this contract's expiry is already open; here it is.")
        )
        return redirect("supervision_cases:inspect", case.pk)
    try:
        case = case_open(
            title=_("%(enterprise)s: collective contract expired without renewal")
            % {"enterprise": contract.enterprise},
            source=SupervisionCase.Source.EXPIRED_CONTRACT,
            opened_on=timezone.localdate(),
            source_contract=contract,
            supervisor=request.user,
            summary=_("“%(contract)s” ended on %(ends_on)s and has not been renewed.")
            % {"contract": contract, "ends_on": contract.ends_on.isoformat()},
            user=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("contracts:inspect", contract.pk)
    messages.success(request, _("Supervision case opened."))
    return redirect("supervision_cases:inspect", case.pk)
