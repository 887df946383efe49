"""Enterprise users made as people make them: invited from the ledger, then accepted (call in the
federation's schema)."""

from __future__ import annotations

import itertools

from django_otp.plugins.otp_totp.models import TOTPDevice

from compliance.models import RuleParameter
from compliance.services.enterprise_accounts import invitation_accept, invitation_create
from tests.conftest import PASSWORD

_serial = itertools.count(1)


def invite(enterprise, *, side: str = "union", email: str | None = None, by=None):
    """(invitation, token) for a new address; the link is /enterprise/invitation/<token>/."""
    return invitation_create(
        enterprise_id=enterprise.pk,
        side=side,
        email=email or f"person{next(_serial)}@enterprise.test",
        user=by,
        accept_url=lambda token: f"http://a.test/enterprise/invitation/{token}/",
    )


def enterprise_user(enterprise, *, side: str = "union", email: str | None = None):
    """An enterprise user with a confirmed authenticator; returns (user, device)."""
    _invitation, token = invite(enterprise, side=side, email=email)
    account = invitation_accept(token=token, family_name="王", given_name="立新", password=PASSWORD)
    device = TOTPDevice.objects.create(user=account.user, name="authenticator", confirmed=True)
    return account.user, device


def profile_set(key: str, value: str, unit: str) -> None:
    """Set a rule-profile parameter as an administrator's edit does (the row exists when the
    federation was created after the parameter was added; otherwise it is written)."""
    row = RuleParameter.objects.filter(key=key).first() or RuleParameter(
        key=key, unit=unit, rule="—", source="test", preset="national"
    )
    row.value = value
    row.save()
