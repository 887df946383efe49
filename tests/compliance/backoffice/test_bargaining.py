"""The back office in the Wagtail admin: pages render, permissions hold, queries stay flat."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from compliance.models import BargainingRound, Instructor
from compliance.services import bargaining
from compliance.services.reminders import bargaining_reminders_record, bargaining_reminders_send
from tenants import context
from tests.conftest import PASSWORD, SPEC_A
from tests.factories import compliance as f
from tests.signin import sign_in


def _user_in(group_name, fed):
    with context.federation_context(fed):
        user = get_user_model().objects.create_user(
            username=f"{group_name}@a.test", password=PASSWORD
        )
        user.groups.add(Group.objects.get(name=group_name))
    return user


def test_round_inspect_shows_deadlines_rules_and_history(admin_client, fed_a):
    with context.federation_context(fed_a):
        r = f.round_at("signed")
    body = admin_client.get(f"/admin/bargaining_rounds/inspect/{r.pk}/").content.decode()
    # Each deadline names the legal basis the federation prints, never an internal rule id.
    assert "依据《集体合同规定》第四十二条" in body and "依据《集体合同规定》第三十二条" in body
    assert "R16" not in body and "（R1）" not in body
    assert "2026-04-20" in body


def test_round_step_form_runs_the_service(admin_client, fed_a):
    with context.federation_context(fed_a):
        r = f.offered_round()
    url = f"/admin/bargaining_rounds/step/{r.pk}/reply/"
    response = admin_client.post(url, {"accepted": "1", "reply_date": "2026-03-05"})
    assert response.status_code == 302
    with context.federation_context(fed_a):
        r.refresh_from_db()
        assert r.status == "negotiating"
        assert r.history.first().history_user.username == SPEC_A.admin_email


def test_forbidden_step_shows_the_reason_not_a_500(admin_client, fed_a):
    with context.federation_context(fed_a):
        r = f.offered_round()
    response = admin_client.post(
        f"/admin/bargaining_rounds/step/{r.pk}/submit/", {"submitted_on": "2026-03-05"}
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_offer_created_in_the_admin_gets_its_deadline(admin_client, fed_a):
    with context.federation_context(fed_a):
        ent = f.enterprise()
    response = admin_client.post(
        "/admin/bargaining_rounds/new/",
        {
            "enterprise": ent.pk,
            "kind": "wages",
            "scope": "single",
            "offered_by": "union",
            "offer_date": "2026-03-02",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with context.federation_context(fed_a):
        r = BargainingRound.objects.get(enterprise=ent)
        assert r.reply_due == dt.date(2026, 3, 23)


def test_instructor_may_review_but_not_edit(client_a, fed_a):
    user = _user_in("集体协商指导员", fed_a)
    with context.federation_context(fed_a):
        r = f.round_at("signed")
        instructor = Instructor.objects.create(name="周建国", user=user)
        BargainingRound.objects.filter(pk=r.pk).update(instructor=instructor)
    sign_in(client_a, "集体协商指导员@a.test")
    assert client_a.get(f"/admin/bargaining_rounds/inspect/{r.pk}/").status_code == 200
    assert (
        client_a.get(f"/admin/bargaining_rounds/step/{r.pk}/instructor_review/").status_code == 200
    )
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    assert client_a.get(f"/admin/bargaining_rounds/step/{r.pk}/submit/").status_code in (302, 403)
    client_a.post(f"/admin/bargaining_rounds/step/{r.pk}/submit/", {"submitted_on": "2026-04-15"})
    with context.federation_context(fed_a):
        r.refresh_from_db()
        assert r.status == "signed"
    assert client_a.get("/admin/enterprises/new/").status_code in (302, 403)


def test_round_list_query_count_is_flat(admin_client, fed_a):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert admin_client.get("/admin/bargaining_rounds/").status_code == 200
        return len(ctx.captured_queries)

    with context.federation_context(fed_a):
        f.offered_round()
    few = count()
    with context.federation_context(fed_a):
        for _ in range(10):
            f.offered_round()
    assert count() == few


def test_campaign_pages_and_exposure_list(admin_client, fed_a):
    from compliance.models import Campaign
    from compliance.services.bargaining import round_reply

    with context.federation_context(fed_a):
        campaign = Campaign.objects.create(
            name="要约行动月", starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 3, 31)
        )
        f.enterprise(employees=300, name="未建制重点企业有限公司")
        refused = f.offered_round(campaign=campaign)
        round_reply(round_id=refused.pk, accepted=False, reply_date=dt.date(2026, 3, 5))
    body = admin_client.get(f"/admin/campaigns/inspect/{campaign.pk}/").content.decode()
    assert "未建制重点企业有限公司" in body
    response = admin_client.post(
        f"/admin/campaigns/launch/{campaign.pk}/",
        {"offer_date": "2026-03-02", "kind": "comprehensive"},
    )
    assert response.status_code == 302
    exposure = admin_client.get(f"/admin/campaigns/exposure/?campaign={campaign.pk}")
    assert exposure.status_code == 200
    assert refused.enterprise.name in exposure.content.decode()


def test_round_has_no_free_form_edit(admin_client, fed_a):
    with context.federation_context(fed_a):
        r = f.offered_round()
    response = admin_client.get(f"/admin/bargaining_rounds/edit/{r.pk}/")
    assert response.status_code == 302
    assert response["Location"].endswith(f"/admin/bargaining_rounds/inspect/{r.pk}/")
    listing = admin_client.get("/admin/bargaining_rounds/").content.decode()
    assert f"/admin/bargaining_rounds/inspect/{r.pk}/" in listing


def test_instructor_list_shows_whole_rounds_this_year(admin_client, fed_a):
    import re

    from compliance.models import Instructor

    with context.federation_context(fed_a):
        teacher = Instructor.objects.create(name="周敏")
        Instructor.objects.create(name="吴海涛")
        r = f.round_at("effective")  # effective 2026-04-30, this year
        r.instructor = teacher
        r.save()
    body = admin_client.get("/admin/instructors/").content.decode()
    rows = {
        name: re.sub(r"<[^>]+>|\s", "", row)
        for row in re.findall(r"<tr.*?</tr>", body, flags=re.S)
        for name in ("周敏", "吴海涛")
        if name in row
    }
    assert rows["周敏"].endswith("1") and rows["吴海涛"].endswith("0")
    assert "/admin/campaigns/exposure/" in admin_client.get("/admin/").content.decode()


def test_exposure_list_shows_silence_the_sweep_has_not_marked_yet(admin_client, fed_a):
    """Regression: an offer whose reply deadline had passed while the round still waited was
    flagged overdue on the admin home but missing from the exposure list until the night's sweep."""
    with context.federation_context(fed_a):
        silent = f.offered_round()  # offered 2 March 2026, reply due 23 March: long past
        waiting = bargaining.round_offer(
            enterprise=f.enterprise(name="刚收到要约有限公司"),
            offered_by="union",
            offer_date=timezone.localdate(),
        )
    body = admin_client.get("/admin/campaigns/exposure/").content.decode()
    assert silent.enterprise.name in body
    assert "逾期未应约" in body
    assert waiting.enterprise.name not in body


