"""The monthly meeting (月例会, issue 18 item 4): the meeting and its invitations, the outcomes,
next month's proposal and the meeting created from it, the progress report."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import translation
from django.utils.translation import gettext

from compliance.models import MonthlyMeeting
from compliance.selectors.monthly_meetings import (
    meeting_proposal,
    progress_report,
    this_months_pipeline,
)
from compliance.services import bargaining
from compliance.services.contracts import contract_register_existing
from compliance.services.monthly_meetings import (
    invitation_add,
    invitation_record,
    meeting_create,
    meeting_create_from_proposal,
    meeting_update,
)
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a", "in_english")


@pytest.fixture
def in_english():
    """The reasons are read in English (another test may leave Chinese active)."""
    with translation.override("en"):
        yield


OCT = dt.date(2026, 10, 15)
NOV = dt.date(2026, 11, 12)


def _meeting(enterprises=(), held_on=OCT, **kwargs):
    return meeting_create(
        held_on=held_on, place="高新区总工会", chair="张主席", enterprises=enterprises, **kwargs
    )


def test_a_meeting_belongs_to_its_month_and_keeps_who_and_why():
    e = f.enterprise()
    meeting = _meeting([(e, "百人以上未签约")])
    assert meeting.month == dt.date(2026, 10, 1)
    invitation = meeting.invitations.get()
    assert invitation.invited_because == "百人以上未签约"
    reason = invitation.history.first().history_change_reason
    assert reason == gettext("Invited to the monthly meeting")


def test_a_second_meeting_in_the_same_month_is_refused_with_a_message():
    _meeting()
    with pytest.raises(ValidationError) as exc:
        _meeting(held_on=dt.date(2026, 10, 28))
    assert "2026-10" in str(exc.value)
    assert MonthlyMeeting.objects.count() == 1


def test_a_meeting_is_held_within_its_month():
    meeting = _meeting()
    with pytest.raises(ValidationError):
        meeting_update(
            meeting_id=meeting.pk,
            held_on=NOV,
            place="",
            chair="",
            minutes="",
            reason="改期",
        )
    meeting.refresh_from_db()
    assert meeting.held_on == OCT


def test_an_enterprise_is_invited_once_per_meeting():
    e = f.enterprise()
    meeting = _meeting([(e, "")])
    with pytest.raises(ValidationError):
        invitation_add(meeting=meeting, enterprise=e)
    assert meeting.invitations.count() == 1


def test_a_minutes_file_that_is_not_what_it_says_is_refused():
    with pytest.raises(ValidationError) as exc:
        _meeting(minutes_file=ContentFile(b"MZ\x90\x00", name="minutes.pdf"))
    assert "minutes_file" in exc.value.error_dict
    assert not MonthlyMeeting.objects.exists()


def test_recording_an_outcome_keeps_the_reason_and_a_no_change_is_no_history():
    meeting = _meeting([(f.enterprise(), "")])
    invitation = meeting.invitations.get()
    recorded = invitation_record(
        invitation_id=invitation.pk,
        attendance="came",
        outcome="guided",
        action="second_offer",
        note="工资议题未定",
        reason="月例会后登记",
    )
    assert recorded.history.first().history_change_reason == "月例会后登记"
    rows = invitation.history.count()
    assert (
        invitation_record(
            invitation_id=invitation.pk,
            attendance="came",
            outcome="guided",
            action="second_offer",
            note="工资议题未定",
        )
        is None
    )
    assert invitation.history.count() == rows


def test_an_unknown_outcome_is_refused():
    meeting = _meeting([(f.enterprise(), "")])
    with pytest.raises(ValidationError):
        invitation_record(
            invitation_id=meeting.invitations.get().pk, attendance="came", outcome="won"
        )


def _scenario():
    sizes = (300, 250, 200, 180)
    guided, absent, completed, came_added = (f.enterprise(employees=n) for n in sizes)
    meeting = _meeting([(e, "") for e in (guided, absent, completed, came_added)])
    outcomes = {
        guided.pk: ("came", "guided"),
        absent.pk: ("absent", ""),
        completed.pk: ("came", "completed"),
        came_added.pk: ("delegate", "added"),
    }
    for invitation in meeting.invitations.all():
        attendance, outcome = outcomes[invitation.enterprise_id]
        invitation_record(invitation_id=invitation.pk, attendance=attendance, outcome=outcome)
    new_key = f.enterprise(employees=400)
    small = f.enterprise(employees=40, union_members=10)  # not key
    no_union = f.enterprise(employees=500, union_established=False, union_members=0)
    busy = f.enterprise(employees=600)
    f.offered_round(busy)
    covered = f.enterprise(employees=700)
    contract_register_existing(
        data={
            "enterprise": covered,
            "title": "集体合同",
            "starts_on": dt.date(2026, 1, 1),
            "ends_on": dt.date(2028, 12, 31),
            "as_of": OCT,
        }
    )
    return meeting, locals()


def test_the_proposal_reinvites_guided_added_and_absent_adds_new_key_ones_drops_completed():
    meeting, e = _scenario()
    proposal = {p.enterprise.pk: p for p in meeting_proposal(meeting=meeting, as_of=NOV)}
    assert set(proposal) == {e["guided"].pk, e["absent"].pk, e["came_added"].pk, e["new_key"].pk}
    assert "pipeline" in proposal[e["came_added"].pk].reasons[0]
    assert "Guided" in proposal[e["guided"].pk].reasons[0]
    assert "Absent" in proposal[e["absent"].pk].reasons[0]
    assert "400" in proposal[e["new_key"].pk].reasons[0]
    assert all(p.ticked for p in proposal.values())


def test_next_months_meeting_is_created_from_the_ticked_proposal_with_the_reasons():
    meeting, e = _scenario()
    created = meeting_create_from_proposal(
        meeting_id=meeting.pk,
        enterprise_ids=[e["guided"].pk, e["new_key"].pk],
        held_on=NOV,
        as_of=NOV,
    )
    assert created.month == dt.date(2026, 11, 1) and created.proposed_from == meeting
    invited = {i.enterprise_id: i.invited_because for i in created.invitations.all()}
    assert set(invited) == {e["guided"].pk, e["new_key"].pk}
    assert "Guided" in invited[e["guided"].pk]


def test_an_enterprise_not_proposed_cannot_be_slipped_in():
    meeting, e = _scenario()
    with pytest.raises(ValidationError):
        meeting_create_from_proposal(
            meeting_id=meeting.pk, enterprise_ids=[e["completed"].pk], held_on=NOV, as_of=NOV
        )
    assert not MonthlyMeeting.objects.filter(month=dt.date(2026, 11, 1)).exists()


def test_next_months_meeting_must_be_held_next_month():
    meeting, e = _scenario()
    with pytest.raises(ValidationError):
        meeting_create_from_proposal(
            meeting_id=meeting.pk,
            enterprise_ids=[e["guided"].pk],
            held_on=dt.date(2026, 12, 3),
            as_of=NOV,
        )


def test_the_progress_report_compares_with_the_previous_month_and_the_year():
    meeting, e = _scenario()
    nov = meeting_create_from_proposal(
        meeting_id=meeting.pk, enterprise_ids=[e["guided"].pk], held_on=NOV, as_of=NOV
    )
    invitation_record(
        invitation_id=nov.invitations.get().pk, attendance="came", outcome="completed"
    )
    bargaining.round_offer(
        enterprise=e["absent"],
        offered_by="union",
        offer_date=dt.date(2026, 11, 3),
        on_behalf="offer",
        on_behalf_reason="no_chair",
        on_behalf_by="高新区总工会法律部",
    )
    rows = {row.key: row for row in progress_report(month=NOV).rows}
    assert (rows["meetings"].month, rows["meetings"].previous, rows["meetings"].year_to_date) == (
        1,
        1,
        2,
    )
    assert (rows["invited"].month, rows["invited"].previous, rows["invited"].change) == (1, 4, -3)
    assert (rows["completed"].month, rows["completed"].year_to_date) == (1, 2)
    assert rows["absent"].previous == 1
    assert (rows["offers"].month, rows["on_behalf"].month) == (1, 1)
    assert rows["offers"].previous == 0


def test_the_pipeline_counts_this_months_meeting_and_offers_awaiting_a_reply():
    meeting, _e = _scenario()
    pipeline = this_months_pipeline(today=dt.date(2026, 10, 30))
    assert pipeline.meeting == meeting
    assert (pipeline.counts["invited"], pipeline.counts["attended"]) == (4, 3)
    assert pipeline.counts["completed"] == 1 and pipeline.awaiting_reply == 1
    assert this_months_pipeline(today=NOV).meeting is None
