"""A clerk takes one bargaining round through every step form of the procedure in Chromium, from
the offer to the submission to the labour administration, typing what the paper record says; the
round's page shows each step's result as it is recorded. Then an administrator gives an
instructor their areas (分片包干) and the offer form proposes the instructor of the enterprise's
area as the clerk chooses the enterprise, as the instructor step does for a round without one.
Every page looked at is audited (tests/browser/audit.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from compliance.models import BargainingRound, Instructor
from tenants import context
from tests.browser.conftest import BROWSER, administrator, send, whole_page
from tests.factories import compliance as f

pytestmark = [*BROWSER, pytest.mark.usefixtures("clerk")]  # made before Chromium starts

CLERK = "procedure@pa.test"
S = BargainingRound.Status


@pytest.fixture(scope="module")
def clerk(browser_sites, django_db_blocker):
    """An administrator with an authenticator; enterprises in four areas: 向阳区 (230803), which
    钱卫东 covers, 前进区 (230804), which only an inactive instructor covers so far, 郊区
    (230811), which two cover, and 高新区 (230871), which nobody covers; a round of 前进区 without
    an instructor; the labels."""
    with django_db_blocker.unblock(), context.federation_context("fed_pa"):
        device = administrator(CLERK, last_name="吴", first_name="晓东")
        enterprise = f.enterprise(name="松江协商全程示范有限公司", employees=260)
        Instructor.objects.create(
            name="钱卫东", organisation="市总工会法律工作部", areas=["230803"]
        )
        Instructor.objects.create(name="周海燕", areas=["230811"])
        Instructor.objects.create(name="王建平", areas=["230811", "230882"])
        Instructor.objects.create(name="郑离岗", areas=["230804"], active=False)
        qianjin = f.enterprise(name="松江前进区片区机械有限公司", region_code="230804")
        jiaoqu = f.enterprise(name="松江郊区片区食品有限公司", region_code="230811")
        zone = f.enterprise(name="松江高新区片区电子有限公司", region_code="230871")
        unassigned = f.offered_round(qianjin)
        with translation.override("zh-hans"):
            labels = {status: str(status.label) for status in S}
        return {
            "device": device,
            "enterprise": enterprise.pk,
            "qianjin": qianjin.pk,
            "jiaoqu": jiaoqu.pk,
            "zone": zone.pk,
            "unassigned": unassigned.pk,
            "labels": labels,
        }


@pytest.fixture(scope="module")
def accounts(clerk):
    return {"zh-hans": (CLERK, clerk["device"])}


@pytest.fixture
def tab(staff):
    return staff


def _step(tab, round_pk: int, action: str, fill, status: str, shot) -> None:
    """Open the step's form from the round's page, fill it, send it, read the round's status."""
    tab.goto(tab.base + f"/admin/bargaining_rounds/step/{round_pk}/{action}/")
    fill(tab)
    shot(tab, f"procedure-{action}-form")
    tab.locator("main form[method=post] button[type=submit]").first.click()
    tab.wait_for_url(f"**/admin/bargaining_rounds/inspect/{round_pk}/**")
    expect(tab.locator("main")).to_contain_text(status)