def test_representatives_are_typed_in_chinese_and_errors_name_the_item(admin_client, fed_a):
    """Regression: the step took only English keywords (employee, yes) in the Chinese admin, and
    any mistake was reported as a wrong order."""
    with context.federation_context(fed_a):
        r = f.offered_round()
    url = f"/admin/bargaining_rounds/step/{r.pk}/representatives/"
    wrong_side = admin_client.post(url, {"rows": "工人方，王立新，E001，是，否"}).content.decode()
    assert "所属方填写为“工人方”，应填写职工方或企业方" in wrong_side
    four = admin_client.post(url, {"rows": "职工方，王立新，E001，是"}).content.decode()
    assert "第1行有4项，应为五项" in four
    rows = "\n".join(
        [
            "职工方，王立新，E001，是，否",
            "职工方，李红，E002，否，否",
            "职工方，张伟，E003，否，否",
            "企业方，赵强，M001，是，否",
            "企业方，钱程，M002，否，否",
            "企业方，孙丽，M003，否，否",
        ]
    )
    undated = admin_client.post(url, {"rows": rows, "chosen_on": ""}).content.decode()
    assert "必需字段" in undated  # the day they were chosen starts R6's period (Wagtail's words)
    response = admin_client.post(url, {"rows": rows, "chosen_on": "2026-03-10"})
    assert response.status_code == 302, response.content.decode()[:1000]
    with context.federation_context(fed_a):
        chiefs = {(p.side, p.name) for p in r.representatives.filter(is_chief=True)}
        assert chiefs == {("employee", "王立新"), ("employer", "赵强")}
        r.refresh_from_db()
        assert r.representatives_chosen_on == dt.date(2026, 3, 10)
    again = admin_client.get(url).content.decode()
    assert "职工方, 王立新, E001, 是, 否" in again
    assert 'value="2026-03-10"' in again


