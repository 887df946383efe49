"""Referral of a supervision case to the federation above, in Chromium (issue 16, item 6).

The district federation (pb.test, the child) refers its case through the case page's form and
reads the page afterwards; the city federation (pa.test, the parent) finds the case among the
referred ones in its own list, reads where it came from and why beside the child's letter, issues
the recommendation letter the child asked for and records the department's result; the child's
case page then shows both. Chinese at 1280 px, English at 390 px (a phone)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from compliance.models import ItemEvidence
from compliance.services import supervision as sv
from tenants import context
from tests.browser.conftest import BROWSER, VIEWS, administrator, send, sign_in, whole_page
from tests.conftest import PASSWORD
from tests.factories import compliance as f

pytestmark = [
    *BROWSER,
    pytest.mark.usefixtures("records"),  # made before Chromium starts (tests/browser/conftest.py)
]

TITLES = {"zh-hans": "拖欠工资投诉（报请）", "en": "Wage arrears complaint (referred)"}
REASONS = {
    "zh-hans": "本会为开发区工会，无权发出建议书，请市总工会向劳动保障监察支队发出建议书。",
    "en": "We may not issue the recommendation letter; please send it to the labour inspection.",
}
WORDS = {
    "zh-hans": {
        "refer": "报请上级工会",
        "done": "案件已报请浏览器甲市总工会。",
        "sent": "已报请上级工会",
        "received": "上级工会已接收",
        "acted": "上级工会已处理",
        "from": "浏览器乙区总工会报请的案件",
        "copy": "下级工会发出",
        "none": "暂无。",
    },
    "en": {
        "refer": "Refer to the federation above",
        "done": "The case was referred to Browser City Federation of Trade Unions.",
        "sent": "Referred to the federation above",
        "received": "Received by the federation above",
        "acted": "The federation above has acted",
        "from": "Referred from Browser District Federation of Trade Unions",
        "copy": "issued by the federation below",
        "none": "None yet.",
    },
}


def _person(email: str, language: str):
    device = administrator(email, last_name="周", first_name="敏")
    profile = UserProfile.get_for_user(device.user)
    profile.preferred_language = language
    profile.save()
    return device


@pytest.fixture(scope="module")
def records(browser_sites, django_db_blocker):
    """Per language: the child's supervisor and case (an opinion letter left unanswered past
    its time limit, evidence on its action), the parent's supervisor."""
    made = {}
    issued = timezone.localdate() - dt.timedelta(days=60)
    with django_db_blocker.unblock():
        for language in VIEWS:
            with context.federation_context("fed_pb"):
                child = _person(f"refer-{language}@pb.test", language)
                case = sv.case_open(
                    title=TITLES[language],
                    source="complaint",
                    opened_on=issued,
                    enterprise=f.enterprise(name=f"报请浏览器测试有限公司（{language}）"),
                )
                letter, _token = sv.letter_issue(
                    case_id=case.pk,
                    kind="opinion",
                    issued_on=issued,
                    facts="经查，该企业拖欠工资三个月。",
                    legal_basis="《劳动法》第五十条",
                    actions=["补发拖欠工资"],
                    signer="王强",
                    signer_title="主席",
                )
                evidence = ItemEvidence(item=letter.items.get(), original_name="工资台账.pdf")
                evidence.file.save("ledger.pdf", ContentFile(b"%PDF-1.4 ledger"), save=False)
                evidence.save()
            with context.federation_context("fed_pa"):
                parent = _person(f"refer-{language}@pa.test", language)
            made[language] = {
                "child": (child.user.username, child),
                "parent": (parent.user.username, parent),
                "case": case.pk,
                "letter": letter.number,
            }
    return made


def _tab(chromium, port: int, host: str, language: str, person):
    username, device = person
    context_ = chromium.new_context(
        viewport={"width": VIEWS[language], "height": 900},
        locale="zh-CN" if language == "zh-hans" else "en-GB",
    )
    tab = context_.new_page()
    tab.base = f"http://{host}:{port}"
    sign_in(tab, username=username, password=PASSWORD, device=device)
    return tab


