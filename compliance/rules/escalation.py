"""The "一函两书" escalation table (R41, R42; regulations.md §1.3).

提示函 (reminder) → 意见书 (opinion) → 建议书 (recommendation). A reminder or a rectification
notice may be issued at any time. An opinion letter states a confirmed violation and may follow a
reminder or come first. A recommendation letter goes to the same-level labour inspection (or
another department) with the case file, and only:
- from a county-level or higher local federation (地方总工会: province, city, county/district;
  a development-zone federation is not a level of local government and does not qualify), and
- after an opinion letter, on one of three triggers (浙江省工会劳动法律监督条例 Art. 23): the
  employer refused to accept it, did not reply in time, or did not rectify without good reason.
  "Did not reply within the time limit" (R42) is met by no reply once the deadline has passed and
  equally by a reply received after it: a late reply does not cancel the trigger.
One recommendation per case. The kinds, their rungs and who signs them: rules/letters.py.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

from compliance.rules import letters as kinds

REMINDER, OPINION, RECOMMENDATION = (
    kinds.REMINDER.code,
    kinds.OPINION.code,
    kinds.RECOMMENDATION.code,
)
COUNTY_OR_HIGHER = frozenset({"province", "city", "county"})
TRIGGERS = ("refused", "no_reply", "not_rectified")
SIGNER_TITLES = ("主席", "副主席")  # an opinion letter is signed by the chair or a vice-chair


@dataclass(frozen=True)
class LetterFacts:
    """What the table needs to know of a letter already issued in the case."""

    kind: str
    due_on: dt.date
    replied_on: dt.date | None = None
    delivery_refused: bool = False
    unrectified_without_reason: bool = False  # some item "not rectified" with no good reason


def _latest(letters: Sequence[LetterFacts], kind: str) -> LetterFacts | None:
    matching = [letter for letter in letters if letter.kind == kind]
    return matching[-1] if matching else None


def not_replied_in_time(letter: LetterFacts, today: dt.date) -> bool:
    """No reply by the letter's deadline: none yet with the deadline passed, or one that came
    after it (R42: a late reply does not undo the missed time limit)."""
    if letter.replied_on is not None:
        return letter.replied_on > letter.due_on
    return today > letter.due_on


def reply_timeliness(*, due_on: dt.date, replied_on: dt.date | None, today: dt.date) -> str:
    """The reply's date against the deadline, as the record shows it."""
    if replied_on is None:
        if today > due_on:
            return _("No reply; the time limit %(due)s passed %(days)s days ago.") % {
                "due": due_on,
                "days": (today - due_on).days,
            }
        return _("No reply yet; due by %(due)s.") % {"due": due_on}
    if replied_on > due_on:
        return _("Replied on %(day)s, %(days)s days after the time limit %(due)s.") % {
            "day": replied_on,
            "days": (replied_on - due_on).days,
            "due": due_on,
        }
    return _("Replied on %(day)s, within the time limit %(due)s.") % {
        "day": replied_on,
        "due": due_on,
    }


def trigger_holds(*, trigger: str, opinion: LetterFacts, today: dt.date) -> bool:
    if trigger == "refused":
        return opinion.delivery_refused
    if trigger == "no_reply":
        return not_replied_in_time(opinion, today)
    if trigger == "not_rectified":
        return opinion.unrectified_without_reason
    return False


def issue_problem(
    *,
    kind: str,
    federation_level: str,
    letters: Sequence[LetterFacts],
    today: dt.date,
    trigger: str = "",
    signer_title: str = "",
) -> str | None:
    """Why `kind` may not be issued now, or None. `letters` are the case's, oldest first."""
    if kind not in kinds.CODES:
        return _("Unknown kind of letter.")
    # The message names the one kind signed by the chair today.
    if kinds.letter_kind(kind).signed_by_chair and signer_title not in SIGNER_TITLES:
        return _("An opinion letter is signed by the union chair or a vice-chair (主席/副主席).")
    if kind != RECOMMENDATION:
        return None
    if federation_level not in COUNTY_OR_HIGHER:
        return _(
            "Only a county-level or higher federation may issue a recommendation letter; "
            "ask the federation above to issue it."
        )
    if _latest(letters, RECOMMENDATION):
        return _("This case already has a recommendation letter.")
    opinion = _latest(letters, OPINION)
    if opinion is None:
        return _(
            "A recommendation letter follows an opinion letter; issue the opinion letter first."
        )
    if trigger not in TRIGGERS:
        return _(
            "Record why the case is escalated: the opinion letter was refused, not answered in "
            "time, or not acted on without good reason."
        )
    if not trigger_holds(trigger=trigger, opinion=opinion, today=today):
        return {
            "refused": _("The opinion letter's delivery record does not show a refusal."),
            "no_reply": _(
                "The opinion letter was answered within its time limit (%(due)s), or the time "
                "limit has not passed."
            )
            % {"due": opinion.due_on},
            "not_rectified": _(
                "No item of the opinion letter is recorded as not rectified without good reason."
            ),
        }[trigger]
    return None


def kinds_offered(*, federation_level: str, letters: Sequence[LetterFacts]) -> list[str]:
    """The kinds a clerk may start issuing in this case, in the ladder's order: every kind whose
    refusal does not depend on what the form asks (the trigger and the signer are checked when
    the letter is issued). A zone federation is never offered a recommendation letter (R41)."""
    offered = []
    for kind in kinds.CODES:
        if kind == RECOMMENDATION and (
            federation_level not in COUNTY_OR_HIGHER
            or _latest(letters, RECOMMENDATION)
            or _latest(letters, OPINION) is None
        ):
            continue
        offered.append(kind)
    return offered


def proposed_next(
    *, letters: Sequence[LetterFacts], federation_level: str, today: dt.date
) -> str | None:
    """The letter the deadline task proposes when the latest one is overdue (the supervisor
    decides): a reminder leads to an opinion letter, an opinion letter to a recommendation."""
    escalating = [letter for letter in letters if letter.kind in kinds.LADDER]
    if not escalating:
        return None
    latest = escalating[-1]
    if latest.kind == REMINDER and latest.replied_on is None and today > latest.due_on:
        return OPINION
    if (
        latest.kind == OPINION
        and federation_level in COUNTY_OR_HIGHER
        and (
            not_replied_in_time(latest, today)
            or latest.delivery_refused
            or latest.unrectified_without_reason
        )
    ):
        return RECOMMENDATION
    return None
