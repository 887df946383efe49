"""The monthly meeting in the admin: create with invitations, record outcomes, the proposal,
the progress report and its XLSX, the pipeline panel; the 上代下 offer on the round page."""

import datetime as dt
import io

from django.utils import timezone
from openpyxl import load_workbook

from compliance.models import BargainingRound, MonthlyMeeting
from compliance.services.monthly_meetings import invitation_record, meeting_create
from tenants import context
from tests.factories import compliance as f

TODAY = timezone.localdate()


def test_a_meeting_is_created_with_invited_enterprises(admin_client, fed_a):
    with context.federation_context(fed_a):
        a, b = f.enterprise(name="甲精密机械有限公司"), f.enterprise(name="乙物流有限公司")
    response = admin_client.post(
        "/admin/monthly_meetings/new/",
        {
            "held_on": TODAY.isoformat(),
            "place": "高新区总工会三楼会议室",
            "chair": "张主席",
            "minutes": "通报本月要约情况",
            "enterprises": [a.pk, b.pk],
            "invited_because": "百人以上未签约",
        },
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        meeting = MonthlyMeeting.objects.get()
        assert meeting.invitations.count() == 2
    page = admin_client.get(f"/admin/monthly_meetings/inspect/{meeting.pk}/").content.decode()
    assert "甲精密机械有限公司" in page and "通报本月要约情况" in page


def test_a_second_meeting_in_a_month_goes_back_to_the_form(admin_client, fed_a):
    with context.federation_context(fed_a):
        meeting_create(held_on=TODAY)
    response = admin_client.post("/admin/monthly_meetings/new/", {"held_on": TODAY.isoformat()})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_outcomes_are_recorded_for_every_row(admin_client, fed_a):
    with context.federation_context(fed_a):
        a, b = f.enterprise(), f.enterprise()
        meeting = meeting_create(held_on=TODAY, enterprises=[(a, ""), (b, "")])
        ia, ib = (meeting.invitations.get(enterprise=e).pk for e in (a, b))
    response = admin_client.post(
        f"/admin/monthly_meetings/outcomes/{meeting.pk}/",
        {
            f"attendance_{ia}": "came",
            f"outcome_{ia}": "completed",
            f"attendance_{ib}": "absent",
            f"action_{ib}": "second_offer",
            f"note_{ib}": "未到会",
            "reason": "会后登记",
        },
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        rows = {i.pk: i for i in meeting.invitations.all()}
        assert (rows[ia].attendance, rows[ia].outcome) == ("came", "completed")
        assert (rows[ib].action, rows[ib].note) == ("second_offer", "未到会")
        assert rows[ib].history.first().history_change_reason == "会后登记"


def test_next_months_meeting_is_created_from_the_proposal(admin_client, fed_a):
    month = TODAY.replace(day=1)
    following = (month + dt.timedelta(days=32)).replace(day=1)
    with context.federation_context(fed_a):
        guided = f.enterprise(name="丙电子有限公司")
        meeting = meeting_create(held_on=month, enterprises=[(guided, "")])
        invitation_record(
            invitation_id=meeting.invitations.get().pk, attendance="came", outcome="guided"
        )
    page = admin_client.get(f"/admin/monthly_meetings/proposal/{meeting.pk}/").content.decode()
    assert "丙电子有限公司" in page and "checked" in page
    response = admin_client.post(
        f"/admin/monthly_meetings/proposal/{meeting.pk}/",
        {"enterprises": [guided.pk], "held_on": following.isoformat(), "place": "会议室"},
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        created = MonthlyMeeting.objects.get(month=following)
        assert list(created.invitations.values_list("enterprise_id", flat=True)) == [guided.pk]


def test_the_progress_report_page_and_its_workbook(admin_client, fed_a):
    with context.federation_context(fed_a):
        meeting = meeting_create(held_on=TODAY, enterprises=[(f.enterprise(name="丁纺织"), "")])
        invitation_record(
            invitation_id=meeting.invitations.get().pk, attendance="came", outcome="added"
        )
    month = f"{TODAY:%Y-%m}"
    page = admin_client.get(f"/admin/monthly_meetings/report/?month={month}").content.decode()
    assert "丁纺织" in page
    response = admin_client.get(f"/admin/monthly_meetings/report/?month={month}&export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(response.content))
    figures = workbook.worksheets[0]
    values = {row[0].value: row[1].value for row in figures.iter_rows(min_row=3)}
    # The administrator reads the portal in Chinese, its default language.
    assert values["召开月例会"] == 1 and values["邀请企业"] == 1
    assert workbook.worksheets[1]["A2"].value == "丁纺织"


def test_a_bad_month_falls_back_to_this_month(admin_client):
    response = admin_client.get("/admin/monthly_meetings/report/?month=2026-13")
    assert response.status_code == 200


def test_the_admin_home_shows_this_months_pipeline(admin_client, fed_a):
    page = admin_client.get("/admin/").content.decode()
    assert "/admin/monthly_meetings/new/" in page  # no meeting yet: the link to create it
    with context.federation_context(fed_a):
        meeting_create(held_on=TODAY, enterprises=[(f.enterprise(), "")])
    page = admin_client.get("/admin/").content.decode()
    assert "/admin/monthly_meetings/inspect/" in page and "?acted_for=true" in page


def test_an_offer_on_behalf_is_recorded_from_the_form_and_shown_on_the_round(admin_client, fed_a):
    with context.federation_context(fed_a):
        e = f.enterprise(name="戊食品有限公司")
    response = admin_client.post(
        "/admin/bargaining_rounds/new/",
        {
            "enterprise": e.pk,
            "kind": "comprehensive",
            "scope": "single",
            "offered_by": "union",
            "on_behalf": "offer",
            "on_behalf_reason": "no_chair",
            "on_behalf_by": "高新区总工会法律部",
            "offer_date": "2026-03-02",
        },
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        r = BargainingRound.objects.get(enterprise=e)
    page = admin_client.get(f"/admin/bargaining_rounds/inspect/{r.pk}/").content.decode()
    assert 'id="on-behalf"' in page and "高新区总工会法律部" in page
    listed = admin_client.get("/admin/bargaining_rounds/?acted_for=true").content.decode()
    assert "戊食品有限公司" in listed
    unlisted = admin_client.get("/admin/bargaining_rounds/?acted_for=false").content.decode()
    assert "戊食品有限公司" not in unlisted
