"""Instructors' work (issue 18 item 6): appointment, renewal and end with their history; the
assignment by name before the area; visits from the phone only for one's own enterprises; the
yearly assessment; whole rounds counted against the profile's target."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from compliance.models import EnterpriseAssignment, Instructor, InstructorAssessment
from compliance.selectors.instructors import (
    Proposal,
    assessment_sheet,
    instructor_target,
    instructors_against_targets,
    my_enterprises,
    proposal_for,
    proposal_for_enterprise,
)
from compliance.services import bargaining
from compliance.services import instructors as work
from compliance.services.online_offers import _instructor_for
from tests.factories import compliance as f
from tests.factories.enterprise_accounts import profile_set

pytestmark = pytest.mark.usefixtures("in_a")

TODAY = timezone.localdate()


def _appointed(name="钱卫东", areas=("230803",), *, end=None):
    instructor = Instructor.objects.create(name=name, areas=list(areas))
    return work.instructor_appoint(
        instructor_id=instructor.pk,
        appointed_on=TODAY - dt.timedelta(days=400),
        term_ends_on=end or TODAY + dt.timedelta(days=300),
        document="工字〔2025〕3号",
        reason="市总工会党组会议决定",
    )


def test_appointment_renewal_and_end_each_leave_their_reason_in_the_history():
    instructor = _appointed()
    new_end = TODAY + dt.timedelta(days=1000)
    work.instructor_renew(
        instructor_id=instructor.pk,
        term_ends_on=new_end,
        document="工字〔2026〕9号",
        reason="考核优秀",
    )
    instructor.refresh_from_db()
    assert (
        instructor.term_ends_on == new_end and instructor.appointment_document == "工字〔2026〕9号"
    )
    work.instructor_end(instructor_id=instructor.pk, ended_on=TODAY, reason="本人辞任")
    instructor.refresh_from_db()
    assert not instructor.active and instructor.term_ends_on == TODAY
    reasons = [h.history_change_reason for h in instructor.history.order_by("history_date")]
    assert reasons[-3].startswith("Appointed until") or reasons[-3].startswith("聘任至")
    assert "考核优秀" in reasons[-2] and "本人辞任" in reasons[-1]


def test_a_renewal_must_end_after_the_current_term_and_name_its_document():
    instructor = _appointed()
    with pytest.raises(ValidationError) as error:
        work.instructor_renew(
            instructor_id=instructor.pk,
            term_ends_on=instructor.term_ends_on,
            document="工字〔2026〕9号",
            reason="续聘",
        )
    assert "term_ends_on" in error.value.error_dict
    with pytest.raises(ValidationError):
        work.instructor_renew(
            instructor_id=instructor.pk,
            term_ends_on=instructor.term_ends_on + dt.timedelta(days=365),
            document=" ",
            reason="续聘",
        )
    with pytest.raises(ValidationError):
        work.instructor_renew(
            instructor_id=instructor.pk,
            term_ends_on=instructor.term_ends_on + dt.timedelta(days=365),
            document="工字〔2026〕9号",
            reason="",
        )


def test_an_instructor_whose_term_has_ended_is_not_proposed():
    ended = _appointed(end=TODAY - dt.timedelta(days=1))
    assert proposal_for(region_code="230803") == Proposal()
    with pytest.raises(ValidationError):
        bargaining.round_assign_instructor(
            round_id=f.offered_round().pk, instructor=ended, reason="分片包干"
        )
    current = _appointed("孙立华", end=TODAY)  # the last day of the term still counts
    assert proposal_for(region_code="230803") == Proposal((current.pk,), current.pk)


def test_an_enterprise_assigned_by_name_proposes_its_instructor_before_the_area():
    area = _appointed("钱卫东", areas=("230803",))
    named = _appointed("孙立华", areas=("230805",))
    ent = f.enterprise(region_code="230803")
    assert proposal_for_enterprise(enterprise=ent).proposed == area.pk
    work.enterprise_assign(enterprise_id=ent.pk, instructor_id=named.pk, reason="重点企业专人包干")
    assert proposal_for_enterprise(enterprise=ent) == Proposal((named.pk,), named.pk)
    assert _instructor_for(ent) == named
    # Moving it to the same instructor again is refused; taking it back restores the area.
    with pytest.raises(ValidationError):
        work.enterprise_assign(enterprise_id=ent.pk, instructor_id=named.pk, reason="重复")
    assignment = EnterpriseAssignment.objects.get(enterprise=ent)
    work.enterprise_unassign(assignment_id=assignment.pk, reason="调整分工")
    assert proposal_for_enterprise(enterprise=ent).proposed == area.pk


def test_an_ended_instructor_is_not_assigned_an_enterprise():
    instructor = _appointed()
    work.instructor_end(instructor_id=instructor.pk, ended_on=TODAY, reason="解聘")
    with pytest.raises(ValidationError) as error:
        work.enterprise_assign(
            enterprise_id=f.enterprise().pk, instructor_id=instructor.pk, reason="分工"
        )
    assert "instructor" in error.value.error_dict


def test_from_the_phone_an_instructor_logs_visits_only_to_their_own_enterprises():
    instructor = _appointed(areas=("230803",))
    other = _appointed("孙立华", areas=("230805",))
    mine = f.enterprise(region_code="230803")
    theirs = f.enterprise(region_code="230805")
    taken = f.enterprise(region_code="230803")  # in my area, but assigned to the other by name
    work.enterprise_assign(enterprise_id=taken.pk, instructor_id=other.pk, reason="专人包干")
    assert set(my_enterprises(instructor)) == {mine}
    visit = work.visit_record(
        instructor=instructor,
        enterprise=mine,
        visited_on=TODAY,
        topic="要约准备",
        outcome="工会已起草要约书",
        own_enterprises_only=True,
    )
    assert visit.history.first().history_change_reason
    for enterprise in (theirs, taken):
        with pytest.raises(ValidationError) as error:
            work.visit_record(
                instructor=instructor,
                enterprise=enterprise,
                visited_on=TODAY,
                topic="走访",
                outcome="—",
                own_enterprises_only=True,
            )
        assert "enterprise" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        work.visit_record(
            instructor=instructor,
            enterprise=mine,
            visited_on=TODAY + dt.timedelta(days=1),
            topic="走访",
            outcome="—",
        )
    assert "visited_on" in error.value.error_dict


def test_the_target_is_the_profiles_parameter_and_whole_rounds_count_effective_rounds():
    assert instructor_target() == 4
    instructor = _appointed()
    r = f.round_at("effective", instructor=instructor)
    f.round_at("signed")  # not effective: not a whole round
    year = r.effective_date.year
    sheet = assessment_sheet(instructor=instructor, year=year)
    assert [x.pk for x in sheet.whole_rounds] == [r.pk] and not sheet.meets_target
    profile_set("instructor_target", "1", "count")
    assert assessment_sheet(instructor=instructor, year=year).meets_target
    assert assessment_sheet(instructor=instructor, year=year - 1).whole_rounds == []


def test_the_sheet_counts_visits_training_and_the_enterprises_in_care():
    instructor = _appointed(areas=("230803",))
    a, b = f.enterprise(region_code="230803"), f.enterprise(region_code="230803")
    f.enterprise(region_code="230805")
    for enterprise in (a, a, b):
        work.visit_record(
            instructor=instructor,
            enterprise=enterprise,
            visited_on=TODAY,
            topic="走访",
            outcome="好",
        )
    work.training_given_record(
        instructor=instructor, held_on=TODAY, topic="要约书写作", audience="工会主席", attendees=30
    )
    sheet = assessment_sheet(instructor=instructor, year=TODAY.year)
    assert (len(sheet.visits), sheet.enterprises_visited) == (3, 2)
    assert (len(sheet.trainings), sheet.trained_people) == (1, 30)
    assert (sheet.enterprises, sheet.enterprises_in_force) == (2, 0)
    assert sheet.coverage_percent == 0


def test_a_yearly_assessment_is_one_per_year_and_a_regrade_needs_a_reason():
    instructor = _appointed()
    work.assessment_record(
        instructor_id=instructor.pk, year=TODAY.year, grade="competent", comment="完成任务"
    )
    with pytest.raises(ValidationError):
        work.assessment_record(
            instructor_id=instructor.pk, year=TODAY.year, grade="excellent", comment="补充材料"
        )
    work.assessment_record(
        instructor_id=instructor.pk,
        year=TODAY.year,
        grade="excellent",
        comment="补充材料后复核",
        reason="补充了两次完整协商的材料",
    )
    assessment = InstructorAssessment.objects.get(instructor=instructor, year=TODAY.year)
    assert assessment.grade == "excellent"
    assert assessment.history.first().history_change_reason == "补充了两次完整协商的材料"
    with pytest.raises(ValidationError):
        work.assessment_record(
            instructor_id=instructor.pk, year=TODAY.year + 1, grade="competent", comment="x"
        )


def test_the_home_panel_rows_put_who_is_furthest_behind_first():
    behind = _appointed("钱卫东")
    ahead = _appointed("孙立华")
    r = f.round_at("effective", instructor=ahead)
    day = r.effective_date
    rows = instructors_against_targets(today=day)
    assert [(row.instructor, row.whole_rounds) for row in rows] == [(behind, 0), (ahead, 1)]
    quarter = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    work.visit_record(
        instructor=behind, enterprise=f.enterprise(), visited_on=quarter, topic="走访", outcome="好"
    )
    assert rows[0].target == 4
    assert instructors_against_targets(today=day)[0].visits_this_quarter == 1
