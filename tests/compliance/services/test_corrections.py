"""Ledger corrections asked for by an enterprise and decided by staff, and the notifications they
send (issue 17 items 1 and 10)."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from compliance.models import Enterprise, LedgerCorrection, Notification
from compliance.services.corrections import (
    correction_accept,
    correction_refuse,
    correction_request,
)
from compliance.services.notifications import notification_send
from tests.factories.compliance import enterprise
from tests.factories.enterprise_accounts import enterprise_user
from tests.factories.users import user_with_permissions

pytestmark = pytest.mark.usefixtures("in_a")


@pytest.fixture
def setting():
    ent = enterprise(employees=150, union_members=120)
    officer, _device = enterprise_user(ent, side="union")
    contact, _device = enterprise_user(ent, side="employer")
    clerk = user_with_permissions("clerk@a.test", "change_enterprise", "view_enterprise")
    mail.outbox.clear()
    return ent, officer, contact, clerk


def test_a_request_records_only_the_values_that_differ(setting):
    ent, officer, _contact, _clerk = setting
    correction = correction_request(
        user=officer,
        changes={"employees": 180, "union_members": 120, "union_established": True},
        note="2026年11月花名册",
    )
    assert correction.enterprise == ent and correction.status == "pending"
    assert correction.changes == {"employees": 180}
    assert correction.history.first().history_user == officer


def test_a_request_that_changes_nothing_or_breaks_the_ledger_is_refused(setting):
    _ent, officer, _contact, _clerk = setting
    with pytest.raises(ValidationError):
        correction_request(user=officer, changes={"employees": 150}, note="无变化")
    with pytest.raises(ValidationError):
        correction_request(user=officer, changes={"union_members": 151}, note="会员多于职工")
    assert not LedgerCorrection.objects.exists()


def test_accepting_applies_the_change_with_the_request_as_reason_and_notifies(setting):
    ent, officer, contact, clerk = setting
    correction = correction_request(
        user=officer, changes={"employees": 180, "union_members": 130}, note="新花名册"
    )
    correction_accept(correction_id=correction.pk, user=clerk)
    ent.refresh_from_db()
    assert (ent.employees, ent.union_members) == (180, 130)
    latest = ent.history.first()
    assert latest.history_user == clerk
    assert f"{correction.pk}" in latest.history_change_reason
    correction.refresh_from_db()
    assert correction.status == "accepted" and correction.decided_by == clerk
    assert [h.status for h in correction.history.all()] == ["accepted", "pending"]
    notified = Notification.objects.filter(link=f"/enterprise/corrections/{correction.pk}/")
    assert sorted(n.recipient_id for n in notified) == sorted([officer.pk, contact.pk])
    assert all(n.emailed_at for n in notified)
    assert sorted(m.to[0] for m in mail.outbox) == sorted([officer.email, contact.email])
    assert all("已采纳" in m.body or "accepted" in m.body for m in mail.outbox)
    with pytest.raises(ValidationError):
        correction_accept(correction_id=correction.pk, user=clerk)
    with pytest.raises(ValidationError):
        correction_refuse(correction_id=correction.pk, user=clerk, reason="晚了")


def test_refusing_needs_a_reason_leaves_the_ledger_and_notifies(setting):
    ent, officer, _contact, clerk = setting
    correction = correction_request(user=officer, changes={"employees": 130}, note="裁员")
    with pytest.raises(ValidationError):
        correction_refuse(correction_id=correction.pk, user=clerk, reason="  ")
    correction_refuse(correction_id=correction.pk, user=clerk, reason="请提供社保缴纳名单")
    ent.refresh_from_db()
    assert ent.employees == 150
    correction.refresh_from_db()
    assert correction.status == "refused" and correction.refusal_reason == "请提供社保缴纳名单"
    assert correction.history.first().history_user == clerk
    texts = set(Notification.objects.values_list("text", flat=True))
    assert len(texts) == 1 and "请提供社保缴纳名单" in texts.pop()
    assert len(mail.outbox) == 2


def test_accepting_revalidates_against_the_ledger_as_it_is_now(setting):
    ent, officer, _contact, clerk = setting
    correction = correction_request(user=officer, changes={"union_members": 140}, note="入会")
    # Meanwhile the ledger shrank below the members asked for.
    from compliance.services.enterprises import enterprise_save

    enterprise_save(
        credit_code=ent.credit_code, data={"employees": 130, "union_members": 100}, reason="t"
    )
    with pytest.raises(ValidationError):
        correction_accept(correction_id=correction.pk, user=clerk)
    correction.refresh_from_db()
    assert correction.status == "pending"
    assert Enterprise.objects.get(pk=ent.pk).union_members == 100


def test_a_notification_is_recorded_and_mailed_once_per_person(setting):
    _ent, officer, contact, _clerk = setting
    sent = notification_send(
        users=[officer, contact, officer], text="要约已送达", link="/enterprise/"
    )
    assert len(sent) == 2 == Notification.objects.count() == len(mail.outbox)
    ids = {m.extra_headers["Message-ID"] for m in mail.outbox}
    assert len(ids) == 2 and all(i.startswith("<notification-fed_a-") for i in ids)
    assert all("要约已送达" in m.body and "/enterprise/" in m.body for m in mail.outbox)


def test_an_event_with_a_key_reaches_each_person_once(setting):
    _ent, officer, contact, _clerk = setting
    first = notification_send(users=[officer], text="回应期限将至", key="round:1:reply_due")
    again = notification_send(
        users=[officer, contact], text="回应期限将至", key="round:1:reply_due"
    )
    assert [n.recipient for n in first] == [officer]
    assert [n.recipient for n in again] == [contact]
    assert Notification.objects.filter(key="round:1:reply_due").count() == 2 == len(mail.outbox)
    # Without a key every call is a new notification (the caller's choice).
    notification_send(users=[officer], text="另一条")
    notification_send(users=[officer], text="另一条")
    assert Notification.objects.filter(recipient=officer, key="").count() == 2


def test_a_concurrent_call_for_the_same_event_neither_fails_nor_mails_twice(setting, monkeypatch):
    """Two calls that both found the person not yet notified: the unique key lets one write; the
    other skips the person without failing the change that called it."""
    from compliance.services import notifications

    _ent, officer, _contact, _clerk = setting
    notification_send(users=[officer], text="已受理", key="review:1:receipt")
    mail.outbox.clear()
    monkeypatch.setattr(notifications, "_not_yet_notified", lambda users, key: list(users))
    assert notification_send(users=[officer], text="已受理", key="review:1:receipt") == []
    assert notifications.notification_record(users=[officer], text="x", key="review:1:receipt") == 1
    assert Notification.objects.filter(key="review:1:receipt").count() == 1 and not mail.outbox


def test_only_the_corrections_service_assigns_a_requests_status():
    """STYLE.md: a status field changes in one place only."""
    from pathlib import Path

    from django.conf import settings

    offenders = [
        str(path)
        for path in Path(settings.BASE_DIR, "compliance").rglob("*.py")
        if "correction.status =" in path.read_text() and path.name != "corrections.py"
    ]
    assert offenders == []


def test_a_refused_mail_keeps_the_notification_and_the_decision(setting, monkeypatch):
    from django.core.mail import EmailMessage

    _ent, officer, _contact, clerk = setting
    correction = correction_request(user=officer, changes={"employees": 151}, note="加一人")

    def refused(self, fail_silently=False):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr(EmailMessage, "send", refused)
    correction_accept(correction_id=correction.pk, user=clerk)
    correction.refresh_from_db()
    assert correction.status == "accepted"
    notification = Notification.objects.get(recipient=officer)
    assert notification.emailed_at is None
