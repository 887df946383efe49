"""Supervision cases: opened by hand or from a record that shows the problem (a refused or
unanswered offer, an expired contract), area-wide reminders (R47), and closing once every
rectification item has an outcome."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from compliance.models import (
    BargainingRound,
    Contract,
    Enterprise,
    Letter,
    RectificationItem,
    SupervisionCase,
)
from compliance.rules.letters import REMINDER
from compliance.services.history import save_with_history as _save
from compliance.services.supervision.letters import letter_issue, letter_record_delivery
from compliance.services.supervision.referral import referral_case_closed


@transaction.atomic
def case_open(
    *,
    title: str,
    source: str,
    opened_on: dt.date,
    enterprise: Enterprise | None = None,
    source_round: BargainingRound | None = None,
    source_contract: Contract | None = None,
    source_check=None,
    supervisor=None,
    summary: str = "",
    user=None,
) -> SupervisionCase:
    """Open a case by hand or from a record; the record must show the problem it names."""
    if source_round is not None:
        enterprise = enterprise or source_round.enterprise
        expected = {"refused_offer": "refused", "unanswered_offer": "no_reply"}.get(source)
        if expected and source_round.status != expected:
            raise ValidationError(
                _("That bargaining round is “%(status)s”, not a refused or unanswered offer.")
                % {"status": source_round.get_status_display()}
            )
    if source_contract is not None:
        enterprise = enterprise or source_contract.enterprise
        if source == "expired_contract" and (
            source_contract.status != Contract.Status.EXPIRED
            or source_contract.successors.filter(relation=Contract.Relation.RENEWAL).exists()
        ):
            raise ValidationError(_("That contract is not expired without a successor."))
    case = SupervisionCase(
        title=title,
        source=source,
        opened_on=opened_on,
        enterprise=enterprise,
        source_round=source_round,
        source_contract=source_contract,
        source_check=source_check,
        supervisor=supervisor,
        summary=summary,
    )
    _save(case, user=user, reason=_("Case opened"))
    return case


@transaction.atomic
def area_reminder_issue(
    *,
    title: str,
    enterprises: Sequence[Enterprise],
    issued_on: dt.date,
    facts: str,
    legal_basis: str,
    actions: Sequence[str],
    addressee: str,
    supervisor=None,
    user=None,
) -> tuple[SupervisionCase, Letter, str]:
    """An area-wide reminder letter (R47), published to many employers at once."""
    if not enterprises:
        raise ValidationError(_("Choose the enterprises the reminder is addressed to."))
    case = SupervisionCase(
        title=title,
        source=SupervisionCase.Source.AREA_WIDE,
        area_wide=True,
        opened_on=issued_on,
        supervisor=supervisor,
    )
    _save(case, user=user, reason=_("Area-wide reminder"))
    case.addressees.set(enterprises)
    letter, token = letter_issue(
        case_id=case.pk,
        kind=REMINDER.code,
        issued_on=issued_on,
        addressee=addressee,
        facts=facts,
        legal_basis=legal_basis,
        actions=actions,
        user=user,
    )
    letter = letter_record_delivery(
        letter_id=letter.pk,
        method=Letter.Delivery.PUBLIC_NOTICE,
        delivered_on=issued_on,
        delivered_to="",
        refused=False,
        user=user,
    )
    return case, letter, token


@transaction.atomic
def case_close(*, case_id: int, closed_on: dt.date, user=None) -> SupervisionCase:
    case = SupervisionCase.objects.select_for_update().get(pk=case_id)
    if case.status == SupervisionCase.Status.CLOSED:
        raise ValidationError(_("The case is already closed."))
    pending = case.items.filter(outcome=RectificationItem.Outcome.PENDING).count()
    if pending:
        raise ValidationError(
            _("%(n)s required action(s) still have no outcome; decide them before closing.")
            % {"n": pending}
        )
    case.status, case.closed_on, case.proposed_next = SupervisionCase.Status.CLOSED, closed_on, ""
    _save(case, user=user, reason=_("Case closed"))
    referral_case_closed(case=case)
    return case
