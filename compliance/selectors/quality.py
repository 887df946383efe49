"""Reads of the quality evaluation (rules/quality.py): what the records say about a contract, and
the federation's distribution and weakest items, in a constant number of queries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Q

from compliance.models import (
    Clause,
    Contract,
    Letter,
    PerformanceReport,
    QualityEvaluation,
    QualityItemScore,
)
from compliance.rules.audits import DIMENSIONS
from compliance.rules.quality import ITEM_BY_KEY, ITEMS, ContractFacts, distribution
from compliance.selectors.history import TimelineEntry, history_timeline, records_timeline
from compliance.selectors.worker_surveys import survey_rates


def contract_facts(*, contract: Contract, on: dt.date) -> ContractFacts:
    """The records about `contract` as they stand on day `on` (a few queries: one contract)."""
    round_ = contract.round
    end = min(on, contract.ends_on)
    start = contract.effective_on or contract.starts_on
    report_years = [y for y in range(start.year, on.year) if y <= contract.ends_on.year]
    facts = {
        "kind": contract.kind,
        "has_union": contract.enterprise.union_established,
        "has_round": round_ is not None,
        "submitted_in_time": contract.submitted_in_time,
        "published": contract.published_on is not None,
        "topics": frozenset(contract.clauses.values_list("topic", flat=True)),
        "topic_labels": tuple((value, str(label)) for value, label in Clause.Topic.choices),
        "wage_figures": contract.wage_growth_pct is not None and contract.minimum_wage is not None,
        "reports_due": len(report_years),
        "reports_made": PerformanceReport.objects.filter(
            contract=contract, year__in=report_years
        ).count(),
        "letters_in_term": Letter.objects.filter(
            case__enterprise_id=contract.enterprise_id, issued_on__range=(start, end)
        ).count(),
        "congress_passed": contract.passed_by_congress,
    }
    survey = survey_rates(contract_ids=[contract.pk])[contract.pk]
    facts.update(
        survey_answers=survey.answers,
        survey_aware=survey.aware,
        survey_satisfied=survey.satisfied,
    )
    if round_ is not None:
        meetings = round_.meetings.aggregate(
            n=Count("pk"), signed=Count("pk", filter=Q(minutes_signed_by_all=True))
        )
        facts.update(
            representatives_published=round_.representatives_published_on is not None,
            chiefs_named=bool(round_.employee_chief and round_.employer_chief),
            offer_answered_in_time=round_.reply_date is not None
            and round_.reply_date <= round_.reply_due,
            meetings=meetings["n"],
            meetings_signed=meetings["signed"],
            congress_passed=round_.votes.filter(passed=True).exists(),
            disputes=round_.disputes.count(),
        )
    return ContractFacts(**facts)


@dataclass(frozen=True)
class WeakItem:
    key: str
    label: str
    dimension: str
    average: Decimal
    below_60: int  # evaluations that scored this item under 60
    scored: int


@dataclass(frozen=True)
class QualitySummary:
    year: int | None
    finalised: int
    passed: int
    in_progress: int
    average: Decimal | None
    dimensions: dict[str, Decimal | None]
    bands: dict[str, int]
    weakest: list[WeakItem]

    @property
    def pass_rate(self) -> Decimal | None:
        if not self.finalised:
            return None
        return (Decimal(100) * self.passed / self.finalised).quantize(Decimal("0.1"))


def quality_summary(*, year: int | None = None, weakest: int = 5) -> QualitySummary:
    """The finalised evaluations of `year` (all years when None): how many passed, the spread of
    their totals over the bands, each dimension's average, and the items with the lowest average
    score. Three queries whatever the number of evaluations."""
    evaluations = QualityEvaluation.objects.all()
    if year is not None:
        evaluations = evaluations.filter(year=year)
    final = Q(status=QualityEvaluation.Status.FINAL)
    figures = evaluations.aggregate(
        finalised=Count("pk", filter=final),
        passed=Count("pk", filter=final & Q(passed=True)),
        in_progress=Count("pk", filter=~final),
        average=Avg("total", filter=final),
        **{d: Avg(f"score_{d}", filter=final) for d in DIMENSIONS},
    )
    totals = evaluations.filter(final).values_list("total", flat=True)
    items = (
        QualityItemScore.objects.filter(
            evaluation__in=evaluations.filter(final), score__isnull=False
        )
        .values("item")
        .annotate(average=Avg("score"), below=Count("pk", filter=Q(score__lt=60)), n=Count("pk"))
        .order_by("average", "item")
    )
    weak = [
        WeakItem(
            key=row["item"],
            label=str(ITEM_BY_KEY[row["item"]].label),
            dimension=ITEM_BY_KEY[row["item"]].dimension,
            average=Decimal(row["average"]).quantize(Decimal("0.1")),
            below_60=row["below"],
            scored=row["n"],
        )
        for row in items
        if row["item"] in ITEM_BY_KEY
    ][:weakest]
    return QualitySummary(
        year=year,
        finalised=figures["finalised"],
        passed=figures["passed"],
        in_progress=figures["in_progress"],
        average=_one_decimal(figures["average"]),
        dimensions={d: _one_decimal(figures[d]) for d in DIMENSIONS},
        bands=distribution(totals),
        weakest=weak,
    )


def _one_decimal(value) -> Decimal | None:
    return None if value is None else Decimal(value).quantize(Decimal("0.1"))


def evaluable_contracts():
    """Contracts that have taken effect (in force or ended), for the evaluation's chooser."""
    return Contract.objects.filter(
        status__in=(
            Contract.Status.EFFECTIVE,
            Contract.Status.EXPIRED,
            Contract.Status.TERMINATED,
            Contract.Status.SUPERSEDED,
        )
    ).select_related("enterprise")


def evaluation_history(*, evaluation: QualityEvaluation, limit: int = 100) -> list[TimelineEntry]:
    """The evaluation's history and its items', newest first, each item row naming its item."""
    items = list(
        QualityItemScore.history.filter(evaluation_id=evaluation.pk)
        .select_related("history_user")
        .order_by("-history_date")
    )
    entries = [
        *history_timeline(instance=evaluation, limit=limit),
        *records_timeline(
            model=QualityItemScore,
            records=items,
            subject=lambda record: str(
                ITEM_BY_KEY[record.item].label if record.item in ITEM_BY_KEY else record.item
            ),
        ),
    ]
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]


@dataclass(frozen=True)
class ItemRow:
    row: QualityItemScore
    label: str
    judged_by_records: bool
    basis: str


def evaluation_items(*, evaluation: QualityEvaluation, language: str) -> dict[str, list[ItemRow]]:
    """The evaluation's items by dimension, in the scoring table's order (one query)."""
    rows = {row.item: row for row in evaluation.items.all()}
    grouped: dict[str, list[ItemRow]] = {d: [] for d in DIMENSIONS}
    for item in ITEMS:
        row = rows.get(item.key)
        if row is None:
            continue
        grouped[item.dimension].append(
            ItemRow(
                row=row,
                label=str(item.label),
                judged_by_records=row.source != QualityItemScore.Source.EVALUATOR,
                basis=row.basis_in(language),
            )
        )
    return grouped
