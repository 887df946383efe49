"""Targets in the admin (issue 16 item 4): the federation's progress against its targets (everyone
with admin access), the form that sets them (federation administrators) and the children against
their targets (administrators, or the statistics role where it exists).

The targets live in the shared schema (tenants.Target); who set one is kept as a name, since
users are per federation. A child's row shows its region: the child and everything beneath it.
"""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import connection
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.names import person_name
from compliance.rules.figures import INDICATOR_BY_KEY, INDICATORS
from compliance.selectors.targets import (
    children_against_targets,
    own_progress,
    target_changes,
    target_years,
    targets_in_force,
    targets_set_by,
)
from compliance.services.targets import REASON_MAX, targets_set
from tenants.models import TARGET_MAX, TARGET_MIN, Target
from tenants.roles import ROLE_BY_KEY

ROWS_PER_PAGE = 50
_OUT_OF_RANGE = gettext_lazy("A target is a percentage between 0 and 100.")


def is_federation_admin(user) -> bool:
    """Federation administrators (the default group) and superusers set targets."""
    if user.is_superuser:
        return True
    return user.groups.filter(name=ROLE_BY_KEY["federation_admin"].name).exists()


def may_see_children(user) -> bool:
    # compliance.read_statistics: the statistics role's permission (issue 16 item 3).
    return is_federation_admin(user) or user.has_perm("compliance.read_statistics")


def _percent_field(label) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        required=False,
        min_value=TARGET_MIN,
        max_value=TARGET_MAX,
        max_digits=4,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"step": "0.1", "min": "0", "max": "100"}),
        error_messages={
            "min_value": _OUT_OF_RANGE,
            "max_value": _OUT_OF_RANGE,
            "max_digits": _OUT_OF_RANGE,
            "max_whole_digits": _OUT_OF_RANGE,
            "max_decimal_places": gettext_lazy("A target has at most one decimal place."),
            "invalid": gettext_lazy("Enter a target as a number of percent, e.g. 85."),
        },
    )


class TargetsForm(forms.Form):
    """One row per indicator: our target and, for a federation with children, the default for
    the federations beneath; then the reason."""

    def __init__(self, *args, with_defaults: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.with_defaults = with_defaults
        for indicator in INDICATORS:
            self.fields[f"own_{indicator.key}"] = _percent_field(
                _("%(indicator)s: our target (%%)") % {"indicator": indicator.label}
            )
            if with_defaults:
                self.fields[f"beneath_{indicator.key}"] = _percent_field(
                    _("%(indicator)s: default for the federations beneath (%%)")
                    % {"indicator": indicator.label}
                )
        self.fields["reason"] = forms.CharField(
            label=_("Reason for the change"),
            max_length=REASON_MAX,
            help_text=_("Kept with the targets' history."),
            error_messages={
                "required": _("Say why you set these targets: the reason is kept with them.")
            },
        )

    def rows(self, inherited):
        """(indicator, our field, default field or None, the default in force from above)."""
        return [
            (
                indicator,
                self[f"own_{indicator.key}"],
                self[f"beneath_{indicator.key}"] if self.with_defaults else None,
                inherited.get(indicator.key),
            )
            for indicator in INDICATORS
        ]

    def values(self) -> dict[tuple[str, str], Decimal | None]:
        scopes = [Target.Scope.OWN] + ([Target.Scope.BENEATH] if self.with_defaults else [])
        return {
            (indicator.key, scope): self.cleaned_data[f"{scope}_{indicator.key}"]
            for indicator in INDICATORS
            for scope in scopes
        }


def _year(request, years) -> int:
    try:
        year = int(request.GET.get("year") or request.POST.get("year") or years[0])
    except ValueError:
        year = years[0]
    return year if year in years else years[0]


def _labelled(changes):
    for change in changes:
        indicator = INDICATOR_BY_KEY.get(change.indicator)
        change.indicator_label = indicator.label if indicator else change.indicator
    return changes


def targets_index(request):
    """The federation's targets for the year and its progress towards them, live."""
    federation = connection.tenant
    today = timezone.localdate()
    admin = is_federation_admin(request.user)
    title = _("Targets")
    return TemplateResponse(
        request,
        "compliance/targets/index.html",
        {
            "page_title": title,
            "header_title": title,
            "year": today.year,
            "today": today,
            "progress": own_progress(federation=federation, as_of=today),
            "may_set": admin,
            "may_see_children": may_see_children(request.user) and federation.children.exists(),
            "changes": _labelled(target_changes(federation=federation)) if admin else [],
        },
    )


def targets_edit(request):
    """The form: every indicator's target for this year or the next, with a reason."""
    if not is_federation_admin(request.user):
        raise PermissionDenied
    federation = connection.tenant
    years = target_years(today=timezone.localdate())
    year = _year(request, years)
    with_defaults = federation.children.exists()
    current = targets_set_by(federation=federation, year=year)
    initial = {f"{scope}_{key}": value for (key, scope), value in current.items()}
    form = TargetsForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        with_defaults=with_defaults,
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = targets_set(
                federation=federation,
                year=year,
                values=form.values(),
                reason=form.cleaned_data["reason"],
                changed_by=person_name(request.user),
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Targets for %(year)s saved: %(count)d changed.")
                % {"year": year, "count": changed},
            )
            return redirect(reverse("targets:index"))
    inherited = targets_in_force(federation_ids=[federation.pk], year=year)[federation.pk]
    title = _("Set targets for %(year)s") % {"year": year}
    return TemplateResponse(
        request,
        "compliance/targets/edit.html",
        {
            "page_title": title,
            "header_title": title,
            "form": form,
            "year": year,
            "years": years,
            "rows": form.rows({k: t for k, t in inherited.items() if t.inherited}),
        },
        status=400 if request.method == "POST" else 200,
    )


def targets_children(request):
    """Each child's region against its target in force, behind first; one indicator or all."""
    if not may_see_children(request.user):
        raise PermissionDenied
    federation = connection.tenant
    indicator = request.GET.get("indicator", "")
    if indicator not in INDICATOR_BY_KEY:
        indicator = ""
    day, rows = children_against_targets(
        federation=federation, as_of=timezone.localdate(), indicator=indicator
    )
    title = _("Federations beneath against their targets")
    return TemplateResponse(
        request,
        "compliance/targets/children.html",
        {
            "page_title": title,
            "header_title": title,
            "page": Paginator(rows, ROWS_PER_PAGE).get_page(request.GET.get("page")),
            "day": day,
            "indicator": indicator,
            "indicators": INDICATORS,
            "has_children": federation.children.exists(),
        },
    )
