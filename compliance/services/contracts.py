"""Writes to collective contracts: effect, publication, filing, renewal, amendment, termination.

Changes and terminations never overwrite: an amendment is a new contract row that supersedes the
old one, a renewal is a new row whose predecessor is the expiring one, and every status change
leaves a history row (DOMAIN.md §4; R28–R30).

Every change to a contract or its clauses is announced through the Wagtail hook
CONTRACT_CHANGED, inside the writing transaction; the public site subscribes to keep its contract
notice in step (R23, R26). The back office never imports the public site.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from wagtail import hooks

from compliance.models import Clause, Contract, PerformanceReport
from compliance.rules.codebook import BY_CODE, key_terms_validate
from compliance.rules.presets import Key
from compliance.rules.receipts import code_new
from compliance.rules.terms import renewal_window_opens, term_problem
from compliance.selectors.contracts import RENEWABLE
from compliance.selectors.profile import current_profile
from compliance.services.audits import report_check_close
from compliance.services.history import save_with_history as _save
from compliance.services.numbering import federation_short_name, number_next

# The hook's functions take contract=; they run in the transaction that changed it.
CONTRACT_CHANGED = "compliance_contract_changed"

# What the admin's edit form may change; status, dates, filing and versions have their own steps.
EDITABLE_FIELDS = (
    "title",
    "covered_employees",
    "wage_growth_pct",
    "minimum_wage",
    "weekly_hours",
    "publish_publicly",
    "key_terms",
)
CLAUSE_FIELDS = ("contract", "order", "topic", "text", "is_business_secret")


def _notice_sync(contract: Contract) -> None:
    """Announce the change: the public notice follows the contract (created, updated, withdrawn)."""
    for subscriber in hooks.get_hooks(CONTRACT_CHANGED):
        subscriber(contract=contract)


def _verification_code() -> str:
    """A receipt verification code no contract of this federation holds yet."""
    code = code_new()
    while Contract.objects.filter(verification_code=code).exists():
        code = code_new()
    return code


def _renewal_opens(contract: Contract) -> dt.date:
    return renewal_window_opens(
        end=contract.ends_on, period=current_profile().period(Key.RENEWAL_WINDOW)
    )


def renewal_problem(
    *, enterprise_id: int, starts_on: dt.date, predecessor: Contract, contract_id: int | None = None
) -> str | None:
    """Why `predecessor` cannot be the contract renewed by a contract of `enterprise_id` that
    starts on `starts_on`, or None."""
    if predecessor.pk == contract_id:
        return _("A contract cannot renew itself.")
    if predecessor.enterprise_id != enterprise_id:
        return _("“%(title)s” is another enterprise's contract.") % {"title": predecessor.title}
    if predecessor.status not in RENEWABLE:
        return _("“%(title)s” is %(status)s: only a contract in force or expired is renewed.") % {
            "title": predecessor.title,
            "status": predecessor.get_status_display(),
        }
    renewed = predecessor.successors.filter(relation=Contract.Relation.RENEWAL).exclude(
        pk=contract_id
    )
    if renewed.exists():
        return _("“%(title)s” is already renewed by “%(other)s”.") % {
            "title": predecessor.title,
            "other": renewed.first().title,
        }
    if starts_on <= predecessor.starts_on:
        return _("A renewal starts after the contract it renews (%(start)s).") % {
            "start": predecessor.starts_on
        }
    return None


@transaction.atomic
def contract_renewal_link(
    *, contract_id: int, predecessor: Contract | None, user=None, reason: str = ""
) -> Contract:
    """Record (or clear) the contract this one renews: the link the renewal rate (续签率) reads."""
    contract = Contract.objects.select_for_update().get(pk=contract_id)
    if predecessor is not None:
        problem = renewal_problem(
            enterprise_id=contract.enterprise_id,
            starts_on=contract.starts_on,
            predecessor=predecessor,
            contract_id=contract.pk,
        )
        if problem:
            raise ValidationError(problem)
    elif contract.relation != Contract.Relation.RENEWAL:
        return contract  # an amendment's link is its own step's; nothing to clear
    if contract.relation == Contract.Relation.AMENDMENT:
        raise ValidationError(_("An amendment's link to the version it replaces is fixed."))
    contract.predecessor = predecessor
    contract.relation = Contract.Relation.RENEWAL if predecessor else ""
    if predecessor is not None:
        text = _("Renews “%(title)s”") % {"title": predecessor.title}
    else:
        text = _("No longer recorded as a renewal")
    _save(contract, user=user, reason=f"{text}: {reason}" if reason else text)
    return contract


def contract_make_effective(*, contract: Contract, effective_on: dt.date, user=None) -> Contract:
    if contract.status not in (Contract.Status.IN_REVIEW, Contract.Status.DRAFT):
        raise ValidationError(
            _("Only a contract in review can become effective; this one is “%(status)s”.")
            % {"status": contract.get_status_display()}
        )
    contract.status = Contract.Status.EFFECTIVE
    contract.effective_on = effective_on
    contract.renewal_window_opens = _renewal_opens(contract)
    _save(contract, user=user, reason=_("Effective"))
    _notice_sync(contract)
    return contract


@transaction.atomic
def contract_register_existing(*, data: dict, user=None, reason: str = "") -> tuple[Contract, bool]:
    """Enter a contract signed before the portal existed (ledger import), idempotent by filing
    number. Its status follows its dates: effective while in term, expired after. With a filing
    number it is filed, so it gets its receipt's verification code (once)."""
    data = dict(data)
    today = data.pop("as_of", None) or dt.date.today()
    if "key_terms" in data:
        data["key_terms"] = key_terms_checked(data["key_terms"])
    filing_number = (data.get("filing_number") or "").strip()
    existing = (
        Contract.objects.filter(filing_number=filing_number).first() if filing_number else None
    )
    contract = existing or Contract()
    changed = existing is None
    for field, value in data.items():
        if getattr(contract, field, None) != value:
            setattr(contract, field, value)
            changed = True
    contract.status = (
        Contract.Status.EXPIRED if contract.ends_on < today else Contract.Status.EFFECTIVE
    )
    if not contract.effective_on:
        contract.effective_on = contract.starts_on
    contract.renewal_window_opens = _renewal_opens(contract)
    if contract.filing_number and not contract.verification_code:
        contract.verification_code = _verification_code()  # filed: its receipt can be checked
        changed = True
    if not changed:
        return contract, False
    _save(contract, user=user, reason=reason or _("Registered from the ledger"))
    if existing is not None or contract.publish_publicly:  # a new row has no notice to withdraw
        _notice_sync(contract)
    return contract, existing is None


