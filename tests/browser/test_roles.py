"""Each back-office role does its main jobs in headless Chromium, in Chinese at 1280 px and in
English at 390 px (a phone), submitting the real forms and reading the page afterwards as the
person would. Every screenshot is also an audit (tests/browser/audit.py: axe-core WCAG 2.2 A/AA,
and no English or raw code on a Chinese page).

The employer's reply by link is tests/browser/test_employer_reply.py; the public site,
tests/browser/test_public_site.py; a clerk's step forms of each procedure,
tests/browser/test_step_forms.py.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone, translation
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from compliance.models import BargainingRound, Instructor
from compliance.services import supervision as sv
from tenants import context
from tenants.roles import ROLE_BY_KEY
from tests.browser.conftest import BROWSER, send, sign_in
from tests.conftest import PASSWORD
from tests.factories import awards as a
from tests.factories import compliance as f

pytestmark = [
    *BROWSER,
    pytest.mark.usefixtures("people"),  # made before Chromium starts (tests/browser/conftest.py)
]

# Each role in the admin's language at a width: Chinese on a desktop, English on a phone.
VIEWS = {"zh-hans": 1280, "en": 390}
ROLES = ("federation_admin", "instructor", "supervisor", "award_committee")


def _user(role: str, language: str):
    email = f"{role}-{language}@pa.test"
    user = get_user_model().objects.create_user(
        username=email, email=email, password=PASSWORD, last_name="周", first_name=role[:4]
    )
    user.groups.add(Group.objects.get(name=ROLE_BY_KEY[role].name))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.current_time_zone = "Asia/Shanghai"
    profile.save()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


@pytest.fixture(scope="module")
def people(browser_sites, django_db_blocker):
    """Per language: a user of each role, and the records each one's jobs start from; with the
    labels the pages should show, computed here (no database call once Chromium runs)."""
    today = timezone.localdate()
    made = {}
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        for language in VIEWS:
            signed = f.round_at("signed")
            case = sv.case_open(
                title="未签订集体合同",
                source="inspection",
                opened_on=today - dt.timedelta(days=3),
                enterprise=f.enterprise(),
            )
            award = a.award("no_union", name=f"五一劳动奖状（{language}）")
            nominee = a.enterprise_with_contract(name=f"浏览器示范企业{language}有限公司")
            with translation.override(language):
                labels = {"reviewed": str(BargainingRound.Status.PRELIMINARY_REVIEWED.label)}
            devices = {role: _user(role, language) for role in ROLES}
            # The instructor reviews the round assigned to them, and only that one (issue 15).
            instructor = Instructor.objects.create(
                name=f"周指导{language}", user=devices["instructor"].user
            )
            BargainingRound.objects.filter(pk=signed.pk).update(instructor=instructor)
            someone_elses = f.round_at("signed")
            made[language] = {
                "devices": devices,
                "round": signed.pk,
                "other_round": someone_elses.pk,
                "case": case.pk,
                "award": award.pk,
                "nominee": nominee.name,
                "new_code": f.credit_code("230804"),
                "labels": labels,
            }
    return made


@pytest.fixture(params=list(VIEWS))
def view(request, people, live_tenant_server, browser_sites, chromium):
    """A fresh browser of the language's width; `view.sign_in(role)` signs that role in."""
    language = request.param
    browser_context = chromium.new_context(
        viewport={"width": VIEWS[language], "height": 900},
        locale="zh-CN" if language == "zh-hans" else "en-GB",
    )
    tab = browser_context.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    tab.language = language
    tab.records = people[language]

    def sign_in_as(role: str):
        sign_in(
            tab,
            username=f"{role}-{language}@pa.test",
            password=PASSWORD,
            device=people[language]["devices"][role],
        )

    tab.sign_in = sign_in_as
    yield tab
    browser_context.close()


def _zh(tab) -> bool:
    return tab.language == "zh-hans"


def _today_in(tab, field: str) -> None:
    expect(tab.locator(f"#id_{field}")).to_have_value(timezone.localdate().isoformat())


def test_the_administrator_switches_language_and_adds_an_enterprise(view, shot):
    view.sign_in("federation_admin")
    zh = _zh(view)
    # The dashboard names the federation, in the admin's language.
    name = "浏览器甲市总工会" if zh else "Browser City Federation of Trade Unions"
    expect(view.locator("h1").first).to_contain_text(name)
    shot(view, f"role-admin-dashboard-{view.language}")

    # A new enterprise through the ledger's form; the page afterwards shows it.
    name = f"角色测试新企业{view.language}有限公司"
    view.goto(view.base + "/admin/enterprises/new/")
    view.locator("#id_credit_code").fill(view.records["new_code"].lower())
    view.locator("#id_name").fill(name)
    view.locator("#id_industry").select_option("C")
    view.locator("#id_region_code").select_option("230804")
    view.locator("#id_ownership").select_option("private")
    view.locator("#id_employees").fill("86")
    shot(view, f"role-admin-enterprise-form-{view.language}")
    send(view)
    expect(view.locator("main")).to_contain_text(name)
    expect(view.locator("main")).to_contain_text(view.records["new_code"])
    shot(view, f"role-admin-enterprise-{view.language}")

    # The account page: the admin switches language, with no name required to do it.
    view.goto(view.base + "/admin/account/")
    expect(view.locator("#id_name_email-last_name")).to_be_visible()
    other = "en" if zh else "zh-hans"
    view.locator("#id_locale-preferred_language").select_option(other)
    shot(view, f"role-admin-account-{view.language}")
    view.locator("main form button[type=submit]").last.click()
    view.wait_for_load_state()
    view.goto(view.base + "/admin/")
    assert view.evaluate("document.documentElement.lang").lower() == other


