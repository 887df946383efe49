"""The kinds of supervision letter (一函两书 and the rectification notice): the one place that says
what each kind is, for the models, the services, the rules and the documents.

- 提示函, reminder letter: the first rung of the ladder 提示函 → 意见书 → 建议书 (R41). It asks the
  employer to check itself and correct within the self-check period (R45, 15 days in practice),
  and may go to every employer of an area at once (R47). It lists what to check, but may be
  issued with none. It does not veto an award.
- 意见书, opinion letter: the second rung (R41). It states a confirmed violation, is signed by the
  union chair or a vice-chair (浙江省工会劳动法律监督条例 Art. 21, regulations.md §1.5) and lists
  the required actions; the employer replies in writing within the reply period (R43). An open
  case that has reached it vetoes an award (R39 and shared/DOMAIN.md §4, "open supervision cases
  at 意见书 or 建议书 level").
- 建议书, recommendation letter: the third rung (R41). It goes with the case file to a named
  department (labour inspection or another), on one of three triggers (R42); the department
  opens a case within its period (R44) and reports its handling result back (浙江 Art. 24).
  It vetoes an award, as the opinion letter does.
- 限期整改通知书, rectification notice with a deadline: issued by joint inspections at any time,
  outside the ladder (shared/DOMAIN.md §4, seed 001). It lists the required actions; its period
  is the portal's default, which each federation may change (presets, R45). It does not veto.

The award rank orders the letters of one case so that the one-vote veto reads the highest one a
case has reached: reminder and rectification notice 1, opinion 2, recommendation 3. Every
vetoing kind ranks above every kind that does not veto, so a case's highest letter vetoes
whenever any of its letters does.

An unknown kind is an error (`UnknownLetterKind`), never a silent rank 0.

What a letter may print about its deadline and legal basis (issue 14): the due date, the period
("自发文之日起15日内", counted from the issue date as the deadline is) and the legal basis printed
on letters of the parameter that gave the period, when the federation's profile has one. Never a
rule number (R1–R54) nor the research note behind a number ("淮北市实践"): those stay inside the
portal. A legal basis typed on a letter is spliced into "根据……的有关规定", so it loses its trailing
full stop or semicolon and may not be a rule number.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from compliance.rules.deadlines import Period, Unit
from compliance.rules.presets import Key


class UnknownLetterKind(LookupError):
    pass


@dataclass(frozen=True)
class Kind:
    code: str  # stored in Letter.kind, LetterTemplate.kind and SupervisionCase.proposed_next
    label: str | Promise
    rung: int | None  # place on the 提示函 → 意见书 → 建议书 ladder (0 first); None: outside it
    award_rank: int  # the veto reads the highest-ranked letter of an open case
    vetoes: bool  # an open case at this letter vetoes an award
    deadline: Key  # the profile parameter that gives its reply or rectification period
    needs_actions: bool  # it may not be issued without at least one required action
    to_department: bool  # names a receiving department, records its trigger and its result
    signed_by_chair: bool  # signed by the union chair or a vice-chair, who is printed on it


REMINDER = Kind(
    code="reminder",
    label=_("Reminder letter (提示函)"),
    rung=0,
    award_rank=1,
    vetoes=False,
    deadline=Key.REMINDER_SELF_CHECK,
    needs_actions=False,
    to_department=False,
    signed_by_chair=False,
)
OPINION = Kind(
    code="opinion",
    label=_("Opinion letter (意见书)"),
    rung=1,
    award_rank=2,
    vetoes=True,
    deadline=Key.OPINION_REPLY,
    needs_actions=True,
    to_department=False,
    signed_by_chair=True,
)
RECOMMENDATION = Kind(
    code="recommendation",
    label=_("Recommendation letter (建议书)"),
    rung=2,
    award_rank=3,
    vetoes=True,
    deadline=Key.RECOMMENDATION_CASE,
    needs_actions=False,
    to_department=True,
    signed_by_chair=False,
)
RECTIFICATION = Kind(
    code="rectification",
    label=_("Rectification notice with a deadline (限期整改通知书)"),
    rung=None,
    award_rank=1,
    vetoes=False,
    deadline=Key.RECTIFICATION_NOTICE,
    needs_actions=True,
    to_department=False,
    signed_by_chair=False,
)

KINDS: tuple[Kind, ...] = (REMINDER, OPINION, RECOMMENDATION, RECTIFICATION)
CODES: tuple[str, ...] = tuple(kind.code for kind in KINDS)
# The codes on the ladder, in escalation order.
LADDER: tuple[str, ...] = tuple(
    kind.code for kind in sorted((k for k in KINDS if k.rung is not None), key=lambda k: k.rung)
)
_BY_CODE = {kind.code: kind for kind in KINDS}
# A letter issued on a case that already has a letter of the named kind starts from that letter's
# facts, legal basis and open required actions, editable before issuing: an opinion letter
# confirms what the reminder found (issue 14).
STARTS_FROM: dict[str, str] = {OPINION.code: REMINDER.code}
# Otherwise a letter's legal basis starts from the printed basis of the profile parameter that the
# case's source breached (SupervisionCase.Source values): a refused or unanswered offer breaches
# the reply to an offer (R1), an expired contract without a successor its renewal (R29).
SOURCE_BASIS: dict[str, Key] = {
    "refused_offer": Key.OFFER_REPLY,
    "unanswered_offer": Key.OFFER_REPLY,
    "expired_contract": Key.RENEWAL_WINDOW,
}


def letter_kind(code: str) -> Kind:
    """The kind with this code; `UnknownLetterKind` for any other."""
    try:
        return _BY_CODE[code]
    except KeyError:
        raise UnknownLetterKind(
            f"Unknown letter kind {code!r}; the kinds are {', '.join(CODES)}."
        ) from None


def require_every_kind(mapping: Mapping[str, object], *, where: str) -> None:
    """Refuse a table keyed by kind that misses a kind or names an unknown one."""
    missing = [code for code in CODES if code not in mapping]
    unknown = [code for code in mapping if code not in _BY_CODE]
    if missing or unknown:
        raise UnknownLetterKind(
            f"{where} must have exactly one entry per letter kind: "
            f"missing {missing or 'none'}, unknown {unknown or 'none'}."
        )


# Letters are Chinese documents whatever the issuer's interface language: no gettext here.
_PERIOD_WORDS = {
    Unit.CALENDAR_DAYS: "{n}日",
    Unit.WORKING_DAYS: "{n}个工作日",
    Unit.MONTHS: "{n}个月",
}
# An internal rule number (R1–R54, also "R20/R21"), never printed on a letter.
RULE_ID = re.compile(r"(?<![A-Za-z0-9])[Rr]\d+")
# What may end a legal basis typed on its own but not one spliced into "根据……的有关规定".
_TRAILING = "。；;，,.、：: \t\n\r　"


def due_clause(*, period: Period, basis: str) -> str:
    """What a letter prints in brackets after its due date, e.g. "自发文之日起15个工作日内，依据
    《浙江省工会劳动法律监督条例》第二十二条", or the period alone when `basis` is empty."""
    words = _PERIOD_WORDS[period.unit].format(n=period.amount)
    clause = f"自发文之日起{words}内"
    basis = legal_basis_normalise(basis)
    return f"{clause}，依据{basis}" if basis else clause


def legal_basis_normalise(text: str) -> str:
    """The basis as it is spliced into a sentence: trimmed, without a trailing 。 or ；."""
    return text.strip().rstrip(_TRAILING).strip()


def legal_basis_rule_ids(text: str) -> list[str]:
    """The internal rule numbers a text names (a letter or a printed basis may name none)."""
    return RULE_ID.findall(text)
