"""Issue 17 (item 4, the measuring part) in Chromium: an administrator keeps the federation's
model text (示范文本) with the real forms — adds a clause, corrects another with a reason — and
reads on a contract's page how much of each clause is copied from it or from another
enterprise's contract, the copied passages marked and their sources linked. Screenshots go to
test-artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from compliance.services.model_texts import model_clause_save
from tenants import context
from tests.browser.conftest import BROWSER, administrator, send, whole_page
from tests.factories.notices import published_contract

pytestmark = [
    *BROWSER,
    pytest.mark.usefixtures("records"),  # made before Chromium starts (tests/browser/conftest.py)
]

ADMIN = "similarity@pa.test"
ADMIN_EN = "similarity-en@pa.test"
MODEL_BEFORE = "企业应当建立工资集体协商制度。"
MODEL_AFTER = (
    "企业应当建立工资集体协商制度，每年至少开展一次工资集体协商，协商确定职工年度工资增长幅度。"
)
WAGES = "每年至少开展一次工资集体协商，本企业工资增长不低于百分之六。"
COPIED = "每年至少开展一次工资集体协商"
HOURS = "实行标准工时制度，每周工作时间不超过四十小时，加班须经工会同意。"
SAFETY = "企业每年组织职工进行一次职业健康检查，检查费用由企业承担。"


@pytest.fixture(scope="module")
def records(browser_sites, django_db_blocker):
    """Two administrators with an authenticator; the model text's wages clause (without the
    sentence the contract copies, yet); another enterprise's contract and the one reviewed."""
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        device = administrator(ADMIN, last_name="孙", first_name="审核")
        device_en = administrator(ADMIN_EN, last_name="Sun", first_name="Review")
        profile = UserProfile.get_for_user(device_en.user)
        profile.preferred_language = "en"  # the admin speaks its user's language
        profile.save()
        model = model_clause_save(
            clause=None,
            data={"kind": "comprehensive", "order": 1, "topic": "wages", "text": MODEL_BEFORE},
            reason="test",
        )
        other = published_contract(clauses=(("hours", HOURS),))
        contract = published_contract(
            clauses=(("wages", WAGES), ("hours", HOURS), ("safety", SAFETY))
        )
        return {
            "device": device,
            "device_en": device_en,
            "model": model.pk,
            "other": other.pk,
            "other_title": other.title,
            "contract": contract.pk,
        }


@pytest.fixture(scope="module")
def accounts(records):
    return {"zh-hans": (ADMIN, records["device"]), "en": (ADMIN_EN, records["device_en"])}


def _rows(tab):
    return tab.locator("#contract-similarity-section tbody > tr")


def test_the_model_text_is_kept_with_its_forms_and_the_contract_page_measures_against_it(
    staff, records, shot
):
    admin, main = staff, staff.locator("main")
    contract_url = admin.base + f"/admin/contracts/inspect/{records['contract']}/"

    # Before: the wages clause copies nothing the model text holds yet; hours is the other's.
    admin.goto(contract_url)
    section = admin.locator("#contract-similarity-section")
    expect(section.locator("h2")).to_have_text("相似度")
    rows = _rows(admin)
    expect(rows).to_have_count(3)
    expect(rows.nth(0).locator("td").nth(2)).to_have_text("0%")
    expect(rows.nth(1).locator("td").nth(2)).to_have_text("100%")
    expect(rows.nth(1).locator("td").nth(4)).to_have_text("100%")
    link = rows.nth(1).get_by_role("link", name=f"{records['other_title']}第1条")
    expect(link).to_have_attribute("href", f"/admin/contracts/inspect/{records['other']}/")

    # The model text's list, and a safety clause added with the real form.
    admin.goto(admin.base + "/admin/model_texts/")
    expect(main).to_contain_text("企业应当建立工资集体协商制度")
    admin.goto(admin.base + "/admin/model_texts/new/")
    admin.locator("#id_kind").select_option("comprehensive")
    admin.locator("#id_order").fill("2")
    admin.locator("#id_topic").select_option("safety")
    admin.locator("#id_text").fill("企业每年组织职工进行一次职业健康检查。")
    whole_page(shot, admin, "similarity-model-text-add")
    send(admin)
    expect(main).to_contain_text("职业健康检查")

    # The wages clause corrected: refused without a reason, saved with one.
    admin.goto(admin.base + f"/admin/model_texts/edit/{records['model']}/")
    admin.locator("#id_text").fill(MODEL_AFTER)
    send(admin)
    expect(main).to_contain_text("请填写修改原因")
    admin.locator("#id_change_reason").fill("依据省总工会2026年示范文本更新")
    send(admin)
    expect(main).not_to_contain_text("请填写修改原因")
    admin.goto(admin.base + f"/admin/model_texts/inspect/{records['model']}/")
    history = admin.locator("#history-heading ~ table tbody tr").filter(
        has_text="依据省总工会2026年示范文本更新"
    )
    expect(history).to_have_count(1)
    expect(history).to_contain_text("孙审核")
    whole_page(shot, admin, "similarity-model-text-history")

    # After: the contract's page reads the copied sentence, marked, from the model text.
    admin.goto(contract_url)
    wages, hours, safety = (_rows(admin).nth(i) for i in range(3))
    # 14 of the clause's 28 characters (punctuation aside) are the model text's.
    expect(wages.locator("td").nth(2)).to_have_text("50%")
    expect(wages.locator("td").nth(3)).to_have_text("50%")
    expect(wages.locator("mark")).to_have_count(1)
    expect(wages.locator("mark")).to_contain_text(COPIED)
    expect(wages.locator("mark .w-sr-only")).to_have_text("雷同段落：")
    expect(wages.locator("sup")).to_have_text("[1]")
    source = wages.get_by_role("link", name="示范文本第1条")
    expect(source).to_have_attribute("href", f"/admin/model_texts/inspect/{records['model']}/")
    expect(wages).to_contain_text("占本条 50%")
    # The added safety clause is the first sentence of the contract's: 18 of 27 characters.
    expect(safety.locator("td").nth(3)).to_have_text("67%")
    expect(safety.locator("mark")).to_contain_text("企业每年组织职工进行一次职业健康检查")
    expect(hours.locator("td").nth(3)).to_have_text("0%")
    expect(section).to_contain_text("整份合同有 73% 的文字")  # (14 + 29 + 18) / (28 + 29 + 27)
    whole_page(shot, admin, "similarity-contract")

    source.click()
    admin.wait_for_url("**/admin/model_texts/inspect/**")
    expect(main).to_contain_text("每年至少开展一次工资集体协商")


@pytest.mark.parametrize("staff", ["en"], indirect=True)
def test_the_similarity_reads_in_english_on_a_phone(staff, records, shot):
    staff.goto(staff.base + f"/admin/contracts/inspect/{records['contract']}/")
    section = staff.locator("#contract-similarity-section")
    expect(section.locator("h2")).to_have_text("Similarity")
    expect(section).to_contain_text("of the contract's wording is found word for word")
    expect(section.locator("thead")).to_contain_text("From the model text")
    expect(_rows(staff).nth(1).locator("td").nth(2)).to_have_text("100%")
    whole_page(shot, staff, "similarity-contract-en-390")
