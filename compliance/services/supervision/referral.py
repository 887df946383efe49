"""Referral of a supervision case to the federation above (报请上级工会; DOMAIN.md §7, R41).

A federation that may not take the next step (a development zone may not issue a 建议书, R41),
or that chooses to, refers the case upward with a reason. In one transaction (both schemas are
in one database):

- a `tenants.Referral` row in the shared schema records who referred what, why and when;
- the parent's schema receives its own copy of the case file, entered through
  `tenants.context.federation_context` (the only schema switch): the case (source "referred",
  pointing to the referral), the child's letters as a read-only record under the child's own
  document numbers (`referred_copy`: outside the parent's numbering, deadline sweep and reply
  links), their replies, the rectification items with their outcomes, and the evidence files,
  whose bytes are copied through the private storage into the parent's folder;
- the child's case points to the referral.

The enterprise: every enterprise belongs to one federation's ledger, so that a subtree's figures
add up without double counting (DOMAIN.md §7). The parent's copy therefore uses the parent's own
ledger entry when the credit code is there, and otherwise names the enterprise as the child's
ledger does (`referred_enterprise`) without adding it to the parent's ledger.

Each side's history rows carry the reason (the audit trail chains them in both schemas). The
parent's rows have no history user: users are per schema, so the child's clerk is named in the
reason instead. Afterwards the parent's own letters, the department's result and the closing
of its case are written to the referral row here, which is all the child reads of them: a
federation never reads another's schema at request time. Any failure leaves nothing in either
schema, and the files already copied are removed.
"""

from __future__ import annotations

import contextlib
import os

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.names import person_name
from compliance.models import (
    Enterprise,
    ItemEvidence,
    Letter,
    RectificationItem,
    SupervisionCase,
)
from compliance.models.imports import private_storage
from compliance.services.history import save_with_history as _save
from tenants import context
from tenants.models import Federation, Referral

REASON_LENGTH = 500
_LETTER_FIELDS = (
    "kind",
    "number",
    "year",
    "sequence",
    "status",
    "issued_on",
    "addressee",
    "facts",
    "legal_basis",
    "required_actions",
    "due_on",
    "due_rule",
    "signer",
    "signer_title",
    "copies_to",
    "trigger",
    "department",
    "department_case_opened_on",
    "department_result",
    "delivery_method",
    "delivered_to",
    "delivered_on",
    "delivery_refused",
    "reply_text",
    "replied_on",
)
_ITEM_FIELDS = (
    "order",
    "text",
    "outcome",
    "outcome_note",
    "good_reason",
    "decided_on",
    "employer_response",
)


def referral_problem(*, case: SupervisionCase, federation: Federation) -> str | None:
    """Why `case` may not be referred upward now, or None."""
    if case.referred_to_id and case.referred_to.status != Referral.Status.CLOSED:
        return _("This case has already been referred to the federation above.")
    if federation.parent_id is None:
        return _("This federation has no federation above to refer the case to.")
    if case.status == SupervisionCase.Status.CLOSED:
        return _("The case is closed.")
    if case.area_wide:
        return _("An area-wide reminder concerns this federation's area only; it is not referred.")
    return None


def open_referral(case: SupervisionCase) -> Referral | None:
    """The referral the case was sent upward with, while the federation above holds it."""
    referral = case.referred_to if case.referred_to_id else None
    if referral is not None and referral.status != Referral.Status.CLOSED:
        return referral
    return None


def _read_case_file(case: SupervisionCase) -> tuple[list, dict]:
    """The child's letters (with their items and the evidence bytes), read in its own schema."""
    letters = list(case.letters.order_by("issued_on", "pk").prefetch_related("items__evidence"))
    files = {}
    for letter in letters:
        for item in letter.items.all():
            for evidence in item.evidence.all():
                with evidence.file.open("rb") as handle:
                    files[evidence.pk] = handle.read()
    return letters, files


