"""Notice alerts (issue 19 item 1): double opt-in, exactly once, withdrawn never sent, expiry,
forged links, floods, the address forgotten with its last alert, and the inverted matching
agreeing with the notice list's own search."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from django.core import mail, signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms_pages.models import AlertDelivery, AlertRecipient, ContractNotice, NoticeAlert
from cms_pages.selectors.alerts import alerts_matching, notices_first_published
from cms_pages.selectors.notices import notices_filter
from cms_pages.services import alerts
from compliance.services import contracts
from tenants import context
from tests.factories.notices import published_contract

EMAIL = "reader@example.com"
BASE = "http://a.test"
HOT = ("safety", "企业为夜班职工发放高温津贴，每月不低于300元。")


def _notice(**kwargs) -> ContractNotice:
    return ContractNotice.objects.get(contract=published_contract(**kwargs))


def _subscribe(callbacks, params=None, *, frequency="immediate", email=EMAIL) -> NoticeAlert:
    with callbacks(execute=True):
        return alerts.alert_subscribe(
            email=email, params=params or {}, frequency=frequency, base_url=BASE
        )


def _link(message, name: str) -> str:
    return re.search(rf"http://a\.test(/alerts/{name}/[^/\s]+/)", message.body).group(1)


def _confirmed(callbacks, params=None, **kwargs) -> NoticeAlert:
    alert = _subscribe(callbacks, params, **kwargs)
    assert alerts.alert_confirm(token=alerts.confirm_token(alert)) is alerts.Confirmation.CONFIRMED
    alert.refresh_from_db()
    mail.outbox.clear()
    return alert


def test_nothing_but_the_confirmation_is_sent_before_confirming(
    in_a, django_capture_on_commit_callbacks
):
    alert = _subscribe(django_capture_on_commit_callbacks, {"q": "高温津贴", "sort": "oldest"})
    assert alert.filters == {"q": "高温津贴"}  # the order is not part of an alert
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    assert "/alerts/confirm/" in message.body and "请确认" in message.subject
    assert "Confirm" in message.subject  # Chinese first, then English
    chinese, english = message.body.split("-" * 40)
    assert "搜索合同: 高温津贴" in chinese and "Search the contracts: 高温津贴" in english
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    _notice(clauses=(HOT,))
    alerts.alerts_run(now=timezone.now() + dt.timedelta(minutes=1))
    assert len(mail.outbox) == 1 and not AlertDelivery.objects.exists()


def test_a_matching_notice_is_sent_exactly_once(in_a, django_capture_on_commit_callbacks):
    alert = _confirmed(django_capture_on_commit_callbacks, {"q": "高温津贴"})
    other = _confirmed(django_capture_on_commit_callbacks, {"q": "托育"}, email="b@example.com")
    hot = _notice(clauses=(HOT,))
    _notice()  # no 高温津贴
    later = timezone.now() + dt.timedelta(minutes=1)
    result = alerts.alerts_run(now=later)
    assert result.messages == 1
    (message,) = mail.outbox
    assert message.to == [EMAIL]
    assert str(hot.public_id) in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<http://a.test/alerts/unsub")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert "/alerts/manage/" in message.body
    # Run again, and again after the overlap: no second message, one delivery row.
    alerts.alerts_run(now=later + dt.timedelta(minutes=1))
    alerts.alerts_run(now=later + dt.timedelta(minutes=5))
    assert len(mail.outbox) == 1
    assert AlertDelivery.objects.filter(alert=alert).count() == 1
    assert not AlertDelivery.objects.filter(alert=other).exists()


def test_a_withdrawn_notice_is_not_sent(in_a, django_capture_on_commit_callbacks):
    _confirmed(django_capture_on_commit_callbacks, {"q": "高温津贴"})
    notice = _notice(clauses=(HOT,))
    contracts.contract_publish(
        contract_id=notice.contract_id, published_on=dt.date(2025, 1, 1), publish_publicly=False
    )
    alerts.alerts_run(now=timezone.now() + dt.timedelta(minutes=1))
    assert mail.outbox == []


def test_withdrawn_between_matching_and_sending_is_left_out(
    in_a, django_capture_on_commit_callbacks
):
    _confirmed(django_capture_on_commit_callbacks, {"industry": "C"}, frequency="weekly")
    kept, gone = _notice(clauses=(HOT,)), _notice()
    now = timezone.now() + dt.timedelta(minutes=1)
    assert alerts.alerts_match(now=now) == 2
    contracts.contract_publish(
        contract_id=gone.contract_id, published_on=dt.date(2025, 1, 1), publish_publicly=False
    )
    assert alerts.alerts_send_digests(now=now + dt.timedelta(days=8)) == 1
    (message,) = mail.outbox
    assert str(kept.public_id) in message.body and str(gone.public_id) not in message.body
    assert "周报" in message.subject


def test_weekly_digest_collects_the_week_in_one_message(in_a, django_capture_on_commit_callbacks):
    alert = _confirmed(django_capture_on_commit_callbacks, {"industry": "C"}, frequency="weekly")
    first, second = _notice(), _notice(clauses=(HOT,))
    now = timezone.now() + dt.timedelta(minutes=1)
    alerts.alerts_run(now=now)
    assert mail.outbox == []  # not a week yet
    alerts.alerts_run(now=now + dt.timedelta(days=7, minutes=1))
    (message,) = mail.outbox
    assert str(first.public_id) in message.body and str(second.public_id) in message.body
    alert.refresh_from_db()
    assert alert.last_digest_at is not None
    alerts.alerts_run(now=now + dt.timedelta(days=8))
    assert len(mail.outbox) == 1


def test_a_notice_published_before_confirmation_is_not_news(
    in_a, django_capture_on_commit_callbacks
):
    _notice(clauses=(HOT,))
    _confirmed(django_capture_on_commit_callbacks, {"q": "高温津贴"})
    alerts.alerts_run(now=timezone.now() + dt.timedelta(minutes=1))
    assert mail.outbox == []


def test_a_confirmation_link_works_once(in_a, django_capture_on_commit_callbacks):
    alert = _subscribe(django_capture_on_commit_callbacks)
    token = alerts.confirm_token(alert)
    assert alerts.alert_confirm(token=token) is alerts.Confirmation.CONFIRMED
    alert.refresh_from_db()
    confirmed_at = alert.confirmed_at
    assert alerts.alert_confirm(token=token) is alerts.Confirmation.ALREADY
    alert.refresh_from_db()
    assert alert.confirmed_at == confirmed_at


def test_an_expired_confirmation_link_changes_nothing(
    in_a, django_capture_on_commit_callbacks, monkeypatch
):
    alert = _subscribe(django_capture_on_commit_callbacks)
    token = alerts.confirm_token(alert)
    real = time.time
    monkeypatch.setattr(signing.time, "time", lambda: real() + 49 * 3600)
    assert alerts.alert_confirm(token=token) is alerts.Confirmation.EXPIRED
    alert.refresh_from_db()
    assert alert.confirmed_at is None
    # The unconfirmed alert and its address are deleted once the link has expired.
    assert alerts.alerts_purge_unconfirmed(now=timezone.now() + dt.timedelta(hours=49)) == 1
    assert not AlertRecipient.objects.exists()


@pytest.mark.parametrize("purpose", ["confirm", "unsubscribe", "manage"])
def test_forged_or_altered_links_are_refused(in_a, django_capture_on_commit_callbacks, purpose):
    alert = _subscribe(django_capture_on_commit_callbacks)
    token = {
        "confirm": alerts.confirm_token,
        "unsubscribe": alerts.unsubscribe_token,
        "manage": lambda a: alerts.manage_token(a.recipient),
    }[purpose](alert)
    altered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    # Another alert's payload signed for another purpose is refused too.
    wrong_purpose = alerts._signer("other").sign_object({"a": alert.pk, "r": "x"})
    for bad in (altered, wrong_purpose, "garbage"):
        if purpose == "confirm":
            assert alerts.alert_confirm(token=bad) is alerts.Confirmation.INVALID
        elif purpose == "unsubscribe":
            assert alerts.alert_by_unsubscribe_token(bad) is False
        else:
            assert alerts.recipient_by_manage_token(bad) is False
    alert.refresh_from_db()
    assert alert.confirmed_at is None


def test_a_link_from_another_federation_is_refused(
    fed_a, fed_b, django_capture_on_commit_callbacks
):
    with context.federation_context(fed_a):
        alert = _subscribe(django_capture_on_commit_callbacks)
        tokens = (alerts.confirm_token(alert), alerts.unsubscribe_token(alert))
    with context.federation_context(fed_b):
        assert alerts.alert_confirm(token=tokens[0]) is alerts.Confirmation.INVALID
        assert alerts.alert_by_unsubscribe_token(tokens[1]) is False


def test_the_address_goes_with_its_last_alert(in_a, django_capture_on_commit_callbacks):
    first = _confirmed(django_capture_on_commit_callbacks, {"q": "高温津贴"})
    second = _confirmed(django_capture_on_commit_callbacks, {"industry": "C"})
    assert AlertRecipient.objects.count() == 1
    alerts.alert_remove(alert=alerts.alert_by_unsubscribe_token(alerts.unsubscribe_token(first)))
    assert AlertRecipient.objects.filter(email=EMAIL).exists()
    alerts.alert_remove(alert=alerts.alert_by_unsubscribe_token(alerts.unsubscribe_token(second)))
    assert not AlertRecipient.objects.exists() and not NoticeAlert.objects.exists()


def test_invalid_filters_and_addresses_are_refused(in_a, django_capture_on_commit_callbacks):
    with pytest.raises(alerts.ValidationError) as error:
        _subscribe(django_capture_on_commit_callbacks, {"year": "abc"})
    assert "filters" in error.value.message_dict
    with pytest.raises(alerts.ValidationError) as error:
        _subscribe(django_capture_on_commit_callbacks, email="not-an-address")
    assert "email" in error.value.message_dict
    assert mail.outbox == [] and not NoticeAlert.objects.exists()


FILTERS = [
    {},
    {"q": "高温津贴"},
    {"q": "职业健康检查"},
    {"q": "夜班 高温"},
    {"q": "托育"},
    {"industry": "C"},
    {"industry": "H", "q": "高温津贴"},
    {"region": "230800"},
    {"region": "230000", "kind": "comprehensive"},
    {"region": "110101"},
    {"scope": "single", "status": "effective"},
    {"year": "2025"},
    {"year": "2024"},
    {"in_force_on": "2026-06-01"},
    {"in_force_on": "2030-01-01"},
    {"expiring_within": "400"},
    {"expiring_within": "30"},
]


def test_the_inverted_matching_agrees_with_the_notice_list(in_a):
    """Each saved filter matches exactly the new notices the notice list's own search finds."""
    before = timezone.now()
    for n, (industry, region, clauses, ends) in enumerate(
        [
            ("C", "230803", (HOT,), dt.date(2026, 12, 31)),
            ("H", "230802", (HOT, ("other", "职工每年职业健康检查一次。")), dt.date(2027, 12, 31)),
            ("C", "110101", (("wages", "夜班津贴每晚50元。"),), dt.date(2027, 6, 30)),
            ("F", "230803", (("hours", "每周工作时间不超过40小时。"),), dt.date(2028, 12, 31)),
        ]
    ):
        published_contract(
            clauses=clauses,
            ends_on=ends,
            enterprise_data={"industry": industry, "region_code": region, "name": f"比对{n}公司"},
        )
    new = notices_first_published(after=before - dt.timedelta(seconds=1), until=timezone.now())
    assert len(new) == 4
    ids = [n.id for n in new]
    today = timezone.localdate()
    found = alerts_matching(
        alerts=[(i, params, before) for i, params in enumerate(FILTERS)], notices=new, today=today
    )
    for i, params in enumerate(FILTERS):
        expected = sorted(
            notices_filter(params, today=today)
            .queryset.filter(id__in=ids)
            .values_list("id", flat=True)
        )
        assert found.get(i, []) == expected, params
    assert any(found.values()) and len(found) < len(FILTERS)


