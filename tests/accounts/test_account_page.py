"""The admin's account page: a clerk without a name on file switches the admin's language, and the
name form asks for the family name first, neither part required."""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from wagtail.users.models import UserProfile

from tenants import context
from tests.conftest import SPEC_A
from tests.signin import sign_in


def _form_fields(html: str) -> list[str]:
    return re.findall(r'name="(name_email-[a-z_]+)"', html)


def test_the_name_form_asks_family_name_first_and_neither_is_required(client_a, fed_a):
    sign_in(client_a, SPEC_A.admin_email)
    page = client_a.get("/admin/account/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = page.content.decode()
    assert _form_fields(html)[:2] == ["name_email-last_name", "name_email-first_name"]
    assert "姓" in html and "名" in html
    assert 'name="name_email-first_name" required' not in html


def test_a_clerk_without_a_name_switches_the_admin_to_english(client_a, fed_a):
    with context.federation_context(fed_a):
        user = get_user_model().objects.get(username=SPEC_A.admin_email)
        user.first_name = user.last_name = ""
        user.save()
    sign_in(client_a, SPEC_A.admin_email)
    answer = client_a.post(
        "/admin/account/",
        {
            "name_email-last_name": "",
            "name_email-first_name": "",
            "name_email-email": SPEC_A.admin_email,
            "locale-preferred_language": "en",
            "locale-current_time_zone": "Asia/Shanghai",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_clipboard": "auto",
        },
    )
    assert answer.status_code == 302, answer.content.decode()[:2000]
    with context.federation_context(fed_a):
        assert UserProfile.get_for_user(user).preferred_language == "en"
