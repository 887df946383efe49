"""Every write to the monthly bargaining meeting (集体协商月例会, seed 003).

One meeting a month, held within its month; its invited enterprises, each at most once; for each
the attendance and the month's outcome (完成/补充/指导/落实), with the action asked of it (a
second offer, 再次发出要约, …). Next month's meeting is created from the proposal
(selectors/monthly_meetings.py) with the enterprises the clerk ticked, each with the reason it was
proposed. Every change leaves a history row with the user and the reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from compliance.models import Enterprise, Invitation, MonthlyMeeting
from compliance.models.monthly_meetings import Action, Attendance, Outcome
from compliance.selectors.monthly_meetings import (
    first_of_month,
    meeting_proposal,
    next_month,
)
from compliance.services.history import save_with_history
from compliance.services.uploads import upload_problem


def _check_minutes_file(upload) -> None:
    if not upload:
        return
    head = upload.read(2048)
    upload.seek(0)
    problem = upload_problem(name=upload.name, size=upload.size, head=head)
    if problem:
        raise ValidationError({"minutes_file": problem})


def _check_month(month: dt.date, held_on: dt.date, *, exclude: int | None = None) -> None:
    if held_on is None or first_of_month(held_on) != month:
        raise ValidationError(
            {
                "held_on": _("The meeting of %(month)s is held within that month.")
                % {"month": f"{month:%Y-%m}"}
            }
        )
    clash = MonthlyMeeting.objects.filter(month=month).exclude(pk=exclude)
    if clash.exists():
        raise ValidationError(
            {
                "month": _("There is already a meeting for %(month)s: open it to add enterprises.")
                % {"month": f"{month:%Y-%m}"}
            }
        )


@transaction.atomic
def meeting_create(
    *,
    held_on: dt.date,
    month: dt.date | None = None,
    place: str = "",
    chair: str = "",
    minutes: str = "",
    minutes_file=None,
    enterprises: Sequence[tuple[Enterprise, str]] = (),
    proposed_from: MonthlyMeeting | None = None,
    user=None,
) -> MonthlyMeeting:
    """A month's meeting with its invited enterprises, each with why it was invited. The month is
    the one it is held in, unless given (then it must be held within it)."""
    month = first_of_month(month or held_on)
    _check_month(month, held_on)
    _check_minutes_file(minutes_file)
    meeting = MonthlyMeeting(
        month=month,
        held_on=held_on,
        place=place,
        chair=chair,
        minutes=minutes,
        proposed_from=proposed_from,
    )
    if minutes_file:
        meeting.minutes_file = minutes_file
    reason = (
        _("Created from the proposal of the %(month)s meeting")
        % {"month": f"{proposed_from.month:%Y-%m}"}
        if proposed_from
        else _("Monthly meeting created")
    )
    save_with_history(meeting, user=user, reason=reason)
    for enterprise, because in enterprises:
        invitation_add(meeting=meeting, enterprise=enterprise, invited_because=because, user=user)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    meeting_id: int,
    held_on: dt.date,
    place: str,
    chair: str,
    minutes: str,
    minutes_file=None,
    reason: str,
    user=None,
) -> MonthlyMeeting:
    """Correct when and where the meeting was held, its chair or minutes (a new file replaces the
    old one)."""
    meeting = MonthlyMeeting.objects.select_for_update().get(pk=meeting_id)
    _check_month(meeting.month, held_on, exclude=meeting.pk)
    _check_minutes_file(minutes_file)
    meeting.held_on, meeting.place, meeting.chair, meeting.minutes = held_on, place, chair, minutes
    if minutes_file:
        meeting.minutes_file = minutes_file
    save_with_history(meeting, user=user, reason=reason)
    return meeting


@transaction.atomic
def invitation_add(
    *, meeting: MonthlyMeeting, enterprise: Enterprise, invited_because: str = "", user=None
) -> Invitation:
    """Invite one more enterprise (at most once per meeting)."""
    if Invitation.objects.filter(meeting=meeting, enterprise=enterprise).exists():
        raise ValidationError(
            _("%(enterprise)s is already invited to this meeting.") % {"enterprise": enterprise}
        )
    invitation = Invitation(
        meeting=meeting, enterprise=enterprise, invited_because=invited_because[:200]
    )
    save_with_history(invitation, user=user, reason=_("Invited to the monthly meeting"))
    return invitation


def invitations_add(
    *, meeting_id: int, enterprises: Iterable[Enterprise], invited_because: str, user=None
) -> list[Invitation]:
    meeting = MonthlyMeeting.objects.get(pk=meeting_id)
    with transaction.atomic():
        return [
            invitation_add(
                meeting=meeting, enterprise=e, invited_because=invited_because, user=user
            )
            for e in enterprises
        ]


@transaction.atomic
def invitation_record(
    *,
    invitation_id: int,
    attendance: str,
    outcome: str,
    action: str = "",
    note: str = "",
    reason: str = "",
    user=None,
) -> Invitation | None:
    """Record whether the enterprise came and the month's outcome for it. Returns None when
    nothing changed (no history row)."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation_id)
    if attendance and attendance not in Attendance.values:
        raise ValidationError(_("Unknown attendance."))
    if outcome and outcome not in Outcome.values:
        raise ValidationError(_("Unknown outcome."))
    if action and action not in Action.values:
        raise ValidationError(_("Unknown action."))
    new = (attendance, outcome, action, note.strip())
    old = (invitation.attendance, invitation.outcome, invitation.action, invitation.note)
    if new == old:
        return None
    invitation.attendance, invitation.outcome, invitation.action, invitation.note = new
    save_with_history(invitation, user=user, reason=reason or _("Outcome recorded"))
    return invitation


@transaction.atomic
def meeting_create_from_proposal(
    *,
    meeting_id: int,
    enterprise_ids: Iterable[int],
    held_on: dt.date,
    place: str = "",
    chair: str = "",
    as_of: dt.date,
    user=None,
) -> MonthlyMeeting:
    """Next month's meeting with the proposed enterprises the clerk ticked, each invited with the
    reason it was proposed. An enterprise not in the proposal is refused."""
    source = MonthlyMeeting.objects.get(pk=meeting_id)
    proposal = {p.enterprise.pk: p for p in meeting_proposal(meeting=source, as_of=as_of)}
    chosen = list(dict.fromkeys(enterprise_ids))
    if not chosen:
        raise ValidationError(_("Tick at least one enterprise to invite."))
    stray = [pk for pk in chosen if pk not in proposal]
    if stray:
        raise ValidationError(
            _("%(count)d of the ticked enterprises are no longer proposed; reload the proposal.")
            % {"count": len(stray)}
        )
    return meeting_create(
        month=next_month(source.month),
        held_on=held_on,
        place=place,
        chair=chair,
        enterprises=[
            (proposal[pk].enterprise, "; ".join(str(r) for r in proposal[pk].reasons))
            for pk in chosen
        ],
        proposed_from=source,
        user=user,
    )
