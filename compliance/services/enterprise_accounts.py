"""Enterprise accounts (issue 17): invitations from the ledger and their acceptance.

Rules:
- Staff invite a person by e-mail to one enterprise and one side (工会方 or 企业行政方). The link
  carries 32 random bytes; only their SHA-256 is stored. It is valid for the rule profile's
  `enterprise_invitation` period (7 calendar days by default), is used once, and staff may revoke
  it while it is pending. A new invitation to the same address and enterprise revokes the
  earlier pending one, so one link at a time works.
- Accepting creates the user (sign-in name and e-mail: the invited address, the name and a
  password the person chooses, checked by AUTH_PASSWORD_VALIDATORS) and the link to the
  enterprise and side the invitation names, in one transaction with the invitation marked used.
  An address that already has an account in this federation cannot be invited: staff accounts
  never become enterprise accounts, and one person has one enterprise.
- The user gets no group and no permission: the Wagtail admin refuses it (no
  wagtailadmin.access_admin), and the enterprise area shows only its own enterprise.
- Every change leaves a history row with the user and the reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import smtplib

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from compliance.models import Enterprise, EnterpriseAccount, EnterpriseInvitation, Side
from compliance.rules.presets import Key
from compliance.selectors.profile import current_profile
from compliance.services.history import save_with_history


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_validity() -> dt.timedelta:
    """The profile's period, counted in calendar days (a link expires at a moment, not a day)."""
    return dt.timedelta(days=max(current_profile().period(Key.ENTERPRISE_INVITATION).amount, 1))


def email_codes_allowed() -> bool:
    """Whether this federation lets enterprise users receive sign-in codes by e-mail."""
    return current_profile().flag(Key.ENTERPRISE_EMAIL_CODE)


def _address_taken(email: str) -> bool:
    User = get_user_model()
    return User.objects.filter(username__iexact=email).exists() or (
        User.objects.filter(email__iexact=email).exists()
    )


@transaction.atomic
def invitation_create(
    *, enterprise_id: int, side: str, email: str, user, accept_url
) -> tuple[EnterpriseInvitation, str]:
    """Invite `email` to the enterprise on `side` and e-mail the link; returns (invitation,
    token). `accept_url(token)` makes the absolute address of the acceptance page."""
    enterprise = Enterprise.objects.get(pk=enterprise_id)
    email = email.strip().lower()
    if side not in Side.values:
        raise ValidationError(_("Choose the side the person acts for."))
    if _address_taken(email):
        raise ValidationError(
            _("%(email)s already has an account in this federation.") % {"email": email}
        )
    now = timezone.now()
    for earlier in EnterpriseInvitation.objects.select_for_update().filter(
        enterprise=enterprise, email=email, used_at__isnull=True, revoked_at__isnull=True
    ):
        earlier.revoked_at, earlier.revoked_by = now, user
        save_with_history(earlier, user=user, reason=_("Replaced by a new invitation"))
    token = secrets.token_urlsafe(32)
    invitation = EnterpriseInvitation(
        enterprise=enterprise,
        side=side,
        email=email,
        token_hash=token_hash(token),
        expires_at=now + invitation_validity(),
        created_by=user,
    )
    save_with_history(invitation, user=user, reason=_("Invited from the ledger"))
    with translation.override("zh-hans"):
        subject = _("Invitation to the enterprise area of %(federation)s") % {
            "federation": _federation_name()
        }
        body = _(
            "%(federation)s invites you to open an account for %(enterprise)s (%(side)s).\n\n"
            "Open this link to choose your password and second factor: %(url)s\n\n"
            "The link can be used once and is valid until %(expires)s."
        ) % {
            "federation": _federation_name(),
            "enterprise": enterprise.name,
            "side": invitation.get_side_display(),
            "url": accept_url(token),
            "expires": timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d %H:%M"),
        }
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email]).send()
    except (OSError, smtplib.SMTPException) as exc:
        # Nothing is kept: the transaction rolls back and staff may try again.
        raise ValidationError(
            _("The invitation could not be e-mailed (%(error)s). Try again later.")
            % {"error": exc.__class__.__name__}
        ) from exc
    return invitation, token


def _federation_name() -> str:
    from django.db import connection

    return getattr(getattr(connection, "tenant", None), "name", "")


def invitation_for_token(token: str) -> EnterpriseInvitation | None:
    """The pending invitation behind this link, or None (unknown, used, revoked or expired)."""
    if not token or len(token) > 100:
        return None
    invitation = (
        EnterpriseInvitation.objects.select_related("enterprise")
        .filter(token_hash=token_hash(token))
        .first()
    )
    if invitation is None:
        return None
    if invitation.status_at(timezone.now()) != EnterpriseInvitation.Status.PENDING:
        return None
    return invitation


@transaction.atomic
def invitation_accept(
    *, token: str, family_name: str, given_name: str, password: str
) -> EnterpriseAccount:
    """Open the account the invitation names; the invitation is used. Raises ValidationError
    (in the person's language) for a link no longer valid or a password the validators refuse."""
    found = invitation_for_token(token)
    invitation = (
        EnterpriseInvitation.objects.select_for_update().filter(pk=found.pk).first()
        if found
        else None
    )
    if invitation is None or invitation.status_at(timezone.now()) != "pending":
        raise ValidationError(
            _(
                "This invitation is not valid any more: it was used, revoked or has expired. "
                "Ask the federation for a new one."
            )
        )
    if _address_taken(invitation.email):
        raise ValidationError(
            _("%(email)s already has an account in this federation.") % {"email": invitation.email}
        )
    User = get_user_model()
    user = User(
        username=invitation.email,
        email=invitation.email,
        last_name=family_name.strip(),
        first_name=given_name.strip(),
        is_staff=False,
        is_superuser=False,
    )
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    account = EnterpriseAccount(user=user, enterprise=invitation.enterprise, side=invitation.side)
    reason = _("Account opened from an invitation")
    save_with_history(account, user=user, reason=reason)
    invitation.used_at = timezone.now()
    invitation.account = account
    save_with_history(invitation, user=user, reason=reason)
    return account


@transaction.atomic
def invitation_revoke(*, invitation_id: int, user) -> EnterpriseInvitation:
    invitation = EnterpriseInvitation.objects.select_for_update().get(pk=invitation_id)
    if invitation.status_at(timezone.now()) != EnterpriseInvitation.Status.PENDING:
        raise ValidationError(_("Only a pending invitation can be revoked."))
    invitation.revoked_at, invitation.revoked_by = timezone.now(), user
    save_with_history(invitation, user=user, reason=_("Invitation revoked"))
    return invitation
