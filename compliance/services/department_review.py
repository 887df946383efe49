"""The labour administration's review online (issue 17 item 6; R16, R18, R20–R22).

Rules:
- The federation keeps the departments it submits to; an administrator invites reviewers of a
  department by e-mail (compliance.services.invitations: expiring, single-use, hashed token; the
  rule profile's `reviewer_invitation` days). A reviewer account has no group and no permission:
  the Wagtail admin refuses it; the review area shows only the rounds submitted to its department.
- The reviewer records receipt (受理): the review period (R20) runs from that day. Until then it
  runs from the submission day (services.bargaining.round_submit), so silence still makes the
  contract effective (R21, round_mark_effective) whether or not receipt was recorded.
- Within the profile's `materials_request` days of submission (7 by default, R18) the reviewer may
  ask for missing materials, listing them; the federation records when it sent them. The request
  does not stop the review period: the department records its receipt once the package is
  complete, and the period counts from then.
- Within the review period the reviewer objects with its points (审查意见书: the round goes back to
  bargaining, R22; services.bargaining.round_record_objection) or approves (the contract is
  effective on the approval day, services.bargaining.round_approve).
- Every action leaves history with a reason (the audit chain hashes it) and notifies, once per
  event, the federation staff who submitted, the round's instructor and the enterprise's users;
  a submission notifies the department's reviewers.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from compliance.models import (
    BargainingRound,
    Department,
    DepartmentSubmission,
    MaterialsRequest,
    Review,
    ReviewerAccount,
    ReviewerInvitation,
)
from compliance.rules.presets import Key
from compliance.selectors.profile import current_profile, deadline_for
from compliance.services import bargaining
from compliance.services.history import save_with_history
from compliance.services.invitations import (
    federation_name,
    invitation_issue,
    invitation_pending,
    invitation_use,
    invitation_withdraw,
)
from compliance.services.notifications import enterprise_users, notification_send

# --- departments and reviewers -------------------------------------------------------------------


def reviewer_invitation_validity() -> dt.timedelta:
    return dt.timedelta(days=max(current_profile().period(Key.REVIEWER_INVITATION).amount, 1))


@transaction.atomic
def reviewer_invitation_create(
    *, department_id: int, email: str, user, accept_url
) -> tuple[ReviewerInvitation, str]:
    """Invite `email` to review for the department and e-mail the link; returns (invitation,
    token). `accept_url(token)` makes the absolute address of the acceptance page."""
    department = Department.objects.get(pk=department_id)
    if not department.active:
        raise ValidationError(_("This department is no longer active."))

    def mail(token: str, expires: str) -> tuple[str, str]:
        with translation.override("zh-hans"):
            subject = _("Invitation to review collective contracts for %(federation)s") % {
                "federation": federation_name()
            }
            body = _(
                "%(federation)s invites you to review the collective contracts submitted to "
                "%(department)s online.\n\nOpen this link to choose your password and "
                "authenticator: %(url)s\n\nThe link can be used once and is valid until "
                "%(expires)s."
            ) % {
                "federation": federation_name(),
                "department": department.name,
                "url": accept_url(token),
                "expires": expires,
            }
        return subject, body

    return invitation_issue(
        invitation=ReviewerInvitation(department=department, email=email),
        binding={"department": department},
        validity=reviewer_invitation_validity(),
        user=user,
        reason=_("Reviewer invited"),
        mail=mail,
    )


def reviewer_invitation_for_token(token: str) -> ReviewerInvitation | None:
    return invitation_pending(ReviewerInvitation, token, "department")


@transaction.atomic
def reviewer_invitation_accept(
    *, token: str, family_name: str, given_name: str, password: str
) -> ReviewerAccount:
    def make_account(user, invitation) -> ReviewerAccount:
        account = ReviewerAccount(user=user, department=invitation.department)
        save_with_history(account, user=user, reason=_("Account opened from an invitation"))
        return account

    return invitation_use(
        model=ReviewerInvitation,
        token=token,
        family_name=family_name,
        given_name=given_name,
        password=password,
        make_account=make_account,
    )


@transaction.atomic
def reviewer_invitation_revoke(*, invitation_id: int, user) -> ReviewerInvitation:
    return invitation_withdraw(model=ReviewerInvitation, invitation_id=invitation_id, user=user)


# --- notifications -------------------------------------------------------------------------------


def current_submission(round_: BargainingRound) -> DepartmentSubmission | None:
    return round_.department_submissions.select_related("department", "submitted_by").first()


def _notify(round_: BargainingRound, *, event: str, text: str, submission=None) -> None:
    """The federation staff who submitted and the instructor (admin page), the enterprise's
    users (their area), once per event."""
    submission = submission or current_submission(round_)
    key = f"review:{round_.pk}:{submission.pk if submission else 0}:{event}"
    staff = []
    if submission is not None and submission.submitted_by_id:
        staff.append(submission.submitted_by)
    if round_.instructor_id and round_.instructor.user_id:
        staff.append(round_.instructor.user)
    notification_send(
        users=staff, text=text, link=reverse("bargaining_rounds:inspect", args=[round_.pk]), key=key
    )
    notification_send(
        users=enterprise_users(round_.enterprise),
        text=text,
        link=reverse("enterprise_home"),
        key=key,
    )


def _label(round_: BargainingRound) -> str:
    return f"{round_.enterprise.name}（{round_.get_kind_display()}）"


def _reviewable(round_id: int, account: ReviewerAccount | None) -> tuple[BargainingRound, object]:
    """The round under review and its current submission, refused unless it was submitted to the
    reviewer's department (None: a staff or system call)."""
    round_ = BargainingRound.objects.select_related("enterprise", "instructor__user").get(
        pk=round_id
    )
    submission = current_submission(round_)
    if account is not None and (
        submission is None or submission.department_id != account.department_id
    ):
        raise ValidationError(_("This contract was not submitted to your department."))
    return round_, submission