def _copy_case_file(
    *, case: SupervisionCase, letters: list, files: dict, referral: Referral, written: list
) -> SupervisionCase:
    """Write the parent's copy; runs in the parent's schema. `written` collects the new files'
    names, so that a failure can remove them."""
    child_name = referral.child.name
    received = _("Received from %(child)s") % {"child": child_name}
    enterprise = None
    described = ""
    if case.enterprise is not None:
        enterprise = Enterprise.objects.filter(credit_code=case.enterprise.credit_code).first()
        if enterprise is None:
            described = f"{case.enterprise.name}（{case.enterprise.credit_code}）"
    copy = SupervisionCase(
        title=case.title,
        enterprise=enterprise,
        referred_enterprise=described,
        source=SupervisionCase.Source.REFERRED,
        summary=case.summary,
        opened_on=timezone.localdate(),
        referred_from=referral,
    )
    reason = _("Referred by %(child)s (%(person)s)") % {
        "child": child_name,
        "person": referral.referred_by or "—",
    }
    _save(copy, user=None, reason=reason)
    storage = private_storage()
    for letter in letters:
        if Letter.objects.filter(number=letter.number).exists():
            raise ValidationError(
                _(
                    "The federation above already has a letter numbered %(number)s; the case "
                    "cannot be copied to it. Ask its administrator."
                )
                % {"number": letter.number}
            )
        new_letter = Letter(
            case=copy,
            referred_copy=True,
            **{name: getattr(letter, name) for name in _LETTER_FIELDS},
        )
        _save(new_letter, user=None, reason=received)
        for item in letter.items.all():
            new_item = RectificationItem(
                case=copy,
                letter=new_letter,
                **{name: getattr(item, name) for name in _ITEM_FIELDS},
            )
            _save(new_item, user=None, reason=received)
            for evidence in item.evidence.all():
                base = os.path.basename(evidence.file.name)
                name = storage.save(
                    f"evidence/referred/{referral.pk}/{base}", ContentFile(files[evidence.pk])
                )
                written.append(storage.path(name))
                new_evidence = ItemEvidence(
                    item=new_item,
                    original_name=evidence.original_name,
                    from_employer=evidence.from_employer,
                )
                new_evidence.file.name = name
                _save(new_evidence, user=None, reason=received)
    return copy


def case_refer(*, case: SupervisionCase, reason: str, user=None) -> Referral:
    """Refer `case` (of the current federation) to the federation above, with a reason."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for referring the case to the federation above."))
    if len(reason) > REASON_LENGTH:
        raise ValidationError(
            _("The reason is %(n)s characters long; keep it within %(max)s.")
            % {"n": len(reason), "max": REASON_LENGTH}
        )
    federation = connection.tenant
    written: list[str] = []
    try:
        with transaction.atomic():
            case = (
                SupervisionCase.objects.select_for_update(of=("self",))
                .select_related("enterprise", "referred_to")
                .get(pk=case.pk)
            )
            federation = Federation.objects.select_related("parent").get(pk=federation.pk)
            problem = referral_problem(case=case, federation=federation)
            if problem:
                raise ValidationError(problem)
            letters, files = _read_case_file(case)
            referral = Referral(
                child=federation,
                parent=federation.parent,
                child_case_id=case.pk,
                child_case_title=case.title,
                reason=reason,
                referred_at=timezone.now(),
                referred_by=person_name(user) if user is not None else "",
            )
            referral.full_clean()
            referral.save()
            with context.federation_context(federation.parent):
                copy = _copy_case_file(
                    case=case, letters=letters, files=files, referral=referral, written=written
                )
            referral.parent_case_id = copy.pk
            referral.status = Referral.Status.RECEIVED
            referral.save(update_fields=["parent_case_id", "status", "updated_at"])
            case.referred_to = referral
            case.proposed_next = ""
            _save(
                case,
                user=user,
                reason=_("Referred to %(parent)s") % {"parent": federation.parent.name},
            )
    except IntegrityError as exc:  # a referral of the same case committed meanwhile
        _remove(written)
        raise ValidationError(
            _("This case has already been referred to the federation above.")
        ) from exc
    except BaseException:
        _remove(written)
        raise
    return referral


def _remove(paths: list[str]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            os.remove(path)


def _received(case: SupervisionCase) -> Referral | None:
    """The referral the parent's copy was received by, locked for the update."""
    if not case.referred_from_id:
        return None
    return Referral.objects.select_for_update().get(pk=case.referred_from_id)


def referral_letter_issued(*, case: SupervisionCase, letter: Letter) -> None:
    """The parent issued a letter on a referred case: the child sees its kind, number, date."""
    referral = _received(case)
    if referral is None:
        return
    referral.letter_kind, referral.letter_number = letter.kind, letter.number
    referral.letter_issued_on = letter.issued_on
    if letter.department:
        referral.department = letter.department
    if referral.status != Referral.Status.CLOSED:
        referral.status = Referral.Status.ACTED
    referral.save()


def referral_department_result(*, case: SupervisionCase, letter: Letter) -> None:
    """The parent recorded the department's handling of its letter: the child sees it."""
    referral = _received(case)
    if referral is None:
        return
    referral.department = letter.department
    referral.department_case_opened_on = letter.department_case_opened_on
    referral.department_result = letter.department_result
    if referral.status != Referral.Status.CLOSED:
        referral.status = Referral.Status.ACTED
    referral.save()


def referral_case_closed(*, case: SupervisionCase) -> None:
    """The parent closed its copy: the referral is closed (the child may refer again)."""
    referral = _received(case)
    if referral is None:
        return
    referral.status, referral.closed_on = Referral.Status.CLOSED, case.closed_on
    referral.save()
