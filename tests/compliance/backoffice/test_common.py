"""The back office in the Wagtail admin: pages render, permissions hold, queries stay flat."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tenants import context
from tests.conftest import PASSWORD, SPEC_A
from tests.signin import sign_in


@pytest.fixture
def admin_client(client_a, fed_a):
    sign_in(client_a, SPEC_A.admin_email)
    return client_a


def _user_in(group_name, fed):
    with context.federation_context(fed):
        user = get_user_model().objects.create_user(
            username=f"{group_name}@a.test", password=PASSWORD
        )
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/enterprises/",
        "/admin/bargaining_rounds/",
        "/admin/contracts/",
        "/admin/instructors/",
        "/admin/rule_profile/",
        "/admin/holiday_calendar/",
        "/admin/enterprises/new/",
        "/admin/bargaining_rounds/new/",
    ],
)
def test_back_office_pages_render(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_supervisor_reads_only(client_a, fed_a):
    _user_in("劳动法律监督员", fed_a)
    sign_in(client_a, "劳动法律监督员@a.test")
    assert client_a.get("/admin/enterprises/").status_code == 200
    assert client_a.get("/admin/enterprises/new/").status_code in (302, 403)