@transaction.atomic
def contract_publish(
    *,
    contract_id: int,
    published_on: dt.date,
    publish_publicly: bool,
    posting_ends_on: dt.date | None = None,
    user=None,
) -> Contract:
    """Publication to employees (R23), and optionally a public notice on the site. The day the
    notice-board posting came down, once it has, is judged against the minimum posting (R24)
    on the contract's page."""
    contract = Contract.objects.select_for_update().get(pk=contract_id)
    if contract.status != Contract.Status.EFFECTIVE:
        raise ValidationError(_("Only an effective contract can be published."))
    if contract.effective_on and published_on < contract.effective_on:
        raise ValidationError(_("A contract cannot be published before it is effective."))
    if posting_ends_on is not None and posting_ends_on < published_on:
        raise ValidationError(_("A posting cannot come down before it was put up."))
    contract.published_on, contract.publish_publicly = published_on, publish_publicly
    contract.posting_ends_on = posting_ends_on
    _save(contract, user=user, reason=pgettext("contract", "Published"))
    _notice_sync(contract)
    return contract


@transaction.atomic
def contract_update(*, contract_id: int, data: dict, user=None, reason: str) -> Contract:
    """A correction in the admin: title, coverage, key terms, and whether the notice is public,
    with the reason the person gave (kept in the history). The one writer of publish_publicly
    besides contract_publish."""
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable here: {sorted(unknown)}")
    if "key_terms" in data:
        data = {**data, "key_terms": key_terms_checked(data["key_terms"])}
    contract = Contract.objects.select_for_update().get(pk=contract_id)
    for field, value in data.items():
        setattr(contract, field, value)
    _save(contract, user=user, reason=reason)
    _notice_sync(contract)
    return contract


