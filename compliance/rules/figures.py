"""The figures a federation reports (DOMAIN.md §5), as the numerators and denominators they are
made of, so that they can be summed across segments and federations (DOMAIN.md §7: "rates summed
from numerators and denominators, never averaged").

One `Figures` holds one segment's counts on one day. Stocks (enterprises, contracts in force …)
are counted on the day; flows (contracts that expired, were signed …) are counted over a period
that ends on the day. Four periods are kept, so that the network channel can answer a month, a
quarter, a year or the trailing twelve months exactly from one day's row:

- "r12": the twelve months up to the day (the period `federation_statistics` reports);
- "year", "quarter", "month": from the first day of the day's calendar year, quarter or month.

Segments: the whole federation ("all") and one breakdown per dimension of the ledger: region
(county code), industry section (GB/T 4754), ownership, size (100+ employees or fewer), 规上
(above designated size, where the ledger knows) and key enterprise. Every enterprise falls in
exactly one segment of each dimension, so each dimension's segments sum to "all".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from compliance.rules.deadlines import add_months

PERIODS = ("r12", "year", "quarter", "month")
DIMENSIONS = ("all", "region", "industry", "ownership", "size", "designated", "key")
SIZE_SEGMENTS = ("100plus", "under100")
DESIGNATED_SEGMENTS = ("yes", "no", "unknown")
KEY_SEGMENTS = ("key", "other")
DIMENSION_LABELS = {
    "all": _("Whole federation"),
    # In a context: "Industry" alone is the industry-wide contract (行业性), "Region" a filter.
    "region": pgettext_lazy("dimension", "Region"),
    "industry": pgettext_lazy("dimension", "Industry"),
    "ownership": _("Ownership"),
    "size": _("Size"),
    "designated": _("Above designated size (规上)"),
    "key": _("Key enterprise"),
}
PERIOD_LABELS = {
    "r12": _("Twelve months to the day"),
    "year": _("Year to the day"),
    "quarter": _("Quarter to the day"),
    "month": _("Month to the day"),
}
SEGMENT_LABELS = {
    ("size", "100plus"): _("100 employees or more"),
    ("size", "under100"): _("Fewer than 100 employees"),
    ("designated", "yes"): _("Above designated size"),
    ("designated", "no"): _("Below designated size"),
    ("designated", "unknown"): _("Not known"),
    ("key", "key"): _("Key enterprises"),
    ("key", "other"): _("Other enterprises"),
}


def period_start(day: dt.date, period: str) -> dt.date:
    """The first day of the period of kind `period` that ends on `day`."""
    if period == "r12":
        return add_months(day, -12) + dt.timedelta(days=1)
    if period == "year":
        return dt.date(day.year, 1, 1)
    if period == "quarter":
        return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)
    if period == "month":
        return day.replace(day=1)
    raise ValueError(f"unknown period {period!r}")


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int

    @property
    def percent(self) -> Decimal | None:
        if not self.denominator:
            return None
        value = Decimal(self.numerator * 100) / Decimal(self.denominator)
        return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Figures:
    """One segment's counts on one day; every field is a non-negative integer that sums."""

    enterprises: int = 0  # in the ledger (today's ledger: it keeps no history)
    unionised: int = 0  # … with a union
    key_enterprises: int = 0  # … that are key enterprises (重点要约企业)
    unionised_covered: int = 0  # unionised and covered by a contract in force on the day
    employees_covered: int = 0  # employees of the covered enterprises
    key_covered: int = 0  # key enterprises with their own contract in force
    in_force: int = 0  # contracts in force
    reported: int = 0  # … with last year's performance report
    # Flows, per period: contracts that expired (last day within the period, the day itself
    # excluded: a contract is in force on its last day) and those renewed by then; contracts
    # signed that owe a submission (submitted, or overdue unsubmitted) and those in time.
    expired_r12: int = 0
    renewed_r12: int = 0
    signed_r12: int = 0
    in_time_r12: int = 0
    expired_year: int = 0
    renewed_year: int = 0
    signed_year: int = 0
    in_time_year: int = 0
    expired_quarter: int = 0
    renewed_quarter: int = 0
    signed_quarter: int = 0
    in_time_quarter: int = 0
    expired_month: int = 0
    renewed_month: int = 0
    signed_month: int = 0
    in_time_month: int = 0
    # Instructors are the federation's, not a segment's: counted in "all" only.
    instructors: int = 0
    instructors_meeting_target: int = 0
    whole_rounds: int = 0  # whole rounds in the day's year, over all instructors
    # Workers' surveys (issue 18 item 8), counted in "all" only: answers given up to the day to
    # the surveys of contracts in force on the day; those knowing the contract (知晓率) and those
    # satisfied or basically satisfied with it (满意率).
    survey_answers: int = 0
    survey_aware: int = 0
    survey_satisfied: int = 0
    # The pipeline's funnel for the day's year as it stood on the day (compliance.rules.pipeline:
    # enterprises at each stage or beyond; the first stage is `unionised`), and the forecast:
    # intents planned for the day's month and the next two, not yet offered.
    funnel_in_scope: int = 0
    funnel_surveyed: int = 0
    funnel_intent: int = 0
    funnel_offered: int = 0
    funnel_signed: int = 0
    funnel_filed: int = 0
    funnel_published: int = 0
    forecast: int = 0

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )

    def coverage(self) -> Ratio:  # 建制率
        return Ratio(self.unionised_covered, self.unionised)

    def key_coverage(self) -> Ratio:
        return Ratio(self.key_covered, self.key_enterprises)

    def report_rate(self) -> Ratio:  # 履约报告率
        return Ratio(self.reported, self.in_force)

    def renewal_rate(self, period: str = "r12") -> Ratio:  # 续签率
        return Ratio(getattr(self, f"renewed_{period}"), getattr(self, f"expired_{period}"))

    def submission_rate(self, period: str = "r12") -> Ratio:  # 报审率
        return Ratio(getattr(self, f"in_time_{period}"), getattr(self, f"signed_{period}"))

    def instructor_rate(self) -> Ratio:  # instructors meeting the yearly target
        return Ratio(self.instructors_meeting_target, self.instructors)

    def awareness_rate(self) -> Ratio:  # 知晓率
        return Ratio(self.survey_aware, self.survey_answers)

    def satisfaction_rate(self) -> Ratio:  # 满意率
        return Ratio(self.survey_satisfied, self.survey_answers)


