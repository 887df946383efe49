"""Awards, their veto criteria and the violation records the veto reads (DOMAIN.md §4, R39).

- An award's criteria come from the catalogue (compliance.rules.veto.CATALOGUE), each at most
  once, with its look-back (the catalogue's default, this year, three years, or since a date)
  and whether the records of its kind are complete for the window (without that, finding no
  record gives "needs review", never "eligible").
- A violation record is one fact about one enterprise: its kind, the day it happened or was
  decided (not in the future), the document's number; one enterprise cannot have two records of
  a kind on a day with the same number (what makes imports idempotent).
Every change is saved with history (user and reason).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.models import Award, AwardCriterion, ViolationRecord
from compliance.rules.veto import CATALOGUE, CriterionSpec, Lookback
from compliance.services.history import REASON_LENGTH, save_with_history

AWARD_FIELDS = ("name", "year")
VIOLATION_FIELDS = ("enterprise", "kind", "occurred_on", "reference", "description", "source")


@transaction.atomic
def award_save(*, award: Award | None, data: dict[str, Any], user=None, reason: str) -> Award:
    award = award or Award()
    for name in AWARD_FIELDS:
        setattr(award, name, data[name])
    save_with_history(award, user=user, reason=reason)
    return award


@dataclass(frozen=True)
class CriterionChoice:
    code: str
    lookback: str = ""  # "": the catalogue's default
    since: dt.date | None = None
    records_complete: bool = False


@transaction.atomic
def award_criteria_set(
    *, award_id: int, criteria: Sequence[CriterionChoice], user=None, reason: str = ""
) -> list[AwardCriterion]:
    """Make the award's criteria exactly `criteria`: add, change and remove, with history."""
    reason = reason or _("Criteria chosen in the admin")
    award = Award.objects.select_for_update().get(pk=award_id)
    codes = [c.code for c in criteria]
    unknown = [code for code in codes if code not in CATALOGUE]
    if unknown:
        raise ValidationError(
            _("Unknown veto criterion: %(codes)s.") % {"codes": ", ".join(unknown)}
        )
    if len(set(codes)) != len(codes):
        raise ValidationError(_("Each criterion can be chosen once."))
    for choice in criteria:
        try:
            CriterionSpec(
                code=choice.code,
                lookback=Lookback(choice.lookback) if choice.lookback else None,
                since=choice.since if choice.lookback == Lookback.SINCE else None,
            )
        except ValueError:
            raise ValidationError(
                _("“%(criterion)s”: a look-back “since a date” needs its first day.")
                % {"criterion": _(CATALOGUE[choice.code].label)}
            ) from None
        if (
            choice.since
            and choice.lookback == Lookback.SINCE
            and choice.since > timezone.localdate()
        ):
            raise ValidationError(
                _("“%(criterion)s”: the look-back cannot start in the future.")
                % {"criterion": _(CATALOGUE[choice.code].label)}
            )
    existing = {c.code: c for c in award.criteria.all()}
    for code, row in existing.items():
        if code not in codes:
            row._history_user, row._change_reason = user, reason[:REASON_LENGTH]
            row.delete()
    saved = []
    for choice in criteria:
        row = existing.get(choice.code) or AwardCriterion(award=award, code=choice.code)
        values = {
            "lookback": choice.lookback,
            "since": choice.since if choice.lookback == Lookback.SINCE else None,
            "records_complete": choice.records_complete,
        }
        if row.pk and all(getattr(row, k) == v for k, v in values.items()):
            saved.append(row)
            continue
        for name, value in values.items():
            setattr(row, name, value)
        save_with_history(row, user=user, reason=reason)
        saved.append(row)
    return saved


@transaction.atomic
def violation_save(
    *, record: ViolationRecord | None, data: dict[str, Any], user=None, reason: str
) -> ViolationRecord:
    record = record or ViolationRecord()
    for name in VIOLATION_FIELDS:
        if name in data:
            setattr(record, name, data[name] if data[name] is not None else "")
    if record.occurred_on and record.occurred_on > timezone.localdate():
        raise ValidationError(
            {
                "occurred_on": _(
                    "This date is in the future: enter the day it happened or was decided."
                )
            }
        )
    save_with_history(record, user=user, reason=reason)
    return record
