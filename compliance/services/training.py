"""Negotiators' training and the expert pool (issue 18 item 7; DOMAIN.md §9, seeds 000/001/004).

Rules:
- A training session has a day, a topic, an organiser and its hours (more than 0, at most 200).
- An attendee is an employee-side representative: a name, the enterprise where known, and the
  representative of a round where there is one (then the name and enterprise are the
  representative's unless given, and a representative of the employer side is refused).
- A certificate (资格证书) has a unique number and expires after it is issued; it belongs to an
  attendee of a session held on or before its issue.
- A consultation by an expert names the enterprise or the round (or both: then the round's
  enterprise), on a day not in the future.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.models import (
    BargainingRound,
    Certificate,
    Consultation,
    Enterprise,
    Expert,
    NegotiatorTraining,
    Representative,
    TrainingAttendee,
)
from compliance.services.history import save_with_history


@transaction.atomic
def negotiator_training_record(
    *, held_on: dt.date, topic: str, organiser: str, hours: Decimal, user=None
) -> NegotiatorTraining:
    if not (Decimal(0) < hours <= Decimal(200)):
        raise ValidationError({"hours": _("Enter the hours of the session, more than 0.")})
    training = NegotiatorTraining(
        held_on=held_on, topic=topic.strip(), organiser=organiser.strip(), hours=hours
    )
    save_with_history(training, user=user, reason=_("Training session recorded"))
    return training


@transaction.atomic
def attendee_add(
    *,
    training_id: int,
    name: str = "",
    enterprise: Enterprise | None = None,
    representative: Representative | None = None,
    user=None,
) -> TrainingAttendee:
    training = NegotiatorTraining.objects.get(pk=training_id)
    if representative is not None:
        if representative.side != Representative.Side.EMPLOYEE:
            raise ValidationError(
                {"representative": _("Only employee-side representatives attend this training.")}
            )
        name = name.strip() or representative.name
        enterprise = enterprise or representative.round.enterprise
    if not name.strip():
        raise ValidationError({"name": _("Enter the attendee's name or choose a representative.")})
    attendee = TrainingAttendee(
        training=training, name=name.strip(), enterprise=enterprise, representative=representative
    )
    save_with_history(attendee, user=user, reason=_("Attendee added"))
    return attendee


@transaction.atomic
def certificate_issue(
    *, attendee_id: int, number: str, issued_on: dt.date, expires_on: dt.date, user=None
) -> Certificate:
    attendee = TrainingAttendee.objects.select_related("training").get(pk=attendee_id)
    number = number.strip()
    if expires_on <= issued_on:
        raise ValidationError({"expires_on": _("A certificate expires after it is issued.")})
    if issued_on < attendee.training.held_on:
        raise ValidationError(
            {
                "issued_on": _("The certificate is issued on or after the session (%(day)s).")
                % {"day": f"{attendee.training.held_on:%Y-%m-%d}"}
            }
        )
    if Certificate.objects.filter(number=number).exists():
        raise ValidationError(
            {"number": _("Certificate %(number)s is already recorded.") % {"number": number}}
        )
    certificate = Certificate(
        attendee=attendee, number=number, issued_on=issued_on, expires_on=expires_on
    )
    save_with_history(certificate, user=user, reason=_("Certificate issued"))
    return certificate


@transaction.atomic
def expert_record(
    *, name: str, expertise: str, organisation: str, contact: str = "", user=None
) -> Expert:
    expert = Expert(
        name=name.strip(),
        expertise=expertise.strip(),
        organisation=organisation.strip(),
        contact=contact.strip(),
    )
    save_with_history(expert, user=user, reason=_("Expert added to the pool"))
    return expert


@transaction.atomic
def consultation_record(
    *,
    expert: Expert,
    given_on: dt.date,
    topic: str,
    advice: str,
    enterprise: Enterprise | None = None,
    round_: BargainingRound | None = None,
    user=None,
) -> Consultation:
    if given_on > timezone.localdate():
        raise ValidationError(
            {"given_on": _("This day is in the future: enter what has happened.")}
        )
    if enterprise is None and round_ is None:
        raise ValidationError(
            {"enterprise": _("Name the enterprise or the bargaining round the advice was for.")}
        )
    if round_ is not None:
        if enterprise is not None and enterprise.pk != round_.enterprise_id:
            raise ValidationError(
                {"round": _("This round is another enterprise's: choose the enterprise's round.")}
            )
        enterprise = round_.enterprise
    if not expert.active:
        raise ValidationError({"expert": _("This expert is no longer in the pool.")})
    consultation = Consultation(
        expert=expert,
        given_on=given_on,
        enterprise=enterprise,
        round=round_,
        topic=topic.strip(),
        advice=advice.strip(),
    )
    save_with_history(consultation, user=user, reason=_("Consultation recorded"))
    return consultation


@transaction.atomic
def attendee_remove(*, attendee_id: int, user=None) -> None:
    """An attendee entered by mistake; one who holds a certificate stays (revoke it first)."""
    attendee = TrainingAttendee.objects.select_for_update().get(pk=attendee_id)
    if attendee.certificates.exists():
        raise ValidationError(
            _("%(name)s holds a certificate from this session: the attendance stays.")
            % {"name": attendee.name}
        )
    attendee._history_user = user
    attendee._change_reason = _("Attendee removed")
    attendee.delete()