@pytest.mark.parametrize("language", list(VIEWS))
def test_a_case_is_referred_up_and_both_sides_read_it(
    language, records, live_tenant_server, chromium, shot
):
    words, made = WORDS[language], records[language]
    today = timezone.localdate().isoformat()
    child = _tab(chromium, live_tenant_server, "pb.test", language, made["child"])
    parent = _tab(chromium, live_tenant_server, "pa.test", language, made["parent"])
    try:
        # The child refers its case from the case page, with a reason.
        case_url = f"{child.base}/admin/supervision_cases/inspect/{made['case']}/"
        child.goto(case_url)
        child.get_by_role("link", name=words["refer"]).click()
        expect(child).to_have_url(re.compile(r"/admin/supervision_cases/refer/\d+/$"))
        child.locator("#id_reason").fill(REASONS[language])
        shot(child, f"referral-form-{language}")
        send(child)
        expect(child).to_have_url(case_url)
        main = child.locator("main")
        expect(child.locator(".messages")).to_contain_text(words["done"])
        panel = child.locator("section[aria-labelledby=case-referred-to]")
        expect(panel.get_by_role("heading")).to_have_text(words["sent"])
        expect(panel).to_contain_text(REASONS[language])
        expect(panel).to_contain_text(words["received"])
        expect(panel).to_contain_text(words["none"])
        # Nothing more is issued here while the federation above holds the case.
        expect(main.get_by_role("link", name=words["refer"])).to_have_count(0)
        whole_page(shot, child, f"referral-child-sent-{language}")

        # The parent finds it among the referred cases of its own list and opens it.
        parent.goto(f"{parent.base}/admin/supervision_cases/?source=referred")
        parent.get_by_role("link", name=TITLES[language]).first.click()
        expect(parent).to_have_url(re.compile(r"/admin/supervision_cases/inspect/\d+/$"))
        received = parent.locator("section[aria-labelledby=case-referred-from]")
        expect(received.get_by_role("heading")).to_have_text(words["from"])
        expect(received).to_contain_text(REASONS[language])
        letters = parent.locator("#case-letters").locator("..")
        expect(letters).to_contain_text(made["letter"])
        expect(letters).to_contain_text(words["copy"])
        expect(parent.locator("#case-answers").locator("..")).to_contain_text("工资台账.pdf")
        whole_page(shot, parent, f"referral-parent-received-{language}")

        # It issues the recommendation letter the child may not issue, on the child's
        # unanswered opinion letter, and records the department's result.
        parent.locator("a[href*='/issue/'][href$='/recommendation/']").click()
        parent.locator("#id_facts").fill("该企业逾期未答复意见书。")
        parent.locator("#id_legal_basis").fill("《工会法》第二十二条")
        parent.locator("#id_actions").fill("依法查处拖欠工资行为")
        parent.locator("#id_trigger").select_option("no_reply")
        parent.locator("#id_department").fill("市劳动保障监察支队")
        send(parent)
        expect(parent).to_have_url(re.compile(r"/admin/letters/inspect/\d+/$"))
        number = re.search(r"浏工监建〔\d{4}〕\d+号", parent.locator("main").inner_text())
        assert number, "the parent's letter number is on its page"
        parent.locator("a[href*='/step/'][href$='/department/']").click()
        parent.locator("#id_case_opened_on").fill(today)
        parent.locator("#id_result").fill("已立案，责令限期补发工资。")
        send(parent)
        expect(parent.locator("main")).to_contain_text("已立案，责令限期补发工资。")

        # The child's case shows the parent's letter and the department's result.
        child.goto(case_url)
        panel = child.locator("section[aria-labelledby=case-referred-to]")
        expect(panel).to_contain_text(words["acted"])
        expect(panel).to_contain_text(number.group(0))
        expect(panel).to_contain_text("市劳动保障监察支队")
        expect(panel).to_contain_text("已立案，责令限期补发工资。")
        whole_page(shot, child, f"referral-child-outcome-{language}")
    finally:
        child.context.close()
        parent.context.close()
