"""The draft an enterprise submits for the instructor's pre-review (初审), in versions, and the
review (issue 17 items 4 and 5; DOMAIN.md §8, seed 001's three checks, seed 003's loop).

Rules:
- An enterprise user (either side) starts a version of its own round's draft while the round is
  negotiating, voted or signed. Version 1 starts empty; a later version starts as a copy of the
  latest one (terms, clauses, files) and is edited in its place. One version is open (draft or
  awaiting review) at a time.
- Only a draft changes: its terms, its clauses (replaced as a whole, numbered in the order given)
  and its package files (each checked by upload_problem; the contract text must be DOCX or PDF).
- Submitting needs the package rules/filing_package.py names; what is missing is refused with a
  message naming it. The round's instructor is notified.
- Only the round's assigned instructor (may_review_as_instructor) reviews a submitted version:
  the three checks (format, clauses, wording), each passed or failed with a note, a comment per
  clause and a general comment. Returning needs a comment or a failed check; passing needs the
  three checks passed. When the round is SIGNED the decision is the round's instructor review
  (round_review: passed → preliminary reviewed, returned → back to negotiating); a version
  submitted before the signatures is reviewed as a draft and the round does not change. The
  enterprise's users are notified either way.
- The federation review (round_review stage federation) reads the passed version; when it
  approves and the round's signed contract has no clause yet, the passed version's clauses are
  entered into the contract (clause_save), so nobody retypes them. The enterprise's users are
  notified of the federation's decision.
Every write leaves a history row with the person and the reason.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from compliance.models import (
    BargainingRound,
    Clause,
    EnterpriseAccount,
    FilingSubmission,
    PackageItem,
    Review,
    SubmissionClause,
)
from compliance.rules import filing_package as package
from compliance.selectors.prereview import passed_submission
from compliance.services.bargaining import may_review_as_instructor, round_review
from compliance.services.contracts import clause_save, key_terms_checked
from compliance.services.history import save_with_history
from compliance.services.notifications import enterprise_users, notification_send
from compliance.services.uploads import upload_problem

S = BargainingRound.Status
OPEN_ROUND = (S.NEGOTIATING, S.VOTED, S.SIGNED)
TERM_FIELDS = (
    "covered_employees",
    "wage_growth_pct",
    "last_year_average_wage",
    "minimum_wage",
    "weekly_hours",
)
CHECKS = ("format", "clauses", "wording")


def _account(user) -> EnterpriseAccount:
    account = EnterpriseAccount.objects.select_related("enterprise").filter(user=user).first()
    if account is None:
        raise PermissionDenied
    return account


def _own_round(user, round_id: int) -> BargainingRound:
    account = _account(user)
    round_ = (
        BargainingRound.objects.select_for_update(of=("self",))
        .select_related("enterprise", "instructor")
        .filter(pk=round_id, enterprise=account.enterprise)
        .first()
    )
    if round_ is None:
        raise PermissionDenied
    return round_


def _own_draft(user, submission_id: int) -> FilingSubmission:
    account = _account(user)
    submission = (
        FilingSubmission.objects.select_for_update(of=("self",))
        .select_related("round__enterprise")
        .filter(pk=submission_id, round__enterprise=account.enterprise)
        .first()
    )
    if submission is None:
        raise PermissionDenied
    if submission.state != FilingSubmission.State.DRAFT:
        raise ValidationError(
            _("Version %(n)s has been submitted and can no longer be changed.")
            % {"n": submission.version}
        )
    return submission


def _area_link(submission: FilingSubmission) -> str:
    return reverse("enterprise_prereview", args=[submission.pk])


def _admin_link(submission: FilingSubmission) -> str:
    return reverse("bargaining_rounds:prereview", args=[submission.pk])


@transaction.atomic
def submission_start(*, round_id: int, user) -> FilingSubmission:
    """A new draft version of the round's submission: empty, or a copy of the latest version."""
    round_ = _own_round(user, round_id)
    if round_.status not in OPEN_ROUND:
        raise ValidationError(
            _(
                "A draft is submitted for pre-review while the round is negotiated or signed; "
                "it is at “%(status)s”."
            )
            % {"status": round_.get_status_display()}
        )
    latest = round_.submissions.order_by("-version").first()
    if latest and latest.state in (FilingSubmission.State.DRAFT, FilingSubmission.State.SUBMITTED):
        raise ValidationError(_("This round already has a version in progress."))
    submission = FilingSubmission(
        round=round_, version=(latest.version + 1) if latest else 1, created_by=user
    )
    if latest:
        for name in TERM_FIELDS:
            setattr(submission, name, getattr(latest, name))
        submission.key_terms = dict(latest.key_terms or {})
        reason = _("Version %(n)s started from version %(old)s") % {
            "n": submission.version,
            "old": latest.version,
        }
    else:
        submission.covered_employees = round_.enterprise.employees or None
        reason = _("Version 1 started")
    save_with_history(submission, user=user, reason=reason)
    if latest:
        for clause in latest.clauses.all():
            save_with_history(
                SubmissionClause(
                    submission=submission, order=clause.order, topic=clause.topic, text=clause.text
                ),
                user=user,
                reason=reason,
            )
        for item in latest.package.all():
            # The stored file is shared: no version ever changes or deletes a file.
            copy = PackageItem(
                submission=submission, item=item.item, original_name=item.original_name
            )
            copy.file.name = item.file.name
            save_with_history(copy, user=user, reason=reason)
    return submission