def test_the_history_shows_labels_not_codes(admin_client, fed_a):
    """Regression: histories showed raw values (federation_approved → submitted, True/False)."""
    with context.federation_context(fed_a):
        r = f.round_at("submitted")
    page = admin_client.get(f"/admin/bargaining_rounds/inspect/{r.pk}/").content.decode()
    history = page[page.index('id="history-heading"') :]
    assert "federation_approved" not in history and "→ submitted" not in history
    assert "→ 已报送人社部门" in history


def test_round_list_shows_the_deadline_of_the_current_step(admin_client, fed_a):
    """Regression: the list showed the reply deadline of every round, long after the reply."""
    with context.federation_context(fed_a):
        offered = f.offered_round()
        signed = f.round_at("signed")
        negotiating = f.round_at("negotiating")
    listing = admin_client.get("/admin/bargaining_rounds/").text
    assert "当前步骤期限" in listing
    assert f"{signed.submission_due:%Y-%m-%d} 报送审查" in listing
    # Three rounds offered the same day; only the one still awaiting its reply shows that step.
    assert negotiating.reply_due == offered.reply_due
    assert listing.count(f"{offered.reply_due:%Y-%m-%d} 应约") == 1
    if offered.reply_due < timezone.localdate():
        assert f"{offered.reply_due:%Y-%m-%d} 应约（已逾期）" in listing


def test_votes_read_as_present_and_in_favour(admin_client, fed_a):
    """Regression: the round page showed a vote as "22/25/30", which no one could read."""
    with context.federation_context(fed_a):
        r = f.round_at("voted")
    page = admin_client.get(f"/admin/bargaining_rounds/inspect/{r.pk}/").text
    assert "出席 25/30，赞成 22" in page
    assert "22/25/30" not in page
    history = page[page.index('id="history-heading"') :]
    assert "职代会通过草案（出席 25/30，赞成 22）" in history


def test_an_instructor_reviews_only_the_rounds_assigned_to_them(client_a, fed_a):
    """Issue 15: the preliminary review is the assigned instructor's; an administrator
    reassigns it, with a reason kept in the round's history."""
    user = _user_in("集体协商指导员", fed_a)
    with context.federation_context(fed_a):
        mine, others = f.round_at("signed"), f.round_at("signed")
        instructor = Instructor.objects.create(name="周建国", user=user)
        colleague = Instructor.objects.create(name="李明")
        BargainingRound.objects.filter(pk=mine.pk).update(instructor=instructor)
        BargainingRound.objects.filter(pk=others.pk).update(instructor=colleague)
    sign_in(client_a, "集体协商指导员@a.test")
    url = f"/admin/bargaining_rounds/step/{others.pk}/instructor_review/"
    page = client_a.get(f"/admin/bargaining_rounds/inspect/{others.pk}/").content.decode()
    assert url not in page and "李明" in page
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    assert client_a.get(url).status_code in (302, 403)
    data = {"approved": "1", "comments": "", "reviewed_on": "2026-03-26"}
    assert client_a.post(url, data).status_code in (302, 403)
    with context.federation_context(fed_a):
        others.refresh_from_db()
        assert others.status == "signed"
        # The service holds the rule too, whatever calls it.
        try:
            bargaining.round_review(
                round_id=others.pk,
                stage="instructor",
                approved=True,
                reviewed_on=dt.date(2026, 3, 26),
                user=user,
            )
        except ValidationError as error:
            assert "李明" in error.messages[0]
        else:
            raise AssertionError("an unassigned instructor reviewed the round")
    mine_url = f"/admin/bargaining_rounds/step/{mine.pk}/instructor_review/"
    assert mine_url in client_a.get(f"/admin/bargaining_rounds/inspect/{mine.pk}/").content.decode()
    assert client_a.post(mine_url, data).status_code == 302


