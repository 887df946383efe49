"""Departments, reviewers and rounds submitted to them, made through the real services (call in
the federation's schema)."""

from __future__ import annotations

import datetime as dt
import itertools

from django_otp.plugins.otp_totp.models import TOTPDevice

from compliance.models import Department
from compliance.services.department_review import (
    reviewer_invitation_accept,
    reviewer_invitation_create,
    submission_create,
)
from compliance.services.history import save_with_history
from tests.conftest import PASSWORD
from tests.factories.compliance import round_at

_serial = itertools.count(1)
SUBMITTED_ON = dt.date(2026, 4, 15)  # a Wednesday


def department(name: str | None = None) -> Department:
    item = Department(name=name or f"第{next(_serial)}区人力资源和社会保障局")
    save_with_history(item, user=None, reason="test")
    return item


def invite_reviewer(dept, *, email: str | None = None, by=None):
    return reviewer_invitation_create(
        department_id=dept.pk,
        email=email or f"reviewer{next(_serial)}@hrss.test",
        user=by,
        accept_url=lambda token: f"http://a.test/review/invitation/{token}/",
    )


def reviewer(dept, *, email: str | None = None):
    """A reviewer of `dept` with a confirmed authenticator; returns (account, device)."""
    _invitation, token = invite_reviewer(dept, email=email)
    account = reviewer_invitation_accept(
        token=token, family_name="赵", given_name="审查", password=PASSWORD
    )
    device = TOTPDevice.objects.create(user=account.user, name="authenticator", confirmed=True)
    return account, device


def submitted_round(dept, *, by=None, submitted_on=SUBMITTED_ON):
    """A round through federation review, submitted to `dept` by `by`."""
    r = round_at("federation_approved", user=by)
    return submission_create(
        round_id=r.pk, department_id=dept.pk, submitted_on=submitted_on, user=by
    )
