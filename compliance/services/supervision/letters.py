"""Letters of the "一函两书" (R41–R45): issuing under the escalation table with a gap-free
number and the profile's deadline (printed with its period and the profile's printed legal basis,
never a rule number or a research note: rules/letters.py), the private reply link (only its hash
is stored), delivery, the employer's reply, item outcomes and the department's result. The
users of the enterprise a letter is addressed to are notified when it is issued (issue 17)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from compliance.documents.defaults import DEFAULT_TEMPLATES
from compliance.models import (
    EnterpriseAccount,
    Letter,
    LetterTemplate,
    RectificationItem,
    SupervisionCase,
)
from compliance.rules import escalation
from compliance.rules.letters import (
    CODES,
    due_clause,
    legal_basis_normalise,
    legal_basis_rule_ids,
    letter_kind,
)
from compliance.selectors.profile import current_profile, deadline_for
from compliance.services.history import save_with_history as _save
from compliance.services.notifications import enterprise_users, notification_send
from compliance.services.numbering import federation_short_name, number_next
from compliance.services.supervision.referral import (
    open_referral,
    referral_department_result,
    referral_letter_issued,
)

REPLY_LINK_DAYS = 60


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def federation_level() -> str:
    return getattr(connection.tenant, "level", "")


def case_facts(case: SupervisionCase) -> list[escalation.LetterFacts]:
    letters = list(case.letters.order_by("issued_on", "pk").prefetch_related("items"))
    return [
        escalation.LetterFacts(
            kind=letter.kind,
            due_on=letter.due_on,
            replied_on=letter.replied_on,
            delivery_refused=letter.delivery_refused,
            unrectified_without_reason=any(
                item.outcome == RectificationItem.Outcome.NOT_RECTIFIED and not item.good_reason
                for item in letter.items.all()
            ),
        )
        for letter in letters
    ]


def letter_template(kind: str) -> LetterTemplate:
    """The federation's template for `kind`, created from the defaults the first time."""
    template = LetterTemplate.objects.filter(kind=kind).first()
    if template is None:
        template = LetterTemplate(kind=kind, **DEFAULT_TEMPLATES[kind])
        _save(template, user=None, reason=_("Default template"))
    return template


def legal_basis_clean(text: str, *, required: bool = True) -> str:
    """A legal basis as a letter may print it: trimmed of its trailing 。 or ；, and never an
    internal rule number (R1–R54); a ValidationError says what to write instead. Used for a
    letter's basis and for the printed basis of a rule-profile parameter (which may be empty)."""
    basis = legal_basis_normalise(text)
    if not basis and required:
        raise ValidationError(_("Give the legal basis: the law and its article."))
    ids = legal_basis_rule_ids(basis)
    if ids:
        raise ValidationError(
            _(
                "The legal basis names the portal's internal rule number %(ids)s, which means "
                "nothing to the employer: cite the law and its article instead, e.g. "
                "《集体合同规定》第三十二条."
            )
            % {"ids": "、".join(ids)}
        )
    return basis


def letter_templates_ensure() -> int:
    """Create the default template of every letter kind the federation does not have yet."""
    existing = set(LetterTemplate.objects.values_list("kind", flat=True))
    missing = [kind for kind in CODES if kind not in existing]
    for kind in missing:
        letter_template(kind)
    return len(missing)


