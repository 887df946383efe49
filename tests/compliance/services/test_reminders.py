"""Bargaining and contract deadline reminders (R1, R16, R20/R21, R23, R29): before, on and after
each day, recorded once per deadline and moment, nothing once the deadline is met, each e-mail
sent once with a stable Message-ID, to the staff responsible."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.mail import EmailMessage
from django.db import connection
from wagtail.users.models import UserProfile

from compliance.models import BargainingRound, DeadlineReminder, Instructor
from compliance.rules.presets import Key
from compliance.selectors.profile import deadline_for
from compliance.services import bargaining, contracts
from compliance.services.reminders import (
    bargaining_reminders_record,
    bargaining_reminders_send,
    deadline_reminder_message_id,
)
from compliance.tasks import bargaining_daily_sweep
from tenants import context
from tests.conftest import SPEC_A
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")
ONE = dt.timedelta(days=1)


def _user(name: str, **extra):
    return get_user_model().objects.create_user(
        username=name, email=f"{name}@a.test", password="x" * 12, **extra
    )


@pytest.fixture
def clerk():
    return _user("clerk", first_name="明", last_name="张")


def _moments(**filters) -> list[tuple[str, dt.date]]:
    rows = DeadlineReminder.objects.filter(**filters).order_by("created_at", "pk")
    return list(rows.values_list("moment", "due_on"))


def _record_twice(day: dt.date) -> None:
    for _run in range(2):  # a redelivered task
        bargaining_reminders_record(today=day)


# --- R1: the reply to an offer -----------------------------------------------------------------


def test_offer_reply_is_reminded_before_on_and_after_its_day_exactly_once(clerk):
    round_ = f.offered_round(user=clerk)
    due = round_.reply_due
    assert due == dt.date(2026, 3, 23)  # 20 days from 03-02 end on a Sunday: the next Monday
    mail.outbox.clear()
    for day in (due - 4 * ONE, due - 3 * ONE, due - ONE, due, due + ONE, due + 2 * ONE):
        for _run in range(2):  # the task delivered twice
            bargaining_daily_sweep.apply(kwargs={"today": day.isoformat()}).get()
        if day == due - 4 * ONE:
            assert not DeadlineReminder.objects.exists()  # 4 days ahead, the lead is 3: not yet
    assert _moments(round=round_) == [("before", due), ("at", due), ("overdue", due)]
    assert set(DeadlineReminder.objects.values_list("kind", flat=True)) == {"offer_reply"}
    assert len(mail.outbox) == 3
    assert {tuple(m.to) for m in mail.outbox} == {("clerk@a.test",)}
    round_.refresh_from_db()
    assert round_.status == "no_reply"  # still unanswered: the overdue reminder went out
    # Each reminder is also in the clerk's notifications, once, marked e-mailed, linking to the
    # round's admin page.
    notes = list(clerk.notifications.order_by("pk"))
    assert [n.text for n in notes] == [m.subject for m in mail.outbox]
    assert all(
        n.emailed_at and n.link == f"/admin/bargaining_rounds/inspect/{round_.pk}/" for n in notes
    )


def test_a_reply_stops_the_reminders(clerk):
    round_ = f.offered_round(user=clerk)
    due = round_.reply_due
    bargaining_reminders_record(today=due - 3 * ONE)
    bargaining.round_reply(round_id=round_.pk, accepted=True, reply_date=due - 2 * ONE)
    _record_twice(due)
    _record_twice(due + ONE)
    assert _moments(round=round_) == [("before", due)]


def test_a_late_acceptance_stops_the_reminders_too(clerk):
    round_ = f.offered_round(user=clerk)
    due = round_.reply_due
    bargaining.round_mark_no_reply(round_id=round_.pk, today=due + ONE)
    bargaining.round_reply(round_id=round_.pk, accepted=True, reply_date=due + ONE)
    _record_twice(due + 2 * ONE)
    assert not DeadlineReminder.objects.exists()


def test_a_deadline_long_past_reminds_nobody(clerk):
    """An overdue reminder goes out on the first run after the day, if it comes within 30 days:
    a round entered long after its deadline is not reminded."""
    round_ = f.offered_round(user=clerk)
    due = round_.reply_due
    _record_twice(due + 31 * ONE)
    assert not DeadlineReminder.objects.exists()
    _record_twice(due + 30 * ONE)
    assert _moments(round=round_) == [("overdue", due)]


def test_a_missed_run_does_not_remind_the_moment_it_missed(clerk):
    round_ = f.offered_round(user=clerk)
    due = round_.reply_due
    _record_twice(due)  # no run in the three days before
    _record_twice(due + 5 * ONE)
    assert _moments(round=round_) == [("at", due), ("overdue", due)]


# --- R16: the submission after signing ---------------------------------------------------------


def test_submission_is_reminded_until_the_contract_is_submitted():
    round_ = f.round_at("signed")
    due = round_.submission_due
    assert due == dt.date(2026, 4, 20)  # 10 days from the signatures on 04-10
    _record_twice(due - 4 * ONE)
    assert not DeadlineReminder.objects.filter(kind="submission").exists()
    _record_twice(due - 3 * ONE)
    bargaining.round_review(
        round_id=round_.pk, stage="instructor", approved=True, reviewed_on=due - 2 * ONE
    )
    _record_twice(due - ONE)  # still awaiting submission after the instructor's review
    bargaining.round_review(
        round_id=round_.pk, stage="federation", approved=True, reviewed_on=due - ONE
    )
    bargaining.round_submit(round_id=round_.pk, submitted_on=due - ONE)
    _record_twice(due)
    _record_twice(due + ONE)
    assert _moments(kind="submission") == [("before", due)]


def test_submission_overdue_is_reminded_once():
    round_ = f.round_at("federation_approved")
    due = round_.submission_due
    _record_twice(due)
    _record_twice(due + ONE)
    _record_twice(due + 2 * ONE)
    assert _moments(kind="submission") == [("at", due), ("overdue", due)]


def test_a_changed_due_date_is_reminded_again():
    """The unique row is per due date: a deadline that moves (a new signature after an objection)
    reminds afresh, while the old date's reminder stays recorded."""
    round_ = f.round_at("signed")
    first_due = round_.submission_due
    _record_twice(first_due - 3 * ONE)
    moved = dt.date(2026, 5, 22)
    BargainingRound.objects.filter(pk=round_.pk).update(submission_due=moved)
    _record_twice(moved - 3 * ONE)
    _record_twice(moved - 3 * ONE)
    assert _moments(kind="submission") == [("before", first_due), ("before", moved)]


