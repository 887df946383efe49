"""Back-office users with exactly the permissions a test names (call in the federation's schema)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from tests.conftest import PASSWORD


def user_with_permissions(username: str, *codenames: str):
    """A user who may enter the admin and do only what `codenames` allow."""
    user = get_user_model().objects.create_user(
        username=username, email=username, password=PASSWORD
    )
    group = Group.objects.create(name=f"only {username}")
    group.permissions.set(Permission.objects.filter(codename__in=["access_admin", *codenames]))
    user.groups.add(group)
    return user