@transaction.atomic
def letter_issue(
    *,
    case_id: int,
    kind: str,
    issued_on: dt.date,
    facts: str,
    legal_basis: str,
    actions: Sequence[str],
    addressee: str = "",
    signer: str = "",
    signer_title: str = "",
    copies_to: str = "",
    trigger: str = "",
    department: str = "",
    due_on: dt.date | None = None,
    user=None,
) -> tuple[Letter, str]:
    """Issue a letter; returns it and its reply-link token (shown once, only its hash is kept)."""
    case = (
        SupervisionCase.objects.select_for_update(of=("self",))
        .select_related("enterprise", "referred_to")
        .get(pk=case_id)
    )
    if case.status == SupervisionCase.Status.CLOSED:
        raise ValidationError(_("The case is closed."))
    if open_referral(case) is not None:
        raise ValidationError(
            _("The case has been referred to the federation above, which acts on it now.")
        )
    problem = escalation.issue_problem(
        kind=kind,
        federation_level=federation_level(),
        letters=case_facts(case),
        today=issued_on,
        trigger=trigger,
        signer_title=signer_title,
    )
    if problem:
        raise ValidationError(problem)
    spec = letter_kind(kind)
    legal_basis = legal_basis_clean(legal_basis)
    if spec.to_department and not department.strip():
        raise ValidationError(_("Name the department the recommendation letter goes to."))
    actions = [a.strip() for a in actions if a.strip()]
    if spec.needs_actions and not actions:
        raise ValidationError(_("List at least one required action."))
    if due_on is None:
        profile = current_profile()
        deadline = deadline_for(key=spec.deadline, start=issued_on, profile=profile)
        basis = profile.parameter(spec.deadline).basis
        due_on, due_rule = deadline.due, due_clause(period=deadline.period, basis=basis)
    else:
        if due_on <= issued_on:
            raise ValidationError(_("The deadline must be after the issue date."))
        due_rule = ""  # the issuer's date is printed alone
    template = letter_template(kind)
    sequence = number_next(name=f"letter_{kind}", year=issued_on.year)
    token = secrets.token_urlsafe(32)
    letter = Letter(
        case=case,
        kind=kind,
        year=issued_on.year,
        sequence=sequence,
        number=f"{federation_short_name()}{template.number_prefix}〔{issued_on.year}〕{sequence}号",
        issued_on=issued_on,
        addressee=addressee
        or (case.enterprise.name if case.enterprise else case.referred_enterprise),
        facts=facts,
        legal_basis=legal_basis,
        required_actions="\n".join(actions),
        due_on=due_on,
        due_rule=due_rule[:300],
        signer=signer,
        signer_title=signer_title,
        copies_to=copies_to,
        trigger=trigger if spec.to_department else "",
        department=department,
        reply_token_hash=token_hash(token),
        reply_link_expires=timezone.now()
        + dt.timedelta(days=max(REPLY_LINK_DAYS, (due_on - issued_on).days + 30)),
        created_by=user,
    )
    _save(letter, user=user, reason=_("Issued %(kind)s") % {"kind": letter.get_kind_display()})
    for order, text in enumerate(actions, start=1):
        _save(
            RectificationItem(case=case, letter=letter, order=order, text=text),
            user=user,
            reason=_("Required action"),
        )
    if case.proposed_next == kind:
        case.proposed_next = ""
        _save(case, user=user, reason=_("Proposal taken up"))
    referral_letter_issued(case=case, letter=letter)
    _issued_notify(letter)
    return letter, token


def _issued_notify(letter: Letter) -> None:
    """Tell the users of the enterprise(s) a letter is addressed to (both sides: the union side
    reads it, the employer answers it) that it was issued. A recommendation letter goes to a
    department, not to the employer: nobody in the enterprise is told."""
    if letter_kind(letter.kind).to_department:
        return
    case = letter.case
    if case.enterprise_id:
        users = enterprise_users(case.enterprise)
    else:  # an area-wide reminder: every addressee's users, in one query however many
        accounts = EnterpriseAccount.objects.filter(
            enterprise__in=case.addressees.all(), user__is_active=True
        ).select_related("user")
        users = [account.user for account in accounts]
    with translation.override("zh-hans"):
        text = _(
            "The federation issued %(kind)s %(number)s to your enterprise; reply or rectify by "
            "%(due)s."
        ) % {
            "kind": letter.get_kind_display(),
            "number": letter.number,
            "due": letter.due_on.isoformat(),
        }
    notification_send(
        users=users,
        text=text,
        link=reverse("enterprise_letter", args=[letter.pk]),
        key=f"letter:{letter.pk}:issued",
    )


@transaction.atomic
def letter_new_reply_link(*, letter_id: int, user=None) -> str:
    """A fresh reply link (the old one stops working), e.g. when the employer lost it."""
    letter = _own(Letter.objects.select_for_update().get(pk=letter_id))
    token = secrets.token_urlsafe(32)
    letter.reply_token_hash = token_hash(token)
    letter.reply_link_expires = timezone.now() + dt.timedelta(days=REPLY_LINK_DAYS)
    _save(letter, user=user, reason=_("New reply link"))
    return token


