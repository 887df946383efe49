"""Back-office steps of supervision: issue letters, record delivery, replies, outcomes and the
department's result, close a case; the letters as documents and the supervision-ledger export."""

from __future__ import annotations

import mimetypes

from django.contrib import messages
from django.db import connection
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.backoffice.common import attachment, require, run_step_form, xlsx_response
from compliance.backoffice.supervision.forms import (
    AreaReminderForm,
    CloseForm,
    DeliveryForm,
    DepartmentForm,
    LetterForm,
    OutcomeForm,
    ReferForm,
    ReplyRecordForm,
)
from compliance.documents.letters import letter_docx, letter_pdf
from compliance.models import ItemEvidence, Letter, LetterKind, RectificationItem, SupervisionCase
from compliance.selectors.supervision import letter_initial, supervision_ledger_workbook
from compliance.services import supervision as sv

_DOCUMENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


def letter_issue_view(request, pk: int, kind: str):
    require(request.user, "change", SupervisionCase)
    case = get_object_or_404(SupervisionCase, pk=pk)
    if kind not in LetterKind.values:
        raise Http404
    back = reverse("supervision_cases:inspect", args=[case.pk])
    form = LetterForm(request.POST or None, kind=kind, initial=letter_initial(case=case, kind=kind))
    title = _("Issue: %(kind)s") % {"kind": LetterKind(kind).label}

    def action(data):
        letter, token = sv.letter_issue(
            case_id=case.pk,
            kind=kind,
            issued_on=data["issued_on"],
            addressee=data["addressee"],
            facts=data["facts"],
            legal_basis=data["legal_basis"],
            actions=_lines(data["actions"]),
            signer=data["signer"],
            signer_title=data["signer_title"],
            copies_to=data["copies_to"],
            trigger=data.get("trigger", ""),
            department=data.get("department", ""),
            due_on=data["due_on"],
            user=request.user,
        )
        request.session[f"reply_token_{letter.pk}"] = token  # shown once on the letter page
        return redirect(reverse("letters:inspect", args=[letter.pk]))

    return run_step_form(request, form, action, title=title, back_url=back, obj=case)


def letter_step_view(request, pk: int, step: str):
    require(request.user, "change", SupervisionCase)
    letter = get_object_or_404(Letter, pk=pk)
    back = reverse("letters:inspect", args=[letter.pk])
    if step == "delivery":
        form, title = DeliveryForm(request.POST or None), _("Record delivery")

        def action(data):
            return sv.letter_record_delivery(letter_id=letter.pk, user=request.user, **data)
    elif step == "reply":
        form, title = ReplyRecordForm(request.POST or None), _("Record the employer's reply")

        def action(data):
            return sv.letter_record_reply(letter_id=letter.pk, user=request.user, **data)
    elif step == "department":
        form, title = DepartmentForm(request.POST or None), _("Record the department's result")

        def action(data):
            return sv.letter_record_department_result(
                letter_id=letter.pk, user=request.user, **data
            )
    elif step == "new_link":
        if request.method != "POST":
            raise Http404
        token = sv.letter_new_reply_link(letter_id=letter.pk, user=request.user)
        request.session[f"reply_token_{letter.pk}"] = token
        return redirect(back)
    else:
        raise Http404
    return run_step_form(request, form, action, title=title, back_url=back, obj=letter)


def item_outcome_view(request, pk: int):
    require(request.user, "change", SupervisionCase)
    item = get_object_or_404(RectificationItem, pk=pk)
    # Back to the action on the case page, where its answer and evidence are read.
    back = reverse("supervision_cases:inspect", args=[item.case_id]) + f"#item-{item.pk}"
    form = OutcomeForm(request.POST or None)
    title = _("Outcome of action %(n)s") % {"n": item.order}
    return run_step_form(
        request,
        form,
        lambda d: sv.item_decide(
            item_id=item.pk,
            outcome=d["outcome"],
            note=d["note"],
            good_reason=d["good_reason"],
            decided_on=d["decided_on"],
            user=request.user,
        ),
        title=title,
        back_url=back,
        obj=item,
    )


def case_close_view(request, pk: int):
    require(request.user, "change", SupervisionCase)
    case = get_object_or_404(SupervisionCase, pk=pk)
    back = reverse("supervision_cases:inspect", args=[case.pk])
    form = CloseForm(request.POST or None)
    return run_step_form(
        request,
        form,
        lambda d: sv.case_close(case_id=case.pk, closed_on=d["closed_on"], user=request.user),
        title=_("Close the case"),
        back_url=back,
        obj=case,
    )


def case_refer_view(request, pk: int):
    """Refer the case to the federation above (报请上级工会), with a reason."""
    require(request.user, "change", SupervisionCase)
    case = get_object_or_404(SupervisionCase, pk=pk)
    back = reverse("supervision_cases:inspect", args=[case.pk])
    form = ReferForm(request.POST or None)
    parent = getattr(connection.tenant, "parent", None)
    return run_step_form(
        request,
        form,
        lambda d: sv.case_refer(case=case, reason=d["reason"], user=request.user),
        title=_("Refer to the federation above"),
        back_url=back,
        obj=case,
        success=_("The case was referred to %(parent)s.")
        % {"parent": parent.display_name if parent else "—"},
    )


def area_reminder_view(request):
    require(request.user, "add", SupervisionCase)
    back = reverse("supervision_cases:index")
    form = AreaReminderForm(request.POST or None)

    def action(data):
        _case, letter, token = sv.area_reminder_issue(
            title=data["title"],
            enterprises=list(data["enterprises"]),
            issued_on=data["issued_on"],
            addressee=data["addressee"],
            facts=data["facts"],
            legal_basis=data["legal_basis"],
            actions=_lines(data["actions"]),
            supervisor=request.user,
            user=request.user,
        )
        request.session[f"reply_token_{letter.pk}"] = token
        return redirect(reverse("letters:inspect", args=[letter.pk]))

    return run_step_form(request, form, action, title=_("Area-wide reminder letter"), back_url=back)


def letter_document_view(request, pk: int, fmt: str):
    """The letter as a print-ready PDF or as DOCX, rendered from the federation's template."""
    require(request.user, "view", Letter)
    letter = get_object_or_404(Letter.objects.select_related("case"), pk=pk)
    render = {"pdf": letter_pdf, "docx": letter_docx}.get(fmt)
    if render is None:
        raise Http404
    try:
        content = render(
            letter=letter,
            template=sv.letter_template(letter.kind),
            federation=connection.tenant,
            items=list(letter.items.all()),
        )
    except ValueError as exc:  # a template error or a character the print font lacks
        messages.error(request, str(exc))
        return redirect(reverse("letters:inspect", args=[letter.pk]))
    return attachment(content, name=f"letter-{letter.pk}.{fmt}", content_type=_DOCUMENT_TYPES[fmt])


def evidence_view(request, pk: int):
    require(request.user, "view", SupervisionCase)
    evidence = get_object_or_404(ItemEvidence, pk=pk)
    return attachment(
        evidence.file.open("rb"),
        name=evidence.original_name,
        content_type=mimetypes.guess_type(evidence.original_name)[0] or "application/octet-stream",
    )


def ledger_export_view(request):
    """The supervision ledger (letters with their case, enterprise, deadline, reply, outcomes)."""
    require(request.user, "view", SupervisionCase)
    day = timezone.localdate().isoformat()
    return xlsx_response(supervision_ledger_workbook(), name=f"supervision-ledger-{day}.xlsx")