@transaction.atomic
def submission_save(
    *, submission_id: int, user, terms: dict, clauses: list[tuple[str, str]]
) -> FilingSubmission:
    """The draft's key terms and its clauses (topic, text), numbered in the order given."""
    submission = _own_draft(user, submission_id)
    topics = set(Clause.Topic.values)
    rows = [(topic, text.strip()) for topic, text in clauses if text and text.strip()]
    for topic, _text in rows:
        if topic not in topics:
            raise ValidationError(_("Choose the topic of every clause."))
    for name in TERM_FIELDS:
        if name in terms:
            setattr(submission, name, terms[name])
    if "key_terms" in terms:
        submission.key_terms = key_terms_checked(terms["key_terms"])
    reason = _("Draft version %(n)s saved") % {"n": submission.version}
    save_with_history(submission, user=user, reason=reason)
    existing = {clause.order: clause for clause in submission.clauses.all()}
    for order, (topic, text) in enumerate(rows, start=1):
        clause = existing.pop(order, None) or SubmissionClause(submission=submission, order=order)
        if clause.pk and (clause.topic, clause.text) == (topic, text):
            continue
        clause.topic, clause.text = topic, text
        save_with_history(clause, user=user, reason=reason)
    for clause in existing.values():
        clause._history_user = user
        clause._change_reason = reason
        clause.delete()
    return submission


@transaction.atomic
def submission_attach(*, submission_id: int, item: str, upload, user) -> PackageItem:
    """The draft's file for one checklist item (replacing the one it had)."""
    submission = _own_draft(user, submission_id)
    if item not in package.ITEMS:
        raise ValidationError(_("Unknown item of the filing package."))
    head = upload.read(2048)
    upload.seek(0)
    problem = upload_problem(name=upload.name, size=upload.size, head=head)
    if problem:
        raise ValidationError(problem)
    if item == package.TEXT and not package.text_suffix_ok(upload.name):
        raise ValidationError(_("The contract text must be a DOCX or PDF file."))
    row = submission.package.filter(item=item).first() or PackageItem(
        submission=submission, item=item
    )
    row.original_name = upload.name[:200]
    row.file.save(upload.name, upload, save=False)
    save_with_history(
        row,
        user=user,
        reason=_("Uploaded: %(item)s") % {"item": row.get_item_display()},
    )
    return row


def submission_missing(submission: FilingSubmission) -> list[str]:
    """What the submission still lacks, as sentences naming each item."""
    found = package.missing(
        kind=submission.round.kind,
        files=set(submission.package.values_list("item", flat=True)),
        values={name: getattr(submission, name) for name in package.WAGE_FIELDS},
        clauses=submission.clauses.count(),
    )
    labels = dict(PackageItem.Item.choices)
    problems = [_("Missing file: %(item)s") % {"item": labels[item]} for item in found.files]
    problems += [
        _("Missing value: %(field)s")
        % {"field": FilingSubmission._meta.get_field(name).verbose_name}
        for name in found.fields
    ]
    if found.no_clauses:
        problems.append(_("Enter the clauses of the contract, each with its topic."))
    return problems


@transaction.atomic
def submission_submit(*, submission_id: int, user) -> FilingSubmission:
    submission = _own_draft(user, submission_id)
    problems = submission_missing(submission)
    if problems:
        raise ValidationError(problems)
    submission.state = FilingSubmission.State.SUBMITTED
    submission.submitted_by, submission.submitted_at = user, timezone.now()
    save_with_history(
        submission,
        user=user,
        reason=_("Version %(n)s submitted for pre-review") % {"n": submission.version},
    )
    round_ = submission.round
    instructor = round_.instructor
    if instructor is not None and instructor.user_id:
        with translation.override("zh-hans"):
            text = _("%(enterprise)s submitted version %(n)s of its draft for pre-review.") % {
                "enterprise": round_.enterprise.name,
                "n": submission.version,
            }
        notification_send(
            users=[instructor.user],
            text=text,
            link=_admin_link(submission),
            key=f"prereview:{submission.pk}:submitted",
        )
    return submission


