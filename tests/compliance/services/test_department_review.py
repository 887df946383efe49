"""The labour administration's review online (issue 17 item 6): submission to a department,
receipt, missing materials, objection, approval, and effect by silence still (R16, R18, R20–R22)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from compliance.models import (
    BargainingRound,
    DepartmentSubmission,
    MaterialsRequest,
    Notification,
    ReviewerAccount,
)
from compliance.rules.presets import Key
from compliance.selectors.profile import deadline_for
from compliance.services import bargaining
from compliance.services import department_review as review
from tests.factories.compliance import round_at
from tests.factories.department_review import (
    SUBMITTED_ON,
    department,
    invite_reviewer,
    reviewer,
    submitted_round,
)
from tests.factories.enterprise_accounts import enterprise_user
from tests.factories.users import user_with_permissions

pytestmark = pytest.mark.usefixtures("in_a")
DAY = dt.timedelta(days=1)


@pytest.fixture
def setting():
    dept = department("高新区人力资源和社会保障局")
    account, _device = reviewer(dept)
    clerk = user_with_permissions("clerk@a.test", "change_bargaininground")
    round_ = submitted_round(dept, by=clerk)
    officer, _device = enterprise_user(round_.enterprise)
    mail.outbox.clear()
    return dept, account, clerk, round_, officer


def _texts(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("text", flat=True))


def test_an_invitation_opens_a_reviewer_account_once_without_admin_access():
    dept = department()
    invitation, token = invite_reviewer(dept, email="Zhao@HRSS.test")
    assert invitation.email == "zhao@hrss.test" and invitation.token_hash != token
    assert token in mail.outbox[-1].body and dept.name in mail.outbox[-1].body
    account = review.reviewer_invitation_accept(
        token=token, family_name="赵", given_name="审查", password="Lang-genug-Passwort-2026"
    )
    assert account.department == dept
    assert not account.user.has_perm("wagtailadmin.access_admin")
    with pytest.raises(ValidationError):
        review.reviewer_invitation_accept(
            token=token, family_name="钱", given_name="二", password="Lang-genug-Passwort-2026"
        )
    assert ReviewerAccount.objects.count() == 1


def test_the_submission_names_the_department_and_tells_its_reviewers(setting):
    dept, account, clerk, round_, _officer = setting
    submission = DepartmentSubmission.objects.get(round=round_)
    assert submission.department == dept and submission.submitted_by == clerk
    # No receipt yet: the period runs from the submission day (R21 counts regardless).
    assert round_.received_date is None
    due = deadline_for(key=Key.REVIEW_PERIOD, start=SUBMITTED_ON).due
    assert round_.review_due == due
    assert any(dept.name in t for t in _texts(account.user))


def test_an_inactive_department_is_refused(setting):
    _dept, _account, clerk, _round, _officer = setting
    closed = department("旧区人社局")
    closed.active = False
    closed.save()
    r = round_at("federation_approved", user=clerk)
    with pytest.raises(ValidationError):
        review.submission_create(
            round_id=r.pk, department_id=closed.pk, submitted_on=SUBMITTED_ON, user=clerk
        )
    assert BargainingRound.objects.get(pk=r.pk).status == "federation_approved"


def test_receipt_restarts_the_review_period_once_and_notifies_once(setting):
    _dept, account, clerk, round_, officer = setting
    received = SUBMITTED_ON + 3 * DAY
    review.review_record_receipt(
        round_id=round_.pk, received_on=received, user=account.user, account=account
    )
    round_.refresh_from_db()
    assert round_.received_date == received
    assert round_.review_due == deadline_for(key=Key.REVIEW_PERIOD, start=received).due
    assert round_.history.first().history_change_reason
    with pytest.raises(ValidationError):
        review.review_record_receipt(
            round_id=round_.pk, received_on=received, user=account.user, account=account
        )
    assert len([t for t in _texts(clerk) if "受理" in t or "received" in t]) == 1
    assert len(_texts(officer)) == 1


def test_missing_materials_within_the_days_reach_the_federation_and_the_enterprise(setting):
    dept, account, clerk, round_, officer = setting
    last = review.materials_request_due(DepartmentSubmission.objects.get(round=round_)).due
    with pytest.raises(ValidationError):
        review.review_request_materials(
            round_id=round_.pk,
            requested_on=last + DAY,
            items="职代会决议",
            user=account.user,
            account=account,
        )
    with pytest.raises(ValidationError):
        review.review_request_materials(
            round_id=round_.pk, requested_on=last, items="  ", user=account.user, account=account
        )
    request = review.review_request_materials(
        round_id=round_.pk,
        requested_on=last,
        items="职代会决议（含表决票数）",
        user=account.user,
        account=account,
    )
    assert request.history.first().history_user == account.user
    assert any("职代会决议" in t for t in _texts(clerk))
    assert any("职代会决议" in t for t in _texts(officer))
    review.materials_record_sent(
        request_id=request.pk, sent_on=last + DAY, note="已补交职代会决议", user=clerk
    )
    assert MaterialsRequest.objects.get(pk=request.pk).sent_on == last + DAY
    assert any("已补交" in t for t in _texts(account.user))
    with pytest.raises(ValidationError):
        review.materials_record_sent(request_id=request.pk, sent_on=last, note="again", user=clerk)
    assert BargainingRound.objects.get(pk=round_.pk).status == "submitted"
    assert dept


def test_an_objection_sends_the_round_back_with_its_points_to_everyone(setting):
    _dept, account, clerk, round_, officer = setting
    review.review_object(
        round_id=round_.pk,
        objected_on=SUBMITTED_ON + 5 * DAY,
        points="第十二条工时条款违反规定",
        user=account.user,
        account=account,
    )
    round_.refresh_from_db()
    assert round_.status == "negotiating" and round_.contract.status == "draft"
    assert any("第十二条" in t for t in _texts(officer))
    assert any("第十二条" in t for t in _texts(clerk))


def test_a_reviewer_of_another_department_can_do_nothing(setting):
    _dept, _account, _clerk, round_, _officer = setting
    stranger, _device = reviewer(department("另一区人社局"))
    for call in (
        lambda: review.review_record_receipt(
            round_id=round_.pk, received_on=SUBMITTED_ON, user=stranger.user, account=stranger
        ),
        lambda: review.review_approve(
            round_id=round_.pk, approved_on=SUBMITTED_ON, user=stranger.user, account=stranger
        ),
        lambda: review.review_object(
            round_id=round_.pk,
            objected_on=SUBMITTED_ON,
            points="x",
            user=stranger.user,
            account=stranger,
        ),
    ):
        with pytest.raises(ValidationError):
            call()
    assert BargainingRound.objects.get(pk=round_.pk).status == "submitted"


def test_approval_makes_the_contract_effective_on_its_day(setting):
    _dept, account, _clerk, round_, officer = setting
    approved = SUBMITTED_ON + 6 * DAY
    review.review_approve(
        round_id=round_.pk, approved_on=approved, user=account.user, account=account
    )
    round_.refresh_from_db()
    assert round_.status == "effective" and round_.effective_date == approved
    assert round_.contract.status == "effective" and round_.contract.effective_on == approved
    assert round_.reviews.last().decision == "approved"
    assert any("approved" in t or "审查通过" in t or "批准" in t for t in _texts(officer))
    # Nothing more to do by silence afterwards.
    assert bargaining.round_mark_effective(round_id=round_.pk, today=approved + 60 * DAY) is None


def test_approval_after_the_review_period_is_refused(setting):
    _dept, account, _clerk, round_, _officer = setting
    with pytest.raises(ValidationError):
        review.review_approve(
            round_id=round_.pk,
            approved_on=round_.review_due + DAY,
            user=account.user,
            account=account,
        )
    with pytest.raises(ValidationError):
        review.review_approve(
            round_id=round_.pk,
            approved_on=SUBMITTED_ON - DAY,
            user=account.user,
            account=account,
        )


def test_silence_still_makes_the_contract_effective_on_the_last_day(setting):
    _dept, account, _clerk, round_, _officer = setting
    received = SUBMITTED_ON + 2 * DAY
    review.review_record_receipt(
        round_id=round_.pk, received_on=received, user=account.user, account=account
    )
    round_.refresh_from_db()
    due = round_.review_due
    assert bargaining.round_mark_effective(round_id=round_.pk, today=due) is None
    bargaining.round_mark_effective(round_id=round_.pk, today=due + DAY)
    round_.refresh_from_db()
    assert round_.status == "effective" and round_.effective_date == due


def test_resubmission_after_an_objection_is_a_new_submission_without_receipt(setting):
    dept, account, clerk, round_, _officer = setting
    review.review_record_receipt(
        round_id=round_.pk, received_on=SUBMITTED_ON, user=account.user, account=account
    )
    review.review_object(
        round_id=round_.pk,
        objected_on=SUBMITTED_ON + DAY,
        points="缺少工资条款",
        user=account.user,
        account=account,
    )
    bargaining.round_record_vote(
        round_id=round_.pk, held_on=dt.date(2026, 4, 20), total=30, present=25, in_favour=22
    )
    bargaining.round_sign(
        round_id=round_.pk,
        signed_on=dt.date(2026, 4, 21),
        title="2026年度集体合同（修订）",
        starts_on=dt.date(2026, 5, 1),
        ends_on=dt.date(2029, 4, 30),
        covered_employees=150,
    )
    for stage, day in (("instructor", 22), ("federation", 23)):
        bargaining.round_review(
            round_id=round_.pk, stage=stage, approved=True, reviewed_on=dt.date(2026, 4, day)
        )
    review.submission_create(
        round_id=round_.pk, department_id=dept.pk, submitted_on=dt.date(2026, 4, 24), user=clerk
    )
    round_.refresh_from_db()
    assert round_.received_date is None and round_.status == "submitted"
    assert DepartmentSubmission.objects.filter(round=round_).count() == 2
