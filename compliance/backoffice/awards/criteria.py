"""An award's veto criteria: chosen from the catalogue (compliance.rules.veto), each record
criterion with its look-back and whether the records of that kind are complete."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from compliance.backoffice.common import date_field, require
from compliance.models import Award
from compliance.models.awards import LOOKBACK_CHOICES
from compliance.rules.veto import CATALOGUE
from compliance.services.awards import CriterionChoice, award_criteria_set


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
                # The table's cells show no label of their own: each control is named by its
                # criterion and column, for a screen reader (axe: label, select-name).
                for name in names[1:]:
                    field = self.fields[name]
                    field.widget.attrs["aria-label"] = _("%(criterion)s: %(column)s") % {
                        "criterion": _(criterion.label),
                        "column": field.label,
                    }
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
    require(request.user, "change", Award)
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