def _own(letter: Letter) -> Letter:
    """A letter this federation issued: a copy received with a referred case is a record of
    what the federation below did, and is not changed here."""
    if letter.referred_copy:
        raise ValidationError(
            _("This letter was issued by the federation below; its record is read-only here.")
        )
    return letter


def letter_for_token(token: str) -> Letter | None:
    """The letter a reply link opens, if the link is valid and unexpired in this federation."""
    if not token or len(token) > 100:
        return None
    letter = (
        Letter.objects.select_related("case", "case__enterprise")
        .filter(reply_token_hash=token_hash(token))
        .first()
    )
    if letter is None or letter.reply_link_expires is None:
        return None
    if letter.reply_link_expires < timezone.now():
        return None
    return letter


@transaction.atomic
def letter_record_delivery(
    *,
    letter_id: int,
    method: str,
    delivered_on: dt.date,
    delivered_to: str = "",
    refused: bool = False,
    user=None,
) -> Letter:
    letter = _own(Letter.objects.select_for_update().get(pk=letter_id))
    if delivered_on < letter.issued_on:
        raise ValidationError(_("A letter cannot be delivered before it was issued."))
    letter.delivery_method, letter.delivered_on = method, delivered_on
    letter.delivered_to, letter.delivery_refused = delivered_to, refused
    _save(letter, user=user, reason=_("Refused by the employer") if refused else _("Delivered"))
    return letter


@transaction.atomic
def letter_record_reply(
    *,
    letter_id: int,
    replied_on: dt.date,
    text: str,
    item_responses: dict[int, str] | None = None,
    user=None,
    via_link: bool = False,
    reason: str = "",
) -> Letter:
    """The employer's written reply (R43): facts and measures, or its reasons for disagreeing.
    `reason` names where it came from when neither the admin nor the private link (the
    enterprise area: services/letter_replies.py)."""
    if not text.strip():
        raise ValidationError(_("The reply is empty."))
    letter = _own(Letter.objects.select_for_update().get(pk=letter_id))
    if letter.case.status == SupervisionCase.Status.CLOSED:
        raise ValidationError(_("The case is closed."))
    if replied_on < letter.issued_on:
        raise ValidationError(_("A reply cannot precede the letter."))
    letter.reply_text, letter.replied_on = text.strip(), replied_on
    letter.status = Letter.Status.REPLIED
    reason = reason or (
        _("Reply received through the private link") if via_link else _("Reply recorded")
    )
    _save(letter, user=user, reason=reason)
    for item in letter.items.filter(pk__in=list(item_responses or {})):
        item.employer_response = item_responses[item.pk].strip()
        _save(item, user=user, reason=reason)
    return letter


@transaction.atomic
def item_decide(
    *,
    item_id: int,
    outcome: str,
    decided_on: dt.date,
    note: str = "",
    good_reason: bool = False,
    user=None,
) -> RectificationItem:
    """Verification of one required action: rectified, not rectified, or cannot be rectified."""
    if outcome not in {c for c, _label in RectificationItem.Outcome.choices} - {"pending"}:
        raise ValidationError(_("Choose rectified, not rectified or cannot be rectified."))
    item = RectificationItem.objects.select_for_update().select_related("case").get(pk=item_id)
    if item.case.status == SupervisionCase.Status.CLOSED:
        raise ValidationError(_("The case is closed."))
    if outcome != "pending" and not note.strip():
        raise ValidationError(_("Say how the outcome was verified."))
    item.outcome, item.decided_on, item.outcome_note = outcome, decided_on, note
    item.good_reason = good_reason if outcome == "not_rectified" else False
    _save(item, user=user, reason=item.get_outcome_display())
    return item


@transaction.atomic
def letter_record_department_result(
    *, letter_id: int, case_opened_on: dt.date | None, result: str, user=None
) -> Letter:
    """What the labour inspection (or other department) did with a recommendation letter."""
    letter = _own(Letter.objects.select_for_update().select_related("case").get(pk=letter_id))
    if not letter_kind(letter.kind).to_department:
        raise ValidationError(_("Only a recommendation letter has a department's result."))
    letter.department_case_opened_on, letter.department_result = case_opened_on, result
    _save(letter, user=user, reason=_("Department's handling recorded"))
    referral_department_result(case=letter.case, letter=letter)
    return letter