def key_terms_checked(values: dict) -> dict:
    """The contract's entered key terms cleaned by the codebook, or a ValidationError naming each
    variable refused and why (compliance.rules.codebook)."""
    cleaned, errors = key_terms_validate(values or {})
    if errors:
        raise ValidationError(
            {
                "key_terms": [
                    f"{BY_CODE[code].label if code in BY_CODE else code}：{message}"
                    for code, messages in errors.items()
                    for message in messages
                ]
            }
        )
    return cleaned


@transaction.atomic
def clause_save(*, clause: Clause | None, data: dict, user=None, reason: str) -> Clause:
    """Add or correct a clause, with the reason kept in its history (a correction's is the
    person's own); its contract's public notice follows (a secret clause is withheld there)."""
    clause = clause or Clause()
    for field in CLAUSE_FIELDS:
        if field in data:
            setattr(clause, field, data[field])
    _save(clause, user=user, reason=reason)
    _notice_sync(clause.contract)
    return clause


@transaction.atomic
def clause_delete(*, clause_id: int, user=None) -> None:
    clause = Clause.objects.select_related("contract").get(pk=clause_id)
    contract = clause.contract
    clause._history_user = user
    clause._change_reason = _("Deleted in the admin")
    clause.delete()
    _notice_sync(contract)


@transaction.atomic
def contract_report_record(
    *,
    contract_id: int,
    year: int,
    reported_on: dt.date,
    user=None,
    document=None,
    minutes=None,
    from_enterprise: bool = False,
) -> PerformanceReport:
    """The annual performance report to the workers' congress (R31), once per contract and year,
    entered by a clerk or submitted by the enterprise (services/performance_reports.py) — the one
    fact the audit check, the report rate and the award veto read. Files come checked."""
    contract = Contract.objects.select_for_update().get(pk=contract_id)
    if PerformanceReport.objects.filter(contract=contract, year=year).exists():
        raise ValidationError(_("The report for %(year)s is already recorded.") % {"year": year})
    report = PerformanceReport(
        contract=contract,
        year=year,
        reported_on=reported_on,
        entered_by=user,
        from_enterprise=from_enterprise,
    )
    for field, upload in (("document", document), ("minutes", minutes)):
        if upload is not None:
            getattr(report, field).save(upload.name, upload, save=False)
    reason = (
        _("Performance report submitted by the enterprise")
        if from_enterprise
        else _("Performance report recorded")
    )
    _save(report, user=user, reason=reason)
    report_check_close(report=report, user=user)
    return report


@transaction.atomic
def contract_file(
    *, contract_id: int, filed_on: dt.date, filed_with_department: bool = True, user=None
) -> Contract:
    """Filing (备案) with the federation: a gap-free filing number per year, and the random code
    its filing receipt carries for anyone to verify (compliance.rules.receipts)."""
    contract = Contract.objects.select_for_update().get(pk=contract_id)
    if contract.status != Contract.Status.EFFECTIVE:
        raise ValidationError(_("Only an effective contract can be filed."))
    if contract.filing_number:
        raise ValidationError(
            _("Already filed as %(number)s.") % {"number": contract.filing_number}
        )
    number = number_next(name="contract_filing", year=filed_on.year)
    contract.filing_number = f"{federation_short_name()}工集备〔{filed_on.year}〕{number}号"
    contract.filed_on = filed_on
    contract.filed_with_department = filed_with_department
    contract.verification_code = _verification_code()
    _save(contract, user=user, reason=_("Filed"))
    _notice_sync(contract)
    return contract