# --- the round submitted -------------------------------------------------------------------------


@transaction.atomic
def submission_create(
    *,
    round_id: int,
    department_id: int,
    submitted_on: dt.date,
    received_on: dt.date | None = None,
    user=None,
) -> BargainingRound:
    """Submit the round to the department (round_submit) and tell its reviewers."""
    round_ = bargaining.round_submit(
        round_id=round_id,
        submitted_on=submitted_on,
        received_on=received_on,
        department_id=department_id,
        user=user,
    )
    submission = current_submission(round_)
    reviewers = [
        account.user
        for account in submission.department.reviewers.select_related("user").filter(
            user__is_active=True
        )
    ]
    with translation.override("zh-hans"):
        text = _("%(round)s was submitted to %(department)s for review on %(day)s.") % {
            "round": _label(round_),
            "department": submission.department.name,
            "day": submitted_on.isoformat(),
        }
    notification_send(
        users=reviewers,
        text=text,
        link=reverse("review_round", args=[round_.pk]),
        key=f"review:{round_.pk}:{submission.pk}:submitted",
    )
    return round_


@transaction.atomic
def review_record_receipt(
    *, round_id: int, received_on: dt.date, user=None, account: ReviewerAccount | None = None
) -> BargainingRound:
    round_, submission = _reviewable(round_id, account)
    round_ = bargaining.round_record_receipt(round_id=round_id, received_on=received_on, user=user)
    with translation.override("zh-hans"):
        text = _(
            "%(department)s received the contract of %(round)s on %(day)s; its review period "
            "ends on %(due)s."
        ) % {
            "department": submission.department.name if submission else _("The department"),
            "round": _label(round_),
            "day": received_on.isoformat(),
            "due": round_.review_due.isoformat(),
        }
    _notify(round_, event="receipt", text=text, submission=submission)
    return round_


def materials_request_due(submission: DepartmentSubmission):
    """The last day the department may ask for missing materials (R18)."""
    return deadline_for(key=Key.MATERIALS_REQUEST, start=submission.submitted_on)


