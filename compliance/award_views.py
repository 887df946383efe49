"""Award eligibility in the admin: choosing an award's criteria, checking one enterprise or an
uploaded nomination list (a check's results and notices: compliance.run_views)."""

from __future__ import annotations

import tempfile

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from compliance.excel.awards import nomination_spec
from compliance.excel.writer import write_template
from compliance.forms import date_field
from compliance.models import Award, Enterprise
from compliance.models.awards import LOOKBACK_CHOICES
from compliance.rules.uscc import normalize
from compliance.rules.veto import CATALOGUE
from compliance.services.awards import (
    CriterionChoice,
    Nominee,
    award_criteria_set,
    eligibility_check,
    nomination_list_create,
)
from compliance.services.imports import LIMITS, sheet_language
from compliance.steps import run_step_form

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _download(handle, *, name: str) -> FileResponse:
    handle.seek(0)
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=XLSX)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


# --- Criteria ----------------------------------------------------------------------------------


class CriteriaForm(forms.Form):
    """One line per catalogue criterion: chosen or not; for record criteria, the look-back and
    whether the records of that kind are complete."""

    def __init__(self, *args, award: Award, **kwargs):
        super().__init__(*args, **kwargs)
        chosen = {c.code: c for c in award.criteria.all()}
        self.lines = []
        for code, criterion in CATALOGUE.items():
            row = chosen.get(code)
            self.fields[f"{code}__on"] = forms.BooleanField(
                label=_(criterion.label), required=False, initial=row is not None
            )
            names = [f"{code}__on"]
            if criterion.violation_kind:
                default = dict(LOOKBACK_CHOICES)[criterion.default_lookback.value]
                self.fields[f"{code}__lookback"] = forms.ChoiceField(
                    label=_("look-back"),
                    required=False,
                    choices=[
                        ("", _("default: %(lookback)s") % {"lookback": default}),
                        *LOOKBACK_CHOICES,
                    ],
                    initial=row.lookback if row else "",
                )
                self.fields[f"{code}__since"] = date_field(
                    _("since"), required=False, initial=row.since if row else None
                )
                self.fields[f"{code}__complete"] = forms.BooleanField(
                    label=_("records complete"),
                    required=False,
                    initial=row.records_complete if row else False,
                )
                names += [f"{code}__lookback", f"{code}__since", f"{code}__complete"]
            self.lines.append((criterion, names))

    def rows(self):
        return [(criterion, [self[name] for name in names]) for criterion, names in self.lines]

    def choices(self) -> list[CriterionChoice]:
        data = self.cleaned_data
        return [
            CriterionChoice(
                code=criterion.code,
                lookback=data.get(f"{criterion.code}__lookback") or "",
                since=data.get(f"{criterion.code}__since"),
                records_complete=bool(data.get(f"{criterion.code}__complete")),
            )
            for criterion, _names in self.lines
            if data.get(f"{criterion.code}__on")
        ]


def criteria_view(request, pk: int):
    _require(request, "compliance.change_award")
    award = get_object_or_404(Award, pk=pk)
    form = CriteriaForm(request.POST if request.method == "POST" else None, award=award)
    back = reverse("awards:inspect", args=[award.pk])
    if request.method == "POST" and form.is_valid():
        choices = form.choices()
        if not choices:
            form.add_error(None, _("Choose at least one criterion."))
        else:
            try:
                award_criteria_set(award_id=award.pk, criteria=choices, user=request.user)
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                messages.success(request, _("The award's veto criteria are saved."))
                return redirect(back)
    title = _("Veto criteria of %(award)s") % {"award": award}
    return TemplateResponse(
        request,
        "compliance/awards/criteria.html",
        {
            "form": form,
            "award": award,
            "back_url": back,
            "page_title": title,
            "header_title": title,
        },
    )


# --- Checking one enterprise -------------------------------------------------------------------


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
    _require(request, "compliance.add_eligibilityrun")
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


# --- Uploading a nomination list ---------------------------------------------------------------


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
    _require(request, "compliance.add_eligibilityrun")
    award = get_object_or_404(Award, pk=pk)
    announced = int(request.META.get("CONTENT_LENGTH") or 0)
    if request.method == "POST" and announced > LIMITS.max_bytes + 64 * 1024:
        form = UploadForm({}, {})
        form.is_valid()
        form.errors.clear()
        form.errors["file"] = form.error_class(
            [
                _("The file is larger than %(limit)d MB. Split the rows into smaller files.")
                % {"limit": LIMITS.max_bytes // (1024 * 1024)}
            ]
        )
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
    _require(request, "compliance.add_eligibilityrun")
    handle = tempfile.TemporaryFile()  # noqa: SIM115 (the FileResponse closes it)
    language = sheet_language()
    write_template(spec=nomination_spec(), language=language, target=handle)
    return _download(handle, name="nominations-template.xlsx")
