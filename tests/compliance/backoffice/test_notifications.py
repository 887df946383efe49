"""A staff member's notifications on the admin home and in their list (issue 17 item 10)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from compliance.models import Notification
from compliance.services.notifications import notification_send
from tenants import context
from tests.conftest import SPEC_A


@pytest.fixture
def two_people(fed_a, admin_client):
    with context.federation_context(fed_a):
        me = get_user_model().objects.get(email=SPEC_A.admin_email)
        other = get_user_model().objects.create_user(
            username="other-clerk@example.test", email="other-clerk@example.test"
        )
        return me, other


def _read(fed_a, **filters):
    with context.federation_context(fed_a):
        return Notification.objects.filter(**filters)


def test_the_home_shows_my_unread_notifications_and_not_another_persons(
    admin_client, fed_a, two_people
):
    me, other = two_people
    with context.federation_context(fed_a):
        notification_send(users=[me], text="企业已提交初审材料", link="/admin/", key="t:1")
        notification_send(users=[other], text="别人的通知", key="t:1")
    home = admin_client.get("/admin/").content.decode()
    assert "企业已提交初审材料" in home and "别人的通知" not in home
    listing = admin_client.get("/admin/notifications/").content.decode()
    assert "企业已提交初审材料" in listing and "别人的通知" not in listing


def test_marking_read_touches_only_my_own(admin_client, fed_a, two_people):
    me, other = two_people
    with context.federation_context(fed_a):
        mine = notification_send(users=[me], text="我的")[0]
        theirs = notification_send(users=[other], text="他的")[0]
    response = admin_client.post(
        "/admin/notifications/read/", {"id": [str(mine.pk), str(theirs.pk)]}
    )
    assert response.status_code == 302
    assert _read(fed_a, pk=mine.pk, read_at__isnull=False).exists()
    assert _read(fed_a, pk=theirs.pk, read_at__isnull=True).exists()
    home = admin_client.get("/admin/").content.decode()
    assert "没有新通知" in home


def test_mark_all_from_the_home_returns_home_and_the_list_pages(admin_client, fed_a, two_people):
    me, _other = two_people
    with context.federation_context(fed_a):
        for n in range(35):
            notification_send(users=[me], text=f"第{n}条通知")
    first = admin_client.get("/admin/notifications/").content.decode()
    assert "第34条通知" in first and "第0条通知" not in first and "?page=2" in first
    assert "第0条通知" in admin_client.get("/admin/notifications/?page=2").content.decode()
    response = admin_client.post("/admin/notifications/read/", {"all": "1", "next": "home"})
    assert response["Location"] == "/admin/"
    assert not _read(fed_a, recipient=me, read_at__isnull=True).exists()