FIGURE_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Figures))


def figures_sum(items) -> Figures:
    total = Figures()
    for item in items:
        total = total + item
    return total


def size_segment(employees: int, threshold: int) -> str:
    return SIZE_SEGMENTS[0] if employees >= threshold else SIZE_SEGMENTS[1]


@dataclass(frozen=True)
class Indicator:
    """A rate the federations report and set targets for, read from one segment's figures."""

    key: str
    label: str
    dimension: str  # the segment it is read from: ("all", "") or e.g. ("ownership", "state")
    segment: str
    rate: str  # the Figures method that gives its Ratio

    def ratio(self, segments, period: str = "r12") -> Ratio:
        """The indicator's Ratio from a {(dimension, segment): Figures} mapping."""
        figures = segments.get((self.dimension, self.segment), Figures())
        method = getattr(figures, self.rate)
        if self.rate in ("renewal_rate", "submission_rate"):
            return method(period)
        return method()


# The seeds' targets (DOMAIN.md §7): 建制率 overall and for 100+ and state-owned enterprises,
# key-enterprise coverage, renewal, submission and report rates, instructor participation.
# The survey rates (知晓率, 满意率, seed 004) come from the workers' surveys.
INDICATORS: tuple[Indicator, ...] = (
    Indicator("coverage", _("Coverage rate (建制率)"), "all", "", "coverage"),
    Indicator(
        "coverage_100plus",
        _("Coverage rate, enterprises with 100+ employees"),
        "size",
        "100plus",
        "coverage",
    ),
    Indicator(
        "coverage_state",
        _("Coverage rate, state-owned enterprises"),
        "ownership",
        "state",
        "coverage",
    ),
    Indicator("key_coverage", _("Key-enterprise coverage"), "all", "", "key_coverage"),
    Indicator("renewal", _("Renewal rate (续签率)"), "all", "", "renewal_rate"),
    Indicator("submission", _("Submission rate (报审率)"), "all", "", "submission_rate"),
    Indicator("report", _("Performance-report rate (履约报告率)"), "all", "", "report_rate"),
    Indicator(
        "instructors",
        _("Instructors meeting the yearly target of whole rounds"),
        "all",
        "",
        "instructor_rate",
    ),
    Indicator("awareness", _("Awareness rate (知晓率)"), "all", "", "awareness_rate"),
    Indicator("satisfaction", _("Satisfaction rate (满意率)"), "all", "", "satisfaction_rate"),
)
INDICATOR_BY_KEY = {indicator.key: indicator for indicator in INDICATORS}