def test_an_administrator_reassigns_the_instructor_with_a_reason(admin_client, fed_a):
    with context.federation_context(fed_a):
        r = f.round_at("signed")
        Instructor.objects.create(name="李明", active=False)
        new = Instructor.objects.create(name="王芳")
    url = f"/admin/bargaining_rounds/step/{r.pk}/instructor"
    page = admin_client.get(f"/admin/bargaining_rounds/inspect/{r.pk}/").content.decode()
    assert f"{url}/" in page and "未指派" in page
    form = admin_client.get(f"{url}/").content.decode()
    assert "王芳" in form and "李明" not in form  # inactive instructors are not offered
    assert admin_client.post(f"{url}/", {"instructor": new.pk, "reason": ""}).status_code == 200
    response = admin_client.post(f"{url}/", {"instructor": new.pk, "reason": "原指导员调岗"})
    assert response.status_code == 302
    with context.federation_context(fed_a):
        r.refresh_from_db()
        assert r.instructor == new
        assert r.history.first().history_change_reason == "指导员：王芳（原指导员调岗）"


def test_round_and_contract_pages_list_their_deadline_reminders(admin_client, fed_a):
    with context.federation_context(fed_a):
        clerk = get_user_model().objects.create_user(
            username="clerk@a.test", email="clerk@a.test", password=PASSWORD, last_name="张"
        )
        clerk.first_name = "明"
        clerk.save()
        r = f.round_at("effective", user=clerk)
        bargaining_reminders_record(today=dt.date(2026, 3, 23))  # the reply had been given
        offered = f.offered_round(user=clerk)
        bargaining_reminders_record(today=offered.reply_due)
        bargaining_reminders_send()
        bargaining_reminders_record(today=dt.date(2029, 1, 30))  # recorded, not yet sent
    body = admin_client.get(f"/admin/bargaining_rounds/inspect/{offered.pk}/").content.decode()
    assert "期限提醒" in body and "期限届满当日" in body and "2026-03-23" in body
    assert "发送给张明" in body and "clerk@a.test" not in body
    body = admin_client.get(f"/admin/bargaining_rounds/inspect/{r.pk}/").content.decode()
    assert "期限提醒" in body and "期限届满当日" not in body
    body = admin_client.get(f"/admin/contracts/inspect/{r.contract.pk}/").content.decode()
    assert "到期前续签" in body and "待发送" in body and "2029-04-30" in body


# --- Instructors' areas (分片包干, issue 15 item 8) ---------------------------------------------