@transaction.atomic
def contract_terminate(*, contract_id: int, ended_on: dt.date, reason: str, user=None) -> Contract:
    """Early termination or cancellation (R30): recorded, never deleted."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for terminating the contract."))
    contract = Contract.objects.select_for_update().get(pk=contract_id)
    if contract.status != Contract.Status.EFFECTIVE:
        raise ValidationError(_("Only an effective contract can be terminated."))
    if ended_on < contract.starts_on:
        raise ValidationError(_("A contract cannot end before its term starts."))
    contract.status = Contract.Status.TERMINATED
    contract.ended_on, contract.end_reason = ended_on, reason
    _save(contract, user=user, reason=_("Terminated"))
    _notice_sync(contract)
    return contract


@transaction.atomic
def contract_amend(*, contract_id: int, changes: dict, amended_on: dt.date, user=None) -> Contract:
    """An amendment: a new contract row carrying the changes and the old clauses; the old row is
    kept as superseded."""
    old = Contract.objects.select_for_update().get(pk=contract_id)
    if old.status != Contract.Status.EFFECTIVE:
        raise ValidationError(_("Only an effective contract can be amended."))
    new = Contract.objects.get(pk=old.pk)
    new.pk = None
    new.id = None
    new.filing_number = ""
    new.filed_on = None
    new.verification_code = ""  # the old receipt stays the old version's; a new filing, a new one
    new.round = None
    new.predecessor = old
    new.relation = Contract.Relation.AMENDMENT
    new.effective_on = amended_on
    for field, value in changes.items():
        setattr(new, field, value)
    profile = current_profile()
    problem = term_problem(
        start=new.starts_on,
        end=new.ends_on,
        min_years=profile.count(Key.TERM_MIN),
        max_years=profile.count(Key.TERM_MAX),
    )
    if problem:
        raise ValidationError(problem)
    new.renewal_window_opens = _renewal_opens(new)
    _save(new, user=user, reason=_("Amendment"))
    new.covered_enterprises.set(old.covered_enterprises.all())
    for clause in old.clauses.all():
        clause.pk = None
        clause.id = None
        clause.contract = new
        _save(clause, user=user, reason=_("Amendment"))
    old.status = Contract.Status.SUPERSEDED
    _save(old, user=user, reason=_("Superseded by an amendment"))
    _notice_sync(old)
    _notice_sync(new)
    return new


def contracts_sweep(*, today: dt.date, user=None) -> dict[str, int]:
    """Daily: expire contracts past their term and open renewal reminders (R29). Idempotent."""
    counts = {"expired": 0, "renewal_reminders": 0}
    expiring = Contract.objects.filter(status=Contract.Status.EFFECTIVE, ends_on__lt=today)
    for contract_id in expiring.values_list("pk", flat=True):
        with transaction.atomic():
            contract = Contract.objects.select_for_update().get(pk=contract_id)
            if contract.status == Contract.Status.EFFECTIVE and contract.ends_on < today:
                contract.status = Contract.Status.EXPIRED
                _save(contract, user=user, reason=_("Term ended"))
                _notice_sync(contract)
                counts["expired"] += 1
    due = Contract.objects.filter(
        status=Contract.Status.EFFECTIVE,
        renewal_window_opens__lte=today,
        renewal_reminded_on__isnull=True,
    ).exclude(successors__relation=Contract.Relation.RENEWAL)
    for contract_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            contract = Contract.objects.select_for_update().get(pk=contract_id)
            if contract.renewal_reminded_on is None:
                contract.renewal_reminded_on = today
                _save(contract, user=user, reason=_("Renewal window open"))
                counts["renewal_reminders"] += 1
    return counts
