"""The offer, the answer and the steps the enterprise runs, in Chromium (issue 17 items 2 and 3).

On phones (390 px, Chinese): the union officer sends a written offer with its representatives;
the employer's contact reads it and accepts with its own; the officer records a meeting with its
signed minutes and the workers' congress vote with its resolution. The instructor (staff, 1280
px) sees what the enterprise entered, and who entered it, on the round's page in the admin. A
second enterprise's contact refuses an offer with a reason, and the refusal reaches the
federation's feedback and exposure list. Every page is read afterwards and audited when shot."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from django_otp.oath import totp
from playwright.sync_api import expect

from compliance.models import Instructor
from tenants import context
from tests.browser.conftest import BROWSER, administrator, whole_page
from tests.conftest import PASSWORD
from tests.factories import compliance as f
from tests.factories.enterprise_accounts import enterprise_user

pytestmark = [*BROWSER, pytest.mark.usefixtures("offers")]

NAME = "浏览器要约测试有限公司"
REFUSING = "浏览器拒绝协商有限公司"
STAFF = "offers-instructor@pa.test"
PDF = b"%PDF-1.4\n% signed minutes\n"


def _person(ent, side, email, family, given):
    user, device = enterprise_user(ent, side=side, email=email)
    user.last_name, user.first_name = family, given
    user.save()
    return (email, device)


@pytest.fixture(scope="module")
def offers(browser_sites, django_db_blocker):
    """The instructor (an administrator of fed_pa with an instructor's entry) and two
    enterprises, each with a union officer and an employer's contact."""
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        device = administrator(STAFF, last_name="周", first_name="敏")
        instructor = Instructor.objects.create(name="周敏", user=device.user, areas=["230803"])
        ent = f.enterprise(name=NAME, employees=200, union_members=150, region_code="230803")
        refusing = f.enterprise(name=REFUSING, employees=120, union_members=90)
        return {
            "staff": (STAFF, device),
            "instructor": instructor.pk,
            "officer": _person(ent, "union", "officer@offers-browser.test", "王", "立新"),
            "contact": _person(ent, "employer", "contact@offers-browser.test", "陈", "志远"),
            "officer2": _person(refusing, "union", "officer2@offers-browser.test", "李", "红"),
            "contact2": _person(refusing, "employer", "contact2@offers-browser.test", "赵", "刚"),
        }


@pytest.fixture(scope="module")
def accounts(offers):
    return {"zh-hans": offers["staff"]}


@pytest.fixture
def phones(chromium, live_tenant_server):
    """New phone tabs (390 px, Chinese), one per person; closed at the end."""
    opened = []

    def open_():
        context_ = chromium.new_context(
            viewport={"width": 390, "height": 844}, locale="zh-CN", is_mobile=True, has_touch=True
        )
        opened.append(context_)
        tab = context_.new_page()
        tab.base = f"http://pa.test:{live_tenant_server}"
        return tab

    yield open_
    for context_ in opened:
        context_.close()


def _sign_in(tab, person) -> None:
    email, device = person
    tab.goto(tab.base + "/enterprise/sign-in/")
    tab.locator("#id_username").fill(email)
    tab.locator("#id_password").fill(PASSWORD)
    tab.get_by_role("button", name="继续").click()
    tab.wait_for_url("**/enterprise/sign-in/code/")
    tab.locator("#id_code").fill(f"{totp(device.bin_key, step=device.step):06d}")
    tab.get_by_role("button", name="登录").click()
    tab.wait_for_url(re.compile(r"/enterprise/$"))


def _reps(tab, rows) -> None:
    for i, (name, identity, chief) in enumerate(rows):
        tab.locator(f"#id_rep-{i}-name").fill(name)
        tab.locator(f"#id_rep-{i}-identity").fill(identity)
        if chief:
            tab.locator(f"#id_rep-{i}-is_chief").check()


def _fits(tab) -> None:
    assert tab.evaluate("document.documentElement.scrollWidth") <= 390


def _submit(tab, name: str) -> None:
    tab.get_by_role("button", name=name).click()
    tab.wait_for_load_state()


def test_offer_accepted_then_meeting_and_vote_seen_by_the_instructor(offers, staff, phones, shot):
    today = timezone.localdate()
    later = (today + timezone.timedelta(days=10)).isoformat()

    # The union officer sends the offer from the home page.
    officer = phones()
    _sign_in(officer, offers["officer"])
    main = officer.locator("main")
    expect(main).to_contain_text("暂无协商轮次。")
    officer.get_by_role("link", name="发出协商要约").first.click()
    officer.wait_for_url("**/enterprise/rounds/offer/")
    officer.locator("#id_kind").select_option("wages")
    officer.locator("#id_proposed_on").fill(later)
    officer.locator("#id_proposed_time").fill("09:30")
    officer.locator("#id_place").fill("公司三楼会议室")
    officer.locator("#id_agenda").fill("年度工资调整幅度；最低工资标准")
    # Two representatives first: R3 asks for three, and the page says so.
    _reps(officer, [("王立新", "E001", True), ("李春梅", "E002", False)])
    _submit(officer, "发出要约")
    expect(officer.locator(".ent-alert")).to_contain_text("至少")
    _fits(officer)
    shot(officer, "offers-offer-refused-phone")
    _reps(officer, [("王立新", "E001", True), ("李春梅", "E002", False), ("赵国强", "E003", False)])
    shot(officer, "offers-offer-form-phone")
    _submit(officer, "发出要约")
    officer.wait_for_url(re.compile(r"/enterprise/rounds/\d+/$"))
    round_url = officer.url
    round_id = int(round_url.rstrip("/").rsplit("/", 1)[1])
    expect(main).to_contain_text("要约书已发送给对方。")
    expect(main).to_contain_text("已发出要约，等待应约")
    expect(main).to_contain_text("年度工资调整幅度")
    deadline = main.locator(".ent-deadline")
    expect(deadline.locator(".help")).not_to_be_empty()  # the R1 rule's text
    _fits(officer)
    shot(officer, "offers-round-offered-phone")

    # The employer's contact is notified, reads the offer and accepts with its representatives.
    contact = phones()
    _sign_in(contact, offers["contact"])
    expect(contact.locator("section[aria-labelledby=notifications-heading]")).to_contain_text(
        "集体协商要约书"
    )
    expect(contact.locator("section[aria-labelledby=rounds-heading]")).to_contain_text(
        "你方收到一份集体协商要约书"
    )
    shot(contact, "offers-home-offer-received-phone")
    contact.get_by_role("link", name="答复要约").first.click()
    contact.wait_for_url(f"**/enterprise/rounds/{round_id}/answer/")
    expect(contact.locator("main")).to_contain_text("公司三楼会议室")
    expect(contact.locator("main")).not_to_contain_text("E001")
    _reps(contact, [("陈志远", "M001", True), ("刘晓燕", "M002", False), ("孙浩", "M003", False)])
    contact.locator("#id_counter_place").fill("公司一楼会议室")
    _fits(contact)
    shot(contact, "offers-answer-form-phone")
    _submit(contact, "接受要约")
    contact.wait_for_url(round_url)
    expect(contact.locator("main")).to_contain_text("你方已接受要约，协商开始。")
    expect(contact.locator("main")).to_contain_text("协商中")
    expect(contact.locator("section[aria-labelledby=reps-heading]")).to_contain_text("孙浩")
    shot(contact, "offers-round-accepted-phone")

    # The officer replaces one of the union's representatives, then records their publication.
    officer.goto(round_url)
    expect(officer.locator("section[aria-labelledby=reps-heading]")).to_contain_text("陈志远")
    officer.get_by_role("link", name="填写本方协商代表").click()
    officer.wait_for_url(f"**/enterprise/rounds/{round_id}/representatives/")
    expect(officer.locator("#id_rep-2-name")).to_have_value("赵国强")
    officer.locator("#id_rep-2-name").fill("钱学明")
    officer.locator("#id_rep-2-identity").fill("E009")
    _fits(officer)
    shot(officer, "offers-representatives-form-phone")
    _submit(officer, "保存协商代表")
    officer.wait_for_url(round_url)
    expect(officer.locator("main")).to_contain_text("双方协商代表已确定。")
    reps = officer.locator("section[aria-labelledby=reps-heading]")
    expect(reps).to_contain_text("钱学明")
    expect(reps).not_to_contain_text("赵国强")
    officer.get_by_role("link", name="登记公示").click()
    officer.wait_for_url(f"**/enterprise/rounds/{round_id}/publication/")
    officer.locator("#id_published_on").fill(today.isoformat())
    _submit(officer, "登记公示")
    officer.wait_for_url(round_url)
    expect(officer.locator("main")).to_contain_text("公示已登记。")

    # The officer records a meeting with its signed minutes.
    officer.get_by_role("link", name="登记协商会议").click()
    officer.wait_for_url(f"**/enterprise/rounds/{round_id}/meeting/")
    officer.locator("#id_held_on").fill(today.isoformat())
    officer.locator("#id_place").fill("公司一楼会议室")
    officer.locator("#id_summary").fill("工资增长6%，最低工资2300元")
    officer.locator("#id_minutes").set_input_files(
        files=[{"name": "minutes.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    officer.locator("#id_signed_by_all").check()
    _fits(officer)
    shot(officer, "offers-meeting-form-phone")
    _submit(officer, "登记会议")
    officer.wait_for_url(round_url)
    expect(officer.locator("main")).to_contain_text("会议已登记。")
    expect(officer.locator("section[aria-labelledby=docs-heading]")).to_contain_text("会议记录")

    # Then the workers' congress vote with its resolution; the explanation is shown.
    officer.get_by_role("link", name="登记职代会表决结果").click()
    officer.wait_for_url(f"**/enterprise/rounds/{round_id}/vote/")
    officer.locator("#id_held_on").fill(today.isoformat())
    officer.locator("#id_total").fill("100")
    officer.locator("#id_present").fill("90")
    officer.locator("#id_in_favour").fill("80")
    officer.locator("#id_resolution").set_input_files(
        files=[{"name": "resolution.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    shot(officer, "offers-vote-form-phone")
    _submit(officer, "登记表决")
    officer.wait_for_url(round_url)
    meetings = officer.locator("section[aria-labelledby=meetings-heading]")
    expect(meetings).to_contain_text("通过")
    expect(meetings).to_contain_text("100")
    expect(officer.locator("main")).to_contain_text("职代会已通过")
    expect(officer.locator("section[aria-labelledby=steps-heading]")).to_contain_text("王立新")
    _fits(officer)
    shot(officer, "offers-round-voted-phone")

    # The employer's contact records the signatures.
    contact.goto(round_url)
    contact.get_by_role("link", name="登记签字").click()
    contact.wait_for_url(f"**/enterprise/rounds/{round_id}/signature/")
    starts = today + timezone.timedelta(days=30)
    contact.locator("#id_signed_on").fill(today.isoformat())
    contact.locator("#id_title").fill("2027年度工资专项集体合同")
    contact.locator("#id_starts_on").fill(starts.isoformat())
    contact.locator("#id_ends_on").fill(starts.replace(year=starts.year + 2).isoformat())
    contact.locator("#id_covered_employees").fill("200")
    contact.locator("#id_wage_growth_pct").fill("6")
    _fits(contact)
    shot(contact, "offers-signature-form-phone")
    _submit(contact, "登记签字")
    contact.wait_for_url(round_url)
    expect(contact.locator("main")).to_contain_text("签字已登记。")
    expect(contact.locator("section[aria-labelledby=contract-heading]")).to_contain_text(
        "2027年度工资专项集体合同"
    )
    shot(contact, "offers-round-signed-phone")

    # The instructor sees it all on the admin round page, with who entered each record.
    staff.goto(f"{staff.base}/admin/bargaining_rounds/inspect/{round_id}/")
    page = staff.locator("main")
    expect(page).to_contain_text("年度工资调整幅度")
    expect(page).to_contain_text("公司一楼会议室")
    expect(page).to_contain_text("王立新（工会方）")
    expect(page).to_contain_text("陈志远")
    whole_page(shot, staff, "offers-admin-round")
    expect(page).to_contain_text("双方首席代表已签字")


def test_an_offer_refused_with_a_reason_reaches_the_exposure_list(offers, staff, phones, shot):
    later = (timezone.localdate() + timezone.timedelta(days=5)).isoformat()
    officer = phones()
    _sign_in(officer, offers["officer2"])
    officer.goto(officer.base + "/enterprise/rounds/offer/")
    officer.locator("#id_proposed_on").fill(later)
    officer.locator("#id_proposed_time").fill("14:00")
    officer.locator("#id_place").fill("工会活动室")
    officer.locator("#id_agenda").fill("工资集体协商")
    _reps(officer, [("李红", "A1", True), ("周强", "A2", False), ("吴敏", "A3", False)])
    _submit(officer, "发出要约")
    officer.wait_for_url(re.compile(r"/enterprise/rounds/\d+/$"))
    round_url = officer.url

    contact = phones()
    _sign_in(contact, offers["contact2"])
    contact.goto(round_url + "answer/")
    # A refusal needs its reason.
    _submit(contact, "拒绝要约")
    expect(contact.locator("section[aria-labelledby=refuse-heading] .ent-error")).to_be_visible()
    contact.locator("#id_reason").fill("今年生产任务重，暂不协商")
    shot(contact, "offers-refuse-form-phone")
    _submit(contact, "拒绝要约")
    contact.wait_for_url(round_url)
    expect(contact.locator("main")).to_contain_text("要约被拒绝")
    expect(contact.locator("main")).to_contain_text("今年生产任务重，暂不协商")
    _fits(contact)
    shot(contact, "offers-round-refused-phone")

    staff.goto(f"{staff.base}/admin/campaigns/exposure/")
    expect(staff.locator("main")).to_contain_text(REFUSING)
    whole_page(shot, staff, "offers-exposure-list")

    # The round has ended: the officer records the paper offer it delivered since, with its scan.
    today = timezone.localdate().isoformat()
    officer.goto(officer.base + "/enterprise/")
    officer.get_by_role("link", name="登记纸质要约").click()
    officer.wait_for_url("**/enterprise/rounds/paper-offer/")
    officer.locator("#id_sent_on").fill(today)
    officer.locator("#id_received_on").fill(today)
    officer.locator("#id_scan").set_input_files(
        files=[{"name": "offer.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    shot(officer, "offers-paper-offer-form-phone")
    _submit(officer, "登记要约")
    officer.wait_for_url(re.compile(r"/enterprise/rounds/\d+/$"))
    assert officer.url != round_url
    expect(officer.locator("main")).to_contain_text("纸质要约已登记。")
    expect(officer.locator("main")).to_contain_text("纸质要约，已上传扫描件")
    expect(officer.locator("section[aria-labelledby=docs-heading]")).to_contain_text("要约书")
    _fits(officer)
    shot(officer, "offers-round-paper-phone")
