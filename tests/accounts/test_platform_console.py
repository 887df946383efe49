"""The platform console's accounts: operators are deactivated, never deleted; groups are deleted
although Wagtail's group permission tables exist only in federation schemas."""

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from tenants import context
from tests.conftest import PASSWORD
from tests.signin import sign_in


@pytest.fixture
def console(platform_client, db):
    with context.public():
        get_user_model().objects.create_superuser(
            username="ops@platform.test", email="ops@platform.test", password=PASSWORD
        )
    sign_in(platform_client, "ops@platform.test")
    return platform_client


@pytest.fixture
def staff_group():
    with context.public():
        group = Group.objects.create(name="平台巡检员")
        group.permissions.add(Permission.objects.get(codename="view_federation"))
        member = get_user_model().objects.create_user(username="member@platform.test")
        member.groups.add(group)
    return group


def test_a_group_is_deleted_from_its_confirmation_page(console, staff_group, fed_a):
    with context.federation_context(fed_a):  # a federation's group of the same id stays
        federation_groups = Group.objects.count()
        page_permissions = GroupPagePermission.objects.count()
    url = f"/admin/auth/group/{staff_group.pk}/delete/"
    page = console.get(url)
    assert page.status_code == 200
    assert "平台巡检员" in page.content.decode()
    assert console.post(url, {"post": "yes"}).status_code == 302
    with context.public():
        assert not Group.objects.filter(pk=staff_group.pk).exists()
        member = get_user_model().objects.get(username="member@platform.test")
        assert not member.groups.exists()
    with context.federation_context(fed_a):
        assert Group.objects.count() == federation_groups
        assert GroupPagePermission.objects.count() == page_permissions


def test_groups_are_deleted_by_the_list_action(console, staff_group):
    with context.public():
        other = Group.objects.create(name="临时组")
    response = console.post(
        "/admin/auth/group/",
        {"action": "delete_selected", "_selected_action": [staff_group.pk, other.pk]},
    )
    assert response.status_code == 200 and "临时组" in response.content.decode()
    response = console.post(
        "/admin/auth/group/",
        {
            "action": "delete_selected",
            "_selected_action": [staff_group.pk, other.pk],
            "post": "yes",
        },
    )
    assert response.status_code == 302
    with context.public():
        assert not Group.objects.filter(pk__in=[staff_group.pk, other.pk]).exists()


def test_operators_are_deactivated_not_deleted(console):
    with context.public():
        other = get_user_model().objects.create_user(
            username="ops2@platform.test", is_staff=True, password=PASSWORD
        )
        operator = get_user_model().objects.get(username="ops@platform.test")
        LogEntry.objects.log_actions(
            user_id=other.pk, queryset=[operator], action_flag=2, change_message="示例"
        )
    assert console.get(f"/admin/auth/user/{other.pk}/delete/").status_code == 403
    listing = console.get("/admin/auth/user/").content.decode()
    assert 'value="delete_selected"' not in listing
    assert 'value="reset_second_factor"' in listing
    response = console.post(
        "/admin/auth/user/",
        {"action": "delete_selected", "_selected_action": [other.pk], "post": "yes"},
    )
    with context.public():
        assert get_user_model().objects.filter(pk=other.pk).exists(), response.status_code
        assert LogEntry.objects.filter(user=other).exists()


def test_the_console_carries_the_portals_name_not_djangos(console):
    page = console.get("/admin/").content.decode()
    assert "集体协商监督服务平台" in page and "| 平台运营后台</title>" in page
    assert "Django" not in page
