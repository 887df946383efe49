"""Supervision letters seen and answered by the enterprise (issue 17 item 8): who sees which
letter, who may answer, the reply with evidence through the same path as the private link, and
the notifications either way."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from compliance.models import EnterpriseAccount, ItemEvidence, Notification
from compliance.rules.letters import OPINION, RECOMMENDATION, REMINDER
from compliance.selectors.enterprise_letters import enterprise_letter, enterprise_letters
from compliance.services import supervision as sv
from compliance.services.letter_replies import letter_reply_submit, reply_problem
from tests.factories.compliance import enterprise
from tests.factories.enterprise_accounts import enterprise_user
from tests.factories.users import user_with_permissions

pytestmark = pytest.mark.usefixtures("in_a")
DAY = dt.date(2026, 3, 2)


def _pdf(name="整改报告.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 evidence", content_type="application/pdf")


@pytest.fixture
def setting():
    ent = enterprise(name="甲企业有限公司")
    officer, _device = enterprise_user(ent, side="union")
    contact, _device = enterprise_user(ent, side="employer")
    supervisor = user_with_permissions("supervisor@a.test", "view_supervisioncase")
    case = sv.case_open(
        title="未签订集体合同",
        source="inspection",
        opened_on=DAY,
        enterprise=ent,
        supervisor=supervisor,
    )
    letter, _token = sv.letter_issue(
        case_id=case.pk,
        kind=REMINDER.code,
        issued_on=DAY,
        facts="经查，企业未开展集体协商。",
        legal_basis="《集体合同规定》第三十二条",
        actions=["发出要约", "召开职代会"],
    )
    return ent, officer, contact, supervisor, letter


def _account(user):
    return EnterpriseAccount.objects.get(user=user)


def test_issuing_a_letter_notifies_both_sides_of_the_enterprise_once(setting):
    _ent, officer, contact, supervisor, letter = setting
    notes = Notification.objects.filter(key=f"letter:{letter.pk}:issued")
    assert sorted(n.recipient_id for n in notes) == sorted([officer.pk, contact.pk])
    assert all(n.link == f"/enterprise/letters/{letter.pk}/" for n in notes)
    assert letter.number in notes.first().text and "提示函" in notes.first().text
    assert not Notification.objects.filter(recipient=supervisor).exists()


def test_the_enterprise_sees_its_own_letters_not_another_enterprises(setting):
    ent, _officer, _contact, _supervisor, letter = setting
    other = enterprise(name="乙企业有限公司")
    other_case = sv.case_open(title="乙", source="inspection", opened_on=DAY, enterprise=other)
    other_letter, _ = sv.letter_issue(
        case_id=other_case.pk,
        kind=REMINDER.code,
        issued_on=DAY,
        facts="乙的事实",
        legal_basis="《集体合同规定》第三十二条",
        actions=["整改"],
    )
    assert list(enterprise_letters(enterprise=ent)) == [letter]
    assert enterprise_letter(enterprise=ent, pk=other_letter.pk) is None
    assert enterprise_letter(enterprise=other, pk=letter.pk) is None


def test_a_recommendation_letter_goes_to_the_department_and_is_not_shown(setting, english):
    ent, _officer, _contact, _supervisor, letter = setting
    opinion, _ = sv.letter_issue(
        case_id=letter.case_id,
        kind=OPINION.code,
        issued_on=DAY + dt.timedelta(days=30),
        facts="经查属实。",
        legal_basis="《集体合同规定》第三十二条",
        actions=["发出要约"],
        signer="王建华",
        signer_title="主席",
    )
    recommendation, _ = sv.letter_issue(
        case_id=letter.case_id,
        kind=RECOMMENDATION.code,
        issued_on=opinion.due_on + dt.timedelta(days=5),
        facts="逾期未答复。",
        legal_basis="《集体合同规定》第三十二条",
        actions=[],
        trigger="no_reply",
        department="区人力资源和社会保障局劳动保障监察大队",
    )
    shown = list(enterprise_letters(enterprise=ent))
    assert opinion in shown and recommendation not in shown
    assert not Notification.objects.filter(key=f"letter:{recommendation.pk}:issued").exists()


def test_an_area_wide_reminder_is_shown_to_its_addressees_read_only(setting):
    ent, _officer, contact, _supervisor, _letter = setting
    outside = enterprise(name="丙企业有限公司")
    _case, reminder, _token = sv.area_reminder_issue(
        title="区域提示",
        enterprises=[ent],
        issued_on=DAY,
        facts="请各企业自查。",
        legal_basis="《集体合同规定》第三十二条",
        actions=["自查"],
        addressee="辖区各企业",
    )
    assert reminder in list(enterprise_letters(enterprise=ent))
    assert reminder not in list(enterprise_letters(enterprise=outside))
    assert Notification.objects.filter(key=f"letter:{reminder.pk}:issued").count() == 2
    assert reply_problem(letter=reminder, account=_account(contact))


def test_the_employer_answers_each_action_with_evidence_and_the_supervisor_is_told(
    setting, english
):
    _ent, _officer, contact, supervisor, letter = setting
    first, second = list(letter.items.order_by("order"))
    assert reply_problem(letter=letter, account=_account(contact)) is None
    letter_reply_submit(
        letter_id=letter.pk,
        text="我公司已整改。",
        item_responses={first.pk: "已于3月10日发出要约", second.pk: "已召开职代会"},
        files={first.pk: [_pdf()], second.pk: []},
        user=contact,
        account=_account(contact),
    )
    letter.refresh_from_db()
    assert letter.status == "replied" and letter.reply_text == "我公司已整改。"
    first.refresh_from_db()
    assert first.employer_response == "已于3月10日发出要约"
    evidence = ItemEvidence.objects.get(item=first)
    assert evidence.from_employer and evidence.original_name == "整改报告.pdf"
    row = letter.history.first()
    assert row.history_user == contact
    assert row.history_change_reason == "Reply sent from the enterprise area"
    note = Notification.objects.get(recipient=supervisor)
    assert note.key == f"letter:{letter.pk}:reply"
    assert note.link == f"/admin/supervision_cases/inspect/{letter.case_id}/"


def test_the_union_side_reads_but_does_not_answer(setting, english):
    _ent, officer, _contact, _supervisor, letter = setting
    assert "employer" in reply_problem(letter=letter, account=_account(officer))
    with pytest.raises(ValidationError):
        letter_reply_submit(
            letter_id=letter.pk,
            text="工会代为答复",
            item_responses={},
            files={},
            user=officer,
            account=_account(officer),
        )
    letter.refresh_from_db()
    assert letter.replied_on is None


def test_a_second_reply_and_a_disguised_file_are_refused_and_store_nothing(setting, english):
    _ent, _officer, contact, supervisor, letter = setting
    item = letter.items.first()
    fake = SimpleUploadedFile("证明.pdf", b"<html>x</html>", content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        letter_reply_submit(
            letter_id=letter.pk,
            text="已整改",
            item_responses={},
            files={item.pk: [fake]},
            user=contact,
            account=_account(contact),
        )
    assert "证明.pdf" in refused.value.messages[0]
    letter.refresh_from_db()
    assert letter.replied_on is None and not ItemEvidence.objects.exists()
    letter_reply_submit(
        letter_id=letter.pk, text="已整改", item_responses={}, files={}, account=_account(contact)
    )
    with pytest.raises(ValidationError, match="answered"):
        letter_reply_submit(
            letter_id=letter.pk, text="再次答复", item_responses={}, files={}, account=None
        )
    assert Notification.objects.filter(recipient=supervisor).count() == 1


def test_the_private_link_reply_also_tells_the_supervisor(setting, english):
    _ent, _officer, _contact, supervisor, letter = setting
    letter_reply_submit(letter_id=letter.pk, text="已整改", item_responses={}, files={})
    letter.refresh_from_db()
    assert letter.history.first().history_change_reason == "Reply received through the private link"
    assert Notification.objects.filter(recipient=supervisor).count() == 1


def test_an_area_wide_reminder_notifies_in_queries_that_do_not_grow_with_its_addressees():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def issue(n: int) -> int:
        enterprises = [enterprise() for _ in range(n)]
        for ent in enterprises:
            enterprise_user(ent, side="employer")
        with CaptureQueriesContext(connection) as queries:
            _case, reminder, _token = sv.area_reminder_issue(
                title=f"区域提示{n}",
                enterprises=enterprises,
                issued_on=DAY,
                facts="请各企业自查。",
                legal_basis="《集体合同规定》第三十二条",
                actions=["自查"],
                addressee="辖区各企业",
            )
        assert Notification.objects.filter(key=f"letter:{reminder.pk}:issued").count() == n
        # Each notification costs its own five (notification_send): the savepoint around the row,
        # the row, its release, the federation's domain for the e-mail's link, and the e-mailed
        # mark. Count the rest.
        return len(queries) - 5 * n

    issue(1)  # the first letter of the year makes its template and number sequence
    assert issue(3) == issue(1)
