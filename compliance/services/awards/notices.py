"""The public notice (公示) of an award's shortlist (R40).

The award committee publishes a finished eligibility check: its eligible nominees (enterprise
name and credit code, nothing about people) appear on the federation's site from the first day
to the last day of the notice. The period must last at least the rule profile's `award_notice`
(national preset: five working days, counted on the federation's working calendar; see
compliance.rules.notice); a shorter one is refused, saying the earliest end date. A notice can
be corrected (title, text, period, under the same check) or withdrawn, with a reason; a withdrawn
notice is no longer shown. A notice starts no earlier than the day it is published and its
check's date, and says where to raise an objection (compliance.rules.notice). This module is
the only place that sets a notice's status.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from compliance.models import AwardNotice, EligibilityRun
from compliance.rules.notice import notice_check, notice_dates_problem
from compliance.rules.presets import Key
from compliance.selectors.profile import current_profile, working_calendar
from compliance.services.history import save_with_history

TEXT_FIELDS = ("title", "body", "contact", "title_en", "body_en", "contact_en")


def notice_period_problem(*, starts_on: dt.date, ends_on: dt.date) -> str:
    """Why the period is too short under this federation's profile and calendar, or ""."""
    return notice_check(
        starts_on=starts_on,
        ends_on=ends_on,
        period=current_profile().period(Key.AWARD_NOTICE),
        calendar=working_calendar(),
    ).problem


def _validate(notice: AwardNotice, *, today: dt.date, moved: bool) -> None:
    """`moved`: the start date is new (a publication, or a correction that changes it)."""
    errors = {}
    if not notice.contact.strip():
        errors["contact"] = _(
            "Say where and how an objection can be raised (office, telephone or address): a "
            "public notice exists so that people can object."
        )
    if moved:
        problem = notice_dates_problem(
            starts_on=notice.starts_on, today=today, checked_on=notice.run.as_of
        )
        if problem:
            errors["starts_on"] = problem
    problem = notice_period_problem(starts_on=notice.starts_on, ends_on=notice.ends_on)
    if problem:
        errors["ends_on"] = problem
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def notice_publish(
    *, run_id: int, data: dict[str, Any], user=None, today: dt.date | None = None
) -> AwardNotice:
    run = EligibilityRun.objects.select_for_update().get(pk=run_id)
    if run.status != EligibilityRun.Status.DONE:
        raise ValidationError(_("Only a finished eligibility check can be published."))
    if not run.eligible:
        raise ValidationError(_("This check has no eligible nominee to publish."))
    if run.notices.filter(status=AwardNotice.Status.PUBLISHED).exists():
        raise ValidationError(
            _("This check's shortlist is already published; correct or withdraw that notice.")
        )
    notice = AwardNotice(
        run=run,
        starts_on=data["starts_on"],
        ends_on=data["ends_on"],
        status=AwardNotice.Status.PUBLISHED,
        published_by=user,
        **{name: data.get(name, "") for name in TEXT_FIELDS},
    )
    _validate(notice, today=today or timezone.localdate(), moved=True)
    save_with_history(notice, user=user, reason=pgettext("award notice", "Published"))
    return notice


@transaction.atomic
def notice_update(
    *, notice_id: int, data: dict[str, Any], reason: str, user=None, today: dt.date | None = None
) -> AwardNotice:
    """A correction of a published notice, with the reason the person gave (kept in its
    history)."""
    notice = AwardNotice.objects.select_for_update().select_related("run").get(pk=notice_id)
    if notice.status != AwardNotice.Status.PUBLISHED:
        raise ValidationError(_("A withdrawn notice cannot be changed."))
    starts_on = notice.starts_on
    for name in (*TEXT_FIELDS, "starts_on", "ends_on"):
        if name in data:
            setattr(notice, name, data[name])
    _validate(notice, today=today or timezone.localdate(), moved=notice.starts_on != starts_on)
    save_with_history(notice, user=user, reason=reason)
    return notice


@transaction.atomic
def notice_withdraw(*, notice_id: int, user=None, reason: str = "") -> AwardNotice:
    """Take the notice off the public site; `reason` goes into its history."""
    notice = AwardNotice.objects.select_for_update().get(pk=notice_id)
    if notice.status == AwardNotice.Status.WITHDRAWN:
        return notice
    notice.status = AwardNotice.Status.WITHDRAWN
    save_with_history(notice, user=user, reason=reason or pgettext("award notice", "Withdrawn"))
    return notice