def test_an_instructors_areas_are_typed_as_codes_and_shown_by_name(admin_client, fed_a):
    form = {"name": "钱卫东", "organisation": "市总工会", "phone": "", "active": "on"}
    response = admin_client.post(
        "/admin/instructors/new/", {**form, "areas": "230803，230804、 230803"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with context.federation_context(fed_a):
        instructor = Instructor.objects.get(name="钱卫东")
        assert instructor.areas == ["230803", "230804"]
    listing = admin_client.get("/admin/instructors/").content.decode()
    assert "向阳区、前进区" in listing
    edit = admin_client.get(f"/admin/instructors/edit/{instructor.pk}/").content.decode()
    assert 'value="230803, 230804"' in edit
    edited = {**form, "areas": "230803, 230804 230805", "change_reason": "东风区划入其片区"}
    response = admin_client.post(f"/admin/instructors/edit/{instructor.pk}/", edited)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = admin_client.get(f"/admin/instructors/inspect/{instructor.pk}/").content.decode()
    assert "向阳区、前进区、东风区" in page
    # The history reads as the codes typed, not ['230803', '230804'].
    assert "负责片区: 230803、230804 → 230803、230804、230805" in page
    assert "东风区划入其片区" in page  # the reason asked on every edit (item 9)


def test_codes_that_are_not_areas_are_refused_each_with_what_to_fix(admin_client, fed_a):
    response = admin_client.post(
        "/admin/instructors/new/",
        {"name": "孙立华", "organisation": "", "phone": "", "areas": "230803 230800 23081"},
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "230800：片区应为县、区或开发区，例如230803；不能是省（如230000）或市（如230800）。" in page
    )
    assert "23081：行政区划代码应为6位数字（GB/T 2260）" in page
    with context.federation_context(fed_a):
        assert not Instructor.objects.filter(name="孙立华").exists()


def _instructor_step(admin_client, round_) -> str:
    return admin_client.get(
        f"/admin/bargaining_rounds/step/{round_.pk}/instructor/"
    ).content.decode()


def _options(page: str) -> list[str]:
    import re

    select = re.search(r'<select name="instructor".*?</select>', page, flags=re.S).group(0)
    return re.findall(r"<option[^>]*>[^<]*</option>", select)


def test_the_instructor_step_proposes_the_one_instructor_covering_the_region(admin_client, fed_a):
    with context.federation_context(fed_a):
        r = f.round_at("signed")  # the enterprise is in 230803
        Instructor.objects.create(name="吴晓东")
        covering = Instructor.objects.create(name="钱卫东", areas=["230804", "230803"])
        Instructor.objects.create(name="孙立华", areas=["230805"])
    page = _instructor_step(admin_client, r)
    options = _options(page)
    assert options[1] == f'<option value="{covering.pk}" selected>钱卫东</option>'
    assert "负责企业所在片区向阳区（230803）的指导员列在最前：钱卫东。" in page
    response = admin_client.post(
        f"/admin/bargaining_rounds/step/{r.pk}/instructor/",
        {"instructor": covering.pk, "reason": "按片区分工指派"},
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        r.refresh_from_db()
        assert r.instructor == covering


def test_several_covering_the_region_are_listed_first_with_none_chosen(admin_client, fed_a):
    with context.federation_context(fed_a):
        r = f.round_at("signed")
        Instructor.objects.create(name="吴晓东")
        Instructor.objects.create(name="钱卫东", areas=["230803"])
        Instructor.objects.create(name="孙立华", areas=["230803"])
    page = _instructor_step(admin_client, r)
    options = _options(page)
    assert "selected" in options[0] and not any("selected" in o for o in options[1:])
    assert [o.split(">")[1].split("<")[0] for o in options[1:]] == ["孙立华", "钱卫东", "吴晓东"]
    assert "的指导员列在最前：孙立华、钱卫东。" in page


def test_an_inactive_instructor_covering_the_region_is_not_proposed(admin_client, fed_a):
    with context.federation_context(fed_a):
        r = f.round_at("signed")
        Instructor.objects.create(name="钱卫东", areas=["230803"], active=False)
        Instructor.objects.create(name="吴晓东")
    page = _instructor_step(admin_client, r)
    assert "钱卫东" not in page
    assert not any("selected" in o for o in _options(page)[1:])
    assert "企业所在片区向阳区（230803）尚无在岗指导员负责。" in page


def test_a_round_with_an_instructor_keeps_them_over_the_proposal(admin_client, fed_a):
    with context.federation_context(fed_a):
        r = f.round_at("signed")
        Instructor.objects.create(name="钱卫东", areas=["230803"])
        assigned = Instructor.objects.create(name="吴晓东")
        bargaining.round_assign_instructor(round_id=r.pk, instructor=assigned, reason="调整")
    options = _options(_instructor_step(admin_client, r))
    assert f'<option value="{assigned.pk}" selected>吴晓东</option>' in options


def test_the_offer_form_carries_the_regions_and_the_proposals(admin_client, fed_a):
    import html
    import json
    import re

    with context.federation_context(fed_a):
        ent = f.enterprise(region_code="230804")
        one = Instructor.objects.create(name="钱卫东", areas=["230804"])
        a = Instructor.objects.create(name="孙立华", areas=["230803"])
        b = Instructor.objects.create(name="吴晓东", areas=["230803"])
        Instructor.objects.create(name="郑离岗", areas=["230805"], active=False)
    page = admin_client.get("/admin/bargaining_rounds/new/").content.decode()
    assert f'<option value="{ent.pk}" data-region="230804">' in page
    assert "compliance/instructor-proposal.js" in page
    assert "郑离岗" not in page  # inactive instructors are not offered
    attribute = re.search(r'data-proposals="([^"]*)"', page).group(1)
    proposals = json.loads(html.unescape(attribute))
    assert proposals["230804"] == {"first": [one.pk], "proposed": one.pk}
    assert proposals["230803"]["proposed"] is None
    assert sorted(proposals["230803"]["first"]) == [a.pk, b.pk]
    assert set(proposals) == {"230803", "230804"}  # not the inactive instructor's 230805
