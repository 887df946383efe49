"""Award eligibility: the one-vote veto (一票否决) for awards such as 五一劳动奖状.

An award names criteria chosen from `CATALOGUE` (shared/DOMAIN.md §4; regulations.md §5). Each
criterion reads `Facts` about one enterprise that the caller gathered from the database, and
gives a verdict with its reason, the records it relied on and the date the veto lapses. Missing
data gives "needs review", never a silent veto.

Ledger criteria read the situation on the as-of date (their look-back does not apply); a veto
lapses when the situation is remedied, so it has no lapse date:
- no_union — the enterprise has no trade union (R39, 全总 评选管理办法: "not that year").
- no_workers_congress — the enterprise has no workers' congress (职代会) (R39, 全总 评选管理办法:
  "未建立职代会和集体合同制度", not that year). The ledger says yes, no or nothing; a workers'
  congress vote recorded in one of the enterprise's own (single-enterprise) bargaining rounds in
  the twelve months to the as-of date shows that a congress exists whatever its outcome: the
  congress meets at least once a year, to hear the performance report if nothing else (R31), so
  twelve months is the longest a working congress goes without meeting. A vote on the as-of date
  minus twelve months (the corresponding day, `add_months(as_of, -12)`) counts, one a day
  earlier does not. A regional or industry round's vote is that region's or industry's congress
  (R51), not the enterprise's, and does not count. Verdicts: the ledger says no → vetoed (it
  lapses when a congress is established and recorded), unless a vote in the window contradicts
  it → needs review, naming the vote; the ledger says yes → eligible; the ledger does not know →
  eligible when a vote is found, naming it, else needs review.
- no_effective_contract — no collective contract in force that the workers' congress passed
  (seed 001; R38 浙江省集体合同条例 Art. 38; R39 "no 职代会 and collective-contract system").
- contract_not_filed — the contract in force is not filed with both the labour administration
  and the federation (the federation's filing number) (seed 001).
- no_performance_report — last year's performance report to the workers' congress is not
  recorded (seed 001; R31). With no contract covering last year there is nothing to report on:
  needs review.
- open_case_letter — an open supervision case has reached an opinion letter (意见书) or a
  recommendation letter (建议书) (shared/DOMAIN.md §4; R41). A reminder (提示函) or a
  rectification notice alone does not veto. Which kinds veto is said in rules/letters.py.

Violation criteria look for records of their kind in a look-back window:
- wage_arrears, unpaid_social_insurance — this year (R39: "cannot apply that year"): records
  from 1 January of the as-of date's year to the as-of date; the veto lapses on 1 January of the
  next year.
- safety_accident, occupational_hazard, mass_incident — three years (R39: "cannot apply for 3
  years"). The period starts the day after the record (民法典 Art. 201) and its last day is the
  corresponding day three years on (Art. 202, `add_months(occurred_on, 36)`): the enterprise is
  still barred on that day, and the veto lapses the day after, for the latest record. So a
  record on the as-of date minus three years is inside the window, and one a day earlier is
  outside. (A record on 29 February has no corresponding day three years on: the period ends
  on 28 February, the month's last day, and the veto lapses on 1 March.) The deadline engine
  counts months the same way (rules/deadlines.py).
- wage_bargaining_breach — R37 (山东省企业工资集体协商条例 Art. 47): refusing or delaying wage
  bargaining, or not performing the wage contract, and not correcting it when the labour
  administration ordered, costs labour-relations award eligibility. The article sets no period;
  this year is the default, and an award may look back "since" a date instead.
- Any criterion may instead look back "since" a given date, inclusive; such a veto has no lapse
  date, since the window does not move with time.
Records after the as-of date are ignored. A record found vetoes; where none is found and the
award committee has not declared the records of that kind complete for the window, the verdict
is "needs review".

The overall verdict is "vetoed" if any criterion vetoes, else "needs review" if any needs review,
else "eligible" (also for an award with no criteria).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from compliance.rules import letters as kinds
from compliance.rules.deadlines import add_months

VETO_LETTERS = tuple(kind.code for kind in kinds.KINDS if kind.vetoes)
THREE_YEARS_MONTHS = 36
CONGRESS_MONTHS = 12  # a working congress meets at least once a year (R31)


class Verdict(StrEnum):
    ELIGIBLE = "eligible"
    VETOED = "vetoed"
    NEEDS_REVIEW = "needs_review"


class Lookback(StrEnum):
    THIS_YEAR = "this_year"  # 1 January of the as-of date's year up to the as-of date
    THREE_YEARS = "three_years"  # as-of date minus three years (inclusive) up to the as-of date
    SINCE = "since"  # from a given date, inclusive, up to the as-of date


@dataclass(frozen=True)
class Record:
    kind: str
    id: int
    occurred_on: date
    description: str = ""


@dataclass(frozen=True)
class ContractFacts:
    id: int
    title: str
    passed_by_congress: bool
    filed_with_department: bool
    filed_with_federation: bool  # it has a federation filing number


@dataclass(frozen=True)
class CaseFacts:
    id: int
    title: str
    highest_letter: str  # a letter kind's code (rules/letters.py), or "" for none


@dataclass(frozen=True)
class Facts:
    union_established: bool | None
    contract: ContractFacts | None  # the contract in force on the as-of date
    last_year_report: bool | None  # None: no contract covered last year
    open_cases: tuple[CaseFacts, ...] = ()
    violations: tuple[Record, ...] = ()
    complete_kinds: frozenset[str] = frozenset()  # kinds declared complete for the window
    # The ledger's workers' congress (职代会): True, False, or None when it does not know.
    workers_congress: bool | None = None
    congress_last_held: date | None = None  # the last session the ledger records, if any
    # Workers' congress votes in the enterprise's own rounds: id is the round's, occurred_on the
    # day of the vote. The caller may pass any; the rule keeps those in its window.
    congress_votes: tuple[Record, ...] = ()


@dataclass(frozen=True)
class Criterion:
    code: str
    label: str  # English msgid, translated at run time
    basis: str
    default_lookback: Lookback
    violation_kind: str | None = None


_QUANZONG = "全总《全国五一劳动奖和全国工人先锋号评选管理工作办法》"
# Seed 001 (Jiamusi): a local rule, not found in other published rules (regulations.md §5 [U]).
_SEED_001 = "佳木斯市总工会“四建立一否决”工作方案"


def _ledger(code: str, label: str, basis: str) -> Criterion:
    return Criterion(code, label, basis, Lookback.THIS_YEAR)


def _violation(code: str, label: str, lookback: Lookback) -> Criterion:
    return Criterion(code, label, _QUANZONG, lookback, violation_kind=code)


CATALOGUE: dict[str, Criterion] = {
    criterion.code: criterion
    for criterion in (
        _ledger("no_union", gettext_noop("no trade union"), _QUANZONG),
        _ledger(
            "no_workers_congress",
            gettext_noop("no workers' congress"),
            f"{_QUANZONG}（未建立职代会和集体合同制度）",
        ),
        _ledger(
            "no_effective_contract",
            gettext_noop("no effective collective contract passed by the workers' congress"),
            f"{_SEED_001}；浙江省集体合同条例 第38条；{_QUANZONG}",
        ),
        _ledger(
            "contract_not_filed",
            gettext_noop(
                "collective contract not filed with both the labour administration and the "
                "federation"
            ),
            _SEED_001,
        ),
        _ledger(
            "no_performance_report",
            gettext_noop("no performance report to the workers' congress for last year"),
            f"{_SEED_001}；北京市集体合同条例 第41条；浙江省集体合同条例 第37条",
        ),
        _ledger(
            "open_case_letter",
            gettext_noop("open supervision case at opinion or recommendation letter level"),
            "浙江省工会劳动法律监督条例 第21—24条（一函两书）",
        ),
        _violation("wage_arrears", gettext_noop("wage arrears"), Lookback.THIS_YEAR),
        _violation(
            "unpaid_social_insurance", gettext_noop("unpaid social insurance"), Lookback.THIS_YEAR
        ),
        _violation(
            "safety_accident", gettext_noop("production-safety accident"), Lookback.THREE_YEARS
        ),
        _violation(
            "occupational_hazard",
            gettext_noop("serious occupational hazard"),
            Lookback.THREE_YEARS,
        ),
        _violation("mass_incident", gettext_noop("mass incident"), Lookback.THREE_YEARS),
        Criterion(
            "wage_bargaining_breach",
            gettext_noop(
                "wage bargaining refused or wage contract not performed, not corrected when ordered"
            ),
            "山东省企业工资集体协商条例 第47条",
            Lookback.THIS_YEAR,
            violation_kind="wage_bargaining_breach",
        ),
    )
}


@dataclass(frozen=True)
class CriterionSpec:
    """A criterion as an award selects it: its code, and its look-back if not the default."""

    code: str
    lookback: Lookback | None = None  # None: the catalogue's default
    since: date | None = None  # the first day of a SINCE look-back

    def __post_init__(self) -> None:
        if self.lookback is not None:
            object.__setattr__(self, "lookback", Lookback(self.lookback))
        if self.lookback is Lookback.SINCE and self.since is None:
            raise ValueError(
                _("The “since” look-back of %(code)s needs its first day.") % {"code": self.code}
            )
        if self.lookback is not Lookback.SINCE and self.since is not None:
            raise ValueError(
                _("%(code)s has a first day but not the “since” look-back.") % {"code": self.code}
            )


@dataclass(frozen=True)
class CriterionResult:
    code: str
    label: str
    basis: str
    verdict: Verdict
    reason: str
    record_ids: tuple[int, ...] = ()
    lapses_on: date | None = None


def evaluate(
    *, facts: Facts, criteria: Sequence[CriterionSpec], as_of: date
) -> tuple[Verdict, list[CriterionResult]]:
    """The overall verdict and one result per selected criterion, in the given order."""
    unknown = [spec.code for spec in criteria if spec.code not in CATALOGUE]
    if unknown:
        raise ValueError(_("Unknown veto criterion: %(codes)s.") % {"codes": ", ".join(unknown)})
    results = [_evaluate_one(facts=facts, spec=spec, as_of=as_of) for spec in criteria]
    verdicts = {result.verdict for result in results}
    if Verdict.VETOED in verdicts:
        overall = Verdict.VETOED
    elif Verdict.NEEDS_REVIEW in verdicts:
        overall = Verdict.NEEDS_REVIEW
    else:
        overall = Verdict.ELIGIBLE
    return overall, results


def _evaluate_one(*, facts: Facts, spec: CriterionSpec, as_of: date) -> CriterionResult:
    criterion = CATALOGUE[spec.code]
    if criterion.violation_kind is not None:
        lookback = spec.lookback or criterion.default_lookback
        verdict, reason, ids, lapses_on = _violation_verdict(
            facts=facts,
            kind=criterion.violation_kind,
            label=_(criterion.label),
            lookback=lookback,
            since=spec.since,
            as_of=as_of,
        )
    else:
        verdict, reason, ids = _LEDGER[criterion.code](facts, as_of)
        lapses_on = None
    return CriterionResult(
        code=criterion.code,
        label=_(criterion.label),
        basis=criterion.basis,
        verdict=verdict,
        reason=reason,
        record_ids=ids,
        lapses_on=lapses_on,
    )


# Violation criteria ---------------------------------------------------------------------------


def three_years_end(occurred_on: date) -> date:
    """The last day of a three-year period that starts after `occurred_on`: its corresponding
    day three years on, or the month's last day when there is none (民法典 Arts. 201-202)."""
    return add_months(occurred_on, THREE_YEARS_MONTHS)


