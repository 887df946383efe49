"""A reader subscribes to alerts from the notice list in Chromium, confirms from the captured
mailbox, receives exactly one message for a matching notice, and unsubscribes by its link
(issue 19 item 1)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core import mail

from tests.browser.conftest import BROWSER

pytestmark = [*BROWSER]

EMAIL = "alert-reader@example.com"
CHECK_MAIL = "请查收邮件"


@pytest.fixture
def tab(live_tenant_server, browser_sites, chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.base = f"http://pa.test:{live_tenant_server}"
    yield page
    context.close()


def _path(message, name: str) -> str:
    return re.search(rf"(/alerts/{name}/[^/\s]+/)", message.body).group(1)


def _mine():
    return [m for m in mail.outbox if m.to == [EMAIL]]


def test_subscribe_confirm_receive_once_and_unsubscribe(
    tab, browser_sites, shot, django_db_blocker
):
    from cms_pages.models import AlertRecipient, NoticeAlert
    from cms_pages.tasks import notice_alerts_run
    from portal.demo.builders import enterprise, published_contract
    from tenants import context

    mail.outbox = []
    tab.goto(tab.base + "/notices/?q=高温津贴&industry=C")
    tab.locator("#get-alerts").click()
    tab.wait_for_url("**/alerts/new/?**")
    assert tab.locator("h1").inner_text() == "订阅提醒"
    filters = tab.locator("dl.alert-filters").inner_text()
    assert "高温津贴" in filters and "制造业" in filters
    shot(tab, "alerts-subscribe")

    tab.locator("#id_email").fill("not an address")
    tab.get_by_role("button", name="订阅").click()
    assert "请填写有效的电子邮箱" in tab.locator("#err-email").inner_text()
    tab.locator("#id_email").fill(EMAIL)
    tab.get_by_label("即时提醒").check()
    tab.get_by_role("button", name="订阅").click()
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text() == "请查收邮件"
    shot(tab, "alerts-check-mail")

    (confirmation,) = _mine()
    assert "请确认" in confirmation.subject
    tab.goto(tab.base + _path(confirmation, "confirm"))
    shot(tab, "alerts-confirm")
    tab.get_by_role("button", name="确认订阅").click()
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text() == "订阅已确认"
    shot(tab, "alerts-confirmed")

    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        published_contract(
            enterprise=enterprise(name="松江提醒测试机械有限公司", industry="C"),
            title="松江提醒测试机械有限公司集体合同",
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2027, 12, 31),
            as_of=dt.date(2026, 6, 1),
            clauses=(("safety", "夏季高温天气按月发放高温津贴，每月不低于300元。"),),
        )
        published_contract(
            enterprise=enterprise(name="松江提醒无关酒店有限公司", industry="H"),
            title="松江提醒无关酒店有限公司集体合同",
            starts_on=dt.date(2025, 1, 1),
            ends_on=dt.date(2027, 12, 31),
            as_of=dt.date(2026, 6, 1),
            clauses=(("safety", "夏季高温天气按月发放高温津贴。"),),
        )
        notice_alerts_run()
        notice_alerts_run()  # a second run sends nothing more
    alert_mail = _mine()[1:]
    assert len(alert_mail) == 1
    (message,) = alert_mail
    assert "松江提醒测试机械有限公司集体合同" in message.body
    assert "无关酒店" not in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # The notice link in the message opens the notice.
    notice_path = re.search(r"(/notices/[0-9a-f-]{36}/)", message.body).group(1)
    tab.goto(tab.base + notice_path)
    assert tab.locator("h1").inner_text() == "松江提醒测试机械有限公司集体合同"

    tab.goto(tab.base + _path(message, "manage"))
    assert tab.locator("ol.alert-list > li").count() == 1
    shot(tab, "alerts-manage")

    # A reader who lost the message asks for the link to their alerts again.
    before = len(mail.outbox)
    tab.goto(tab.base + "/alerts/link/")
    tab.locator("#id_email").fill(EMAIL)
    shot(tab, "alerts-link")
    tab.get_by_role("button", name="发送链接").click()
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text() == CHECK_MAIL
    shot(tab, "alerts-link-sent")
    assert len(mail.outbox) == before + 1 and mail.outbox[-1].to == [EMAIL]

    tab.goto(tab.base + _path(message, "unsubscribe"))
    shot(tab, "alerts-unsubscribe")
    tab.get_by_role("button", name="退订").click()
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text() == "已退订"
    shot(tab, "alerts-unsubscribed")
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        assert not NoticeAlert.objects.exists() and not AlertRecipient.objects.exists()

    # The same link again, altered: refused, clearly.
    response = tab.goto(tab.base + _path(message, "unsubscribe")[:-3] + "x/")
    assert response.status == 404
    assert tab.locator("h1").inner_text() == "链接无效"
    shot(tab, "alerts-invalid-link")


def test_manage_page_removes_one_alert_then_the_last_and_the_address(
    tab, browser_sites, shot, django_db_blocker
):
    """Regression: the per-alert remove forms on the manage page (我的订阅) were never submitted
    in Chromium. A reader with two alerts removes one, then the last: the address goes too."""
    from cms_pages.models import AlertRecipient, NoticeAlert
    from cms_pages.services import alerts
    from tenants import context

    owner = "two-alerts@example.com"
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        for words in ("夜班津贴", "带薪年休假"):
            alerts.alert_subscribe(
                email=owner, params={"q": words}, frequency="weekly", base_url=tab.base
            )
        recipient = AlertRecipient.objects.get(email=owner)
        path = f"/alerts/manage/{alerts.manage_token(recipient)}/"

    tab.goto(tab.base + path)
    assert tab.locator("h1").inner_text() == "我的订阅"
    items = tab.locator("ol.alert-list > li")
    assert items.count() == 2
    assert "夜班津贴" in items.nth(0).inner_text()
    shot(tab, "alerts-manage-two")

    tab.get_by_role("button", name="删除第1条订阅").click()
    tab.wait_for_load_state()
    assert tab.locator("[role=status]").inner_text() == "该订阅已删除。"
    assert items.count() == 1
    assert "带薪年休假" in items.nth(0).inner_text()
    assert "夜班津贴" not in tab.locator("ol.alert-list").inner_text()
    shot(tab, "alerts-manage-one-left")
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        (left,) = NoticeAlert.objects.filter(recipient__email=owner)
        assert left.filters["q"] == "带薪年休假"

    tab.get_by_role("button", name="删除第1条订阅").click()
    tab.wait_for_load_state()
    assert tab.locator("ol.alert-list").count() == 0
    assert "邮箱地址已从网站删除" in tab.locator(".empty[role=status]").inner_text()
    shot(tab, "alerts-manage-none-left")
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        assert not AlertRecipient.objects.filter(email=owner).exists()
        assert not NoticeAlert.objects.filter(recipient__email=owner).exists()

    # The page's link again: the address is gone, and the page says so.
    tab.goto(tab.base + path)
    assert "邮箱地址已从网站删除" in tab.locator(".empty[role=status]").inner_text()
