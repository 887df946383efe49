"""Awards' criteria chosen from the catalogue and violation records, saved with history."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from compliance.models import AwardCriterion, ViolationRecord
from compliance.services.awards import CriterionChoice, award_criteria_set, violation_save
from tests.factories import awards as a
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")


def test_criteria_are_added_changed_and_removed_with_history():
    award = a.award("no_union", "wage_arrears")
    award_criteria_set(
        award_id=award.pk,
        criteria=[
            CriterionChoice("wage_arrears", "since", dt.date(2025, 6, 1), True),
            CriterionChoice("mass_incident"),
        ],
    )
    rows = {c.code: c for c in award.criteria.all()}
    assert set(rows) == {"wage_arrears", "mass_incident"}
    assert rows["wage_arrears"].lookback == "since" and rows["wage_arrears"].records_complete
    kinds = list(
        AwardCriterion.history.filter(code="no_union").values_list("history_type", flat=True)
    )
    assert sorted(kinds) == ["+", "-"]
    assert AwardCriterion.history.filter(code="wage_arrears", history_type="~").count() == 1


def test_saving_the_same_criteria_again_writes_no_history():
    award = a.award("no_union")
    before = AwardCriterion.history.count()
    award_criteria_set(award_id=award.pk, criteria=[CriterionChoice("no_union")])
    assert AwardCriterion.history.count() == before


@pytest.mark.usefixtures("english")
def test_a_since_lookback_needs_its_first_day():
    award = a.award("no_union")
    with pytest.raises(ValidationError, match="needs its first day"):
        award_criteria_set(
            award_id=award.pk, criteria=[CriterionChoice("wage_arrears", lookback="since")]
        )
    assert [c.code for c in award.criteria.all()] == ["no_union"]  # nothing changed


def test_unknown_and_repeated_criteria_are_refused():
    award = a.award()
    with pytest.raises(ValidationError):
        award_criteria_set(award_id=award.pk, criteria=[CriterionChoice("no_such_thing")])
    with pytest.raises(ValidationError):
        award_criteria_set(
            award_id=award.pk, criteria=[CriterionChoice("no_union"), CriterionChoice("no_union")]
        )


@pytest.mark.usefixtures("english")
def test_a_violation_in_the_future_is_refused():
    with pytest.raises(ValidationError, match="future"):
        violation_save(
            record=None,
            data={
                "enterprise": f.enterprise(),
                "kind": "wage_arrears",
                "occurred_on": dt.date.today() + dt.timedelta(days=1),
            },
            reason="test",
        )


@pytest.mark.usefixtures("english")
def test_the_same_record_twice_is_refused_with_a_message():
    ent = f.enterprise()
    data = {"enterprise": ent, "kind": "safety_accident", "occurred_on": dt.date(2026, 3, 1)}
    violation_save(record=None, data=data, reason="test")
    with pytest.raises(ValidationError, match="its own number"):
        violation_save(record=None, data=data, reason="test")
    violation_save(record=None, data={**data, "reference": "应急〔2026〕2号"}, reason="test")
    assert ViolationRecord.objects.count() == 2
    assert ViolationRecord.history.filter(history_type="+").count() == 2
