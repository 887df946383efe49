"""Reads of the pre-review submissions (services/prereview.py): an enterprise's rounds with their
versions, a version's package checklist, and what changed from the previous version."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from compliance.models import BargainingRound, FilingSubmission, PackageItem, SubmissionClause
from compliance.rules import filing_package as package
from compliance.rules.codebook import ENTERED_VARIABLES, key_term_rows, value_display
from compliance.rules.similarity import ADDED, REMOVED, UNCHANGED, Run, text_diff


def enterprise_rounds(*, enterprise_id: int):
    """The enterprise's rounds, newest first, each with its versions (newest first)."""
    return (
        BargainingRound.objects.filter(enterprise_id=enterprise_id)
        .order_by("-offer_date", "-pk")
        .prefetch_related(
            Prefetch("submissions", queryset=FilingSubmission.objects.order_by("-version"))
        )
    )


@dataclass(frozen=True)
class PackageRow:
    item: str
    label: str
    required: bool
    upload: PackageItem | None


def package_rows(submission: FilingSubmission) -> list[PackageRow]:
    """The checklist in its order: each item, whether it is required and its file if any."""
    held = {row.item: row for row in submission.package.all()}
    labels = dict(PackageItem.Item.choices)
    return [
        PackageRow(item, labels[item], item in package.REQUIRED_FILES, held.get(item))
        for item in package.ITEMS
    ]


@dataclass(frozen=True)
class ClauseChange:
    order: int
    old: SubmissionClause | None
    new: SubmissionClause | None
    runs: tuple[Run, ...]

    @property
    def change(self) -> str:
        if self.old is None:
            return ADDED
        if self.new is None:
            return REMOVED
        if self.old.topic != self.new.topic or self.old.text != self.new.text:
            return "changed"
        return UNCHANGED


@dataclass(frozen=True)
class VersionDiff:
    old: FilingSubmission
    new: FilingSubmission
    clauses: tuple[ClauseChange, ...]
    terms: tuple[tuple[str, object, object], ...]  # (label, old value, new value) that differ

    @property
    def changed(self) -> int:
        return sum(1 for line in self.clauses if line.change != UNCHANGED)


TERMS = (
    "covered_employees",
    "wage_growth_pct",
    "last_year_average_wage",
    "minimum_wage",
    "weekly_hours",
)


def submission_key_terms(submission: FilingSubmission) -> list[dict]:
    """The codebook's key terms the version states (its `key_terms`), as key_term_rows gives
    them; the five of its own columns are shown from those."""
    return key_term_rows(submission.key_terms or {}, variables=ENTERED_VARIABLES)


def passed_submission(round_: BargainingRound) -> FilingSubmission | None:
    """The round's latest version that passed the pre-review."""
    return (
        round_.submissions.filter(state=FilingSubmission.State.PASSED).order_by("-version").first()
    )


def previous_version(submission: FilingSubmission) -> FilingSubmission | None:
    return (
        FilingSubmission.objects.filter(
            round_id=submission.round_id, version__lt=submission.version
        )
        .order_by("-version")
        .first()
    )


def version_diff(*, old: FilingSubmission, new: FilingSubmission) -> VersionDiff:
    """Clause by clause (paired by number), the characters added and removed from `old` to
    `new`; and the key terms that changed, the codebook's after the five columns."""
    before = {clause.order: clause for clause in old.clauses.all()}
    after = {clause.order: clause for clause in new.clauses.all()}
    lines = []
    for order in sorted(before.keys() | after.keys()):
        a, b = before.get(order), after.get(order)
        runs = text_diff(a.text if a else "", b.text if b else "")
        lines.append(ClauseChange(order, a, b, runs))
    terms = tuple(
        (
            FilingSubmission._meta.get_field(name).verbose_name,
            getattr(old, name),
            getattr(new, name),
        )
        for name in TERMS
        if getattr(old, name) != getattr(new, name)
    )
    before_terms, after_terms = old.key_terms or {}, new.key_terms or {}
    terms += tuple(
        (
            variable.heading,
            value_display(variable, before_terms.get(variable.code)),
            value_display(variable, after_terms.get(variable.code)),
        )
        for variable in ENTERED_VARIABLES
        if before_terms.get(variable.code) != after_terms.get(variable.code)
    )
    return VersionDiff(old=old, new=new, clauses=tuple(lines), terms=terms)