def in_window(*, occurred_on: date, lookback: Lookback, as_of: date, since: date | None) -> bool:
    """Whether a record on `occurred_on` falls in the look-back window ending on `as_of`."""
    if occurred_on > as_of:
        return False
    if lookback is Lookback.THIS_YEAR:
        return occurred_on.year == as_of.year
    if lookback is Lookback.THREE_YEARS:
        return as_of <= three_years_end(occurred_on)
    if since is None:
        raise ValueError(_("The “since” look-back needs its first day."))
    return occurred_on >= since


def _window_phrase(lookback: Lookback, as_of: date, since: date | None) -> str:
    if lookback is Lookback.THIS_YEAR:
        return _("in %(year)s") % {"year": as_of.year}
    if lookback is Lookback.THREE_YEARS:
        return _("in the three years to %(date)s") % {"date": as_of}
    return _("since %(date)s") % {"date": since}


def _describe(record: Record) -> str:
    return f"{record.occurred_on} {record.description}".strip()


def _violation_verdict(
    *,
    facts: Facts,
    kind: str,
    label: str,
    lookback: Lookback,
    since: date | None,
    as_of: date,
) -> tuple[Verdict, str, tuple[int, ...], date | None]:
    found = sorted(
        (
            record
            for record in facts.violations
            if record.kind == kind
            and in_window(
                occurred_on=record.occurred_on, lookback=lookback, as_of=as_of, since=since
            )
        ),
        key=lambda record: (record.occurred_on, record.id),
    )
    window = _window_phrase(lookback, as_of, since)
    if not found:
        if kind in facts.complete_kinds:
            return (
                Verdict.ELIGIBLE,
                _("No %(kind)s recorded %(window)s.") % {"kind": label, "window": window},
                (),
                None,
            )
        return (
            Verdict.NEEDS_REVIEW,
            _(
                "No %(kind)s recorded %(window)s, but the records of this kind have not been "
                "confirmed complete."
            )
            % {"kind": label, "window": window},
            (),
            None,
        )
    latest = found[-1].occurred_on
    if lookback is Lookback.THIS_YEAR:
        lapses_on: date | None = date(as_of.year + 1, 1, 1)
        lapse = _("The veto lapses on %(date)s.") % {"date": lapses_on}
    elif lookback is Lookback.THREE_YEARS:
        last_day = three_years_end(latest)
        lapses_on = last_day + timedelta(days=1)
        lapse = _(
            "The three years run through %(last)s, the corresponding day of the latest record; "
            "the veto lapses on %(date)s."
        ) % {"last": last_day, "date": lapses_on}
    else:
        lapses_on = None
        lapse = _("The look-back starts on a fixed day, so the veto does not lapse with time.")
    reason = _("Recorded %(kind)s %(window)s: %(records)s.") % {
        "kind": label,
        "window": window,
        "records": "; ".join(_describe(record) for record in found),
    }
    return Verdict.VETOED, f"{reason} {lapse}", tuple(record.id for record in found), lapses_on


