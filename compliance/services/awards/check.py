"""Checking nominees for an award against its veto criteria (一票否决; DOMAIN.md §4, R37–R40).

One path serves one enterprise or a whole nomination list: the facts are gathered for all
nominees at once (constant queries), every nominee is judged by compliance.rules.veto, and the
results are stored as a dated snapshot that later changes to the data do not alter. Nominees not
in the ledger are reported as such, never dropped.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.models import Award, EligibilityResult, EligibilityRun
from compliance.rules.uscc import normalize
from compliance.rules.veto import CriterionSpec, Lookback, evaluate
from compliance.selectors.awards import earliest_lookback, enterprises_by_code, veto_facts

MAX_NOMINEES = 50_000


@dataclass(frozen=True)
class Nominee:
    credit_code: str
    name: str = ""
    row: int | None = None
    problem: str = ""  # why the row cannot be matched (a malformed code …): reported, not looked up


@transaction.atomic
def eligibility_check(
    *,
    award_id: int,
    nominees: Sequence[Nominee],
    as_of: dt.date,
    user=None,
    run_id: int | None = None,
) -> EligibilityRun:
    """Judge every nominee; return the stored run with one result per nominee.

    run_id: an uploaded list's queued run (compliance.services.awards.lists) to complete,
    instead of a new run."""
    if not nominees:
        raise ValidationError(_("The nomination list is empty."))
    if len(nominees) > MAX_NOMINEES:
        raise ValidationError(_("At most %(n)s nominees per check.") % {"n": MAX_NOMINEES})
    award = Award.objects.get(pk=award_id)
    rows = list(award.criteria.all())
    if not rows:
        raise ValidationError(_("Choose the award's veto criteria first."))
    specs = [
        CriterionSpec(
            code=r.code, lookback=Lookback(r.lookback) if r.lookback else None, since=r.since
        )
        for r in rows
    ]
    complete = frozenset(r.code for r in rows if r.records_complete)
    codes = [normalize(n.credit_code) for n in nominees]
    ledger = enterprises_by_code([c for n, c in zip(nominees, codes, strict=True) if not n.problem])
    facts = veto_facts(
        enterprises=list(ledger.values()),
        as_of=as_of,
        complete_kinds=complete,
        earliest=earliest_lookback(as_of=as_of, sinces=[r.since for r in rows if r.since]),
    )
    if run_id is None:
        run = EligibilityRun(award=award, created_by=user)
    else:
        run = EligibilityRun.objects.select_for_update().get(pk=run_id, award=award)
    run.as_of, run.nominees = as_of, len(nominees)
    results = []
    not_found = _("No enterprise with this credit code is in the ledger.")
    for nominee, code in zip(nominees, codes, strict=True):
        enterprise = None if nominee.problem else ledger.get(code)
        if enterprise is None:
            results.append(
                EligibilityResult(
                    row=nominee.row,
                    credit_code=code[:18],
                    name=nominee.name[:200],
                    outcome=EligibilityResult.Outcome.UNMATCHED,
                    note=nominee.problem or not_found,
                )
            )
            continue
        verdict, criteria = evaluate(facts=facts[enterprise.pk], criteria=specs, as_of=as_of)
        # The veto lapses when its last reason lapses; a reason that lapses only when remedied
        # (no union, no contract, ...) has no date, and then neither has the veto.
        vetoes = [c for c in criteria if c.verdict == "vetoed"]
        lapses = [c.lapses_on for c in vetoes] if all(c.lapses_on for c in vetoes) else []
        results.append(
            EligibilityResult(
                row=nominee.row,
                credit_code=code,
                # The ledger's name, not what the list says: it is what a notice publishes.
                name=enterprise.name,
                enterprise=enterprise,
                outcome=verdict.value,
                lapses_on=max(lapses) if lapses else None,
                criteria=[
                    {
                        "code": c.code,
                        "label": c.label,
                        "basis": c.basis,
                        "verdict": c.verdict.value,
                        "reason": c.reason,
                        "records": list(c.record_ids),
                        "lapses_on": c.lapses_on.isoformat() if c.lapses_on else None,
                    }
                    for c in criteria
                ],
            )
        )
    counts = Counter(result.outcome for result in results)
    run.eligible, run.vetoed = counts["eligible"], counts["vetoed"]
    run.needs_review, run.unmatched = counts["needs_review"], counts["unmatched"]
    run.status, run.finished_at = EligibilityRun.Status.DONE, timezone.now()
    run.save()
    for result in results:
        result.run = run
    _results_copy(results)
    return run


_RESULT_COLUMNS = (
    "run_id",
    "row",
    "credit_code",
    "name",
    "enterprise_id",
    "outcome",
    "lapses_on",
    "criteria",
    "note",
)


def _results_copy(results: list[EligibilityResult]) -> None:
    """Write the results with one COPY. Results are a snapshot, not an audited record: they are
    never edited, only superseded by a later run, so they carry no history table.

    Why not bulk_create: Django sends its rows as arrays that psycopg quotes in Python, and for
    10,000 nominees with a dozen reasons each that quoting alone took 25 s (bench/bench_awards.py,
    profiled); COPY streams the same rows in well under a second."""
    quote = connection.ops.quote_name
    sql = (
        f"COPY {quote(EligibilityResult._meta.db_table)} "
        f"({', '.join(quote(c) for c in _RESULT_COLUMNS)}) FROM STDIN"
    )
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for r in results:
            copy.write_row(
                (
                    r.run_id,
                    r.row,
                    r.credit_code,
                    r.name,
                    r.enterprise_id,
                    r.outcome,
                    r.lapses_on,
                    json.dumps(r.criteria, ensure_ascii=False),
                    r.note,
                )
            )
