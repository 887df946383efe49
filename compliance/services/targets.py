"""Setting a federation's yearly targets (DOMAIN.md §7, issue 16 item 4).

A federation sets, for this year or the next, a target in percent for each indicator of
compliance.rules.figures.INDICATORS: its own, and, if federations lie beneath it, a default for
them (each follows the nearest default above it until it sets its own). A target lies between 0
and 100 %; a change needs a reason, and each one appends a TargetChange (value before and after,
who, when, why). Bad input changes nothing: every problem is reported at once.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.rules.figures import INDICATOR_BY_KEY
from compliance.selectors.targets import target_years
from tenants.models import TARGET_MAX, TARGET_MIN, Federation, Target, TargetChange

REASON_MAX = 500
Values = dict[tuple[str, str], Decimal | None]  # (indicator, scope) -> percent, None: no target


def _problems(
    *, federation: Federation, year: int, values: Values, reason: str, today: dt.date
) -> list[str]:
    problems = []
    if year not in target_years(today=today):
        problems.append(
            _("Targets are set for this year or the next, not for %(year)s.") % {"year": year}
        )
    if not reason.strip():
        problems.append(_("Say why you set these targets: the reason is kept with them."))
    elif len(reason) > REASON_MAX:
        problems.append(_("The reason is longer than %(max)d characters.") % {"max": REASON_MAX})
    has_children = None
    for (key, scope), value in values.items():
        indicator = INDICATOR_BY_KEY.get(key)
        if indicator is None or scope not in Target.Scope.values:
            problems.append(_("There is no indicator %(key)s.") % {"key": f"{key}/{scope}"})
            continue
        if value is None:
            continue
        if not TARGET_MIN <= value <= TARGET_MAX:
            problems.append(
                _("A target is a percentage between 0 and 100: %(indicator)s is %(value)s.")
                % {"indicator": indicator.label, "value": value}
            )
        if scope == Target.Scope.BENEATH:
            if has_children is None:
                has_children = federation.children.exists()
            if not has_children:
                problems.append(
                    _(
                        "Only a federation with federations beneath it sets defaults for them: "
                        "%(indicator)s."
                    )
                    % {"indicator": indicator.label}
                )
    return problems


def targets_set(
    *,
    federation: Federation,
    year: int,
    values: Values,
    reason: str,
    changed_by: str,
    now: dt.datetime | None = None,
) -> int:
    """Set `federation`'s targets for `year` to `values` (None clears one); returns how many
    changed. Raises ValidationError, changing nothing, on a value outside 0–100 %, a missing
    reason, a default set by a federation with nothing beneath it, or a year not offered."""
    now = now or timezone.now()
    values = {
        k: (v if v is None else Decimal(v).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))
        for k, v in values.items()
    }
    problems = _problems(
        federation=federation,
        year=year,
        values=values,
        reason=reason,
        today=timezone.localdate(now),
    )
    if problems:
        raise ValidationError(problems)
    changed = 0
    with transaction.atomic():
        current = {
            (t.indicator, t.scope): t
            for t in Target.objects.select_for_update().filter(federation=federation, year=year)
        }
        for (key, scope), value in values.items():
            target = current.get((key, scope))
            before = target.value if target else None
            if before == value:
                continue
            if value is None:
                target.delete()
            elif target is None:
                Target.objects.create(
                    federation=federation,
                    year=year,
                    indicator=key,
                    scope=scope,
                    value=value,
                    set_by=changed_by,
                    set_at=now,
                )
            else:
                target.value, target.set_by, target.set_at = value, changed_by, now
                target.save(update_fields=["value", "set_by", "set_at"])
            TargetChange.objects.create(
                federation=federation,
                year=year,
                indicator=key,
                scope=scope,
                before=before,
                after=value,
                changed_by=changed_by,
                changed_at=now,
                reason=reason.strip(),
            )
            changed += 1
    return changed
