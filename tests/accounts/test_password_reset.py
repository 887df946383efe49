"""Password reset changes the password only: it signs nobody in and skips no second factor."""

import re

from django.contrib.auth import get_user_model
from django.core import mail

from tenants import context
from tests.accounts.conftest import code_for, login, make_device
from tests.conftest import SPEC_A

NEW = "Brand-New-Password-2026"


def test_reset_does_not_bypass_the_second_factor(client_a, fed_a):
    with context.federation_context(fed_a):
        user = get_user_model().objects.get(username=SPEC_A.admin_email)
    device = make_device(fed_a, user)
    response = client_a.post("/admin/password_reset/", {"email": SPEC_A.admin_email})
    assert response.status_code == 302
    link = re.search(r"http://[^/\s]+(/admin/password_reset/confirm/\S+/)", mail.outbox[-1].body)
    page = client_a.get(link.group(1), follow=True)
    assert page.status_code == 200
    form_url = page.redirect_chain[-1][0]
    done = client_a.post(form_url, {"new_password1": NEW, "new_password2": NEW})
    assert done.status_code == 302 and "complete" in done["Location"]
    # Not signed in by the reset…
    assert client_a.get("/admin/")["Location"].startswith("/admin/login/")
    # …and signing in with the new password still asks for the code.
    assert login(client_a, SPEC_A.admin_email, NEW).status_code == 302
    assert client_a.get("/admin/")["Location"].startswith("/admin/second-factor/verify/")
    assert (
        client_a.post("/admin/second-factor/verify/", {"code": code_for(device)}).status_code == 302
    )
    assert client_a.get("/admin/").status_code == 200


def test_reset_refuses_a_short_new_password(client_a, fed_a):
    client_a.post("/admin/password_reset/", {"email": SPEC_A.admin_email})
    link = re.search(r"http://[^/\s]+(/admin/password_reset/confirm/\S+/)", mail.outbox[-1].body)
    page = client_a.get(link.group(1), follow=True)
    form_url = page.redirect_chain[-1][0]
    response = client_a.post(
        form_url, {"new_password1": "Short-2026", "new_password2": "Short-2026"}
    )
    assert response.status_code == 200
    with context.federation_context(fed_a):
        assert (
            not get_user_model()
            .objects.get(username=SPEC_A.admin_email)
            .check_password("Short-2026")
        )