# --- R20/R21: the end of the review period -----------------------------------------------------


def test_end_of_review_is_reminded_before_and_on_its_day_then_the_contract_takes_effect():
    round_ = f.round_at("submitted")
    due = round_.review_due
    assert due == dt.date(2026, 4, 30)  # 15 days from receipt on 04-15
    for day in (due - 4 * ONE, due - 3 * ONE, due, due + ONE, due + 2 * ONE):
        bargaining_daily_sweep.apply(kwargs={"today": day.isoformat()}).get()
    assert _moments(kind="review_end") == [("before", due), ("at", due)]
    round_.refresh_from_db()
    assert round_.status == "effective"


def test_no_reminder_after_the_review_period_even_before_the_sweep_made_it_effective():
    round_ = f.round_at("submitted")
    _record_twice(round_.review_due + ONE)
    assert not DeadlineReminder.objects.filter(kind="review_end").exists()


def test_an_objection_ends_the_review_reminders():
    round_ = f.round_at("submitted")
    due = round_.review_due
    _record_twice(due - 3 * ONE)
    bargaining.round_record_objection(round_id=round_.pk, received_on=due - ONE, points="条款不全")
    _record_twice(due)
    assert _moments(kind="review_end") == [("before", due)]


# --- R23: publication to employees -------------------------------------------------------------


def _publication_due(contract) -> dt.date:
    return deadline_for(key=Key.PUBLISH_EFFECTIVE, start=contract.effective_on).due


def test_publication_is_reminded_before_on_and_after_its_day(clerk):
    contract = f.round_at("effective", user=clerk).contract
    due = _publication_due(contract)
    assert contract.effective_on == dt.date(2026, 4, 30)
    for day in (due - 4 * ONE, due - 3 * ONE, due, due + ONE, due + 2 * ONE):
        _record_twice(day)
        if day == due - 4 * ONE:
            assert not DeadlineReminder.objects.filter(kind="publication").exists()
    assert _moments(kind="publication") == [("before", due), ("at", due), ("overdue", due)]
    assert set(
        DeadlineReminder.objects.filter(kind="publication").values_list("recipient", flat=True)
    ) == {clerk.pk}


def test_publication_stops_the_reminders():
    contract = f.round_at("effective").contract
    due = _publication_due(contract)
    _record_twice(due - 3 * ONE)
    contracts.contract_publish(
        contract_id=contract.pk, published_on=due - ONE, publish_publicly=False
    )
    _record_twice(due)
    _record_twice(due + ONE)
    assert _moments(kind="publication") == [("before", due)]


# --- R29: renewal ------------------------------------------------------------------------------


