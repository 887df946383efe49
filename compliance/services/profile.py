"""The federation's rule profile (DOMAIN.md §3): created from a preset, then edited by admins.

Every parameter keeps its unit, its rule number and its source note, so every deadline the portal
computes can say which rule produced it, and the legal basis a letter may print (empty where the
number is a practice or the portal's default, rules/presets.py).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from compliance.models import RuleParameter
from compliance.rules.presets import PRESETS
from compliance.services.history import save_with_history


class ProfileError(ValueError):
    pass


@transaction.atomic
def profile_apply_preset(*, preset: str, user=None, overwrite: bool = True) -> int:
    """Write every parameter of `preset`; with overwrite=False keep values already set.

    Returns how many parameters were written.
    """
    if preset not in PRESETS:
        raise ProfileError(
            _("Unknown preset %(preset)s; choose one of: %(choices)s.")
            % {"preset": preset, "choices": ", ".join(PRESETS)}
        )
    existing = {p.key: p for p in RuleParameter.objects.select_for_update()}
    written = 0
    for key, parameter in PRESETS[preset].items():
        row = existing.get(key.value)
        if row is not None and not overwrite:
            continue
        row = row or RuleParameter(key=key.value)
        row.value, row.unit = parameter.value, parameter.unit.value
        row.rule, row.source, row.preset = parameter.rule, parameter.source, preset
        row.basis = parameter.basis
        save_with_history(
            row, user=user, reason=_("Preset %(preset)s applied") % {"preset": preset}
        )
        written += 1
    return written


def profile_preset() -> str:
    """The preset this federation's profile was created from (national when it has none yet)."""
    row = RuleParameter.objects.order_by("pk").first()
    return row.preset if row else "national"
