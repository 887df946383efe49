"""Ledger corrections asked for by the enterprise (issue 17 item 1).

Rules:
- An enterprise user asks for new values of its own ledger entry's employees, union members and
  whether a union is established, with a note; at least one value must differ from the ledger.
- Staff who may change the ledger accept the request (the values are applied through
  enterprise_save, validated as every ledger write, with the request named as the reason, so the
  enterprise's history shows it) or refuse it with a reason. A request is decided once.
- The enterprise's users are notified either way (notification_send); every step leaves a
  history row of the request.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from compliance.models import Enterprise, EnterpriseAccount, LedgerCorrection
from compliance.selectors.enterprise_accounts import CORRECTABLE_FIELDS
from compliance.services.enterprises import enterprise_save
from compliance.services.history import save_with_history
from compliance.services.notifications import notification_send


def _differences(enterprise: Enterprise, changes: dict) -> dict:
    return {
        field: value
        for field, value in changes.items()
        if field in CORRECTABLE_FIELDS and getattr(enterprise, field) != value
    }


@transaction.atomic
def correction_request(*, user, changes: dict, note: str) -> LedgerCorrection:
    """The signed-in enterprise user asks for `changes` to its own enterprise's ledger entry."""
    account = EnterpriseAccount.objects.select_related("enterprise").get(user=user)
    enterprise = account.enterprise
    asked = _differences(enterprise, changes)
    if not asked:
        raise ValidationError(_("Change at least one value: these are the ledger's values now."))
    employees = asked.get("employees", enterprise.employees)
    members = asked.get("union_members", enterprise.union_members)
    if members > employees:
        raise ValidationError(_("Union members cannot exceed the number of employees."))
    correction = LedgerCorrection(
        enterprise=enterprise, requested_by=user, changes=asked, note=note.strip()
    )
    save_with_history(correction, user=user, reason=_("Asked for by the enterprise"))
    return correction


def _notify(correction: LedgerCorrection, text: str) -> None:
    users = [account.user for account in correction.enterprise.accounts.select_related("user")]
    notification_send(
        users=users,
        text=text,
        link=reverse("enterprise_correction", args=[correction.pk]),
        key=f"correction:{correction.pk}:{correction.status}",
    )


def _pending(correction_id: int) -> LedgerCorrection:
    correction = (
        LedgerCorrection.objects.select_for_update(of=("self",))
        .select_related("enterprise")
        .get(pk=correction_id)
    )
    if correction.status != LedgerCorrection.Status.PENDING:
        raise ValidationError(_("This request has already been decided."))
    return correction


@transaction.atomic
def correction_accept(*, correction_id: int, user) -> LedgerCorrection:
    correction = _pending(correction_id)
    with translation.override("zh-hans"):
        reason = _("Ledger correction request no. %(n)s accepted") % {"n": correction.pk}
    enterprise_save(
        credit_code=correction.enterprise.credit_code,
        data=dict(correction.changes),
        user=user,
        reason=reason,
    )
    correction.status = LedgerCorrection.Status.ACCEPTED
    correction.decided_at, correction.decided_by = timezone.now(), user
    save_with_history(correction, user=user, reason=_("Ledger correction accepted"))
    with translation.override("zh-hans"):
        text = _("Your ledger correction request no. %(n)s was accepted; the ledger shows it.") % {
            "n": correction.pk
        }
    _notify(correction, text)
    return correction


@transaction.atomic
def correction_refuse(*, correction_id: int, user, reason: str) -> LedgerCorrection:
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the request is refused."))
    correction = _pending(correction_id)
    correction.status = LedgerCorrection.Status.REFUSED
    correction.decided_at, correction.decided_by = timezone.now(), user
    correction.refusal_reason = reason
    save_with_history(correction, user=user, reason=_("Ledger correction refused"))
    with translation.override("zh-hans"):
        text = _("Your ledger correction request no. %(n)s was refused: %(reason)s") % {
            "n": correction.pk,
            "reason": reason,
        }
    _notify(correction, text)
    return correction