@transaction.atomic
def review_request_materials(
    *,
    round_id: int,
    requested_on: dt.date,
    items: str,
    user=None,
    account: ReviewerAccount | None = None,
) -> MaterialsRequest:
    if not items.strip():
        raise ValidationError(_("List the materials that are missing."))
    round_, submission = _reviewable(round_id, account)
    if submission is None:
        raise ValidationError(_("This round was not submitted to a department."))
    round_ = bargaining.round_allows(round_id=round_id, action="request_materials")
    if requested_on < submission.submitted_on:
        raise ValidationError(_("Missing materials cannot be asked for before the submission."))
    deadline = materials_request_due(submission)
    if requested_on > deadline.due:
        raise ValidationError(
            _("Missing materials may be asked for until %(due)s (%(rule)s).")
            % {"due": deadline.due.isoformat(), "rule": deadline.explanation()}
        )
    request = MaterialsRequest(
        submission=submission, requested_on=requested_on, items=items.strip(), requested_by=user
    )
    save_with_history(request, user=user, reason=_("Missing materials asked for"))
    with translation.override("zh-hans"):
        text = _("%(department)s asks for missing materials for %(round)s: %(items)s") % {
            "department": submission.department.name,
            "round": _label(round_),
            "items": request.items,
        }
    _notify(round_, event=f"materials:{request.pk}", text=text, submission=submission)
    return request


@transaction.atomic
def materials_record_sent(
    *, request_id: int, sent_on: dt.date, note: str, user=None
) -> MaterialsRequest:
    """The federation records the materials it sent in answer; the department's reviewers and
    the enterprise are told."""
    if not note.strip():
        raise ValidationError(_("Say what was sent."))
    request = (
        MaterialsRequest.objects.select_for_update()
        .select_related("submission__department", "submission__round__enterprise")
        .get(pk=request_id)
    )
    if request.sent_on is not None:
        raise ValidationError(_("The materials were already recorded as sent."))
    if sent_on < request.requested_on:
        raise ValidationError(_("The materials cannot be sent before they were asked for."))
    request.sent_on, request.sent_note, request.sent_by = sent_on, note.strip(), user
    save_with_history(request, user=user, reason=_("Missing materials sent"))
    submission = request.submission
    round_ = submission.round
    with translation.override("zh-hans"):
        text = _("The federation sent the missing materials for %(round)s on %(day)s: %(note)s") % {
            "round": _label(round_),
            "day": sent_on.isoformat(),
            "note": request.sent_note,
        }
    reviewers = [a.user for a in submission.department.reviewers.select_related("user")]
    key = f"review:{round_.pk}:{submission.pk}:materials_sent:{request.pk}"
    notification_send(
        users=reviewers, text=text, link=reverse("review_round", args=[round_.pk]), key=key
    )
    notification_send(
        users=enterprise_users(round_.enterprise),
        text=text,
        link=reverse("enterprise_home"),
        key=key,
    )
    return request


@transaction.atomic
def review_object(
    *,
    round_id: int,
    objected_on: dt.date,
    points: str,
    user=None,
    account: ReviewerAccount | None = None,
) -> Review:
    """审查意见书 (R20): the round goes back to bargaining (R22), its points reach the federation
    and the enterprise."""
    round_, submission = _reviewable(round_id, account)
    review = bargaining.round_record_objection(
        round_id=round_id, received_on=objected_on, points=points, user=user
    )
    with translation.override("zh-hans"):
        text = _(
            "%(department)s objects to the contract of %(round)s (审查意见书); bargaining "
            "resumes. Points: %(points)s"
        ) % {
            "department": submission.department.name if submission else _("The department"),
            "round": _label(round_),
            "points": points.strip(),
        }
    _notify(round_, event="objection", text=text, submission=submission)
    return review


@transaction.atomic
def review_approve(
    *,
    round_id: int,
    approved_on: dt.date,
    comments: str = "",
    user=None,
    account: ReviewerAccount | None = None,
) -> Review:
    round_, submission = _reviewable(round_id, account)
    review = bargaining.round_approve(
        round_id=round_id, approved_on=approved_on, comments=comments, user=user
    )
    with translation.override("zh-hans"):
        text = _(
            "%(department)s approved the contract of %(round)s; it is effective from %(day)s."
        ) % {
            "department": submission.department.name if submission else _("The department"),
            "round": _label(round_),
            "day": approved_on.isoformat(),
        }
    _notify(round_, event="approval", text=text, submission=submission)
    return review
