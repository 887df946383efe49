"""Supervision: escalation allowed and forbidden, numbering, the reply link, reminders, closure."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from compliance.models import Letter, ReminderNotice, SupervisionCase
from compliance.services import bargaining
from compliance.services import supervision as sv
from compliance.tasks import supervision_daily_sweep
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")
DAY = dt.date(2026, 3, 2)  # a Monday


def _case(**kwargs):
    supervisor = get_user_model().objects.create_user(
        username=f"sup{timezone.now().timestamp()}", email="sup@a.test", password="x" * 12
    )
    return sv.case_open(
        title="未按期续签集体合同",
        source="inspection",
        opened_on=DAY,
        enterprise=kwargs.pop("enterprise", None) or f.enterprise(),
        supervisor=supervisor,
        **kwargs,
    )


def _issue(case, kind, day=DAY, **kwargs):
    defaults = {
        "facts": "经调查，该企业集体合同已于2026年1月到期，未开展续签协商。",
        "legal_basis": "《集体合同规定》第三十八条",
        "actions": ["30日内向工会发出续签要约", "向职代会报告履约情况"],
    }
    if kind == "opinion":
        defaults.update(signer="王建华", signer_title="主席")
    if kind == "recommendation":
        defaults.update(department="市劳动保障监察支队")
    defaults.update(kwargs)
    return sv.letter_issue(case_id=case.pk, kind=kind, issued_on=day, **defaults)


def test_reminder_gets_number_deadline_items_and_a_link():
    letter, token = _issue(_case(), "reminder")
    assert letter.number == "甲工监函〔2026〕1号"
    assert letter.due_on == dt.date(2026, 3, 17)  # 15 calendar days (R45)
    # Printed on the letter: the period, no rule number, no research note ("淮北市实践").
    assert letter.due_rule == "自发文之日起15日内"
    assert [i.text for i in letter.items.all()] == [
        "30日内向工会发出续签要约",
        "向职代会报告履约情况",
    ]
    assert sv.letter_for_token(token) == letter
    assert token not in letter.reply_token_hash


def test_numbers_are_per_kind_and_year():
    case = _case()
    first, _t = _issue(case, "reminder")
    second, _t = _issue(_case(), "reminder")
    opinion, _t = _issue(case, "opinion")
    assert (first.sequence, second.sequence, opinion.sequence) == (1, 2, 1)
    assert opinion.number == "甲工监意〔2026〕1号"


def test_opinion_reply_deadline_is_15_working_days():
    opinion, _t = _issue(_case(), "opinion", day=dt.date(2026, 9, 21))
    # 15 working days from Mon 21 Sep 2026: the make-up Sunday 20 Sep is before the start;
    # 25–27 Sep (中秋) and 1–7 Oct (国庆) are skipped, Sat 10 Oct is a make-up working day:
    # 22–24, 28–30 Sep, 8–10, 12–16 and 19 Oct.
    assert opinion.due_on == dt.date(2026, 10, 19)


def test_opinion_needs_the_chair_or_a_vice_chair(english):
    with pytest.raises(ValidationError, match="chair"):
        _issue(_case(), "opinion", signer_title="办公室主任")


def test_recommendation_needs_an_opinion_first(english):
    with pytest.raises(ValidationError, match="opinion letter first"):
        _issue(_case(), "recommendation", trigger="no_reply")


def test_recommendation_needs_a_trigger_that_holds(english):
    case = _case()
    opinion, _t = _issue(case, "opinion")
    with pytest.raises(ValidationError, match="Record why"):
        _issue(case, "recommendation", day=opinion.due_on + dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="has not passed"):
        _issue(case, "recommendation", day=opinion.due_on, trigger="no_reply")
    with pytest.raises(ValidationError, match="refusal"):
        _issue(case, "recommendation", day=opinion.due_on, trigger="refused")
    letter, _t = _issue(
        case, "recommendation", day=opinion.due_on + dt.timedelta(days=1), trigger="no_reply"
    )
    assert letter.trigger == "no_reply" and letter.number == "甲工监建〔2026〕1号"


def test_a_late_reply_does_not_cancel_the_no_reply_trigger(english):
    # R42: "did not reply within the time limit". A reply on the deadline day is in time; one
    # received the day after still lets the case go on to a recommendation letter.
    in_time_case, late_case = _case(), _case()
    in_time, _t = _issue(in_time_case, "opinion")
    late, _t = _issue(late_case, "opinion")
    sv.letter_record_reply(letter_id=in_time.pk, replied_on=in_time.due_on, text="已整改。")
    sv.letter_record_reply(
        letter_id=late.pk, replied_on=late.due_on + dt.timedelta(days=1), text="迟复。"
    )
    after = late.due_on + dt.timedelta(days=2)
    with pytest.raises(ValidationError, match="within its time limit"):
        _issue(in_time_case, "recommendation", day=after, trigger="no_reply")
    letter, _t = _issue(late_case, "recommendation", day=after, trigger="no_reply")
    assert letter.trigger == "no_reply"


def test_recommendation_on_refusal_and_on_non_rectification():
    case = _case()
    opinion, _t = _issue(case, "opinion")
    sv.letter_record_delivery(
        letter_id=opinion.pk, method="in_person", delivered_on=DAY, refused=True
    )
    assert _issue(case, "recommendation", trigger="refused")[0].trigger == "refused"
    other = _case()
    opinion, _t = _issue(other, "opinion")
    sv.letter_record_reply(letter_id=opinion.pk, replied_on=DAY, text="我公司认为无需整改。")
    item = opinion.items.first()
    with pytest.raises(ValidationError):
        _issue(other, "recommendation", trigger="not_rectified")
    sv.item_decide(item_id=item.pk, outcome="not_rectified", decided_on=DAY, note="复查未整改")
    assert _issue(other, "recommendation", trigger="not_rectified")[0].pk


def test_good_reason_does_not_trigger_escalation():
    case = _case()
    opinion, _t = _issue(case, "opinion")
    item = opinion.items.first()
    sv.item_decide(
        item_id=item.pk,
        outcome="not_rectified",
        decided_on=DAY,
        note="停产整顿中",
        good_reason=True,
    )
    with pytest.raises(ValidationError):
        _issue(case, "recommendation", trigger="not_rectified")


def test_only_county_level_or_higher_may_recommend(english, monkeypatch):
    case = _case()
    opinion, _t = _issue(case, "opinion")
    sv.letter_record_delivery(letter_id=opinion.pk, method="post", delivered_on=DAY, refused=True)
    monkeypatch.setattr(connection.tenant, "level", "zone")
    with pytest.raises(ValidationError, match="county-level"):
        _issue(case, "recommendation", trigger="refused")


def test_one_recommendation_per_case(english):
    case = _case()
    opinion, _t = _issue(case, "opinion")
    sv.letter_record_delivery(letter_id=opinion.pk, method="post", delivered_on=DAY, refused=True)
    _issue(case, "recommendation", trigger="refused")
    with pytest.raises(ValidationError, match="already has"):
        _issue(case, "recommendation", trigger="refused")


def test_reply_link_opens_only_its_letter_and_expires():
    letter, token = _issue(_case(), "reminder")
    other, other_token = _issue(_case(), "reminder")
    assert sv.letter_for_token(token) == letter
    assert sv.letter_for_token(other_token) == other
    assert sv.letter_for_token(token[:-1] + ("A" if token[-1] != "A" else "B")) is None
    assert sv.letter_for_token("") is None
    letter.reply_link_expires = timezone.now() - dt.timedelta(seconds=1)
    letter.save()
    assert sv.letter_for_token(token) is None
    fresh = sv.letter_new_reply_link(letter_id=letter.pk)
    assert sv.letter_for_token(fresh) == letter
    assert sv.letter_for_token(token) is None


def test_case_closes_only_when_every_item_has_an_outcome(english):
    case = _case()
    letter, _t = _issue(case, "rectification", due_on=DAY + dt.timedelta(days=30))
    first, second = letter.items.all()
    with pytest.raises(ValidationError, match="2 required action"):
        sv.case_close(case_id=case.pk, closed_on=DAY)
    sv.item_decide(item_id=first.pk, outcome="rectified", decided_on=DAY, note="已提交要约书")
    with pytest.raises(ValidationError, match="1 required action"):
        sv.case_close(case_id=case.pk, closed_on=DAY)
    sv.item_decide(item_id=second.pk, outcome="cannot", decided_on=DAY, note="职代会已撤销")
    closed = sv.case_close(case_id=case.pk, closed_on=DAY)
    assert closed.status == "closed"
    with pytest.raises(ValidationError, match="closed"):
        _issue(closed, "reminder")


def test_case_from_a_refused_offer_must_be_refused(english):
    r = f.offered_round()
    with pytest.raises(ValidationError, match="not a refused"):
        sv.case_open(title="拒绝协商", source="refused_offer", opened_on=DAY, source_round=r)
    bargaining.round_reply(round_id=r.pk, accepted=False, reply_date=DAY)
    r.refresh_from_db()
    case = sv.case_open(title="拒绝协商", source="refused_offer", opened_on=DAY, source_round=r)
    assert case.enterprise == r.enterprise


def test_area_wide_reminder_reaches_many_enterprises():
    enterprises = [f.enterprise() for _ in range(3)]
    case, letter, _token = sv.area_reminder_issue(
        title="节前工资支付提示",
        enterprises=enterprises,
        issued_on=DAY,
        addressee="辖区各用人单位",
        facts="春节将至。",
        legal_basis="《工资支付暂行规定》",
        actions=["按时足额支付工资"],
    )
    assert case.area_wide and case.addressees.count() == 3
    assert letter.delivery_method == "public_notice"


def test_reminders_and_overdue_marks_happen_exactly_once():
    case = _case()
    letter, _t = _issue(case, "reminder")  # due 2026-03-17
    mail.outbox.clear()
    for _run in range(2):  # the task delivered twice
        supervision_daily_sweep.apply(kwargs={"today": "2026-03-13"}).get()
    assert ReminderNotice.objects.filter(letter=letter).count() == 0  # 4 days ahead: not yet
    for _run in range(2):
        supervision_daily_sweep.apply(kwargs={"today": "2026-03-14"}).get()
    for _run in range(2):
        supervision_daily_sweep.apply(kwargs={"today": "2026-03-17"}).get()
    for _run in range(2):
        supervision_daily_sweep.apply(kwargs={"today": "2026-03-18"}).get()
    moments = sorted(ReminderNotice.objects.filter(letter=letter).values_list("moment", flat=True))
    assert moments == ["at", "before", "overdue"]
    assert len(mail.outbox) == 3
    letter.refresh_from_db()
    case.refresh_from_db()
    assert letter.status == "overdue"
    assert letter.history.filter(status="overdue").count() == 1
    assert case.proposed_next == "opinion"
    # The supervisor's notifications hold the three reminders once each, linking to the case.
    notes = case.supervisor.notifications.order_by("pk")
    assert [n.text for n in notes] == [m.subject for m in mail.outbox]
    assert {n.link for n in notes} == {f"/admin/supervision_cases/inspect/{case.pk}/"}


def test_reminder_mails_carry_a_message_id_that_is_the_same_on_every_attempt():
    letter, _t = _issue(_case(), "reminder")
    mail.outbox.clear()
    sv.letters_sweep(today=dt.date(2026, 3, 18))
    sv.reminders_send()
    notice = ReminderNotice.objects.get(letter=letter)
    expected = f"<reminder.{connection.schema_name}.{notice.pk}@localhost>"
    assert [m.extra_headers["Message-ID"] for m in mail.outbox] == [expected]
    assert mail.outbox[0].message()["Message-ID"] == expected


def test_a_reminder_the_mail_server_refused_stays_unsent(monkeypatch):
    """The sent mark is written before the hand-over, in the same transaction: a refused or
    interrupted hand-over rolls it back, so the next run sends the reminder."""
    from django.core.mail import EmailMessage

    letter, _t = _issue(_case(), "reminder")
    sv.letters_sweep(today=dt.date(2026, 3, 18))

    def refused(self, fail_silently=False):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(EmailMessage, "send", refused)
    with pytest.raises(ConnectionRefusedError):
        sv.reminders_send()
    monkeypatch.undo()
    assert ReminderNotice.objects.get(letter=letter).sent_at is None
    mail.outbox.clear()
    assert sv.reminders_send() == 1
    assert len(mail.outbox) == 1


def test_a_worker_dying_mid_run_leaves_nothing_done_twice(monkeypatch):
    """The sweep dies after recording the first letter's reminder; the rerun finishes the rest."""
    first, _t = _issue(_case(), "reminder")
    second, _t = _issue(_case(), "reminder")
    real_get_or_create = ReminderNotice.objects.get_or_create
    calls = {"n": 0}

    def dying(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise SystemExit("worker killed")
        return real_get_or_create(**kwargs)

    monkeypatch.setattr(ReminderNotice.objects, "get_or_create", dying)
    with pytest.raises(SystemExit):
        sv.letters_sweep(today=dt.date(2026, 3, 18))
    monkeypatch.undo()
    sv.letters_sweep(today=dt.date(2026, 3, 18))
    sv.letters_sweep(today=dt.date(2026, 3, 18))
    for letter in (first, second):
        assert ReminderNotice.objects.filter(letter=letter, moment="overdue").count() == 1
        letter.refresh_from_db()
        assert letter.status == "overdue"
        assert letter.history.filter(status="overdue").count() == 1


def test_replied_letters_are_not_reminded():
    letter, _t = _issue(_case(), "reminder")
    sv.letter_record_reply(
        letter_id=letter.pk, replied_on=dt.date(2026, 3, 10), text="已自查整改。"
    )
    sv.letters_sweep(today=dt.date(2026, 3, 20))
    assert not ReminderNotice.objects.filter(letter=letter).exists()
    assert Letter.objects.get(pk=letter.pk).status == "replied"
    assert SupervisionCase.objects.get(pk=letter.case_id).proposed_next == ""