def test_a_round_goes_through_every_step_form(tab, clerk, shot):
    today = timezone.localdate()
    labels = clerk["labels"]

    # The offer: the round's create form, landing on the new round.
    tab.goto(tab.base + "/admin/bargaining_rounds/new/")
    tab.locator("#id_enterprise").select_option(str(clerk["enterprise"]))
    tab.locator("#id_kind").select_option(index=1)
    tab.locator("#id_scope").select_option(index=1)
    tab.locator("#id_offered_by").select_option("union")
    tab.locator("#id_offer_date").fill((today - dt.timedelta(days=5)).isoformat())
    shot(tab, "procedure-offer-form")
    tab.locator("main form[method=post] button[type=submit]").first.click()
    tab.wait_for_url("**/admin/bargaining_rounds/inspect/**")
    round_pk = int(tab.url.rstrip("/").split("/")[-1])
    expect(tab.locator("main")).to_contain_text(labels[S.OFFERED])

    def reply(t):
        expect(t.locator("#id_reply_date")).to_have_value(today.isoformat())
        t.locator("#id_accepted").select_option("1")

    _step(tab, round_pk, "reply", reply, labels[S.NEGOTIATING], shot)

    def representatives(t):
        t.locator("#id_rows").fill(
            "\n".join(
                [
                    "职工方，王立新，E001，是，否",
                    "职工方，李春梅，E002，否，否",
                    "职工方，赵国强，E003，否，否",
                    "企业方，陈志远，M001，是，否",
                    "企业方，刘晓燕，M002，否，否",
                    "企业方，孙浩，M003，否，否",
                ]
            )
        )

    _step(tab, round_pk, "representatives", representatives, labels[S.NEGOTIATING], shot)
    expect(tab.locator("main")).to_contain_text("王立新")

    def meeting(t):
        expect(t.locator("#id_held_on")).to_have_value(today.isoformat())
        t.locator("#id_place").fill("企业三楼会议室")
        t.locator("#id_summary").fill("双方就工资增幅和夜班津贴达成一致。")
        t.locator("#id_minutes_signed_by_all").check()

    _step(tab, round_pk, "meeting", meeting, labels[S.NEGOTIATING], shot)

    def vote(t):
        t.locator("#id_total").fill("45")
        t.locator("#id_present").fill("31")
        t.locator("#id_in_favour").fill("25")

    _step(tab, round_pk, "vote", vote, labels[S.VOTED], shot)
    expect(tab.locator("main")).to_contain_text("出席 31/45，赞成 25")

    starts = today + dt.timedelta(days=10)

    def sign(t):
        t.locator("#id_title").fill("2027年度工资专项集体合同")
        t.locator("#id_starts_on").fill(starts.isoformat())
        t.locator("#id_ends_on").fill(starts.replace(year=starts.year + 2).isoformat())
        t.locator("#id_covered_employees").fill("260")
        t.locator("#id_wage_growth_pct").fill("6.5")
        # The enterprise's first contract: nothing to renew, and the form says so.
        expect(t.locator("#id_predecessor option:checked")).to_have_text("无：不是续签合同")

    _step(tab, round_pk, "sign", sign, labels[S.SIGNED], shot)

    # The administrator assigns the instructor, with a reason for the history (issue 15): the
    # one covering the enterprise's area, 向阳区, is proposed.
    tab.locator(f"main a[href$='/step/{round_pk}/instructor/']").click()
    expect(tab.locator("#id_instructor option:checked")).to_have_text("钱卫东")
    expect(tab.locator("main")).to_contain_text("负责企业所在片区向阳区（230803）的指导员列在最前")
    tab.locator("#id_instructor").select_option(label="钱卫东")
    tab.locator("#id_reason").fill("按片区分工指派")
    shot(tab, "procedure-instructor-form")
    tab.locator("main form[method=post] button[type=submit]").first.click()
    tab.wait_for_url(f"**/admin/bargaining_rounds/inspect/{round_pk}/**")
    expect(tab.locator("main")).to_contain_text("指导员：钱卫东（按片区分工指派）")

    def approve(t):
        expect(t.locator("#id_reviewed_on")).to_have_value(today.isoformat())
        t.locator("#id_approved").select_option("1")
        t.locator("#id_comments").fill("条款完备，同意。")

    _step(tab, round_pk, "instructor_review", approve, labels[S.PRELIMINARY_REVIEWED], shot)
    _step(tab, round_pk, "federation_review", approve, labels[S.FEDERATION_APPROVED], shot)

    def submit(t):
        expect(t.locator("#id_submitted_on")).to_have_value(today.isoformat())

    _step(tab, round_pk, "submit", submit, labels[S.SUBMITTED], shot)
    shot(tab, "procedure-submitted")

    # The labour administration objects within its review period (R20/R22): back to bargaining.
    def objection(t):
        expect(t.locator("#id_received_on")).to_have_value(today.isoformat())
        t.locator("#id_points").fill("第五条工资增幅未写明执行起始月份，请补充后重新报送。")

    _step(tab, round_pk, "objection", objection, labels[S.NEGOTIATING], shot)
    expect(tab.locator("main")).to_contain_text("第五条工资增幅未写明执行起始月份")
    shot(tab, "procedure-objection-recorded")


