"""Pre-review (初审) of the enterprise's draft in versions, the instructor's review and the
federation's review on it (issue 17 items 4 and 5)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from compliance.models import Clause, FilingSubmission, Instructor, Notification
from compliance.rules import filing_package as package
from compliance.selectors.prereview import version_diff
from compliance.services.bargaining import round_assign_instructor
from compliance.services.prereview import (
    round_federation_review,
    submission_attach,
    submission_review,
    submission_save,
    submission_start,
    submission_submit,
)
from tests.factories.compliance import round_at
from tests.factories.enterprise_accounts import enterprise_user
from tests.factories.users import user_with_permissions

pytestmark = pytest.mark.usefixtures("in_a")

TODAY = dt.date(2026, 4, 12)
PASSED = {"format": (True, ""), "clauses": (True, ""), "wording": (True, "")}
CLAUSES = [("wages", "职工工资每年增长不低于百分之五。"), ("hours", "实行每周四十小时工作制。")]


def _pdf(name="file.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 test", content_type="application/pdf")


@pytest.fixture
def setting():
    round_ = round_at("signed")
    officer, _ = enterprise_user(round_.enterprise, side="union")
    contact, _ = enterprise_user(round_.enterprise, side="employer")
    reviewer = user_with_permissions("instructor@a.test", "review_bargaininground")
    other = user_with_permissions("other@a.test", "review_bargaininground")
    instructor = Instructor.objects.create(name="赵指导", user=reviewer)
    round_assign_instructor(round_id=round_.pk, instructor=instructor, reason="分片")
    return round_, officer, contact, reviewer, other


def _complete(submission, user, clauses=CLAUSES):
    submission_save(
        submission_id=submission.pk, user=user, terms={"covered_employees": 150}, clauses=clauses
    )
    for item in package.REQUIRED_FILES:
        submission_attach(submission_id=submission.pk, item=item, upload=_pdf(), user=user)


def test_submitting_with_missing_items_is_refused_naming_them(setting):
    round_, officer, *_ = setting
    submission = submission_start(round_id=round_.pk, user=officer)
    submission_save(submission_id=submission.pk, user=officer, terms={}, clauses=CLAUSES[:1])
    submission_attach(submission_id=submission.pk, item=package.TEXT, upload=_pdf(), user=officer)
    with translation.override("zh-hans"), pytest.raises(ValidationError) as refused:
        submission_submit(submission_id=submission.pk, user=officer)
    text = " ".join(refused.value.messages)
    assert "缺少材料：双方首席代表签字的协商会议记录" in text
    assert "合同文本" not in text  # the one given is not named
    submission.refresh_from_db()
    assert submission.state == "draft"


def test_the_contract_text_must_be_docx_or_pdf_and_uploads_are_checked(setting):
    round_, officer, *_ = setting
    submission = submission_start(round_id=round_.pk, user=officer)
    png = SimpleUploadedFile("text.png", b"\x89PNG\r\n\x1a\nxxxx")
    with pytest.raises(ValidationError):
        submission_attach(submission_id=submission.pk, item=package.TEXT, upload=png, user=officer)
    fake = SimpleUploadedFile("minutes.pdf", b"MZ not a pdf")
    with pytest.raises(ValidationError):
        submission_attach(
            submission_id=submission.pk, item=package.MINUTES, upload=fake, user=officer
        )
    assert not submission.package.exists()


def test_a_submitted_version_is_immutable_and_a_new_one_copies_it(setting):
    round_, officer, contact, reviewer, _other = setting
    first = submission_start(round_id=round_.pk, user=officer)
    _complete(first, officer)
    submission_submit(submission_id=first.pk, user=officer)
    with pytest.raises(ValidationError):
        submission_save(submission_id=first.pk, user=officer, terms={}, clauses=CLAUSES)
    with pytest.raises(ValidationError):
        submission_attach(submission_id=first.pk, item=package.OTHER, upload=_pdf(), user=officer)
    with pytest.raises(ValidationError):  # one version in progress at a time
        submission_start(round_id=round_.pk, user=contact)
    assert Notification.objects.filter(recipient=reviewer, key=f"prereview:{first.pk}:submitted")
    clause = first.clauses.get(order=1)
    submission_review(
        submission_id=first.pk,
        user=reviewer,
        checks={**PASSED, "wording": (False, "用语不规范")},
        clause_comments={clause.pk: "增长比例请明确"},
        comment="",
        passed=False,
        today=TODAY,
    )
    second = submission_start(round_id=round_.pk, user=contact)
    assert second.version == 2 and second.state == "draft"
    assert [(c.topic, c.text) for c in second.clauses.all()] == CLAUSES
    assert second.package.count() == 5 and second.covered_employees == 150
    submission_save(
        submission_id=second.pk,
        user=contact,
        terms={},
        clauses=[("wages", "职工工资每年增长百分之六。"), CLAUSES[1]],
    )
    first.refresh_from_db()
    assert [c.text for c in first.clauses.all()] == [text for _t, text in CLAUSES]
    diff = version_diff(old=first, new=second)
    assert diff.changed == 1
    changed = diff.clauses[0]
    assert "".join(r.text for r in changed.runs if r.change == "added") == "六"
    assert "".join(r.text for r in changed.runs if r.change == "removed") == "不低于五"


def test_only_the_assigned_instructor_reviews(setting):
    round_, officer, _contact, _reviewer, other = setting
    submission = submission_start(round_id=round_.pk, user=officer)
    _complete(submission, officer)
    submission_submit(submission_id=submission.pk, user=officer)
    with pytest.raises(PermissionDenied):
        submission_review(
            submission_id=submission.pk,
            user=other,
            checks=PASSED,
            clause_comments={},
            comment="",
            passed=True,
            today=TODAY,
        )
    submission.refresh_from_db()
    assert submission.state == "submitted"


def test_returning_needs_a_comment_or_a_failed_check_and_passing_no_failed_check(setting):
    round_, officer, _contact, reviewer, _other = setting
    submission = submission_start(round_id=round_.pk, user=officer)
    _complete(submission, officer)
    submission_submit(submission_id=submission.pk, user=officer)
    review = {
        "submission_id": submission.pk,
        "user": reviewer,
        "clause_comments": {},
        "comment": "",
        "today": TODAY,
    }
    with pytest.raises(ValidationError):
        submission_review(checks=PASSED, passed=False, **review)
    with pytest.raises(ValidationError):
        submission_review(checks={**PASSED, "format": (False, "")}, passed=True, **review)
    round_.refresh_from_db()
    assert round_.status == "signed"
    submission_review(checks={**PASSED, "format": (False, "页码缺失")}, passed=False, **review)
    submission.refresh_from_db()
    round_.refresh_from_db()
    assert submission.state == "returned" and submission.changed_round
    assert round_.status == "negotiating"  # a signed round returned goes back, as today
    assert round_.reviews.get().decision == "returned"
    notified = Notification.objects.filter(key=f"prereview:{submission.pk}:returned")
    assert {n.recipient for n in notified} == {officer, _contact}


def test_a_draft_before_signing_is_reviewed_without_changing_the_round(setting):
    _signed, *_ = setting
    round_ = round_at("voted")
    officer, _ = enterprise_user(round_.enterprise)
    submission = submission_start(round_id=round_.pk, user=officer)
    _complete(submission, officer)
    submission_submit(submission_id=submission.pk, user=officer)
    submission_review(
        submission_id=submission.pk,
        user=None,
        checks=PASSED,
        clause_comments={},
        comment="",
        passed=True,
        today=TODAY,
    )
    round_.refresh_from_db()
    submission.refresh_from_db()
    assert round_.status == "voted" and not submission.changed_round
    assert submission.state == "passed" and not round_.reviews.exists()


def test_passing_then_the_federation_fills_the_contract_clauses(setting):
    round_, officer, contact, reviewer, _other = setting
    submission = submission_start(round_id=round_.pk, user=officer)
    _complete(submission, officer)
    submission_submit(submission_id=submission.pk, user=officer)
    submission_review(
        submission_id=submission.pk,
        user=reviewer,
        checks=PASSED,
        clause_comments={},
        comment="",
        passed=True,
        today=TODAY,
    )
    round_.refresh_from_db()
    assert round_.status == "preliminary_reviewed"
    clerk = user_with_permissions("clerk@a.test", "change_bargaininground", "change_contract")
    review = round_federation_review(
        round_id=round_.pk, approved=True, reviewed_on=TODAY, user=clerk
    )
    round_.refresh_from_db()
    assert round_.status == "federation_approved"
    clauses = list(Clause.objects.filter(contract=round_.contract).order_by("order"))
    assert [(c.topic, c.text) for c in clauses] == CLAUSES
    assert clauses[0].history.first().history_user == clerk
    notified = Notification.objects.filter(key=f"round:{round_.pk}:federation_review:{review.pk}")
    assert {n.recipient for n in notified} == {officer, contact}


def test_another_enterprises_user_cannot_touch_the_draft(setting):
    round_, officer, *_ = setting
    stranger, _ = enterprise_user(round_at("signed").enterprise)
    submission = submission_start(round_id=round_.pk, user=officer)
    with pytest.raises(PermissionDenied):
        submission_start(round_id=round_.pk, user=stranger)
    with pytest.raises(PermissionDenied):
        submission_save(submission_id=submission.pk, user=stranger, terms={}, clauses=CLAUSES)
    assert FilingSubmission.objects.count() == 1