def test_the_instructor_reviews_a_signed_contract(view, shot):
    view.sign_in("instructor")
    other = view.records["other_round"]
    view.goto(view.base + f"/admin/bargaining_rounds/inspect/{other}/")
    expect(view.locator("main")).to_contain_text("未指派" if _zh(view) else "None assigned")
    step = f"/admin/bargaining_rounds/step/{other}/instructor_review/"
    expect(view.locator(f"main a[href$='{step}']")).to_have_count(0)  # not theirs: not offered
    view.goto(view.base + step)  # typed by hand: refused, back on the dashboard
    view.wait_for_url(lambda url: url.endswith("/admin/"))
    round_pk = view.records["round"]
    view.goto(view.base + f"/admin/bargaining_rounds/inspect/{round_pk}/")
    expect(view.locator("main")).to_contain_text(f"周指导{view.language}")
    view.locator(
        f"main a[href$='/admin/bargaining_rounds/step/{round_pk}/instructor_review/']"
    ).click()
    view.wait_for_url(f"**/step/{round_pk}/instructor_review/**")
    _today_in(view, "reviewed_on")
    view.locator("#id_approved").select_option("1")
    view.locator("#id_comments").fill("条款齐全，工资增幅符合本地区指导线。")
    shot(view, f"role-instructor-review-form-{view.language}")
    send(view)
    view.wait_for_url(f"**/admin/bargaining_rounds/inspect/{round_pk}/**")
    expect(view.locator("main")).to_contain_text(view.records["labels"]["reviewed"])
    expect(view.locator("main")).to_contain_text("条款齐全，工资增幅符合本地区指导线。")
    shot(view, f"role-instructor-round-{view.language}")


def test_the_supervisor_issues_a_reminder_in_a_case(view, shot):
    view.sign_in("supervisor")
    case_pk = view.records["case"]
    view.goto(view.base + f"/admin/supervision_cases/inspect/{case_pk}/")
    expect(view.locator("main")).to_contain_text("未签订集体合同")
    shot(view, f"role-supervisor-case-{view.language}")
    view.goto(view.base + f"/admin/supervision_cases/issue/{case_pk}/reminder/")
    _today_in(view, "issued_on")
    view.locator("#id_facts").fill("经走访，企业成立工会满一年仍未开展集体协商。")
    view.locator("#id_legal_basis").fill("《集体合同规定》第三十二条")
    shot(view, f"role-supervisor-letter-form-{view.language}")
    send(view)
    view.wait_for_url("**/admin/letters/inspect/**")
    expect(view.locator("main")).to_contain_text("经走访，企业成立工会满一年仍未开展集体协商。")
    shot(view, f"role-supervisor-letter-{view.language}")
    with view.expect_download() as download:
        view.get_by_role("link", name="下载PDF" if _zh(view) else "Download PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")


def test_the_committee_checks_a_nominee_publishes_and_withdraws_a_shortlist(view, shot):
    view.sign_in("award_committee")
    zh = _zh(view)
    view.goto(view.base + f"/admin/awards/check/?award={view.records['award']}")
    _today_in(view, "as_of")
    view.locator("#id_enterprise").fill(view.records["nominee"])
    send(view)
    view.wait_for_url("**/admin/eligibility_checks/inspect/**")
    run_pk = re.search(r"/inspect/(\d+)/", view.url).group(1)
    expect(view.locator("main")).to_contain_text(view.records["nominee"])
    shot(view, f"role-committee-check-{view.language}")

    view.goto(view.base + f"/admin/eligibility_checks/publish/{run_pk}/")
    _today_in(view, "starts_on")
    assert view.locator("#id_ends_on").input_value(), "the notice's end date is suggested"
    title = f"{view.records['nominee']}拟推荐公示"
    view.locator("#id_title").fill(title)
    view.locator("#id_contact").fill("异议请致电 0454-8888123，或来函至市总工会劳动经济部。")
    shot(view, f"role-committee-publish-form-{view.language}")
    send(view)
    view.wait_for_url("**/admin/award_notices/inspect/**")
    notice_pk = re.search(r"/inspect/(\d+)/", view.url).group(1)
    expect(view.locator("main")).to_contain_text(title)
    shot(view, f"role-committee-notice-{view.language}")

    # Withdrawing asks for a reason and a confirmation; the public page then disappears.
    view.goto(view.base + f"/admin/award_notices/withdraw/{notice_pk}/")
    view.locator("#id_reason").fill("推荐对象名称有误，更正后重新公示。")
    send(view)
    expect(view.locator("main")).to_contain_text("推荐对象名称有误，更正后重新公示。")
    expect(view.locator("main")).to_contain_text("已撤下" if zh else "Withdrawn")
    shot(view, f"role-committee-withdrawn-{view.language}")
    assert view.goto(view.base + f"/notices/awards/{notice_pk}/").status == 404