# Ledger criteria ------------------------------------------------------------------------------

_LedgerResult = tuple[Verdict, str, tuple[int, ...]]


def _no_union(facts: Facts, as_of: date) -> _LedgerResult:
    if facts.union_established is None:
        return (
            Verdict.NEEDS_REVIEW,
            _("Whether the enterprise has a trade union is not recorded."),
            (),
        )
    if facts.union_established:
        return Verdict.ELIGIBLE, _("The enterprise has a trade union."), ()
    return (
        Verdict.VETOED,
        _("The enterprise has no trade union. The veto lapses when a union is established."),
        (),
    )


def congress_window_start(as_of: date) -> date:
    """The first day a workers' congress vote shows a congress exists on `as_of`."""
    return add_months(as_of, -CONGRESS_MONTHS)


def _no_workers_congress(facts: Facts, as_of: date) -> _LedgerResult:
    start = congress_window_start(as_of)
    votes = sorted(
        (v for v in facts.congress_votes if start <= v.occurred_on <= as_of),
        key=lambda v: (v.occurred_on, v.id),
    )
    ids = tuple(dict.fromkeys(v.id for v in votes))
    named = "; ".join(
        _("%(date)s in bargaining round #%(round)s") % {"date": v.occurred_on, "round": v.id}
        for v in votes
    )
    window = {"start": start, "end": as_of, "votes": named}
    if facts.workers_congress is False:
        if votes:
            return (
                Verdict.NEEDS_REVIEW,
                _(
                    "The ledger says the enterprise has no workers' congress, but a workers' "
                    "congress vote is recorded between %(start)s and %(end)s: %(votes)s. Check "
                    "which is right and correct the ledger."
                )
                % window,
                ids,
            )
        return (
            Verdict.VETOED,
            _(
                "The ledger records no workers' congress at the enterprise. The veto lapses when "
                "a congress is established and recorded in the ledger."
            ),
            (),
        )
    if facts.workers_congress:
        if facts.congress_last_held:
            reason = _(
                "The ledger records a workers' congress at the enterprise, last held on %(date)s."
            ) % {"date": facts.congress_last_held}
        else:
            reason = _("The ledger records a workers' congress at the enterprise.")
        if votes:
            reason += " " + _("Workers' congress votes: %(votes)s.") % window
        return Verdict.ELIGIBLE, reason, ids
    if votes:
        return (
            Verdict.ELIGIBLE,
            _(
                "The ledger does not say whether the enterprise has a workers' congress, but the "
                "congress voted between %(start)s and %(end)s: %(votes)s."
            )
            % window,
            ids,
        )
    return (
        Verdict.NEEDS_REVIEW,
        _(
            "Whether the enterprise has a workers' congress is not recorded, and no workers' "
            "congress vote is recorded in its bargaining rounds between %(start)s and %(end)s: "
            "check by hand."
        )
        % window,
        (),
    )


