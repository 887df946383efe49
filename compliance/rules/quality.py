"""The quality and effectiveness evaluation of a collective contract (集体协商质效评估;
regulations.md §7, seed 004).

Five dimensions — parties, procedure, content, performance, effect — as in the performance checks
(rules/audits.py), each scored from checkable items. An item is judged either from the portal's
records (the offer answered in time, minutes signed, the congress quorum and vote, filing in time,
publication, the yearly report to the workers' congress, the workers' survey rates …) or by the
evaluator, who gives a score with the evidence (self-assessment, file review, interviews,
questionnaires). An item the records cannot judge (no round in the portal, no survey answers yet,
no report due yet) passes to the evaluator.

Scores: every item 0–100 (a met condition 100, an unmet one 0, a rate its percentage, a share of
required topics its percentage); a dimension is the mean of its items; the total is the dimensions
weighted by the federation's weights (summing to 100) against its pass line (80 points in
practice, inclusive), both rule-profile parameters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from compliance.rules.audits import DIMENSIONS, passes, weighted_score

RECORDS = "records"
EVALUATOR = "evaluator"

# The clause topics each kind of contract must cover (集体合同规定 Art. 8; special contracts their
# own subject). Keys are compliance.models.Clause.Topic values.
REQUIRED_TOPICS: dict[str, tuple[str, ...]] = {
    "comprehensive": ("wages", "hours", "rest", "safety", "insurance"),
    "wages": ("wages",),
    "women": ("women",),
    "safety": ("safety",),
}
# Contracts that should state the agreed wage figures (growth and the lowest wage).
WAGE_KINDS = ("comprehensive", "wages")


@dataclass(frozen=True)
class ContractFacts:
    """What the records say about one contract, gathered by a selector; None = not known."""

    kind: str
    has_union: bool
    has_round: bool
    representatives_published: bool | None = None
    chiefs_named: bool | None = None
    offer_answered_in_time: bool | None = None
    meetings: int = 0
    meetings_signed: int = 0
    congress_passed: bool | None = None
    submitted_in_time: bool = False
    published: bool = False
    topics: frozenset[str] = frozenset()
    wage_figures: bool = False
    reports_due: int = 0
    reports_made: int = 0
    letters_in_term: int = 0
    disputes: int | None = None
    survey_answers: int = 0
    survey_aware: int = 0
    survey_satisfied: int = 0
    # (topic, its label in the reader's language), to name the missing topics
    topic_labels: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Judgement:
    score: int | None  # None: the records cannot judge; the evaluator scores it
    basis: str  # what the records said, in the reader's language


@dataclass(frozen=True)
class Item:
    key: str
    dimension: str
    label: str
    judged_by: str
    judge: Callable[[ContractFacts], Judgement] | None = None


def _met(value: bool | None, yes: str, no: str, unknown: str) -> Judgement:
    if value is None:
        return Judgement(None, unknown)
    return Judgement(100 if value else 0, yes if value else no)


def _percent(numerator: int, denominator: int) -> int:
    return int(
        (Decimal(100) * numerator / denominator).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    )


def _union(f: ContractFacts) -> Judgement:
    return _met(
        f.has_union,
        _("The enterprise has a union (ledger)."),
        _("The ledger records no union at the enterprise."),
        "",
    )


_NO_ROUND = _("The contract was not bargained in the portal: no round to read.")


def _published_reps(f: ContractFacts) -> Judgement:
    return _met(
        f.representatives_published if f.has_round else None,
        _("The representatives were published to the employees (R6)."),
        _("No publication of the representatives is recorded (R6)."),
        _NO_ROUND,
    )


def _chiefs(f: ContractFacts) -> Judgement:
    return _met(
        f.chiefs_named if f.has_round else None,
        _("Both chief representatives are named."),
        _("A chief representative is missing."),
        _NO_ROUND,
    )


def _offer(f: ContractFacts) -> Judgement:
    return _met(
        f.offer_answered_in_time if f.has_round else None,
        _("The offer was answered within the time limit (R1)."),
        _("The offer was not answered within the time limit (R1)."),
        _NO_ROUND,
    )


def _minutes(f: ContractFacts) -> Judgement:
    if not f.has_round:
        return Judgement(None, str(_NO_ROUND))
    if not f.meetings:
        return Judgement(0, str(_("No bargaining meeting is recorded.")))
    return Judgement(
        _percent(f.meetings_signed, f.meetings),
        str(
            _("%(signed)s of %(meetings)s meetings have minutes signed by all present.")
            % {"signed": f.meetings_signed, "meetings": f.meetings}
        ),
    )


def _congress(f: ContractFacts) -> Judgement:
    return _met(
        f.congress_passed,
        _("Passed by the workers' congress with a valid quorum and vote (R13, R14)."),
        _("No valid passing vote of the workers' congress is recorded (R13, R14)."),
        _NO_ROUND,
    )


def _submitted(f: ContractFacts) -> Judgement:
    return _met(
        f.submitted_in_time,
        _("Submitted to the labour administration in time (R16)."),
        _("Not submitted to the labour administration in time (R16)."),
        "",
    )


def _published(f: ContractFacts) -> Judgement:
    return _met(
        f.published,
        _("Published to the employees (R23)."),
        _("No publication to the employees is recorded (R23)."),
        "",
    )


def _topics(f: ContractFacts) -> Judgement:
    required = REQUIRED_TOPICS.get(f.kind, ())
    if not required:
        return Judgement(None, "")
    covered = [t for t in required if t in f.topics]
    missing = [t for t in required if t not in f.topics]
    basis = _("%(covered)s of %(required)s required topics have clauses.") % {
        "covered": len(covered),
        "required": len(required),
    }
    if missing:
        labels = dict(f.topic_labels)
        basis = _("%(basis)s Missing: %(topics)s.") % {
            "basis": basis,
            "topics": "、".join(str(labels.get(t, t)) for t in missing),
        }
    return Judgement(_percent(len(covered), len(required)), str(basis))


def _wage_figures(f: ContractFacts) -> Judgement:
    if f.kind not in WAGE_KINDS:
        return Judgement(100, str(_("Not a wage contract: no wage figures required.")))
    return _met(
        f.wage_figures,
        _("The agreed wage growth and lowest wage are stated."),
        _("The agreed wage growth or the lowest wage is not stated."),
        "",
    )


def _report(f: ContractFacts) -> Judgement:
    if not f.reports_due:
        return Judgement(None, str(_("No yearly report to the workers' congress is due yet.")))
    return Judgement(
        _percent(min(f.reports_made, f.reports_due), f.reports_due),
        str(
            _("%(made)s of %(due)s yearly reports to the workers' congress made (R31).")
            % {"made": f.reports_made, "due": f.reports_due}
        ),
    )


def _letters(f: ContractFacts) -> Judgement:
    return _met(
        f.letters_in_term == 0,
        _("No supervision letter was issued to the enterprise during the term."),
        _("%(n)s supervision letter(s) issued to the enterprise during the term.")
        % {"n": f.letters_in_term},
        "",
    )


def _rate(part: int, answers: int, what: str) -> Judgement:
    if not answers:
        return Judgement(None, str(_("No answers to the workers' survey yet.")))
    return Judgement(
        _percent(part, answers),
        str(
            _("%(what)s: %(part)s of %(answers)s answers.")
            % {"what": what, "part": part, "answers": answers}
        ),
    )


def _awareness(f: ContractFacts) -> Judgement:
    return _rate(f.survey_aware, f.survey_answers, str(_("Know the contract")))


def _satisfaction(f: ContractFacts) -> Judgement:
    return _rate(f.survey_satisfied, f.survey_answers, str(pgettext_lazy("quality", "Satisfied")))


def _disputes(f: ContractFacts) -> Judgement:
    if f.disputes is None:
        return Judgement(None, str(_NO_ROUND))
    return _met(
        f.disputes == 0,
        _("No bargaining dispute went to coordination."),
        _("%(n)s bargaining dispute(s) went to coordination.") % {"n": f.disputes},
        "",
    )


ITEMS: tuple[Item, ...] = (
    Item("union", "parties", _("The enterprise has a union"), RECORDS, _union),
    Item(
        "representatives",
        "parties",
        _("Representatives chosen and published"),
        RECORDS,
        _published_reps,
    ),
    Item("chiefs", "parties", _("Chief representatives of both sides"), RECORDS, _chiefs),
    Item(
        "women_represented",
        "parties",
        _("Women workers represented on the employee side"),
        EVALUATOR,
    ),
    Item("offer", "procedure", _("Offer answered in time"), RECORDS, _offer),
    Item("minutes", "procedure", _("Meeting minutes signed"), RECORDS, _minutes),
    Item("congress", "procedure", _("Workers' congress quorum and vote valid"), RECORDS, _congress),
    Item("submitted", "procedure", _("Submitted for review in time"), RECORDS, _submitted),
    Item("published", "procedure", _("Published to the employees"), RECORDS, _published),
    Item("topics", "content", _("Required topics covered"), RECORDS, _topics),
    Item("wage_figures", "content", _("Wage figures stated"), RECORDS, _wage_figures),
    Item(
        "concrete",
        "content",
        _("Clauses specific and enforceable, not copied boilerplate"),
        EVALUATOR,
    ),
    Item("report", "performance", _("Yearly report to the workers' congress"), RECORDS, _report),
    Item(
        "no_letters",
        "performance",
        _("No supervision letter during the term"),
        RECORDS,
        _letters,
    ),
    Item("kept", "performance", _("Commitments carried out"), EVALUATOR),
    Item("awareness", "effect", _("Workers' awareness (知晓率)"), RECORDS, _awareness),
    Item("satisfaction", "effect", _("Workers' satisfaction (满意率)"), RECORDS, _satisfaction),
    Item("endorsement", "effect", _("Employer endorsement"), EVALUATOR),
    Item("no_disputes", "effect", _("No dispute in bargaining"), RECORDS, _disputes),
)
ITEM_BY_KEY = {item.key: item for item in ITEMS}


def judge(item: Item, facts: ContractFacts) -> Judgement:
    """The records' judgement of one item; an evaluator's item is never judged here."""
    if item.judge is None:
        return Judgement(None, "")
    result = item.judge(facts)
    return Judgement(result.score, str(result.basis))


def dimension_scores(scores: Mapping[str, int]) -> dict[str, int]:
    """Each dimension's score: the mean of its items' scores (every item must be scored)."""
    missing = [item.key for item in ITEMS if scores.get(item.key) is None]
    if missing:
        raise ValueError(missing)
    result = {}
    for dimension in DIMENSIONS:
        values = [scores[item.key] for item in ITEMS if item.dimension == dimension]
        result[dimension] = int(
            (Decimal(sum(values)) / len(values)).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
        )
    return result


def evaluation_total(
    *, scores: Mapping[str, int], weights: Mapping[str, int], pass_line: int
) -> tuple[dict[str, int], Decimal, bool]:
    """(dimension scores, weighted total, passed) from every item's score."""
    dimensions = dimension_scores(scores)
    total = weighted_score(scores=dimensions, weights=weights)
    return dimensions, total, passes(total=total, pass_line=pass_line)


# Score bands of the distribution, lowest first: (lowest score, label).
BANDS: tuple[tuple[int, str], ...] = (
    (0, "0–59"),
    (60, "60–69"),
    (70, "70–79"),
    (80, "80–89"),
    (90, "90–100"),
)


def band_of(total: Decimal) -> str:
    label = BANDS[0][1]
    for lowest, name in BANDS:
        if total >= lowest:
            label = name
    return label


def distribution(totals: Iterable[Decimal]) -> dict[str, int]:
    counts = {name: 0 for _lowest, name in BANDS}
    for total in totals:
        counts[band_of(total)] += 1
    return counts
