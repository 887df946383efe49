"""Issue 18 items 6 and 7 in Chromium, through the real forms (in Chinese): a clerk records an
instructor's appointment, renews it and assigns an enterprise by name; the instructor, signed in
on a phone (390 × 844, touch), opens "my enterprises" from the admin home and logs a visit; a
clerk records a negotiators' training session with an attendee and a certificate, an expert and
a consultation, reads the certificates expiring within 30 days, then the instructor's yearly
sheet and its XLSX. Screenshots go to test-artifacts/ (each audited by axe-core)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from compliance.models import Instructor
from tenants import context
from tests.browser.conftest import BROWSER, administrator, send, sign_in, whole_page
from tests.factories import compliance as f

pytestmark = [*BROWSER, pytest.mark.usefixtures("records")]

CLERK = "instructors-clerk@pa.test"
INSTRUCTOR = "instructor-phone@pa.test"
TODAY = timezone.localdate()
AREA_FIRM = "松江片区机械有限公司"
NAMED_FIRM = "松江点名包干有限公司"


@pytest.fixture(scope="module")
def records(browser_sites, django_db_blocker):
    """A clerk (administrator) and an instructor with a portal account in the instructors'
    group, both with an authenticator; an enterprise in the instructor's area and another to be
    assigned by name. Made before Chromium starts."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from tests.conftest import PASSWORD

    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        clerk = administrator(CLERK, last_name="林", first_name="文书")
        user = get_user_model().objects.create_user(
            username=INSTRUCTOR,
            email=INSTRUCTOR,
            password=PASSWORD,
            last_name="周",
            first_name="敏",
        )
        user.groups.add(Group.objects.get(name="集体协商指导员"))
        phone = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
        instructor = Instructor.objects.create(
            name="周敏", organisation="市总工会", user=user, areas=["230803"]
        )
        f.enterprise(name=AREA_FIRM, region_code="230803")
        named = f.enterprise(name=NAMED_FIRM, region_code="230805")
    return {"clerk": clerk, "phone": phone, "instructor": instructor, "named": named}


@pytest.fixture(scope="module")
def accounts(records):
    return {"zh-hans": (CLERK, records["clerk"])}


def test_a_clerk_appoints_renews_and_assigns_an_enterprise(staff, shot, records):
    main = staff.locator("main")
    instructor = records["instructor"]
    staff.goto(staff.base + f"/admin/instructors/inspect/{instructor.pk}/")
    expect(main).to_contain_text("尚未登记聘任。")
    main.get_by_role("link", name="登记聘任").click()
    staff.locator("#id_appointed_on").fill((TODAY - dt.timedelta(days=300)).isoformat())
    staff.locator("#id_term_ends_on").fill((TODAY - dt.timedelta(days=400)).isoformat())
    staff.locator("#id_document").fill("工字〔2026〕3号")
    staff.locator("#id_reason").fill("市总工会党组会议决定")
    send(staff)
    expect(main).to_contain_text("聘期结束日须晚于聘任日期。")
    shot(staff, "instructor-appoint-refused")
    end = TODAY + dt.timedelta(days=60)
    staff.locator("#id_term_ends_on").fill(end.isoformat())
    send(staff)
    staff.wait_for_url("**/admin/instructors/inspect/**")
    expect(main).to_contain_text(f"聘期至 {end.isoformat()}（文号 工字〔2026〕3号）")

    main.get_by_role("link", name="续聘").click()
    renewed = dt.date(TODAY.year + 2, 12, 31)
    staff.locator("#id_term_ends_on").fill(renewed.isoformat())
    staff.locator("#id_document").fill("工字〔2026〕17号")
    staff.locator("#id_reason").fill("年度考核称职")
    send(staff)
    staff.wait_for_url("**/admin/instructors/inspect/**")
    expect(main).to_contain_text(f"聘期至 {renewed.isoformat()}（文号 工字〔2026〕17号）")
    expect(main).to_contain_text("年度考核称职")  # the reason, in the history

    main.get_by_role("link", name="点名分配企业").click()
    staff.locator("#id_enterprise").select_option(str(records["named"].pk))
    staff.locator("#id_reason").fill("重点企业专人包干")
    send(staff)
    staff.wait_for_url("**/admin/instructors/inspect/**")
    expect(staff.locator(".messages")).to_contain_text(f"{NAMED_FIRM} 已分配给周敏。")
    expect(main.locator("#enterprises ~ table")).to_contain_text(NAMED_FIRM)
    whole_page(shot, staff, "instructor-page")


