"""A supervisor evaluates a contract's quality (集体协商质效评估, issue 18 item 9) in Chromium, in
Chinese at 1280 px and in English on a phone: starts the evaluation from the contract's page,
scores the items the records leave open (one with an evidence file), overrides a records item
with a reason, is told what is missing before finalising, finalises, and reads the summary and
the admin home's panel."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from compliance.services.quality import quality_evaluation_start
from tenants import context
from tenants.roles import ROLE_BY_KEY
from tests.browser.conftest import BROWSER, send, sign_in
from tests.conftest import PASSWORD
from tests.factories import compliance as f

pytestmark = [*BROWSER, pytest.mark.usefixtures("people")]

VIEWS = {"zh-hans": 1280, "en": 390}
THIS_YEAR = timezone.localdate().year
LAST_YEAR = THIS_YEAR - 1
WORDS = {
    "zh-hans": {
        "evaluate": "评估该合同",
        "to_score": "待评分",
        "score": "评分",
        "override": "改评",
        "finalise": "评估定稿",
        "missing": "尚未评分",
        "reason_needed": "须说明理由",
        "not_passed": "未通过",
        "summary": "质效评估汇总",
        "panel": "集体协商质效",
        "show": "显示",
        "none_final": "{year} 年度尚无定稿的评估。 1 份评估中。",
    },
    "en": {
        "evaluate": "Evaluate this contract",
        "to_score": "to score",
        "score": "Score",
        "override": "Override",
        "finalise": "Finalise the evaluation",
        "missing": "Not yet scored",
        "reason_needed": "give the reason",
        "not_passed": "not passed",
        "summary": "Quality summary",
        "panel": "Quality of bargaining",
        "show": "Show",
        "none_final": "No evaluation of {year} is finalised yet. 1 in progress.",
    },
}


@pytest.fixture(scope="module")
def people(browser_sites, django_db_blocker):
    made = {}
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        for language in VIEWS:
            email = f"quality-{language}@pa.test"
            user = get_user_model().objects.create_user(
                username=email, email=email, password=PASSWORD, last_name="吴", first_name="评估"
            )
            user.groups.add(Group.objects.get(name=ROLE_BY_KEY["supervisor"].name))
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.current_time_zone = "Asia/Shanghai"
            profile.save()
            device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
            made[language] = {
                "email": email,
                "device": device,
                "contract": f.round_at("effective").contract.pk,
            }
        # Last year's evaluation of another contract, still in progress: a second year to choose.
        quality_evaluation_start(
            contract_id=f.round_at("effective").contract.pk,
            evaluated_on=dt.date(LAST_YEAR, 6, 1),
            evaluator="区总工会评估组",
            methods=["files"],
            user=user,
        )
    return made


@pytest.fixture(params=list(VIEWS))
def view(request, people, live_tenant_server, chromium):
    language = request.param
    browser_context = chromium.new_context(
        viewport={"width": VIEWS[language], "height": 900},
        locale="zh-CN" if language == "zh-hans" else "en-GB",
    )
    tab = browser_context.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    tab.language = language
    tab.words = WORDS[language]
    tab.records = people[language]
    sign_in(
        tab,
        username=people[language]["email"],
        password=PASSWORD,
        device=people[language]["device"],
    )
    yield tab
    browser_context.close()


def _score_next_open_item(view, note: str, *, evidence: bool = False) -> bool:
    row = view.locator("#evaluation-items ~ table tr, section table tr").filter(
        has_text=view.words["to_score"]
    )
    if row.count() == 0:
        return False
    row.first.get_by_role("link").click()
    view.wait_for_url("**/quality_evaluations/item/**")
    view.locator("#id_score").fill("85")
    view.locator("#id_note").fill(note)
    if evidence:
        view.locator("#id_evidence").set_input_files(
            files=[{"name": "座谈记录.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 x"}]
        )
    send(view)
    view.wait_for_url("**/quality_evaluations/inspect/**")
    return True


def test_a_supervisor_evaluates_a_contract_and_reads_the_summary(view, shot):
    words = view.words
    view.goto(view.base + f"/admin/contracts/inspect/{view.records['contract']}/")
    view.get_by_role("link", name=words["evaluate"]).click()
    view.wait_for_url("**/quality_evaluations/start/**")
    # The contract is chosen, the date is today's (ISO, kept by the browser), the name filled.
    assert view.locator("#id_contract").input_value() == str(view.records["contract"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", view.locator("#id_evaluated_on").input_value())
    view.locator("#id_evaluator").fill("市总工会评估组")
    view.locator("input[name=methods][value=files]").check()
    view.locator("input[name=methods][value=interviews]").check()
    shot(view, f"quality-start-{view.language}")
    send(view)
    view.wait_for_url("**/quality_evaluations/inspect/**")
    main = view.locator("main")
    expect(main).to_contain_text("市总工会评估组")
    # Judged from the records: the offer was answered in time.
    expect(main).to_contain_text(
        "要约在期限内得到答复" if view.language == "zh-hans" else "answered within the time limit"
    )
    shot(view, f"quality-inspect-{view.language}")

    # Finalising too early says which items are missing.
    view.get_by_role("link", name=words["finalise"]).click()
    send(view)
    expect(view.locator("main")).to_contain_text(words["missing"])
    view.go_back()
    view.go_back()
    view.reload()

    # Score the open items, the first with an evidence file.
    assert _score_next_open_item(view, "座谈职工10人，查阅会议记录原件。", evidence=True)
    expect(view.locator("main")).to_contain_text("座谈职工10人")
    expect(view.locator("a[href*='/quality_evaluations/evidence/']")).to_have_count(1)
    while _score_next_open_item(view, "查阅台账与座谈记录。"):
        pass

    # Overriding a records item without a reason is refused, with a reason it is taken.
    row = view.locator("section table tr").filter(
        has=view.get_by_role("link", name=re.compile(words["override"]))
    )
    row.first.get_by_role("link").click()
    view.wait_for_url("**/quality_evaluations/item/**")
    view.locator("#id_score").fill("60")
    view.locator("#id_note").fill("原件签字不全。")
    send(view)
    expect(view.locator("main")).to_contain_text(words["reason_needed"])
    view.locator("#id_reason").fill("查阅原件发现签字不全")
    send(view)
    view.wait_for_url("**/quality_evaluations/inspect/**")
    expect(view.locator("main")).to_contain_text("原件签字不全。")

    view.get_by_role("link", name=words["finalise"]).click()
    view.locator("#id_comment").fill("程序基本规范，建议加强职工宣传。")
    send(view)
    view.wait_for_url("**/quality_evaluations/inspect/**")
    expect(view.locator("main")).to_contain_text("程序基本规范，建议加强职工宣传。")
    # The factory's contract has no clauses and no wage figures: content scores low, and the
    # total stays under the pass line.
    verdict = view.locator("#evaluation-summary ~ p").first
    expect(verdict).to_contain_text("69.60")
    expect(verdict).to_contain_text(words["not_passed"])
    expect(view.get_by_role("link", name=words["finalise"])).to_have_count(0)
    shot(view, f"quality-final-{view.language}")

    view.goto(view.base + "/admin/quality_evaluations/summary/")
    band = view.locator("main table tr").filter(has_text="60–69")
    expect(band.locator("td").nth(1)).not_to_have_text("0")
    shot(view, f"quality-summary-{view.language}")

    # The year is changed with the selector and its button: last year has none finalised.
    year = view.locator("#quality-year")
    expect(year).to_have_value(str(THIS_YEAR))
    year.select_option(str(LAST_YEAR))
    view.locator("main form").filter(has=year).get_by_role("button", name=words["show"]).click()
    view.wait_for_url(f"**/quality_evaluations/summary/?year={LAST_YEAR}")
    expect(year).to_have_value(str(LAST_YEAR))
    expect(view.locator("main")).to_contain_text(words["none_final"].format(year=LAST_YEAR))
    expect(view.locator("main table")).to_have_count(0)
    shot(view, f"quality-summary-last-year-{view.language}")
    year.select_option(str(THIS_YEAR))
    view.locator("main form").filter(has=year).get_by_role("button", name=words["show"]).click()
    view.wait_for_url(f"**/quality_evaluations/summary/?year={THIS_YEAR}")
    expect(band.locator("td").nth(1)).not_to_have_text("0")
    view.goto(view.base + "/admin/")
    expect(view.locator("#quality-panel-heading")).to_contain_text(words["panel"])
    view.get_by_role("link", name=words["summary"]).click()
    view.wait_for_url("**/quality_evaluations/summary/**")
