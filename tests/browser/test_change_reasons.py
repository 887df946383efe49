"""Issue 15 (item 9) in Chromium: every direct edit asks why. An administrator corrects an
enterprise, a contract, one of its clauses and a rule-profile parameter with the real forms: each
refuses to save without a reason (in Chinese), saves with one, and the record's history shows
the reason beside the change. A ledger document uploaded to a round shows in the round's history
with who uploaded it. Screenshots go to test-artifacts/."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from compliance.models import Clause, RuleParameter
from compliance.services.contracts import contract_register_existing
from tenants import context
from tests.browser.conftest import BROWSER, administrator, send, whole_page
from tests.factories import compliance as f

pytestmark = [
    *BROWSER,
    pytest.mark.usefixtures("records"),  # made before Chromium starts (tests/browser/conftest.py)
]

ADMIN = "reasons@pa.test"
REQUIRED = "请填写修改原因：修改原因将记入该记录的历史。"


@pytest.fixture(scope="module")
def records(browser_sites, django_db_blocker):
    """An administrator with an authenticator; an enterprise with a contract and its clause, a
    bargaining round, and the reminder's self-check period of the rule profile."""
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        device = administrator(ADMIN, last_name="吴", first_name="修改")
        ent = f.enterprise(name="松江改动机械有限公司", employees=150)
        contract = contract_register_existing(
            data={
                "enterprise": ent,
                "title": "2026年度工资专项集体合同",
                "kind": "wages",
                "starts_on": dt.date(2026, 1, 1),
                "ends_on": dt.date(2027, 12, 31),
                "covered_employees": 150,
            }
        )[0]
        clause = Clause.objects.create(
            contract=contract, order=1, topic="wages", text="职工工资年度平均增长幅度不低于6%。"
        )
        return {
            "device": device,
            "enterprise": ent.pk,
            "contract": contract.pk,
            "clause": clause.pk,
            "round": f.offered_round(f.enterprise(name="松江台账机械有限公司")).pk,
            "parameter": RuleParameter.objects.get(key="reminder_self_check").pk,
        }


@pytest.fixture(scope="module")
def accounts(records):
    """The module's one person for conftest's `sessions`: one sign-in for both tests."""
    return {"zh-hans": (ADMIN, records["device"])}


@pytest.fixture
def admin(staff):
    return staff


def _refused_then_saved(tab, shot, name: str, reason: str) -> None:
    """Send the form without a reason (refused, the typed change kept), then with one."""
    field = tab.locator("#id_change_reason")
    expect(tab.locator("label[for=id_change_reason]")).to_contain_text("修改原因")
    send(tab)
    expect(tab.locator("main")).to_contain_text(REQUIRED)
    whole_page(shot, tab, f"reason-{name}-refused")
    field.fill(reason)
    send(tab)
    expect(tab.locator("main")).not_to_contain_text(REQUIRED)


def _history_row(tab, reason: str):
    row = tab.locator("#history-heading ~ table tbody tr").filter(has_text=reason)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("吴修改")  # who
    return row


def test_each_edit_asks_why_and_the_history_shows_it(admin, records, shot):
    main = admin.locator("main")

    # The enterprise: its head count corrected.
    admin.goto(admin.base + f"/admin/enterprises/edit/{records['enterprise']}/")
    admin.locator("#id_employees").fill("168")
    _refused_then_saved(admin, shot, "enterprise", "依据2026年年报更正职工人数")
    admin.goto(admin.base + f"/admin/enterprises/inspect/{records['enterprise']}/")
    row = _history_row(admin, "依据2026年年报更正职工人数")
    expect(row).to_contain_text("已修改: 依据2026年年报更正职工人数")
    expect(row).to_contain_text("职工人数: 150 → 168")
    whole_page(shot, admin, "reason-enterprise-history")

    # The contract's fields.
    admin.goto(admin.base + f"/admin/contracts/edit/{records['contract']}/")
    admin.locator("#id_title").fill("2026年度工资专项集体合同（更正）")
    _refused_then_saved(admin, shot, "contract", "合同名称漏写“更正”字样")
    admin.goto(admin.base + f"/admin/contracts/inspect/{records['contract']}/")
    expect(main).to_contain_text("2026年度工资专项集体合同（更正）")
    _history_row(admin, "合同名称漏写“更正”字样")
    whole_page(shot, admin, "reason-contract-history")

    # Its clause, from the contract's page.
    main.locator(f"a[href='/admin/contracts/clauses/edit/{records['clause']}/']").click()
    admin.wait_for_url("**/clauses/edit/**")
    admin.locator("#id_text").fill("职工工资年度平均增长幅度不低于7%。")
    _refused_then_saved(admin, shot, "clause", "按职代会决议调整工资增幅")
    admin.wait_for_url("**/admin/contracts/inspect/**")
    expect(main).to_contain_text("职工工资年度平均增长幅度不低于7%。")
    admin.goto(admin.base + f"/admin/clauses/inspect/{records['clause']}/")
    expect(_history_row(admin, "按职代会决议调整工资增幅")).to_contain_text("不低于7%")
    whole_page(shot, admin, "reason-clause-history")

    # A rule-profile parameter.
    admin.goto(admin.base + f"/admin/rule_profile/edit/{records['parameter']}/")
    admin.locator("#id_value").fill("20")
    _refused_then_saved(admin, shot, "parameter", "省总工会2026年新规定")
    admin.wait_for_url("**/admin/rule_profile/")
    admin.goto(admin.base + f"/admin/rule_profile/inspect/{records['parameter']}/")
    expect(_history_row(admin, "省总工会2026年新规定")).to_contain_text("→ 20")
    whole_page(shot, admin, "reason-parameter-history")


def test_a_ledger_document_upload_shows_in_the_rounds_history(admin, records, shot, tmp_path):
    offer = tmp_path / "要约书.pdf"
    offer.write_bytes(b"%PDF-1.4 offer letter")
    admin.goto(admin.base + f"/admin/bargaining_rounds/documents/{records['round']}/")
    admin.locator("#id_kind").select_option("offer_letter")
    admin.locator("#id_file").set_input_files(str(offer))
    send(admin)
    admin.wait_for_url("**/admin/bargaining_rounds/inspect/**")
    expect(admin.locator(".messages")).to_contain_text("文件已上传")
    row = _history_row(admin, "上传台账文件：要约书")
    expect(row).to_contain_text("台账文件 要约书")
    whole_page(shot, admin, "reason-round-document-history")
