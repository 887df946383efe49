"""Enterprise accounts (issue 17): invitations from the ledger and their acceptance.

Rules (the invitation's own rules: compliance.services.invitations):
- Staff invite a person by e-mail to one enterprise and one side (工会方 or 企业行政方). The link
  is valid for the rule profile's `enterprise_invitation` period (7 calendar days by default).
  A new invitation to the same address and enterprise revokes the earlier pending one.
- Accepting creates the user and the link to the enterprise and side the invitation names.
- The user gets no group and no permission: the Wagtail admin refuses it (no
  wagtailadmin.access_admin), and the enterprise area shows only its own enterprise.
- Every change leaves a history row with the user and the reason.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from compliance.models import Enterprise, EnterpriseAccount, EnterpriseInvitation, Side
from compliance.rules.presets import Key
from compliance.selectors.profile import current_profile
from compliance.services.history import save_with_history
from compliance.services.invitations import (
    federation_name,
    invitation_issue,
    invitation_pending,
    invitation_use,
    invitation_withdraw,
    token_hash,
)

__all__ = [
    "email_codes_allowed",
    "invitation_accept",
    "invitation_create",
    "invitation_for_token",
    "invitation_revoke",
    "invitation_validity",
    "token_hash",
]


def invitation_validity() -> dt.timedelta:
    """The profile's period, counted in calendar days (a link expires at a moment, not a day)."""
    return dt.timedelta(days=max(current_profile().period(Key.ENTERPRISE_INVITATION).amount, 1))


def email_codes_allowed() -> bool:
    """Whether this federation lets enterprise users receive sign-in codes by e-mail."""
    return current_profile().flag(Key.ENTERPRISE_EMAIL_CODE)


@transaction.atomic
def invitation_create(
    *, enterprise_id: int, side: str, email: str, user, accept_url
) -> tuple[EnterpriseInvitation, str]:
    """Invite `email` to the enterprise on `side` and e-mail the link; returns (invitation,
    token). `accept_url(token)` makes the absolute address of the acceptance page."""
    enterprise = Enterprise.objects.get(pk=enterprise_id)
    if side not in Side.values:
        raise ValidationError(_("Choose the side the person acts for."))
    invitation = EnterpriseInvitation(enterprise=enterprise, side=side, email=email)

    def mail(token: str, expires: str) -> tuple[str, str]:
        with translation.override("zh-hans"):
            subject = _("Invitation to the enterprise area of %(federation)s") % {
                "federation": federation_name()
            }
            body = _(
                "%(federation)s invites you to open an account for %(enterprise)s (%(side)s).\n\n"
                "Open this link to choose your password and second factor: %(url)s\n\n"
                "The link can be used once and is valid until %(expires)s."
            ) % {
                "federation": federation_name(),
                "enterprise": enterprise.name,
                "side": invitation.get_side_display(),
                "url": accept_url(token),
                "expires": expires,
            }
        return subject, body

    return invitation_issue(
        invitation=invitation,
        binding={"enterprise": enterprise},
        validity=invitation_validity(),
        user=user,
        reason=_("Invited from the ledger"),
        mail=mail,
    )


def invitation_for_token(token: str) -> EnterpriseInvitation | None:
    """The pending invitation behind this link, or None (unknown, used, revoked or expired)."""
    return invitation_pending(EnterpriseInvitation, token, "enterprise")


@transaction.atomic
def invitation_accept(
    *, token: str, family_name: str, given_name: str, password: str
) -> EnterpriseAccount:
    """Open the account the invitation names; the invitation is used. Raises ValidationError
    (in the person's language) for a link no longer valid or a password the validators refuse."""

    def make_account(user, invitation) -> EnterpriseAccount:
        account = EnterpriseAccount(
            user=user, enterprise=invitation.enterprise, side=invitation.side
        )
        save_with_history(account, user=user, reason=_("Account opened from an invitation"))
        return account

    return invitation_use(
        model=EnterpriseInvitation,
        token=token,
        family_name=family_name,
        given_name=given_name,
        password=password,
        make_account=make_account,
    )


@transaction.atomic
def invitation_revoke(*, invitation_id: int, user) -> EnterpriseInvitation:
    return invitation_withdraw(model=EnterpriseInvitation, invitation_id=invitation_id, user=user)
