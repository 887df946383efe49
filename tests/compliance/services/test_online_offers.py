"""The offer, the answer and the bargaining steps entered by the enterprise's users (issue 17
items 2 and 3): through the bargaining services, with who may do which, the notifications each
step sends (once) and the reminders of the answer owed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from compliance.models import (
    BargainingRound,
    Instructor,
    Notification,
    OnlineOffer,
    Representative,
    RoundDocument,
)
from compliance.selectors.dashboard import exposure_list
from compliance.selectors.online_offers import entered_by, round_steps
from compliance.services import online_offers as svc
from tests.factories.compliance import enterprise
from tests.factories.enterprise_accounts import enterprise_user
from tests.factories.users import user_with_permissions

pytestmark = pytest.mark.usefixtures("in_a")

TODAY = dt.date(2026, 3, 2)  # a Monday
UNION_REPS = [
    {"name": "王立新", "identity": "E1", "is_chief": True},
    {"name": "李春梅", "identity": "E2"},
    {"name": "赵国强", "identity": "E3"},
]
EMPLOYER_REPS = [
    {"name": "陈志远", "identity": "M1", "is_chief": True},
    {"name": "刘晓燕", "identity": "M2"},
    {"name": "孙浩", "identity": "M3"},
]


def _pdf(name="minutes.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 signed", content_type="application/pdf")


@pytest.fixture
def people():
    ent = enterprise(name="协商测试有限公司", employees=200, union_members=150)
    officer, _ = enterprise_user(ent, side="union")
    contact, _ = enterprise_user(ent, side="employer")
    staff = user_with_permissions("instructor@a.test", "view_bargaininground")
    # The instructor covering the enterprise's area (分片包干) is assigned to its offers.
    instructor = Instructor.objects.create(name="周指导", user=staff, areas=[ent.region_code])
    return {"ent": ent, "officer": officer, "contact": contact, "instructor": instructor}


def _send(people, **overrides):
    values = {
        "user": people["officer"],
        "kind": "wages",
        "proposed_at": timezone.make_aware(dt.datetime(2026, 3, 16, 9, 30)),
        "place": "公司三楼会议室",
        "agenda": "工资调整幅度；最低工资标准",
        "representatives": UNION_REPS,
        "today": TODAY,
    }
    values.update(overrides)
    return svc.offer_send(**values)


def test_an_offer_sent_online_opens_the_round_received_today(people):
    offer = _send(people)
    round_ = offer.round
    assert round_.status == "offered" and round_.offered_by == "union"
    assert round_.offer_date == round_.offer_received_date == TODAY
    assert round_.reply_due > TODAY and round_.reply_due_rule
    assert round_.instructor == people["instructor"]
    assert offer.delivery == "online" and offer.union_representatives[0]["name"] == "王立新"
    assert offer.history.first().history_user == people["officer"]
    # The employer's contact is told, with a link to the round in the area.
    (note,) = Notification.objects.filter(recipient=people["contact"])
    assert note.link == f"/enterprise/rounds/{round_.pk}/" and "要约" in note.text
    assert not Notification.objects.filter(recipient=people["officer"]).exists()


def test_a_second_offer_is_refused_while_a_round_is_under_way(people):
    _send(people)
    with pytest.raises(ValidationError) as caught:
        _send(people, user=people["contact"], representatives=EMPLOYER_REPS)
    assert caught.value.code == "under_way"
    assert BargainingRound.objects.filter(enterprise=people["ent"]).count() == 1


def test_the_sender_sides_representatives_are_checked_on_their_own(people):
    with pytest.raises(ValidationError) as caught:
        _send(people, representatives=UNION_REPS[:2])
    assert "至少" in " ".join(caught.value.messages) or "at least" in " ".join(
        caught.value.messages
    )
    no_chief = [{**r, "is_chief": False} for r in UNION_REPS]
    with pytest.raises(ValidationError):
        _send(people, representatives=no_chief)
    assert not BargainingRound.objects.filter(enterprise=people["ent"]).exists()


def test_a_paper_offer_keeps_its_scan_and_runs_the_deadline_from_receipt(people):
    offer = svc.offer_record_paper(
        user=people["officer"],
        kind="comprehensive",
        sent_on=dt.date(2026, 2, 24),
        received_on=dt.date(2026, 2, 26),
        scan=_pdf("offer.pdf"),
        today=TODAY,
    )
    round_ = offer.round
    assert round_.offer_received_date == dt.date(2026, 2, 26)
    assert round_.documents.get().kind == RoundDocument.Kind.OFFER_LETTER
    with pytest.raises(ValidationError):
        svc.offer_record_paper(
            user=people["contact"],
            kind="comprehensive",
            sent_on=dt.date(2026, 2, 24),
            received_on=dt.date(2026, 2, 26),
            scan=_pdf(),
            today=TODAY,
        )


def test_a_scan_that_is_not_what_it_says_is_refused_and_nothing_is_recorded(people):
    fake = SimpleUploadedFile("offer.pdf", b"MZ not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        svc.offer_record_paper(
            user=people["officer"],
            kind="comprehensive",
            sent_on=TODAY,
            received_on=TODAY,
            scan=fake,
            today=TODAY,
        )
    assert not BargainingRound.objects.filter(enterprise=people["ent"]).exists()


def test_only_the_receiving_side_answers(people):
    offer = _send(people)
    with pytest.raises(ValidationError):
        svc.offer_answer(
            user=people["officer"],
            round_id=offer.round_id,
            accepted=True,
            representatives=UNION_REPS,
            today=TODAY,
        )


def test_acceptance_with_representatives_sets_both_sides_and_notifies(people):
    offer = _send(people)
    round_ = offer.round
    svc.offer_answer(
        user=people["contact"],
        round_id=round_.pk,
        accepted=True,
        representatives=EMPLOYER_REPS,
        counter_place="公司一楼会议室",
        today=TODAY + dt.timedelta(days=3),
    )
    round_.refresh_from_db()
    offer.refresh_from_db()
    assert round_.status == "negotiating" and round_.reply_date == TODAY + dt.timedelta(days=3)
    assert round_.employee_chief == "王立新" and round_.employer_chief == "陈志远"
    assert round_.representatives.count() == 6
    assert offer.answered_by == people["contact"] and offer.counter_place == "公司一楼会议室"
    officer_note = Notification.objects.get(recipient=people["officer"])
    assert "接受" in officer_note.text
    instructor_note = Notification.objects.get(
        recipient=people["instructor"].user, key=f"round:{round_.pk}:reply"
    )
    assert instructor_note.link == reverse("bargaining_rounds:inspect", args=[round_.pk])


def test_unequal_sides_are_refused_at_acceptance_and_nothing_changes(people):
    offer = _send(people)
    four = [*EMPLOYER_REPS, {"name": "钱多多", "identity": "M4"}]
    with pytest.raises(ValidationError):
        svc.offer_answer(
            user=people["contact"],
            round_id=offer.round_id,
            accepted=True,
            representatives=four,
            today=TODAY,
        )
    offer.round.refresh_from_db()
    assert offer.round.status == "offered"


def test_refusal_needs_a_reason_and_puts_the_round_on_the_exposure_list(people):
    offer = _send(people)
    with pytest.raises(ValidationError):
        svc.offer_answer(
            user=people["contact"], round_id=offer.round_id, accepted=False, today=TODAY
        )
    svc.offer_answer(
        user=people["contact"],
        round_id=offer.round_id,
        accepted=False,
        refusal_reason="生产任务繁忙",
        today=TODAY,
    )
    offer.refresh_from_db()
    assert offer.round.status == "refused" and offer.refusal_reason == "生产任务繁忙"
    assert offer.round in exposure_list(today=TODAY)
    # The round has ended: a new offer may be made.
    assert svc.round_under_way(people["ent"]) is None


def test_another_enterprises_round_is_not_found(people):
    offer = _send(people)
    other = enterprise(name="别家有限公司")
    stranger, _ = enterprise_user(other, side="employer")
    with pytest.raises(BargainingRound.DoesNotExist):
        svc.offer_answer(
            user=stranger,
            round_id=offer.round_id,
            accepted=False,
            refusal_reason="x",
            today=TODAY,
        )


def _negotiating(people):
    offer = _send(people)
    round_ = offer.round
    svc.offer_answer(
        user=people["contact"],
        round_id=round_.pk,
        accepted=True,
        representatives=EMPLOYER_REPS,
        today=TODAY,
    )
    return round_


def test_each_side_renames_its_own_and_the_round_follows(people):
    round_ = _negotiating(people)
    renamed = [*UNION_REPS[:2], {"name": "钱学明", "identity": "E9"}]
    assert svc.side_representatives_set(
        user=people["officer"], round_id=round_.pk, representatives=renamed, today=TODAY
    )
    names = set(round_.representatives.filter(side="employee").values_list("name", flat=True))
    assert "钱学明" in names and "赵国强" not in names
    # The employer side is untouched.
    assert round_.representatives.filter(side="employer").count() == 3


def test_the_steps_through_the_services_with_uploads_and_who_entered_them(people):
    round_ = _negotiating(people)
    svc.step_publish_representatives(
        user=people["officer"], round_id=round_.pk, published_on=TODAY, today=TODAY
    )
    meeting = svc.step_record_meeting(
        user=people["contact"],
        round_id=round_.pk,
        held_on=TODAY,
        place="会议室",
        summary="工资增长5%",
        minutes=_pdf(),
        today=TODAY,
    )
    assert meeting.minutes_signed_by_all
    assert round_.documents.filter(kind="minutes").count() == 1
    # The congress vote is the union side's.
    with pytest.raises(ValidationError):
        svc.step_record_vote(
            user=people["contact"],
            round_id=round_.pk,
            held_on=TODAY,
            total=100,
            present=80,
            in_favour=70,
            resolution=_pdf("r.pdf"),
            today=TODAY,
        )
    vote = svc.step_record_vote(
        user=people["officer"],
        round_id=round_.pk,
        held_on=TODAY,
        total=100,
        present=80,
        in_favour=70,
        resolution=_pdf("r.pdf"),
        today=TODAY,
    )
    assert vote.passed
    contract = svc.step_sign(
        user=people["contact"],
        round_id=round_.pk,
        signed_on=TODAY,
        title="2026年工资专项集体合同",
        starts_on=dt.date(2026, 4, 1),
        ends_on=dt.date(2029, 3, 31),
        covered_employees=200,
        today=TODAY,
    )
    round_.refresh_from_db()
    assert round_.status == "signed" and contract.round == round_
    # The instructor was told of every step, each once.
    keys = set(
        Notification.objects.filter(recipient=people["instructor"].user).values_list(
            "key", flat=True
        )
    )
    assert {f"round:{round_.pk}:{e}" for e in ("offer", "reply", f"meeting:{meeting.pk}")} <= keys
    assert f"round:{round_.pk}:vote:{vote.pk}" in keys
    # Who entered what: the back office's round page and the area's steps say so.
    who = entered_by(round_=round_)
    assert "工会方" in who["vote"][vote.pk] and "企业行政方" in who["meeting"][meeting.pk]
    assert any("工资" not in s.what and "企业行政方" in s.who for s in round_steps(round_=round_))


def test_a_failed_vote_keeps_bargaining_and_says_why(people):
    round_ = _negotiating(people)
    svc.step_record_meeting(
        user=people["officer"],
        round_id=round_.pk,
        held_on=TODAY,
        place="会议室",
        summary="",
        minutes=_pdf(),
        today=TODAY,
    )
    vote = svc.step_record_vote(
        user=people["officer"],
        round_id=round_.pk,
        held_on=TODAY,
        total=100,
        present=50,
        in_favour=50,
        resolution=_pdf("r.pdf"),
        today=TODAY,
    )
    round_.refresh_from_db()
    assert not vote.passed and vote.explanation and round_.status == "negotiating"


def test_a_step_the_round_does_not_allow_shows_the_services_message(people):
    round_ = _send(people).round
    with pytest.raises(ValidationError) as caught:
        svc.step_record_meeting(
            user=people["officer"],
            round_id=round_.pk,
            held_on=TODAY,
            place="会议室",
            summary="",
            minutes=_pdf(),
            today=TODAY,
        )
    assert caught.value.messages
    assert not round_.documents.exists()


def test_the_side_that_owes_the_answer_is_reminded_once_per_moment(people):
    offer = _send(people)
    round_ = offer.round
    due = round_.reply_due
    before = due - dt.timedelta(days=1)
    assert svc.offer_reminders_send(today=before) == 1
    assert svc.offer_reminders_send(today=before) == 0  # once
    assert svc.offer_reminders_send(today=due) == 1
    reminders = Notification.objects.filter(recipient=people["contact"], key__contains="reminder")
    assert reminders.count() == 2
    # The sender is not reminded of the other side's answer.
    assert not Notification.objects.filter(
        recipient=people["officer"], key__contains="reminder"
    ).exists()


def test_no_reminder_once_answered(people):
    offer = _send(people)
    svc.offer_answer(
        user=people["contact"],
        round_id=offer.round_id,
        accepted=False,
        refusal_reason="不同意",
        today=TODAY,
    )
    assert svc.offer_reminders_send(today=offer.round.reply_due) == 0


def test_representatives_of_the_offer_stay_until_both_sides_named(people):
    offer = _send(people)
    assert not Representative.objects.filter(round=offer.round).exists()
    assert OnlineOffer.objects.get(round=offer.round).employer_representatives == []
