"""Invitations to the enterprise area: hashed, bound to one enterprise and side, single use,
expiring with the rule profile's period, revocable while pending (issue 17)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from compliance.models import EnterpriseAccount, EnterpriseInvitation
from compliance.services.enterprise_accounts import (
    email_codes_allowed,
    invitation_accept,
    invitation_for_token,
    invitation_revoke,
)
from tests.conftest import PASSWORD
from tests.factories.compliance import enterprise
from tests.factories.enterprise_accounts import invite, profile_set

pytestmark = pytest.mark.usefixtures("in_a")


def _accept(token, password=PASSWORD):
    return invitation_accept(token=token, family_name="李", given_name="春梅", password=password)


def _later(monkeypatch, delta):
    moment = timezone.now() + delta
    monkeypatch.setattr("django.utils.timezone.now", lambda: moment)


def test_the_invitation_is_stored_hashed_and_mailed_with_its_link():
    ent = enterprise()
    invitation, token = invite(ent, side="employer", email="HR@Example.test")
    invitation.refresh_from_db()
    assert invitation.email == "hr@example.test"
    assert invitation.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(EnterpriseInvitation.objects.values_list())
    assert len(token) >= 40
    (message,) = mail.outbox
    assert message.to == ["hr@example.test"]
    assert f"/enterprise/invitation/{token}/" in message.body
    assert ent.name in message.body and "企业行政方" in message.body
    assert invitation.history.first().history_change_reason


def test_accepting_opens_an_account_bound_to_the_invitations_enterprise_and_side():
    ent, other = enterprise(), enterprise()
    invitation, token = invite(ent, side="employer")
    invite(other, side="union")
    account = _accept(token)
    assert (account.enterprise, account.side) == (ent, "employer")
    user = account.user
    assert user.username == invitation.email == user.email
    assert (user.last_name, user.first_name) == ("李", "春梅")
    assert not user.is_staff and not user.is_superuser and not user.groups.exists()
    assert not user.has_perm("wagtailadmin.access_admin")
    invitation.refresh_from_db()
    assert invitation.used_at is not None and invitation.account == account
    assert account.history.first().history_user == user


def test_an_invitation_is_used_once():
    _invitation, token = invite(enterprise())
    _accept(token)
    assert invitation_for_token(token) is None
    with pytest.raises(ValidationError):
        _accept(token)
    assert EnterpriseAccount.objects.count() == 1


def test_an_invitation_expires_after_the_profiles_period(monkeypatch):
    _invitation, token = invite(enterprise())
    _later(monkeypatch, dt.timedelta(days=7) - dt.timedelta(minutes=1))
    assert invitation_for_token(token) is not None
    _later(monkeypatch, dt.timedelta(days=7, minutes=1))
    assert invitation_for_token(token) is None
    with pytest.raises(ValidationError):
        _accept(token)
    assert not EnterpriseAccount.objects.exists()


def test_the_period_is_the_federations_own():
    profile_set("enterprise_invitation", "2", "calendar_days")
    invitation, _token = invite(enterprise())
    assert invitation.expires_at - invitation.created_at < dt.timedelta(days=2, minutes=1)
    assert invitation.expires_at - invitation.created_at > dt.timedelta(days=1, hours=23)


def test_a_revoked_invitation_opens_nothing():
    invitation, token = invite(enterprise())
    invitation_revoke(invitation_id=invitation.pk, user=None)
    assert invitation_for_token(token) is None
    with pytest.raises(ValidationError):
        _accept(token)
    with pytest.raises(ValidationError):
        invitation_revoke(invitation_id=invitation.pk, user=None)
    invitation.refresh_from_db()
    assert invitation.status_at(timezone.now()) == "revoked"


def test_a_used_invitation_cannot_be_revoked():
    invitation, token = invite(enterprise())
    _accept(token)
    with pytest.raises(ValidationError):
        invitation_revoke(invitation_id=invitation.pk, user=None)


def test_a_new_invitation_to_the_same_address_replaces_the_pending_one():
    ent = enterprise()
    first, first_token = invite(ent, email="officer@example.test")
    _second, second_token = invite(ent, email="officer@example.test", side="employer")
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert invitation_for_token(first_token) is None
    assert _accept(second_token).side == "employer"


def test_an_unknown_or_forged_token_finds_nothing():
    invite(enterprise())
    assert invitation_for_token("") is None
    assert invitation_for_token("x" * 43) is None
    assert invitation_for_token("x" * 500) is None


def test_a_side_that_does_not_exist_is_refused():
    with pytest.raises(ValidationError):
        invite(enterprise(), side="instructor")
    assert not EnterpriseInvitation.objects.exists()


def test_an_address_with_an_account_in_the_federation_cannot_be_invited():
    staff = get_user_model().objects.create_user(
        username="clerk@a.test", email="clerk@a.test", password=PASSWORD
    )
    with pytest.raises(ValidationError):
        invite(enterprise(), email=staff.email.upper())
    _invitation, token = invite(enterprise(), email="twice@example.test")
    _accept(token)
    with pytest.raises(ValidationError):
        invite(enterprise(), email="twice@example.test")


def test_a_password_the_validators_refuse_opens_no_account():
    _invitation, token = invite(enterprise())
    with pytest.raises(ValidationError):
        _accept(token, password="short")
    assert not get_user_model().objects.filter(username__endswith="@enterprise.test").exists()
    assert invitation_for_token(token) is not None  # still usable with a good password


def test_email_codes_are_off_unless_the_federation_allows_them():
    assert email_codes_allowed() is False
    profile_set("enterprise_email_code", "1", "flag")
    assert email_codes_allowed() is True


def test_a_mail_server_that_refuses_leaves_no_invitation(monkeypatch):
    from django.core.mail import EmailMessage

    def refused(self, fail_silently=False):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(EmailMessage, "send", refused)
    with pytest.raises(ValidationError):
        invite(enterprise())
    assert not EnterpriseInvitation.objects.exists()
