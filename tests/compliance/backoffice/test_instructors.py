"""Instructors' work in the admin (issue 18 items 6, 7 and 10): the instructor's page, the
yearly sheet and its workbook, the phone page for the signed-in instructor only, the home panel,
the training session's attendees and certificates."""

import datetime as dt
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from compliance.models import Instructor, InstructorVisit, NegotiatorTraining
from compliance.services import instructors as work
from tenants import context
from tests.conftest import PASSWORD
from tests.factories import compliance as f
from tests.signin import sign_in

TODAY = timezone.localdate()


def _instructor(name="周敏", areas=("230803",), user=None):
    instructor = Instructor.objects.create(name=name, areas=list(areas), user=user)
    return work.instructor_appoint(
        instructor_id=instructor.pk,
        appointed_on=TODAY - dt.timedelta(days=100),
        term_ends_on=TODAY + dt.timedelta(days=600),
        document="工字〔2026〕3号",
        reason="党组会决定",
    )


def test_the_sheet_page_and_its_workbook_show_the_records(admin_client, fed_a):
    with context.federation_context(fed_a):
        instructor = _instructor()
        r = f.round_at("effective", instructor=instructor)
        work.visit_record(
            instructor=instructor,
            enterprise=r.enterprise,
            visited_on=r.effective_date,
            topic="履约检查",
            outcome="已落实",
        )
        work.assessment_record(
            instructor_id=instructor.pk, year=r.effective_date.year, grade="basic", comment="需加强"
        )
    year = r.effective_date.year
    page = admin_client.get(f"/admin/instructors/{instructor.pk}/sheet/?year={year}")
    body = page.content.decode()
    assert page.status_code == 200
    assert "履约检查" in body and "基本称职" in body and "1 / 4" in body
    xlsx = admin_client.get(f"/admin/instructors/{instructor.pk}/sheet.xlsx?year={year}")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(io.BytesIO(xlsx.content))
    summary = {
        row[0]: row[1] for row in workbook.worksheets[0].iter_rows(values_only=True) if row[0]
    }
    assert summary["完整集体协商"] == 1 and summary["年度完整集体协商目标"] == 4
    assert summary["考核等次"] == "基本称职"
    visits = list(workbook.worksheets[1].iter_rows(values_only=True))
    assert visits[1][1] == r.enterprise.name and visits[1][2] == "履约检查"


def test_the_sheet_query_count_does_not_grow_with_the_records(admin_client, fed_a):
    with context.federation_context(fed_a):
        instructor = _instructor()
        ent = f.enterprise()

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert admin_client.get(f"/admin/instructors/{instructor.pk}/sheet/").status_code == 200
        return len(ctx.captured_queries)

    count()
    few = count()
    with context.federation_context(fed_a):
        for day in range(5):
            work.visit_record(
                instructor=instructor,
                enterprise=ent,
                visited_on=TODAY - dt.timedelta(days=day),
                topic="走访",
                outcome="好",
            )
    assert count() == few


def test_appointment_forms_write_history_and_show_on_the_instructors_page(admin_client, fed_a):
    with context.federation_context(fed_a):
        instructor = Instructor.objects.create(name="周敏")
    url = f"/admin/instructors/{instructor.pk}/appoint/"
    refused = admin_client.post(
        url,
        {
            "appointed_on": "2026-03-01",
            "term_ends_on": "2026-02-01",
            "document": "x",
            "reason": "y",
        },
    )
    assert refused.status_code == 200 and 'role="alert"' in refused.content.decode()
    done = admin_client.post(
        url,
        {
            "appointed_on": "2026-03-01",
            "term_ends_on": "2028-02-28",
            "document": "工字〔2026〕3号",
            "reason": "党组会决定",
        },
    )
    assert done.status_code == 302
    page = admin_client.get(f"/admin/instructors/inspect/{instructor.pk}/").content.decode()
    assert "工字〔2026〕3号" in page and "2028-02-28" in page and "党组会决定" in page


def _instructor_user(fed):
    with context.federation_context(fed):
        user = get_user_model().objects.create_user(username="instructor@a.test", password=PASSWORD)
        user.groups.add(Group.objects.get(name="集体协商指导员"))
    return user


def test_the_phone_page_is_the_signed_in_instructors_own(client_a, fed_a):
    user = _instructor_user(fed_a)
    sign_in(client_a, "instructor@a.test")
    # No instructor record yet: refused (the admin sends the person home).
    assert client_a.get("/admin/my-work/").status_code in (302, 403)
    with context.federation_context(fed_a):
        instructor = _instructor(user=user)
        mine = f.enterprise(region_code="230803", name="我的片区有限公司")
        other = f.enterprise(region_code="230805", name="别人片区有限公司")
    page = client_a.get("/admin/my-work/").content.decode()
    assert "我的片区有限公司" in page and "别人片区有限公司" not in page
    refused = client_a.post(
        "/admin/my-work/visit/",
        {"enterprise": other.pk, "visited_on": str(TODAY), "topic": "走访", "outcome": "好"},
    )
    assert refused.status_code == 200
    logged = client_a.post(
        "/admin/my-work/visit/",
        {"enterprise": mine.pk, "visited_on": str(TODAY), "topic": "要约准备", "outcome": "好"},
    )
    assert logged.status_code == 302
    with context.federation_context(fed_a):
        visit = InstructorVisit.objects.get()
        assert (visit.instructor, visit.enterprise, visit.entered_by) == (instructor, mine, user)
    # The instructor reads, but does not assess, nor change the registry.
    assert client_a.get(f"/admin/instructors/{instructor.pk}/assess/").status_code in (302, 403)
    assert client_a.get(f"/admin/instructors/{instructor.pk}/renew/").status_code in (302, 403)


def test_the_home_panel_links_each_instructor_to_their_sheet(admin_client, fed_a):
    with context.federation_context(fed_a):
        instructor = _instructor()
    home = admin_client.get("/admin/").content.decode()
    assert "指导员目标完成情况" in home
    assert f"/admin/instructors/{instructor.pk}/sheet/" in home


def test_attendees_and_certificates_from_the_sessions_page(admin_client, fed_a):
    with context.federation_context(fed_a):
        session = NegotiatorTraining.objects.create(
            held_on=dt.date(2026, 3, 1), topic="协商代表培训", organiser="市总工会", hours=8
        )
    added = admin_client.post(
        f"/admin/negotiator_trainings/{session.pk}/attendees/add/", {"name": "孙红梅"}
    )
    assert added.status_code == 302
    with context.federation_context(fed_a):
        attendee = session.attendees.get()
    issued = admin_client.post(
        f"/admin/negotiator_trainings/attendees/{attendee.pk}/certificate/",
        {
            "number": "XS-9",
            "issued_on": "2026-03-05",
            "expires_on": str(TODAY + dt.timedelta(days=10)),
        },
    )
    assert issued.status_code == 302
    page = admin_client.get(f"/admin/negotiator_trainings/inspect/{session.pk}/").content.decode()
    assert "XS-9" in page and "孙红梅" in page
    expiring = admin_client.get("/admin/certificates/?expiring=30").content.decode()
    assert "XS-9" in expiring
    assert (
        "XS-9" not in admin_client.get("/admin/certificates/?expiring=30&q=none").content.decode()
    )
