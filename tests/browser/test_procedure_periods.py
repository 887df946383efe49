"""Chromium sends the forms of the periods encoded for issue 15 (item 6) as a clerk does: the
representatives' publication (R6), a vacant seat recorded and filled (R7), a meeting that
suspends bargaining (R10), a dispute accepted, extended and concluded (R33), and a contract's
notice-board posting taken down too early (R24); each record's page then shows the period with
its last day and how it was reached."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from compliance.services import bargaining
from tenants import context
from tests.browser.conftest import BROWSER, administrator, send, whole_page
from tests.factories import compliance as f

pytestmark = [*BROWSER, pytest.mark.usefixtures("records")]

CLERK = "periods@pa.test"


@pytest.fixture(scope="module")
def records(browser_sites, django_db_blocker):
    """A round under negotiation with its representatives chosen, and an effective contract."""
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        r = f.offered_round(ent=f.enterprise(name="期限测试机械有限公司"))
        bargaining.round_reply(round_id=r.pk, accepted=True, reply_date=dt.date(2026, 3, 10))
        bargaining.round_set_representatives(
            round_id=r.pk, representatives=f.REPRESENTATIVES, chosen_on=dt.date(2026, 3, 10)
        )
        return {
            "device": administrator(CLERK),
            "round": r.pk,
            "contract": f.round_at("effective").contract.pk,
        }


@pytest.fixture(scope="module")
def accounts(records):
    """The clerk, for conftest's `sessions` (one sign-in for the module)."""
    return {"zh-hans": (CLERK, records["device"])}


@pytest.fixture
def clerk(staff):
    return staff


def _period(tab, what: str):
    """The row of the periods table (not of the history) naming `what`."""
    return tab.locator("main table.portal-periods tr", has_text=what)


def _step(tab, label: str) -> None:
    """Open a step from the round page's buttons, as a clerk does, and check its date."""
    tab.get_by_role("link", name=label, exact=True).first.click()
    tab.wait_for_load_state()
    expect(tab.locator("main h1, main h2").first).to_be_visible()


def test_a_clerk_records_the_periods_of_a_round(clerk, records, shot):
    today = timezone.localdate()
    round_url = f"{clerk.base}/admin/bargaining_rounds/inspect/{records['round']}/"
    clerk.goto(round_url)

    # R6: the representatives published to the employees.
    _step(clerk, "登记协商代表公布情况")
    expect(clerk.locator("#id_published_on")).to_have_value(today.isoformat())
    send(clerk)
    main = clerk.locator("main")
    expect(main).to_contain_text(f"向职工公布日期 {today.isoformat()}")
    expect(_period(clerk, "协商代表公布")).to_contain_text("按期")

    # R7: a seat falls vacant and is filled.
    _step(clerk, "登记代表空缺")
    clerk.locator("#id_representative").select_option(label="李春梅")
    clerk.locator("#id_left_reason").select_option(label="辞去代表职务")
    send(clerk)
    expect(main).to_contain_text(f"{today.isoformat()}起席位空缺（辞去代表职务）")
    _step(clerk, "补选空缺代表")
    expect(clerk.locator("#id_joined_on")).to_have_value(today.isoformat())
    clerk.locator("#id_name").fill("周敏")
    clerk.locator("#id_identity").fill("E009")
    send(clerk)
    row = _period(clerk, "李春梅（职工方）的空缺由周敏补任")
    expect(row).to_contain_text("按期")
    expect(row).to_contain_text("《集体合同规定》第三十一条")

    # R10: a meeting that suspends bargaining for three weeks.
    _step(clerk, "登记协商会议")
    clerk.locator("#id_minutes_signed_by_all").check()
    clerk.locator("#id_suspended_until").fill((today + dt.timedelta(days=21)).isoformat())
    send(clerk)
    expect(main).to_contain_text("中止协商至")
    expect(_period(clerk, "中止后恢复协商")).to_contain_text("双方商定")

    # R33: a dispute accepted, extended once, then settled with the signed agreement.
    _step(clerk, "登记协商争议协调处理")
    clerk.locator("#id_applicant").select_option(label="双方")
    clerk.locator("#id_subject").fill("年度工资增幅分歧")
    send(clerk)
    expect(main.locator("#disputes")).to_contain_text("年度工资增幅分歧")
    clerk.get_by_role("link", name="延长协调期限").click()
    clerk.locator("#id_reason").fill("需补充调查同行业工资水平")
    send(clerk)
    expect(main.locator("#disputes")).to_contain_text("需补充调查同行业工资水平")
    expect(_period(clerk, "协商争议协调处理")).to_contain_text("延期")
    clerk.get_by_role("link", name="登记协调处理结果").click()
    clerk.locator("#id_outcome").select_option(label="已解决：签订协调处理协议书")
    send(clerk)
    expect(main).to_contain_text("须由协调处理人员和双方首席代表签署")  # not ticked: refused
    clerk.locator("#id_agreement_signed").check()
    send(clerk)
    expect(main.locator("#disputes")).to_contain_text("已解决：签订协调处理协议书")
    whole_page(shot, clerk, "round-periods")


def test_a_posting_taken_down_early_is_shown_cut_short(clerk, records, shot):
    clerk.goto(f"{clerk.base}/admin/contracts/step/{records['contract']}/publish/")
    clerk.locator("#id_published_on").fill("2026-05-11")
    clerk.locator("#id_posting_ends_on").fill("2026-05-25")
    send(clerk)
    row = _period(clerk, "公示栏张贴")
    expect(row).to_contain_text("不足期限")
    expect(row).to_contain_text("2026-05-26")
    # The form opens again with what was recorded, to correct the day it came down.
    clerk.goto(f"{clerk.base}/admin/contracts/step/{records['contract']}/publish/")
    expect(clerk.locator("#id_published_on")).to_have_value("2026-05-11")
    clerk.locator("#id_posting_ends_on").fill("2026-05-26")
    send(clerk)
    expect(_period(clerk, "公示栏张贴")).to_contain_text("按期")
    whole_page(shot, clerk, "contract-posting")