def test_renewal_is_reminded_when_the_window_opens_on_expiry_and_after():
    contract = f.round_at("effective").contract  # ends 2029-04-30, window opens 2029-01-30
    assert contract.renewal_window_opens == dt.date(2029, 1, 30)
    end = contract.ends_on
    _record_twice(dt.date(2029, 1, 29))
    assert not DeadlineReminder.objects.filter(kind="renewal").exists()
    _record_twice(dt.date(2029, 1, 30))
    _record_twice(dt.date(2029, 3, 1))
    _record_twice(end - ONE)
    bargaining_daily_sweep.apply(kwargs={"today": end.isoformat()}).get()
    bargaining_daily_sweep.apply(kwargs={"today": (end + ONE).isoformat()}).get()
    contract.refresh_from_db()
    assert contract.status == "expired"  # expired, still not renewed: reminded once more
    _record_twice(end + 2 * ONE)
    assert _moments(kind="renewal") == [("before", end), ("at", end), ("overdue", end)]


def test_a_renewal_round_started_stops_the_renewal_reminders():
    contract = f.round_at("effective").contract
    _record_twice(dt.date(2029, 1, 30))
    bargaining.round_offer_renewal(contract_id=contract.pk, offer_date=dt.date(2029, 2, 1))
    _record_twice(contract.ends_on)
    _record_twice(contract.ends_on + ONE)
    assert _moments(kind="renewal") == [("before", contract.ends_on)]


def test_a_refused_renewal_offer_does_not_stop_them():
    contract = f.round_at("effective").contract
    renewal, _created = bargaining.round_offer_renewal(
        contract_id=contract.pk, offer_date=dt.date(2029, 2, 1)
    )
    bargaining.round_reply(round_id=renewal.pk, accepted=False, reply_date=dt.date(2029, 2, 5))
    _record_twice(contract.ends_on)
    assert _moments(kind="renewal") == [("at", contract.ends_on)]


def test_an_imported_contract_without_a_round_reminds_the_administrators():
    contract, _created = contracts.contract_register_existing(
        data={
            "enterprise": f.enterprise(),
            "title": "2024年集体合同",
            "starts_on": dt.date(2024, 1, 1),
            "ends_on": dt.date(2026, 12, 31),
            "filing_number": "甲工集备〔2024〕9号",
            "covered_employees": 150,
            "as_of": dt.date(2026, 10, 8),
        }
    )
    assert contract.renewal_window_opens == dt.date(2026, 9, 30)
    mail.outbox.clear()
    bargaining_reminders_record(today=dt.date(2026, 10, 8))
    assert bargaining_reminders_send() == 1
    reminder = DeadlineReminder.objects.get(contract=contract)
    assert (reminder.kind, reminder.moment, reminder.recipient) == ("renewal", "before", None)
    assert mail.outbox[0].to == [SPEC_A.admin_email]
    assert "administrator of the federation" in mail.outbox[0].body
    assert reminder.sent_to == SPEC_A.admin_email


# --- Who is reminded ---------------------------------------------------------------------------


def test_the_instructor_with_an_account_is_reminded_else_the_clerk(clerk):
    teacher = _user("teacher")
    with_account = Instructor.objects.create(name="李指导", user=teacher)
    without_account = Instructor.objects.create(name="王指导")
    retired = Instructor.objects.create(name="赵指导", user=_user("retired"), active=False)
    rounds = {
        name: f.offered_round(user=clerk, instructor=instructor)
        for name, instructor in (
            ("with", with_account),
            ("without", without_account),
            ("retired", retired),
            ("none", None),
        )
    }
    _record_twice(rounds["none"].reply_due)
    recipients = {
        name: DeadlineReminder.objects.get(round=r).recipient for name, r in rounds.items()
    }
    assert recipients == {"with": teacher, "without": clerk, "retired": clerk, "none": clerk}
    mail.outbox.clear()
    bargaining_reminders_send()
    to_teacher = [m for m in mail.outbox if m.to == ["teacher@a.test"]]
    assert len(to_teacher) == 1
    assert "instructor" in to_teacher[0].body


def test_a_round_opened_by_nobody_reminds_the_administrators():
    round_ = f.offered_round()
    assert round_.created_by is None
    _record_twice(round_.reply_due)
    mail.outbox.clear()
    bargaining_reminders_send()
    assert [m.to for m in mail.outbox] == [[SPEC_A.admin_email]]


def test_the_offer_records_who_opened_the_round(clerk):
    assert f.offered_round(user=clerk).created_by == clerk


# --- The e-mail --------------------------------------------------------------------------------


def test_the_mail_is_sent_once_with_a_stable_message_id(clerk):
    round_ = f.offered_round(user=clerk)
    bargaining_reminders_record(today=round_.reply_due)
    mail.outbox.clear()
    assert bargaining_reminders_send() == 1
    assert bargaining_reminders_send() == 0  # the task delivered again
    reminder = DeadlineReminder.objects.get(round=round_)
    expected = f"<deadline-reminder.{connection.schema_name}.{reminder.pk}@localhost>"
    assert deadline_reminder_message_id(reminder) == expected
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [expected]
    assert mail.outbox[0].message()["Message-ID"] == expected
    assert reminder.sent_at is not None and reminder.sent_to == "clerk@a.test"


