"""The enterprise's accounts on the ledger page: invitations sent, listed and revoked by staff who
may change the ledger, and the correction requests decided there (issue 17)."""

from __future__ import annotations

import re

from django.core import mail
from django.test import Client

from compliance.models import EnterpriseInvitation, LedgerCorrection, Notification
from compliance.services.corrections import correction_request
from tenants import context
from tests.conftest import SPEC_A
from tests.factories.compliance import enterprise
from tests.factories.enterprise_accounts import enterprise_user
from tests.factories.users import user_with_permissions
from tests.signin import sign_in


def test_staff_invite_from_the_ledger_page_and_revoke(admin_client, fed_a):
    with context.federation_context(fed_a):
        ent = enterprise(name="邀请测试有限公司")
    page = admin_client.get(f"/admin/enterprises/inspect/{ent.pk}/").content.decode()
    assert 'id="enterprise-accounts"' in page and f"/admin/enterprises/invite/{ent.pk}/" in page
    response = admin_client.post(
        f"/admin/enterprises/invite/{ent.pk}/", {"email": "officer@yq.test", "side": "union"}
    )
    assert response.status_code == 302
    (message,) = mail.outbox
    link = re.search(r"http://a\.test/enterprise/invitation/[\w-]+/", message.body).group(0)
    assert (
        Client(HTTP_HOST=SPEC_A.domain).get(link.removeprefix("http://a.test")).status_code == 200
    )
    with context.federation_context(fed_a):
        invitation = EnterpriseInvitation.objects.get(enterprise=ent)
        assert invitation.created_by.username == SPEC_A.admin_email
    page = admin_client.get(f"/admin/enterprises/inspect/{ent.pk}/").content.decode()
    assert "officer@yq.test" in page and "待接受" in page
    response = admin_client.post(f"/admin/enterprises/invitations/revoke/{invitation.pk}/")
    assert response.status_code == 302
    with context.federation_context(fed_a):
        invitation.refresh_from_db()
        assert invitation.revoked_at is not None
    assert (
        Client(HTTP_HOST=SPEC_A.domain).get(link.removeprefix("http://a.test")).status_code == 404
    )
    page = admin_client.get(f"/admin/enterprises/inspect/{ent.pk}/").content.decode()
    assert "已撤销" in page


def test_an_invitation_form_error_is_shown_not_raised(admin_client, fed_a):
    with context.federation_context(fed_a):
        ent = enterprise()
    response = admin_client.post(
        f"/admin/enterprises/invite/{ent.pk}/", {"email": SPEC_A.admin_email, "side": "union"}
    )
    assert response.status_code == 200
    assert SPEC_A.admin_email in response.content.decode()  # "… already has an account"
    assert not mail.outbox


def test_inviting_and_deciding_need_the_permission_to_change_the_ledger(client_a, fed_a):
    with context.federation_context(fed_a):
        ent = enterprise()
        user, _device = enterprise_user(ent)
        req = correction_request(user=user, changes={"employees": 151}, note="更正")
        user_with_permissions("reader@a.test", "view_enterprise")
    sign_in(client_a, "reader@a.test")
    assert client_a.get(f"/admin/enterprises/corrections/{req.pk}/").status_code == 200
    assert client_a.get("/admin/enterprises/corrections/").status_code == 200
    # Wagtail answers a refused permission with the admin's home and its message.
    posted = client_a.post(
        f"/admin/enterprises/invite/{ent.pk}/", {"email": "a@b.test", "side": "union"}
    )
    assert (posted.status_code, posted["Location"]) == (302, "/admin/")
    posted = client_a.post(f"/admin/enterprises/corrections/{req.pk}/", {"action": "accept"})
    assert (posted.status_code, posted["Location"]) == (302, "/admin/")
    page = client_a.get(f"/admin/enterprises/inspect/{ent.pk}/").content.decode()
    assert f"/admin/enterprises/invite/{ent.pk}/" not in page  # no form to invite
    with context.federation_context(fed_a):
        req.refresh_from_db()
        assert (
            req.status == "pending"
            and not EnterpriseInvitation.objects.filter(email="a@b.test").exists()
        )


def test_staff_accept_a_correction_from_the_list(admin_client, fed_a):
    with context.federation_context(fed_a):
        ent = enterprise(name="更正测试有限公司", employees=150)
        user, _device = enterprise_user(ent)
        req = correction_request(user=user, changes={"employees": 175}, note="十一月花名册")
        mail.outbox.clear()
    listing = admin_client.get("/admin/enterprises/corrections/").content.decode()
    assert "更正测试有限公司" in listing and f"/admin/enterprises/corrections/{req.pk}/" in listing
    page = admin_client.get(f"/admin/enterprises/corrections/{req.pk}/").content.decode()
    assert "十一月花名册" in page and "175" in page
    response = admin_client.post(f"/admin/enterprises/corrections/{req.pk}/", {"action": "accept"})
    assert response.status_code == 302
    with context.federation_context(fed_a):
        ent.refresh_from_db()
        assert ent.employees == 175
        assert Notification.objects.get(recipient=user).link == f"/enterprise/corrections/{req.pk}/"
    assert len(mail.outbox) == 1
    history = admin_client.get(f"/admin/enterprises/inspect/{ent.pk}/").content.decode()
    assert f"采纳第{req.pk}号台账更正申请" in history  # the ledger's history names the request


def test_staff_refuse_a_correction_with_a_reason(admin_client, fed_a):
    with context.federation_context(fed_a):
        ent = enterprise(employees=150)
        user, _device = enterprise_user(ent)
        req = correction_request(user=user, changes={"employees": 130}, note="减员")
    empty = admin_client.post(
        f"/admin/enterprises/corrections/{req.pk}/", {"action": "refuse", "reason": ""}
    )
    assert empty.status_code == 400
    response = admin_client.post(
        f"/admin/enterprises/corrections/{req.pk}/", {"action": "refuse", "reason": "无依据"}
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        req.refresh_from_db()
        assert req.status == LedgerCorrection.Status.REFUSED and req.refusal_reason == "无依据"
        ent.refresh_from_db()
        assert ent.employees == 150
    again = admin_client.post(f"/admin/enterprises/corrections/{req.pk}/", {"action": "accept"})
    assert again.status_code == 302
    with context.federation_context(fed_a):
        req.refresh_from_db()
        assert req.status == "refused"


def test_the_list_of_requests_costs_the_same_queries_for_more_rows(admin_client, fed_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert admin_client.get("/admin/enterprises/corrections/").status_code == 200
        return len(captured)

    def more(n):
        with context.federation_context(fed_a):
            for _i in range(n):
                ent = enterprise()
                user, _device = enterprise_user(ent)
                correction_request(user=user, changes={"employees": 149}, note="更正")

    more(1)
    few = queries()
    more(4)
    assert queries() == few
