"""Award eligibility under the one-vote veto (一票否决; DOMAIN.md §4, R37–R40).

- check.py: eligibility_check, one nominee or a whole list judged in constant queries and
  stored as a dated snapshot
- records.py: awards, their criteria from the catalogue, violation records
- lists.py: uploaded nomination lists, checked by a Celery task (the only place besides
  eligibility_check that sets a run's status)
- notices.py: the public notice of a run's shortlist (R40)

Callers import from this package.
"""

from compliance.services.awards.check import MAX_NOMINEES, Nominee, eligibility_check
from compliance.services.awards.lists import nomination_list_create, nomination_list_run
from compliance.services.awards.notices import notice_publish, notice_update, notice_withdraw
from compliance.services.awards.records import (
    CriterionChoice,
    award_criteria_set,
    award_save,
    violation_save,
)

__all__ = [
    "MAX_NOMINEES",
    "CriterionChoice",
    "Nominee",
    "award_criteria_set",
    "award_save",
    "eligibility_check",
    "nomination_list_create",
    "nomination_list_run",
    "notice_publish",
    "notice_update",
    "notice_withdraw",
    "violation_save",
]