def test_the_mail_names_the_enterprise_the_deadline_its_legal_basis_and_the_link(clerk):
    round_ = f.offered_round(user=clerk)
    bargaining_reminders_record(today=round_.reply_due - 3 * ONE)
    mail.outbox.clear()
    bargaining_reminders_send()
    message = mail.outbox[0]
    chinese, english = message.body.split("————————")
    name = round_.enterprise.name
    assert message.subject == f"期限届满前：应约，{name}，截止2026-03-23"
    assert name in chinese and "2026-03-23" in chinese
    assert "《集体合同规定》第三十二条" in chinese  # the legal basis, never the rule id
    assert "依据《集体合同规定》第三十二条" in chinese
    assert "under 《集体合同规定》第三十二条" in english
    assert "Record the other side's written reply" in english
    assert "R1" not in message.body
    url = f"http://a.test:8000/admin/bargaining_rounds/inspect/{round_.pk}/"
    assert chinese.count(url) == 1 and english.count(url) == 1
    assert "应约" in chinese and "Reply to the offer" in english


def test_english_first_for_someone_who_chose_english(clerk):
    profile = UserProfile.get_for_user(clerk)
    profile.preferred_language = "en"
    profile.save()
    round_ = f.offered_round(user=clerk)
    bargaining_reminders_record(today=round_.reply_due + ONE)
    mail.outbox.clear()
    bargaining_reminders_send()
    message = mail.outbox[0]
    first, second = message.body.split("————————")
    assert message.subject.startswith("Overdue: Reply to the offer")
    assert "passed on 2026-03-23 and is not met" in first
    assert "已于2026-03-23届满" in second


def test_the_renewal_mail_explains_the_window_with_its_basis():
    contract = f.round_at("effective").contract
    bargaining_reminders_record(today=dt.date(2029, 1, 30))
    mail.outbox.clear()
    bargaining_reminders_send()
    body = mail.outbox[0].body
    assert "《集体合同规定》第三十八条第二款" in body
    assert "2029-01-30" in body and "2029-04-30" in body
    assert f"http://a.test:8000/admin/contracts/inspect/{contract.pk}/" in body
    assert "R29" not in body


def test_a_reminder_the_mail_server_refused_stays_unsent(clerk, monkeypatch):
    round_ = f.offered_round(user=clerk)
    bargaining_reminders_record(today=round_.reply_due)

    def refused(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailMessage, "send", refused)
    with pytest.raises(ConnectionRefusedError):
        bargaining_reminders_send()
    monkeypatch.undo()
    assert DeadlineReminder.objects.get(round=round_).sent_at is None
    mail.outbox.clear()
    assert bargaining_reminders_send() == 1
    assert len(mail.outbox) == 1


def test_a_deadline_met_before_the_mail_went_out_sends_nothing(clerk):
    round_ = f.offered_round(user=clerk)
    bargaining_reminders_record(today=round_.reply_due - ONE)
    bargaining.round_reply(round_id=round_.pk, accepted=False, reply_date=round_.reply_due - ONE)
    mail.outbox.clear()
    assert bargaining_reminders_send() == 0
    assert not mail.outbox
    reminder = DeadlineReminder.objects.get(round=round_)
    assert reminder.sent_at is not None and reminder.sent_to == ""


def test_reminders_stay_in_their_federation(clerk, fed_b):
    round_ = f.offered_round(user=clerk)
    bargaining_reminders_record(today=round_.reply_due)
    mail.outbox.clear()
    with context.federation_context(fed_b):
        assert bargaining_reminders_record(today=round_.reply_due)["reminders_at"] == 0
        assert bargaining_reminders_send() == 0
        assert not DeadlineReminder.objects.exists()
        assert not BargainingRound.objects.exists()
    assert bargaining_reminders_send() == 1
    assert "a.test" in mail.outbox[0].body and "b.test" not in mail.outbox[0].body


def test_a_worker_dying_mid_run_leaves_nothing_done_twice(clerk, monkeypatch):
    """The run dies after recording the first round's reminder; the rerun records the rest."""
    first, second = f.offered_round(user=clerk), f.offered_round(user=clerk)
    real_get_or_create = DeadlineReminder.objects.get_or_create
    calls = {"n": 0}

    def dying(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise SystemExit("worker killed")
        return real_get_or_create(**kwargs)

    monkeypatch.setattr(DeadlineReminder.objects, "get_or_create", dying)
    with pytest.raises(SystemExit):
        bargaining_reminders_record(today=first.reply_due)
    monkeypatch.undo()
    assert DeadlineReminder.objects.count() == 1
    _record_twice(first.reply_due)
    for round_ in (first, second):
        assert _moments(round=round_) == [("at", round_.reply_due)]