def _no_effective_contract(facts: Facts, as_of: date) -> _LedgerResult:
    contract = facts.contract
    if contract is None:
        return (
            Verdict.VETOED,
            _(
                "No collective contract is in force on %(date)s. The veto lapses when a contract "
                "passed by the workers' congress takes effect."
            )
            % {"date": as_of},
            (),
        )
    if not contract.passed_by_congress:
        return (
            Verdict.VETOED,
            _(
                "The contract in force, “%(title)s”, was not passed by the workers' congress. The "
                "veto lapses when a contract passed by the workers' congress takes effect."
            )
            % {"title": contract.title},
            (contract.id,),
        )
    return (
        Verdict.ELIGIBLE,
        _("“%(title)s” is in force and was passed by the workers' congress.")
        % {"title": contract.title},
        (contract.id,),
    )


def _contract_not_filed(facts: Facts, as_of: date) -> _LedgerResult:
    contract = facts.contract
    if contract is None:
        return (
            Verdict.VETOED,
            _(
                "No collective contract is in force on %(date)s, so none is filed. The veto "
                "lapses when a contract in force is filed with both."
            )
            % {"date": as_of},
            (),
        )
    title = {"title": contract.title}
    if contract.filed_with_department and contract.filed_with_federation:
        return (
            Verdict.ELIGIBLE,
            _("“%(title)s” is filed with the labour administration and the federation.") % title,
            (contract.id,),
        )
    if not contract.filed_with_department and not contract.filed_with_federation:
        missing = _(
            "“%(title)s” is filed with neither the labour administration nor the federation."
        )
    elif not contract.filed_with_department:
        missing = _("“%(title)s” is not filed with the labour administration.")
    else:
        missing = _("“%(title)s” has no federation filing number.")
    remedy = _("The veto lapses when it is filed with both.")
    return Verdict.VETOED, f"{missing % title} {remedy}", (contract.id,)


