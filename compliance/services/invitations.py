"""Invitations to open an account, whatever the account is bound to (an enterprise and side, a
labour-administration department): the one implementation behind enterprise_accounts and
department_review.

Rules:
- The link carries 32 random bytes; only their SHA-256 is stored. It is valid for the given
  period, is used once, and staff may revoke it while it is pending. A new invitation to the same
  address and binding revokes the earlier pending one, so one link at a time works.
- An address that already has an account in this federation cannot be invited: staff accounts
  never become enterprise or reviewer accounts, and one person has one account.
- Accepting creates the user (sign-in name and e-mail: the invited address, the name and a
  password the person chooses, checked by AUTH_PASSWORD_VALIDATORS), with no group and no
  permission (the Wagtail admin refuses it), and the account the caller makes, in one
  transaction with the invitation marked used.
- Every change leaves a history row with the user and the reason.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import smtplib
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.models.enterprise_accounts import Invitation
from compliance.services.history import save_with_history


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def federation_name() -> str:
    return getattr(getattr(connection, "tenant", None), "name", "")


def address_taken(email: str) -> bool:
    User = get_user_model()
    return User.objects.filter(username__iexact=email).exists() or (
        User.objects.filter(email__iexact=email).exists()
    )


def invitation_issue(
    *,
    invitation: Invitation,
    binding: dict,
    validity: dt.timedelta,
    user,
    reason: str,
    mail: Callable[[str, str], tuple[str, str]],
) -> tuple[Invitation, str]:
    """Save the new (unsaved) `invitation` bound by `binding` (its fields naming what the account
    will belong to) and e-mail it; `mail(token, expires)` gives (subject, body). Returns
    (invitation, token). Call inside a transaction: a failed e-mail raises and keeps nothing."""
    model = type(invitation)
    email = invitation.email.strip().lower()
    if address_taken(email):
        raise ValidationError(
            _("%(email)s already has an account in this federation.") % {"email": email}
        )
    now = timezone.now()
    for earlier in model.objects.select_for_update().filter(
        **binding, email=email, used_at__isnull=True, revoked_at__isnull=True
    ):
        earlier.revoked_at, earlier.revoked_by = now, user
        save_with_history(earlier, user=user, reason=_("Replaced by a new invitation"))
    token = secrets.token_urlsafe(32)
    invitation.email = email
    invitation.token_hash = token_hash(token)
    invitation.expires_at = now + validity
    invitation.created_by = user
    save_with_history(invitation, user=user, reason=reason)
    subject, body = mail(
        token, timezone.localtime(invitation.expires_at).strftime("%Y-%m-%d %H:%M")
    )
    try:
        EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [email]).send()
    except (OSError, smtplib.SMTPException) as exc:
        raise ValidationError(
            _("The invitation could not be e-mailed (%(error)s). Try again later.")
            % {"error": exc.__class__.__name__}
        ) from exc
    return invitation, token


def invitation_pending(model: type[Invitation], token: str, *related: str) -> Invitation | None:
    """The pending invitation behind this link, or None (unknown, used, revoked or expired)."""
    if not token or len(token) > 100:
        return None
    invitation = model.objects.select_related(*related).filter(token_hash=token_hash(token)).first()
    if invitation is None or invitation.status_at(timezone.now()) != Invitation.Status.PENDING:
        return None
    return invitation


def invitation_use(
    *,
    model: type[Invitation],
    token: str,
    family_name: str,
    given_name: str,
    password: str,
    make_account: Callable,
):
    """Open the account the invitation names: the user, then `make_account(user, invitation)`
    (which saves it); the invitation is used. Raises ValidationError (in the person's language)
    for a link no longer valid or a password the validators refuse. Call inside a transaction."""
    found = invitation_pending(model, token)
    invitation = model.objects.select_for_update().filter(pk=found.pk).first() if found else None
    if invitation is None or invitation.status_at(timezone.now()) != Invitation.Status.PENDING:
        raise ValidationError(
            _(
                "This invitation is not valid any more: it was used, revoked or has expired. "
                "Ask the federation for a new one."
            )
        )
    if address_taken(invitation.email):
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
    account = make_account(user, invitation)
    invitation.used_at = timezone.now()
    invitation.account = account
    save_with_history(invitation, user=user, reason=_("Account opened from an invitation"))
    return account


def invitation_withdraw(*, model: type[Invitation], invitation_id: int, user) -> Invitation:
    """Revoke a pending invitation. Call inside a transaction."""
    invitation = model.objects.select_for_update().get(pk=invitation_id)
    if invitation.status_at(timezone.now()) != Invitation.Status.PENDING:
        raise ValidationError(_("Only a pending invitation can be revoked."))
    invitation.revoked_at, invitation.revoked_by = timezone.now(), user
    save_with_history(invitation, user=user, reason=_("Invitation revoked"))
    return invitation
