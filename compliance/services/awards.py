"""Checking nominees for an award against its veto criteria (一票否决; DOMAIN.md §4, R37–R40).

One path serves one enterprise or a whole nomination list: the facts are gathered for all
nominees at once (constant queries), every nominee is judged by compliance.rules.veto, and the
results are stored as a dated snapshot that later changes to the data do not alter. Nominees not
in the ledger are reported as such, never dropped.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
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


@transaction.atomic
def eligibility_check(
    *, award_id: int, nominees: Sequence[Nominee], as_of: dt.date, user=None
) -> EligibilityRun:
    """Judge every nominee; return the stored run with one result per nominee."""
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
    ledger = enterprises_by_code(codes)
    facts = veto_facts(
        enterprises=list(ledger.values()),
        as_of=as_of,
        complete_kinds=complete,
        earliest=earliest_lookback(as_of=as_of, sinces=[r.since for r in rows if r.since]),
    )
    run = EligibilityRun.objects.create(
        award=award, as_of=as_of, created_by=user, nominees=len(nominees)
    )
    results = []
    for nominee, code in zip(nominees, codes, strict=True):
        enterprise = ledger.get(code)
        if enterprise is None:
            results.append(
                EligibilityResult(
                    run=run,
                    row=nominee.row,
                    credit_code=code,
                    name=nominee.name,
                    outcome=EligibilityResult.Outcome.UNMATCHED,
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
                run=run,
                row=nominee.row,
                credit_code=code,
                name=nominee.name or enterprise.name,
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
    # Results are a snapshot, not an audited record: they are never edited, only superseded by
    # a later run, so they carry no history table.
    EligibilityResult.objects.bulk_create(results, batch_size=2000)
    return run
