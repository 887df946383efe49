"""The employer's reply to a letter with its evidence, sent through the private link or from the
enterprise area (R43; issue 17 item 8): one path for both.

Rules:
- A letter is answered once by the employer (a further reply is refused); staff may still
  record one by hand in the admin (supervision.letter_record_reply).
- The reply needs a text; each required action (rectification item) may get its own answer and
  up to five files of evidence. Every file passes the size, type and magic-byte checks
  (uploads.upload_problem) before anything is stored, so a refused file leaves no half reply.
- In the enterprise area only the employer side answers: the letter is addressed to the
  employer (DOMAIN.md §4, R43: "the employer must reply in writing"); the enterprise union's
  officers read it. An area-wide reminder (R47) has no single reply and is read only.
- The supervision team (the case's supervisor and the letter's issuer, else the administrators)
  is notified once per letter; the enterprise's users are notified when a letter is issued to
  their enterprise (supervision.letter_issue).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from compliance.models import Letter, SupervisionCase
from compliance.models.enterprise_accounts import Side
from compliance.services.notifications import notification_send
from compliance.services.staff import letter_staff
from compliance.services.supervision import letter_record_reply
from compliance.services.uploads import item_evidence_add, upload_problem

MAX_FILES_PER_ITEM = 5


def reply_files_problems(files: dict[int, list]) -> list[str]:
    """What is wrong with the evidence files of a reply (per item id), in the user's words."""
    errors = []
    for uploads in files.values():
        if len(uploads) > MAX_FILES_PER_ITEM:
            errors.append(_("At most %(n)s files per action.") % {"n": MAX_FILES_PER_ITEM})
        for upload in uploads:
            head = upload.read(2048)
            upload.seek(0)
            problem = upload_problem(name=upload.name, size=upload.size, head=head)
            if problem:
                errors.append(f"{upload.name}: {problem}")
    return errors


def reply_problem(*, letter: Letter, account) -> str | None:
    """Why this enterprise account may not answer the letter in the area, or None."""
    if letter.case.area_wide:
        return _("This reminder went to many employers at once; it needs no written reply here.")
    if account.side != Side.EMPLOYER:
        return _(
            "The letter is addressed to the employer: its contact answers it. The union side "
            "may read it."
        )
    if letter.replied_on is not None:
        return _("This letter was answered on %(day)s.") % {"day": letter.replied_on.isoformat()}
    if letter.case.status == SupervisionCase.Status.CLOSED:
        return _("The case is closed.")
    return None


@transaction.atomic
def letter_reply_submit(
    *,
    letter_id: int,
    text: str,
    item_responses: dict[int, str],
    files: dict[int, list],
    user=None,
    account=None,
) -> Letter:
    """The employer's reply with evidence: through the private link (no user, no account) or
    from the enterprise area (the user and their enterprise account)."""
    letter = Letter.objects.select_for_update(of=("self",)).select_related("case").get(pk=letter_id)
    if account is not None:
        problem = reply_problem(letter=letter, account=account)
        if problem:
            raise ValidationError(problem)
    elif letter.replied_on is not None:
        raise ValidationError(
            _("This letter was answered on %(day)s.") % {"day": letter.replied_on.isoformat()}
        )
    errors = reply_files_problems(files)
    if errors:
        raise ValidationError(errors)
    via_link = account is None
    letter = letter_record_reply(
        letter_id=letter.pk,
        replied_on=timezone.localdate(),
        text=text,
        item_responses=item_responses,
        user=user,
        via_link=via_link,
        reason="" if via_link else _("Reply sent from the enterprise area"),
    )
    items = {item.pk: item for item in letter.items.all()}
    for item_id, uploads in files.items():
        for upload in uploads:
            item_evidence_add(item=items[item_id], upload=upload, from_employer=True, user=user)
    with translation.override("zh-hans"):
        message = _("%(addressee)s replied to %(number)s (%(kind)s).") % {
            "addressee": letter.addressee,
            "number": letter.number,
            "kind": letter.get_kind_display(),
        }
    notification_send(
        users=letter_staff(letter),
        text=message,
        # The case's page: each action's answer and evidence beside its outcome form.
        link=reverse("supervision_cases:inspect", args=[letter.case_id]),
        key=f"letter:{letter.pk}:reply",
    )
    return letter
