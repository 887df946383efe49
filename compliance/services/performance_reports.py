"""The annual performance report (R31) submitted by the enterprise in its area (issue 17 item 9).

Rules:
- Either side of the enterprise (the union's officers or the employer's contact) submits it: the
  report on the contract's performance is made to the workers' congress, which both parties
  answer to, and the congress minutes are usually kept by the union (regulations.md R31).
- Only for a contract of the user's own enterprise that is in force (effective); the year
  reported on is not after the day it was reported to the congress, nor before the contract
  took effect; that day is not in the future.
- The report document and the congress minutes are both required and pass the size, type and
  magic-byte checks (services/uploads.upload_problem) before anything is stored.
- It is the same fact a clerk records (contracts.contract_report_record): one report per
  contract and year, closing the report check it answers and read by the report rate and the
  award veto; a year already reported is refused with the year named.
- History names the enterprise user, reason "submitted by the enterprise"; the staff who look
  after the contract (the round's instructor or the clerk who opened it, else the federation's
  administrators) are notified once.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from compliance.models import Contract, EnterpriseAccount, PerformanceReport
from compliance.services.contracts import contract_report_record
from compliance.services.notifications import notification_send
from compliance.services.staff import contract_staff
from compliance.services.uploads import upload_problem


def _checked(upload, label: str) -> None:
    if upload is None:
        raise ValidationError(_("Attach the %(what)s.") % {"what": label})
    head = upload.read(2048)
    upload.seek(0)
    problem = upload_problem(name=upload.name, size=upload.size, head=head)
    if problem:
        raise ValidationError(f"{label}（{upload.name}）：{problem}")


@transaction.atomic
def performance_report_submit(
    *, user, contract_id: int, year: int, reported_on: dt.date, document, minutes
) -> PerformanceReport:
    """The signed-in enterprise user's report on one of its enterprise's contracts in force."""
    account = EnterpriseAccount.objects.select_related("enterprise").get(user=user)
    # Another enterprise's contract does not exist for this user (the area answers 404).
    contract = Contract.objects.select_for_update().get(
        pk=contract_id, enterprise=account.enterprise
    )
    if contract.status != Contract.Status.EFFECTIVE:
        raise ValidationError(_("Only a contract in force takes a performance report."))
    if reported_on > timezone.localdate():
        raise ValidationError(_("The day of the workers' congress cannot be in the future."))
    if year > reported_on.year:
        raise ValidationError(
            _("A report made on %(day)s cannot cover %(year)s, a later year.")
            % {"day": reported_on.isoformat(), "year": year}
        )
    started = contract.effective_on or contract.starts_on
    if year < started.year:
        raise ValidationError(
            _("The contract took effect in %(start)s; it has no performance in %(year)s.")
            % {"start": started.year, "year": year}
        )
    _checked(document, _("performance report"))
    _checked(minutes, _("minutes of the workers' congress"))
    report = contract_report_record(
        contract_id=contract.pk,
        year=year,
        reported_on=reported_on,
        user=user,
        document=document,
        minutes=minutes,
        from_enterprise=True,
    )
    with translation.override("zh-hans"):
        text = _(
            "%(enterprise)s submitted its performance report for %(year)s on the contract "
            "“%(contract)s” (reported to the workers' congress on %(day)s)."
        ) % {
            "enterprise": account.enterprise.name,
            "year": year,
            "contract": contract.title,
            "day": reported_on.isoformat(),
        }
    notification_send(
        users=contract_staff(contract),
        text=text,
        link=reverse("contracts:inspect", args=[contract.pk]),
        key=f"performance_report:{report.pk}:submitted",
    )
    return report
