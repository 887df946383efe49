"""The statistics pages' controls: a day (the current and previous calendar years, up to today),
a period ending on it and one dimension. Sent by GET: the pages only read."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from compliance.backoffice.common import date_field
from compliance.rules.figure_days import day_problem, earliest_day
from compliance.rules.figures import DIMENSION_LABELS, DIMENSIONS, PERIOD_LABELS, PERIODS

DEFAULT_PERIOD, DEFAULT_DIMENSION = "r12", "all"


class FiguresForm(forms.Form):
    day = date_field(_("Day"), required=False)
    period = forms.ChoiceField(
        label=_("Period ending on the day"),
        choices=[(p, PERIOD_LABELS[p]) for p in PERIODS],
        required=False,
    )
    dimension = forms.ChoiceField(
        label=_("Broken down by"),
        choices=[(d, DIMENSION_LABELS[d]) for d in DIMENSIONS],
        required=False,
    )

    def __init__(self, data, *, today: dt.date):
        super().__init__(data)
        self.today = today
        self.fields["day"].widget.attrs.update(
            {"min": earliest_day(today=today).isoformat(), "max": today.isoformat()}
        )

    def clean_day(self):
        day = self.cleaned_data.get("day") or self.today
        problem = day_problem(day, today=self.today)
        if problem:
            raise forms.ValidationError(problem)
        return day

    def choice(self) -> tuple[dt.date, str, str]:
        """The day, period and dimension to show: what was asked, where valid, else the
        defaults (today, the twelve months to it, the whole federation)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return (
            data.get("day") or self.today,
            data.get("period") or DEFAULT_PERIOD,
            data.get("dimension") or DEFAULT_DIMENSION,
        )
