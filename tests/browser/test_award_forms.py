"""Headless Chromium: an award committee member enters an award and its veto criteria, uploads a
nomination list (a workbook made here), reads and filters the results, publishes the shortlist
and corrects its public notice, whose backdating is refused in the member's language. Chinese at
1280 px; the results' filter and the notice's correction also in English on a phone (390 px).
Every screenshot is audited (tests/browser/audit.py)."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone, translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from openpyxl import Workbook
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from compliance.models import EligibilityResult
from compliance.rules.notice import earliest_end
from compliance.rules.presets import Key
from compliance.selectors.profile import current_profile, working_calendar
from compliance.services.awards import Nominee, eligibility_check, notice_publish
from tenants import context
from tenants.roles import ROLE_BY_KEY
from tests.browser.conftest import BROWSER, VIEWS, send, whole_page
from tests.conftest import PASSWORD
from tests.factories import awards as a
from tests.factories import compliance as f

pytestmark = [*BROWSER, pytest.mark.usefixtures("committee")]  # made before Chromium starts

AWARD = "2027年度五一劳动奖状"
CONTACT = "公示期间如有异议，请致电 0454-8888123，或来函至市总工会劳动经济部。"
CONTACT_CORRECTED = "异议请于公示期内书面提交市总工会评审委员会办公室（中山路18号）。"
Outcome = EligibilityResult.Outcome


def _member(language: str):
    """An award committee member whose admin speaks `language`."""
    email = f"committee-{language}@pa.test"
    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, last_name="郑", first_name="秀英"
    )
    user.groups.add(Group.objects.get(name=ROLE_BY_KEY["award_committee"].name))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.current_time_zone = "Asia/Shanghai"
    profile.save()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def _nominees(word: str) -> dict:
    """One enterprise that passes, one without a union, one without a contract, one code the
    ledger does not know."""
    good = a.enterprise_with_contract(name=f"{word}评选合格机械有限公司")
    no_union = f.enterprise(
        name=f"{word}未建会商贸有限公司", union_established=False, union_members=0
    )
    no_contract = f.enterprise(name=f"{word}无合同电子有限公司")
    return {
        "good": (good.credit_code, good.name),
        "no_union": (no_union.credit_code, no_union.name),
        "no_contract": (no_contract.credit_code, no_contract.name),
        "unknown": (f.credit_code("230805"), f"{word}外地未登记有限公司"),
    }


def _workbook(nominees: dict) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["统一社会信用代码", "企业名称"])
    for code, name in nominees.values():
        sheet.append([code, name])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def committee(browser_sites, django_db_blocker):
    """Per language, a committee member; for the Chinese walk, nominees and their workbook; for
    the English phone, a finished check of its own nominees and its published notice. With the
    labels and dates the pages should show (no database call once Chromium runs)."""
    today = timezone.localdate()
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        devices = {language: _member(language) for language in VIEWS}
        nominees = _nominees("松江")
        # The English phone's own check and notice, made through the services.
        english = _nominees("长白")
        award = a.award("no_union", "no_effective_contract", name="May Day Labour Award 2027")
        run = eligibility_check(
            award_id=award.pk,
            nominees=[
                Nominee(code, name, row) for row, (code, name) in enumerate(english.values(), 2)
            ],
            as_of=today - dt.timedelta(days=2),
        )
        notice = notice_publish(
            run_id=run.pk,
            data={
                "title": "Nominees for the May Day Labour Award",
                "starts_on": today,
                "ends_on": today + dt.timedelta(days=14),
                "contact": CONTACT,
            },
        )
        suggested_end = earliest_end(
            starts_on=today,
            period=current_profile().period(Key.AWARD_NOTICE),
            calendar=working_calendar(),
        )
        labels = {}
        for language in VIEWS:
            with translation.override(language):
                labels[language] = {o.value: str(o.label) for o in Outcome}
    return {
        **devices,
        "today": today,
        "nominees": nominees,
        "workbook": _workbook(nominees),
        "english": {"nominees": english, "run": run.pk, "notice": notice.pk},
        "suggested_end": suggested_end,
        "labels": labels,
    }


@pytest.fixture(scope="module")
def accounts(committee):
    return {lang: (f"committee-{lang}@pa.test", committee[lang]) for lang in VIEWS}


def _rows(tab):
    return tab.locator("main table.listing tr[data-result]")


def test_the_committee_enters_an_award_checks_a_list_and_corrects_its_notice(
    committee, staff, shot
):
    main = staff.locator("main")
    today = committee["today"]
    nominees = committee["nominees"]
    labels = committee["labels"]["zh-hans"]

    # The award, from the sidebar's 评选表彰 submenu; it lands on its page.
    staff.goto(staff.base + "/admin/")
    sidebar = staff.locator("[data-wagtail-sidebar], aside").first
    sidebar.get_by_role("button", name="评选表彰", exact=True).click()
    link = sidebar.locator("a[href='/admin/awards/']")
    expect(link).to_be_visible()
    link.click()
    staff.wait_for_url("**/admin/awards/")
    main.get_by_role("link", name="添加").first.click()
    staff.locator("#id_name").fill(AWARD)
    staff.locator("#id_year").fill("2027")
    shot(staff, "award-form-zh-hans")
    send(staff)
    staff.wait_for_url("**/admin/awards/inspect/**")
    award_url = staff.url
    expect(main).to_contain_text(AWARD)
    expect(main).to_contain_text("尚未选择否决条件，选择后才能核查推荐对象。")

    # Its criteria: two read the ledger, one reads violation records since a date.
    main.get_by_role("link", name="选择一票否决条件").click()
    staff.get_by_label("未建立工会", exact=True).check()
    staff.get_by_label("无经职代会审议通过的有效集体合同").check()
    staff.locator("#id_wage_arrears__on").check()
    staff.locator("#id_wage_arrears__lookback").select_option("since")
    staff.locator("#id_wage_arrears__since").fill("2026-01-01")
    staff.locator("#id_wage_arrears__complete").check()
    whole_page(shot, staff, "award-criteria-form-zh-hans")
    send(staff)
    staff.wait_for_url(award_url)
    expect(staff.locator(".messages")).to_contain_text("该奖项的一票否决条件已保存。")
    criteria = staff.locator("#award-criteria + table")
    expect(criteria.locator("tbody tr")).to_have_count(3)
    expect(criteria).to_contain_text("拖欠工资")
    expect(criteria).to_contain_text("2026-01-01")
    whole_page(shot, staff, "award-page-zh-hans")

    # The nomination list, a workbook chosen in the file picker, checked as of three days ago.
    main.get_by_role("link", name="上传推荐名单").click()
    staff.locator("#id_file").set_input_files(
        files=[
            {
                "name": "推荐名单.xlsx",
                "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "buffer": committee["workbook"],
            }
        ]
    )
    expect(staff.locator("#id_as_of")).to_have_value(today.isoformat())
    as_of = today - dt.timedelta(days=3)
    staff.locator("#id_as_of").fill(as_of.isoformat())
    shot(staff, "award-upload-form-zh-hans")
    send(staff)
    staff.wait_for_url("**/admin/eligibility_checks/inspect/**")
    expect(main.locator("[data-status]")).to_have_attribute("data-status", "done", timeout=20000)
    run_url = staff.url.split("?")[0]
    expect(main).to_contain_text("推荐名单.xlsx")
    expect(main).to_contain_text(as_of.isoformat())
    expect(_rows(staff)).to_have_count(4)
    for key, outcome in (
        ("good", Outcome.ELIGIBLE),
        ("no_union", Outcome.VETOED),
        ("no_contract", Outcome.VETOED),
        ("unknown", Outcome.UNMATCHED),
    ):
        code, name = nominees[key]
        row = staff.locator(f"tr[data-result='{code}']")
        expect(row).to_contain_text(name)
        expect(row).to_contain_text(labels[outcome])
    whole_page(shot, staff, "award-results-zh-hans")

    # The results' filter and search, as a person narrows them.
    main.get_by_role("link", name=re.compile(f"^{labels[Outcome.VETOED]}")).click()
    expect(_rows(staff)).to_have_count(2)
    expect(main).not_to_contain_text(nominees["good"][1])
    staff.locator("#results-q").fill("未建会")
    staff.locator("main form[method=get] button[type=submit]").click()
    staff.wait_for_url("**q=**")
    expect(_rows(staff)).to_have_count(1)
    expect(_rows(staff)).to_contain_text(nominees["no_union"][1])
    expect(staff.locator("#results-q")).to_have_value("未建会")
    whole_page(shot, staff, "award-results-filtered-zh-hans")

    # Publish the shortlist: today to the suggested end, with where to object.
    staff.goto(run_url)
    main.get_by_role("link", name="公示拟推荐名单").click()
    expect(staff.locator("#id_starts_on")).to_have_value(today.isoformat())
    expect(staff.locator("#id_ends_on")).to_have_value(committee["suggested_end"].isoformat())
    staff.locator("#id_title").fill(f"{AWARD}拟推荐对象公示")
    staff.locator("#id_contact").fill(CONTACT)
    send(staff)
    staff.wait_for_url("**/admin/award_notices/inspect/**")
    notice_url = staff.url

    # Correct the notice: a longer period and another address for objections.
    main.get_by_role("link", name="更正公示").click()
    ends = committee["suggested_end"] + dt.timedelta(days=7)
    expect(staff.locator("#id_starts_on")).to_have_value(today.isoformat())
    expect(staff.locator("#id_ends_on")).to_have_value(committee["suggested_end"].isoformat())
    expect(main).to_contain_text(f"最早截止日期为{committee['suggested_end'].isoformat()}")
    staff.locator("#id_ends_on").fill(ends.isoformat())
    staff.locator("#id_contact").fill(CONTACT_CORRECTED)
    staff.locator("#id_change_reason").fill("延长公示期，更换异议受理地址")
    whole_page(shot, staff, "award-notice-edit-zh-hans")
    send(staff)
    staff.wait_for_url(notice_url)
    expect(main).to_contain_text(CONTACT_CORRECTED)
    expect(staff.locator("#history-heading ~ table")).to_contain_text(
        "延长公示期，更换异议受理地址"
    )
    expect(main).to_contain_text(f"{ends:%Y年%-m月%-d日}")
    whole_page(shot, staff, "award-notice-zh-hans")

    # Backdating it is refused, in Chinese, and the form keeps what was typed.
    main.get_by_role("link", name="更正公示").click()
    yesterday = today - dt.timedelta(days=1)
    staff.locator("#id_starts_on").fill(yesterday.isoformat())
    staff.locator("#id_change_reason").fill("提前开始公示")
    send(staff)
    expect(main).to_contain_text(f"公示开始日期不得早于今天（{today.isoformat()}）")
    expect(staff.locator("#id_starts_on")).to_have_value(yesterday.isoformat())
    expect(staff.locator("#id_contact")).to_have_value(CONTACT_CORRECTED)
    whole_page(shot, staff, "award-notice-backdated-zh-hans")


@pytest.mark.parametrize("staff", ["en"], indirect=True)
def test_the_results_filter_and_the_notice_correction_on_a_phone_in_english(committee, staff, shot):
    main = staff.locator("main")
    today = committee["today"]
    english = committee["english"]
    labels = committee["labels"]["en"]

    staff.goto(staff.base + f"/admin/eligibility_checks/inspect/{english['run']}/")
    expect(_rows(staff)).to_have_count(4)
    main.get_by_role("link", name=re.compile(f"^{labels[Outcome.ELIGIBLE]}")).click()
    expect(_rows(staff)).to_have_count(1)
    expect(_rows(staff)).to_contain_text(english["nominees"]["good"][1])
    main.get_by_role("link", name=re.compile("^All")).click()
    staff.locator("#results-q").fill("长白无合同")
    staff.locator("main form[method=get] button[type=submit]").click()
    staff.wait_for_url("**q=**")
    expect(_rows(staff)).to_have_count(1)
    expect(_rows(staff)).to_contain_text(labels[Outcome.VETOED])
    whole_page(shot, staff, "award-results-filtered-en")

    staff.goto(staff.base + f"/admin/award_notices/inspect/{english['notice']}/")
    main.get_by_role("link", name="Correct the notice").click()
    expect(staff.locator("#id_starts_on")).to_have_value(today.isoformat())
    staff.locator("#id_starts_on").fill((today - dt.timedelta(days=1)).isoformat())
    staff.locator("#id_contact").fill("Objections in writing to the committee's office.")
    staff.locator("#id_change_reason").fill("Where to object, in English")
    send(staff)
    expect(main).to_contain_text(f"The notice cannot start in the past (before {today})")
    whole_page(shot, staff, "award-notice-backdated-en")
    staff.locator("#id_starts_on").fill(today.isoformat())
    send(staff)
    expect(main).to_contain_text("Objections in writing to the committee's office.")
    whole_page(shot, staff, "award-notice-en")