def _summary(submission: FilingSubmission, passed: bool) -> str:
    """The round's review comments: the failed checks' notes and the general comment."""
    with translation.override("zh-hans"):
        lines = [
            _("Pre-review of version %(n)s: %(state)s")
            % {"n": submission.version, "state": submission.get_state_display()}
        ]
        for _code, label, ok, note in submission.checks:
            if ok is False or note:
                status = _("passed") if ok else _("failed")
                lines.append(f"{label}：{status}{'；' + note if note else ''}")
        if submission.review_comment:
            lines.append(submission.review_comment)
        commented = submission.clauses.exclude(comment="").count()
        if commented:
            lines.append(_("%(n)s clauses commented.") % {"n": commented})
    return "\n".join(lines)


@transaction.atomic
def submission_review(
    *,
    submission_id: int,
    user,
    checks: dict[str, tuple[bool, str]],
    clause_comments: dict[int, str],
    comment: str,
    passed: bool,
    today: dt.date,
) -> FilingSubmission:
    """The instructor returns the submitted version with comments, or passes it."""
    submission = (
        FilingSubmission.objects.select_for_update(of=("self",))
        .select_related("round__enterprise", "round__instructor")
        .get(pk=submission_id)
    )
    round_ = submission.round
    if not may_review_as_instructor(user=user, round_=round_):
        raise PermissionDenied(_("This round's preliminary review is for its assigned instructor."))
    if submission.state != FilingSubmission.State.SUBMITTED:
        raise ValidationError(_("This version is not awaiting review."))
    if set(checks) != set(CHECKS):
        raise ValidationError(_("Decide each of the three checks."))
    clause_comments = {pk: text.strip() for pk, text in clause_comments.items()}
    comment = comment.strip()
    failed = [code for code in CHECKS if not checks[code][0]]
    if passed and failed:
        raise ValidationError(_("A version with a failed check cannot pass: return it."))
    commented = (
        comment
        or any(clause_comments.values())
        or any(note.strip() for _ok, note in checks.values())
    )
    if not passed and not failed and not commented:
        raise ValidationError(
            _("Say what must change: fail a check or write a comment, on a clause or in general.")
        )
    for code in CHECKS:
        ok, note = checks[code]
        setattr(submission, f"{code}_ok", bool(ok))
        setattr(submission, f"{code}_note", note.strip())
    submission.review_comment = comment
    submission.reviewed_by, submission.reviewed_at = user, timezone.now()
    submission.state = FilingSubmission.State.PASSED if passed else FilingSubmission.State.RETURNED
    reason = _("Pre-review of version %(n)s: %(state)s") % {
        "n": submission.version,
        "state": submission.get_state_display(),
    }
    for clause in submission.clauses.all():
        text = clause_comments.get(clause.pk, "")
        if text != clause.comment:
            clause.comment = text
            save_with_history(clause, user=user, reason=reason)
    submission.changed_round = round_.status == S.SIGNED
    save_with_history(submission, user=user, reason=reason)
    if submission.changed_round:
        round_review(
            round_id=round_.pk,
            stage=Review.Stage.INSTRUCTOR,
            approved=passed,
            reviewed_on=today,
            comments=_summary(submission, passed),
            user=user,
        )
    with translation.override("zh-hans"):
        if passed:
            text = _("Version %(n)s of your draft passed the instructor's pre-review.") % {
                "n": submission.version
            }
        else:
            text = _(
                "Version %(n)s of your draft was returned with comments: read them and submit "
                "a new version."
            ) % {"n": submission.version}
    notification_send(
        users=enterprise_users(round_.enterprise),
        text=text,
        link=_area_link(submission),
        key=f"prereview:{submission.pk}:{submission.state}",
    )
    return submission


@transaction.atomic
def round_federation_review(
    *, round_id: int, approved: bool, reviewed_on: dt.date, comments: str = "", user=None
) -> Review:
    """The federation review (round_review stage federation) on what the enterprise submitted:
    approving fills the signed contract's clauses from the passed version when it has none."""
    review = round_review(
        round_id=round_id,
        stage=Review.Stage.FEDERATION,
        approved=approved,
        reviewed_on=reviewed_on,
        comments=comments,
        user=user,
    )
    round_ = review.round
    submission = passed_submission(round_)
    contract = getattr(round_, "contract", None)
    if approved and submission and contract is not None and not contract.clauses.exists():
        reason = _("Entered from pre-review version %(n)s") % {"n": submission.version}
        for clause in submission.clauses.all():
            clause_save(
                clause=None,
                data={
                    "contract": contract,
                    "order": clause.order,
                    "topic": clause.topic,
                    "text": clause.text,
                },
                user=user,
                reason=reason,
            )
    with translation.override("zh-hans"):
        if approved:
            text = _("The federation's review of your contract passed.")
        else:
            text = _("The federation returned your contract with comments: %(comments)s") % {
                "comments": comments.strip()
            }
    latest = round_.submissions.order_by("-version").first()
    notification_send(
        users=enterprise_users(round_.enterprise),
        text=text,
        link=_area_link(latest) if latest else reverse("enterprise_prereviews"),
        key=f"round:{round_.pk}:federation_review:{review.pk}",
    )
    return review