def test_the_instructor_logs_a_visit_from_a_phone(chromium, live_tenant_server, shot, records):
    from tests.conftest import PASSWORD

    context_ = chromium.new_context(
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        locale="zh-CN",
    )
    tab = context_.new_page()
    tab.base = f"http://pa.test:{live_tenant_server}"
    try:
        sign_in(tab, username=INSTRUCTOR, password=PASSWORD, device=records["phone"])
        tab.goto(tab.base + "/admin/")
        tab.get_by_role("link", name="我的包干企业：登记走访").click()
        tab.wait_for_url("**/admin/my-work/")
        main = tab.locator("main")
        expect(main).to_contain_text(AREA_FIRM)
        expect(main).to_contain_text("尚未走访")
        shot(tab, "instructor-phone-mine")
        # The firm assigned by name comes first; each firm has its own button.
        expect(main.locator("li").first).to_contain_text(NAMED_FIRM)
        main.locator("li", has_text=AREA_FIRM).get_by_role("link", name="登记走访").click()
        tab.locator("#id_visited_on").fill(TODAY.isoformat())
        tab.locator("#id_topic").fill("工资集体协商准备情况")
        tab.locator("#id_outcome").fill("工会已收集职工诉求，拟于下月发出要约。")
        tab.locator("#id_follow_up").fill("两周内协助测算工资增幅。")
        shot(tab, "instructor-phone-visit-form")
        send(tab)
        tab.wait_for_url("**/admin/my-work/")
        expect(tab.locator(".messages")).to_contain_text(f"已登记对{AREA_FIRM}的走访。")
        expect(main).to_contain_text(f"最近走访 {TODAY.isoformat()}")
        expect(main).to_contain_text("工资集体协商准备情况")
        shot(tab, "instructor-phone-after")
        # The page fits the phone: nothing wider than the screen.
        assert tab.evaluate("document.documentElement.scrollWidth") <= 390
    finally:
        context_.close()


def test_a_clerk_records_training_certificates_experts_and_reads_the_sheet(
    staff, shot, records, tmp_path
):
    main = staff.locator("main")
    staff.goto(staff.base + "/admin/negotiator_trainings/new/")
    held = TODAY - dt.timedelta(days=700)
    staff.locator("#id_held_on").fill(held.isoformat())
    staff.locator("#id_topic").fill("职工方协商代表资格培训")
    staff.locator("#id_organiser").fill("市总工会法律工作部")
    staff.locator("#id_hours").fill("16")
    send(staff)
    staff.wait_for_url("**/admin/negotiator_trainings/inspect/**")
    expect(main).to_contain_text("尚未登记参训人员。")
    main.get_by_role("link", name="增加参训人员").click()
    staff.locator("#id_name").fill("孙红梅")
    staff.locator("#id_enterprise").select_option(label=AREA_FIRM)
    send(staff)
    staff.wait_for_url("**/admin/negotiator_trainings/inspect/**")
    main.get_by_role("link", name="颁发证书").click()
    staff.locator("#id_number").fill("XSDB-2025-0001")
    staff.locator("#id_issued_on").fill((held + dt.timedelta(days=10)).isoformat())
    expires = TODAY + dt.timedelta(days=20)
    staff.locator("#id_expires_on").fill(expires.isoformat())
    send(staff)
    staff.wait_for_url("**/admin/negotiator_trainings/inspect/**")
    expect(main).to_contain_text("XSDB-2025-0001")
    expect(main).to_contain_text("还有 20 天")
    whole_page(shot, staff, "training-session")

    staff.goto(staff.base + "/admin/certificates/?expiring=30")
    expect(main).to_contain_text("XSDB-2025-0001")
    expect(main).to_contain_text(f"{expires.isoformat()}（还有 20 天）")
    whole_page(shot, staff, "certificates-expiring")

    staff.goto(staff.base + "/admin/experts/new/")
    staff.locator("#id_name").fill("王立群")
    staff.locator("#id_expertise").fill("工资分配, 薪酬体系")
    staff.locator("#id_organisation").fill("黑龙江省社会科学院")
    staff.locator("#id_contact").fill("0451-8660 2231")
    send(staff)
    staff.wait_for_url("**/admin/experts/inspect/**")
    expert_url = staff.url
    main.get_by_role("link", name="登记专家指导").click()
    staff.wait_for_url("**/admin/consultations/new/")
    staff.locator("#id_expert").select_option(label="王立群")
    staff.locator("#id_given_on").fill(TODAY.isoformat())
    staff.locator("#id_enterprise").select_option(label=AREA_FIRM)
    staff.locator("#id_topic").fill("工资增长幅度的测算依据")
    staff.locator("#id_advice").fill("以本地工资指导线基准线为依据，增幅不低于6%。")
    send(staff)
    staff.wait_for_url("**/admin/consultations/inspect/**")
    expect(main).to_contain_text("工资增长幅度的测算依据")
    # The expert's page lists the consultation.
    staff.goto(expert_url)
    expect(main).to_contain_text("工资增长幅度的测算依据")
    whole_page(shot, staff, "expert-page")

    # The instructor's yearly sheet (the visit logged from the phone) and its workbook.
    instructor = records["instructor"]
    staff.goto(staff.base + f"/admin/instructors/{instructor.pk}/sheet/")
    expect(main).to_contain_text("工资集体协商准备情况")
    expect(main).to_contain_text("0 / 4")
    main.get_by_role("link", name="考核", exact=True).click()
    staff.get_by_label("称职", exact=True).check()
    staff.locator("#id_comment").fill("走访及时，记录完整。")
    send(staff)
    staff.wait_for_url("**/sheet/**")
    expect(main).to_contain_text("走访及时，记录完整。")
    whole_page(shot, staff, "instructor-sheet")
    with staff.expect_download() as download:
        main.get_by_role("link", name="下载XLSX").click()
    path = tmp_path / "sheet.xlsx"
    download.value.save_as(path)
    workbook = load_workbook(io.BytesIO(path.read_bytes()))
    summary = {r[0]: r[1] for r in workbook.worksheets[0].iter_rows(values_only=True) if r[0]}
    assert summary["走访"] == 1 and summary["考核等次"] == "称职"