def test_matching_costs_the_same_queries_whatever_the_number_of_alerts(
    in_a, django_capture_on_commit_callbacks
):
    def queries(count: int) -> int:
        for n in range(count):
            alert = _subscribe(
                django_capture_on_commit_callbacks,
                {"q": ["高温津贴", "夜班", "健康检查"][n % 3], "industry": "C"},
                email=f"r{count}-{n}@example.com",
            )
            alerts.alert_confirm(token=alerts.confirm_token(alert))
        _notice(clauses=(HOT,))
        with CaptureQueriesContext(connection) as captured:
            alerts.alerts_match(now=timezone.now() + dt.timedelta(minutes=1))
        return len(captured)

    assert queries(3) == queries(30)


def _signup(client, email=EMAIL, **params):
    return client.post(
        "/alerts/new/", {"email": email, "frequency": "immediate", **params}, REMOTE_ADDR="10.0.0.9"
    )


def test_the_pages_subscribe_confirm_and_unsubscribe(
    client_a, fed_a, django_capture_on_commit_callbacks
):
    page = client_a.get("/notices/?q=高温津贴&industry=C")
    assert 'href="/alerts/new/?q=' in page.content.decode()
    form = client_a.get("/alerts/new/?q=高温津贴&industry=C").content.decode()
    assert "高温津贴" in form and 'name="industry" value="C"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = _signup(client_a, q="高温津贴", industry="C")
    assert response.status_code == 200 and "48" in response.content.decode()
    (message,) = mail.outbox
    confirm = _link(message, "confirm")
    assert client_a.get(confirm).status_code == 200  # a button, not a confirmation
    with context.federation_context(fed_a):
        assert NoticeAlert.objects.get().confirmed_at is None
    assert "已确认" in client_a.post(confirm).content.decode()
    assert "已使用" in client_a.post(confirm).content.decode()
    # One-click unsubscribe as a mail provider sends it (RFC 8058): no CSRF token.
    unsubscribe = _link(message, "unsubscribe")
    strict = type(client_a)(HTTP_HOST="a.test", enforce_csrf_checks=True)
    response = strict.post(unsubscribe, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    with context.federation_context(fed_a):
        assert not NoticeAlert.objects.exists() and not AlertRecipient.objects.exists()


def test_forged_links_are_a_clear_404(client_a, fed_a):
    for path in ("/alerts/confirm/x:y:z/", "/alerts/unsubscribe/abc/", "/alerts/manage/abc/"):
        response = client_a.post(path) if "confirm" in path else client_a.get(path)
        assert response.status_code == 404
        assert "链接无效" in response.content.decode()


def test_a_flood_of_signups_is_refused(client_a, fed_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answers = [_signup(client_a, email=f"f{n}@example.com").status_code for n in range(7)]
    assert answers[:5] == [200] * 5 and answers[5:] == [429, 429]
    assert len(mail.outbox) == 5
    assert "太多" in _signup(client_a, email="g@example.com").content.decode()


def test_a_flood_to_one_address_is_refused(client_a, fed_a, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        answers = [
            client_a.post(
                "/alerts/new/",
                {"email": EMAIL, "frequency": "weekly", "industry": "C"},
                REMOTE_ADDR=f"10.0.1.{n}",
            ).status_code
            for n in range(4)
        ]
    assert answers == [200, 200, 200, 429]
    assert len(mail.outbox) == 3


def test_the_manage_page_lists_and_removes(client_a, fed_a, django_capture_on_commit_callbacks):
    with context.federation_context(fed_a):
        first = _confirmed(django_capture_on_commit_callbacks, {"q": "高温津贴"})
        _confirmed(django_capture_on_commit_callbacks, {"industry": "C"})
        path = f"/alerts/manage/{alerts.manage_token(first.recipient)}/"
    body = client_a.get(path).content.decode()
    assert body.count('name="alert"') == 2 and "高温津贴" in body
    body = client_a.post(path, {"alert": first.pk}).content.decode()
    assert body.count('name="alert"') == 1
    body = client_a.post(path, {"all": "1"}).content.decode()
    with context.federation_context(fed_a):
        assert not AlertRecipient.objects.exists()
    assert client_a.get(path).status_code == 200  # a genuine link: "no alerts", not "forged"


def test_the_manage_page_costs_the_same_queries_whatever_the_number_of_alerts(
    client_a, fed_a, django_capture_on_commit_callbacks
):
    def queries(count: int, email: str) -> int:
        with context.federation_context(fed_a):
            for n in range(count):
                alert = _confirmed(django_capture_on_commit_callbacks, {"q": f"词{n}"}, email=email)
            path = f"/alerts/manage/{alerts.manage_token(alert.recipient)}/"
        client_a.get(path)  # warm the chrome's cache
        with CaptureQueriesContext(connection) as captured:
            assert client_a.get(path).status_code == 200
        return len(captured)

    assert queries(1, "one@example.com") == queries(6, "six@example.com")


def test_asking_for_the_link_tells_nobody_whether_an_address_has_alerts(
    client_a, fed_a, django_capture_on_commit_callbacks
):
    with context.federation_context(fed_a):
        _confirmed(django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        known = client_a.post("/alerts/link/", {"email": EMAIL})
        unknown = client_a.post("/alerts/link/", {"email": "nobody@example.com"})
    assert known.status_code == unknown.status_code == 200
    assert known.content.decode().count("<h1>") == unknown.content.decode().count("<h1>")
    (message,) = mail.outbox
    assert message.to == [EMAIL] and "/alerts/manage/" in message.body


def test_the_admin_sees_counts_never_addresses(
    admin_client_a, fed_a, django_capture_on_commit_callbacks
):
    with context.federation_context(fed_a):
        _confirmed(django_capture_on_commit_callbacks)
    body = admin_client_a.get("/admin/").content.decode()
    assert 'id="alerts-panel-heading"' in body
    assert EMAIL not in body
