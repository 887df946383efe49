"""The baseline survey and the intents: one row per enterprise and year, unionised enterprises
only, reasons of the category, dates in the year, history with the user and reason."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from compliance.models import BaselineSurvey
from compliance.services.pipeline import intent_save, survey_save
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")


def _survey(ent, **overrides):
    data = {
        "enterprise": ent,
        "year": 2026,
        "category": "unwilling",
        "reasons": ["cost"],
        "notes": "担心增加用工成本",
        "surveyed_on": dt.date(2026, 3, 5),
        "surveyed_by": "张明",
    }
    data.update(overrides)
    return survey_save(survey=None, data=data, reason="test")


def test_a_survey_row_is_saved_with_its_history_reason():
    row = _survey(f.enterprise())
    assert row.history.get().history_change_reason == "test"
    assert row.reasons == ["cost"]


def test_an_enterprise_without_a_union_is_refused():
    ent = f.enterprise(union_established=False, union_members=0)
    with pytest.raises(ValidationError) as error:
        _survey(ent)
    assert "enterprise" in error.value.error_dict
    assert not BaselineSurvey.objects.exists()


def test_a_reason_of_another_category_is_refused():
    with pytest.raises(ValidationError) as error:
        _survey(f.enterprise(), category="afraid", reasons=["cost"])
    assert "reasons" in error.value.error_dict


def test_willing_takes_no_typical_reason_but_free_notes():
    row = _survey(f.enterprise(), category="willing", reasons=[], notes="主动要求协商")
    assert row.category == "willing"


def test_one_row_per_enterprise_and_year():
    ent = f.enterprise()
    _survey(ent)
    with pytest.raises(ValidationError):
        _survey(ent, category="unable", reasons=["no_skill"])
    _survey(ent, year=2025, surveyed_on=dt.date(2025, 3, 1))
    assert BaselineSurvey.objects.filter(enterprise=ent).count() == 2


@pytest.mark.parametrize(
    ("day", "ok"),
    [
        (dt.date(2025, 9, 30), False),
        (dt.date(2025, 10, 1), True),
        (dt.date(2026, 12, 31), True),
        (dt.date(2027, 1, 1), False),
    ],
)
def test_a_survey_is_dated_in_its_year_or_the_october_before(day, ok, monkeypatch):
    monkeypatch.setattr(
        "compliance.services.pipeline.timezone.localdate", lambda: dt.date(2027, 6, 1)
    )
    if ok:
        _survey(f.enterprise(), surveyed_on=day)
    else:
        with pytest.raises(ValidationError) as error:
            _survey(f.enterprise(), surveyed_on=day)
        assert "surveyed_on" in error.value.error_dict


def test_an_intent_is_recorded_today_by_default_and_edited_with_a_reason():
    ent = f.enterprise()
    intent = intent_save(
        intent=None,
        data={"enterprise": ent, "year": 2026, "planned_month": 12, "kind": "wages"},
        reason="test",
    )
    assert intent.recorded_on is not None
    intent_save(intent=intent, data={"planned_month": 11}, reason="提前")
    assert intent.history.first().history_change_reason == "提前"
    assert intent.history.count() == 2


def test_an_intent_for_a_past_year_is_refused():
    with pytest.raises(ValidationError) as error:
        intent_save(
            intent=None,
            data={
                "enterprise": f.enterprise(),
                "year": 2020,
                "planned_month": 3,
                "recorded_on": dt.date(2026, 1, 5),
            },
            reason="test",
        )
    assert "year" in error.value.error_dict


def test_an_intent_of_an_enterprise_without_a_union_is_refused():
    ent = f.enterprise(union_established=False, union_members=0)
    with pytest.raises(ValidationError):
        intent_save(
            intent=None, data={"enterprise": ent, "year": 2026, "planned_month": 5}, reason="t"
        )