def _instructors(tab) -> list[str]:
    return [name.strip() for name in tab.locator("#id_instructor option").all_inner_texts()]


def test_an_instructors_areas_propose_them_for_the_rounds_there(tab, clerk, shot):
    main = tab.locator("main")

    # The administrator adds an instructor for 前进区 and 东风区: a city's code is refused first.
    tab.goto(tab.base + "/admin/instructors/new/")
    tab.locator("#id_name").fill("孙立华")
    tab.locator("#id_organisation").fill("前进区总工会")
    tab.get_by_label("负责片区").fill("230804，230800")
    send(tab)
    expect(main).to_contain_text("230800：片区应为县、区或开发区，例如230803；不能是省")
    whole_page(shot, tab, "instructor-areas-refused")
    tab.get_by_label("负责片区").fill("230804、230805")
    whole_page(shot, tab, "instructor-areas-form")
    send(tab)
    tab.wait_for_url("**/admin/instructors/inspect/**")
    expect(main).to_contain_text("前进区、东风区")
    tab.goto(tab.base + "/admin/instructors/")
    row = main.locator("tr", has_text="孙立华")
    expect(row).to_contain_text("前进区、东风区")
    expect(main.locator("tr", has_text="王建平")).to_contain_text("郊区、富锦市")
    whole_page(shot, tab, "instructor-list")

    # The offer form proposes as the clerk chooses the enterprise.
    tab.goto(tab.base + "/admin/bargaining_rounds/new/")
    instructor = tab.locator("#id_instructor")
    tab.locator("#id_enterprise").select_option(str(clerk["qianjin"]))
    expect(instructor.locator("option:checked")).to_have_text("孙立华")  # not the inactive one
    whole_page(shot, tab, "offer-instructor-proposed")
    tab.locator("#id_enterprise").select_option(str(clerk["jiaoqu"]))
    expect(instructor).to_have_value("")  # two cover 郊区: none chosen, both first
    assert sorted(_instructors(tab)[1:3]) == ["周海燕", "王建平"], _instructors(tab)
    tab.locator("#id_enterprise").select_option(str(clerk["zone"]))
    expect(instructor).to_have_value("")  # nobody covers 高新区
    # A choice the clerk makes stays when the enterprise changes.
    instructor.select_option(label="钱卫东")
    tab.locator("#id_enterprise").select_option(str(clerk["qianjin"]))
    expect(instructor.locator("option:checked")).to_have_text("钱卫东")
    assert _instructors(tab)[1] == "孙立华"  # still listed first
    instructor.select_option(label="孙立华")
    tab.locator("#id_kind").select_option(index=1)
    tab.locator("#id_scope").select_option(index=1)
    tab.locator("#id_offered_by").select_option("union")
    tab.locator("#id_offer_date").fill(timezone.localdate().isoformat())
    send(tab)
    tab.wait_for_url("**/admin/bargaining_rounds/inspect/**")
    expect(main.get_by_role("link", name="孙立华").first).to_be_visible()  # its instructor

    # The instructor step of a round opened before the areas were set proposes them too.
    tab.goto(tab.base + f"/admin/bargaining_rounds/step/{clerk['unassigned']}/instructor/")
    expect(tab.locator("#id_instructor option:checked")).to_have_text("孙立华")
    whole_page(shot, tab, "instructor-step-proposed")
    tab.locator("#id_reason").fill("按片区分工指派")
    send(tab)
    tab.wait_for_url(f"**/admin/bargaining_rounds/inspect/{clerk['unassigned']}/**")
    expect(main).to_contain_text("指导员：孙立华（按片区分工指派）")
