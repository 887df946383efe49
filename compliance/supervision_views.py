"""Back-office steps of supervision: open a case, issue letters, record delivery, replies,
outcomes and the department's result, close; documents and the supervision-ledger export."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from compliance.forms import date_field
from compliance.models import (
    Enterprise,
    ItemEvidence,
    Letter,
    LetterKind,
    RectificationItem,
    SupervisionCase,
)
from compliance.services import supervision as sv
from compliance.steps import run_step_form

CHANGE = "compliance.change_supervisioncase"


def _lines(value: str) -> list[str]:
    return [line.strip() for line in value.splitlines() if line.strip()]


class LetterForm(forms.Form):
    issued_on = date_field(gettext_lazy("issued on"), initial=timezone.localdate)
    addressee = forms.CharField(
        label=gettext_lazy("addressee"),
        required=False,
        help_text=gettext_lazy("Defaults to the enterprise's name."),
    )
    facts = forms.CharField(label=gettext_lazy("facts found"), widget=forms.Textarea)
    legal_basis = forms.CharField(
        label=gettext_lazy("legal basis"), widget=forms.Textarea(attrs={"rows": 3})
    )
    actions = forms.CharField(
        label=gettext_lazy("required actions"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=gettext_lazy("One per line; each becomes a rectification item."),
    )
    due_on = date_field(
        gettext_lazy("deadline"),
        required=False,
        help_text=gettext_lazy("Leave empty to use the rule profile's deadline."),
    )
    signer = forms.CharField(label=gettext_lazy("signed by"), required=False)
    signer_title = forms.ChoiceField(
        label=gettext_lazy("signer's title"),
        required=False,
        choices=[("", "—"), ("主席", "主席"), ("副主席", "副主席")],
    )
    copies_to = forms.CharField(label=gettext_lazy("copies to"), required=False)
    trigger = forms.ChoiceField(
        label=gettext_lazy("trigger (recommendation letters)"),
        required=False,
        choices=[("", "—"), *Letter.Trigger.choices],
    )
    department = forms.CharField(label=gettext_lazy("receiving department"), required=False)


class DeliveryForm(forms.Form):
    method = forms.ChoiceField(
        label=gettext_lazy("delivery method"), choices=Letter.Delivery.choices
    )
    delivered_on = date_field(gettext_lazy("delivered on"), initial=timezone.localdate)
    delivered_to = forms.CharField(label=gettext_lazy("received by"), required=False)
    refused = forms.BooleanField(
        label=gettext_lazy("the employer refused to accept it"), required=False
    )


class ReplyRecordForm(forms.Form):
    replied_on = date_field(gettext_lazy("replied on"), initial=timezone.localdate)
    text = forms.CharField(label=gettext_lazy("employer's reply"), widget=forms.Textarea)


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("outcome"),
        choices=[c for c in RectificationItem.Outcome.choices if c[0] != "pending"],
    )
    note = forms.CharField(
        label=gettext_lazy("verification note"), widget=forms.Textarea(attrs={"rows": 3})
    )
    good_reason = forms.BooleanField(
        label=gettext_lazy("good reason for not rectifying"), required=False
    )
    decided_on = date_field(gettext_lazy("decided on"), initial=timezone.localdate)


class DepartmentForm(forms.Form):
    case_opened_on = date_field(gettext_lazy("department opened a case on"), required=False)
    result = forms.CharField(
        label=gettext_lazy("department's handling result"), widget=forms.Textarea
    )


class CloseForm(forms.Form):
    closed_on = date_field(gettext_lazy("closed on"), initial=timezone.localdate)


class AreaReminderForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("title"))
    enterprises = forms.ModelMultipleChoiceField(
        label=gettext_lazy("addressed enterprises"), queryset=Enterprise.objects.none()
    )
    addressee = forms.CharField(
        label=gettext_lazy("addressee"), initial=gettext_lazy("All employers in the area")
    )
    issued_on = date_field(gettext_lazy("issued on"), initial=timezone.localdate)
    facts = forms.CharField(label=gettext_lazy("facts found"), widget=forms.Textarea)
    legal_basis = forms.CharField(
        label=gettext_lazy("legal basis"), widget=forms.Textarea(attrs={"rows": 3})
    )
    actions = forms.CharField(
        label=gettext_lazy("required actions"), widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprises"].queryset = Enterprise.objects.order_by("name")


def _require(request, perm: str = CHANGE) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def letter_issue_view(request, pk: int, kind: str):
    _require(request)
    case = get_object_or_404(SupervisionCase, pk=pk)
    if kind not in LetterKind.values:
        raise Http404
    back = reverse("supervision_cases:inspect", args=[case.pk])
    form = LetterForm(request.POST or None)
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
            trigger=data["trigger"],
            department=data["department"],
            due_on=data["due_on"],
            user=request.user,
        )
        request.session[f"reply_token_{letter.pk}"] = token  # shown once on the letter page
        return redirect(reverse("letters:inspect", args=[letter.pk]))

    return run_step_form(request, form, action, title=title, back_url=back, obj=case)


def letter_step_view(request, pk: int, step: str):
    _require(request)
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
    _require(request)
    item = get_object_or_404(RectificationItem, pk=pk)
    back = reverse("supervision_cases:inspect", args=[item.case_id])
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
    _require(request)
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


def area_reminder_view(request):
    _require(request, "compliance.add_supervisioncase")
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
    from compliance.documents.letters import letter_docx, letter_pdf

    _require(request, "compliance.view_letter")
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
    content_type = {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }[fmt]
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="letter-{letter.pk}.{fmt}"'
    response["Cache-Control"] = "private, no-store"
    return response


def evidence_view(request, pk: int):
    _require(request, "compliance.view_supervisioncase")
    evidence = get_object_or_404(ItemEvidence, pk=pk)
    response = FileResponse(
        evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def ledger_export_view(request):
    """The supervision ledger (letters with their case, enterprise, deadline, reply, outcomes)."""
    from compliance.selectors.supervision import supervision_ledger_workbook

    _require(request, "compliance.view_supervisioncase")
    content = supervision_ledger_workbook()
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    day = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="supervision-ledger-{day}.xlsx"'
    response["Cache-Control"] = "private, no-store"
    return response


def supervisors():
    return get_user_model().objects.filter(is_active=True).order_by("username")