def _no_performance_report(facts: Facts, as_of: date) -> _LedgerResult:
    ids = (facts.contract.id,) if facts.contract else ()
    if facts.last_year_report is None:
        return (
            Verdict.NEEDS_REVIEW,
            _(
                "No contract in the ledger covered last year, so the ledger cannot show a "
                "performance report: check by hand whether one was made to the workers' congress."
            ),
            ids,
        )
    if facts.last_year_report:
        return (
            Verdict.ELIGIBLE,
            _("Last year's performance report to the workers' congress is recorded."),
            ids,
        )
    return (
        Verdict.VETOED,
        _(
            "Last year's performance report to the workers' congress (%(year)s) is not recorded. "
            "The veto lapses when it is recorded."
        )
        % {"year": as_of.year - 1},
        ids,
    )


def _open_case_letter(facts: Facts, as_of: date) -> _LedgerResult:
    letters = {
        kinds.OPINION.code: _("opinion letter"),
        kinds.RECOMMENDATION.code: _("recommendation letter"),
    }
    cases = [case for case in facts.open_cases if case.highest_letter in VETO_LETTERS]
    if not cases:
        return (
            Verdict.ELIGIBLE,
            _("No open supervision case has reached an opinion or recommendation letter."),
            (),
        )
    named = "; ".join(f"“{case.title}” ({letters[case.highest_letter]})" for case in cases)
    reason = ngettext(
        "Open supervision case at opinion or recommendation letter level: %(cases)s. The veto "
        "lapses when it is closed.",
        "Open supervision cases at opinion or recommendation letter level: %(cases)s. The veto "
        "lapses when they are closed.",
        len(cases),
    ) % {"cases": named}
    return Verdict.VETOED, reason, tuple(case.id for case in cases)


_LEDGER = {
    "no_union": _no_union,
    "no_workers_congress": _no_workers_congress,
    "no_effective_contract": _no_effective_contract,
    "contract_not_filed": _contract_not_filed,
    "no_performance_report": _no_performance_report,
    "open_case_letter": _open_case_letter,
}
