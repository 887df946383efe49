import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from compliance.services.targets import targets_set
from tenants import context
from tenants.models import Target, TargetChange

NOW = timezone.now()
YEAR = timezone.localdate(NOW).year


def _set(federation, values, reason="年度目标", year=YEAR):
    """Messages read in English (the portal's default language is Chinese)."""
    with context.public(), translation.override("en"):
        return targets_set(
            federation=federation,
            year=year,
            values=values,
            reason=reason,
            changed_by="王立新",
            now=NOW,
        )


def test_sets_own_and_default_targets_with_a_change_each(fed_a):
    changed = _set(
        fed_a, {("coverage", "own"): Decimal("85"), ("coverage", "beneath"): Decimal("80")}
    )
    assert changed == 2
    with context.public():
        targets = {(t.indicator, t.scope): t for t in Target.objects.filter(federation=fed_a)}
        assert targets[("coverage", "own")].value == Decimal("85.0")
        assert targets[("coverage", "beneath")].set_by == "王立新"
        change = TargetChange.objects.get(federation=fed_a, scope="own")
    assert (change.before, change.after, change.reason) == (None, Decimal("85.0"), "年度目标")


def test_a_change_keeps_the_value_before_and_an_unchanged_value_writes_nothing(fed_a):
    _set(fed_a, {("coverage", "own"): Decimal("85")})
    assert _set(fed_a, {("coverage", "own"): Decimal("85.0")}, reason="再次保存") == 0
    assert _set(fed_a, {("coverage", "own"): Decimal("90")}, reason="上调") == 1
    assert _set(fed_a, {("coverage", "own"): None}, reason="取消") == 1
    with context.public():
        assert not Target.objects.filter(federation=fed_a).exists()
        trail = list(TargetChange.objects.filter(federation=fed_a).order_by("id"))
    assert [(c.before, c.after, c.reason) for c in trail] == [
        (None, Decimal("85.0"), "年度目标"),
        (Decimal("85.0"), Decimal("90.0"), "上调"),
        (Decimal("90.0"), None, "取消"),
    ]


@pytest.mark.parametrize("value", ["-0.1", "100.1", "120"])
def test_a_target_outside_0_to_100_is_refused_and_nothing_changes(fed_a, value):
    _set(fed_a, {("coverage", "own"): Decimal("85")})
    with pytest.raises(ValidationError) as error:
        _set(fed_a, {("coverage", "own"): Decimal("70"), ("renewal", "own"): Decimal(value)})
    assert "between 0 and 100" in " ".join(error.value.messages)
    with context.public():
        assert list(Target.objects.filter(federation=fed_a).values_list("value", flat=True)) == [
            Decimal("85.0")
        ]
        assert TargetChange.objects.filter(federation=fed_a).count() == 1


def test_0_and_100_are_targets(fed_a):
    assert _set(fed_a, {("coverage", "own"): Decimal("0"), ("report", "own"): Decimal("100")})


def test_a_reason_is_required(fed_a):
    with pytest.raises(ValidationError) as error:
        _set(fed_a, {("coverage", "own"): Decimal("85")}, reason="  ")
    assert "reason" in error.value.messages[0]
    with context.public():
        assert not Target.objects.exists()


def test_only_a_federation_with_children_sets_defaults(fed_b):
    """fed_b (county) has no federation beneath it."""
    with pytest.raises(ValidationError) as error:
        _set(fed_b, {("coverage", "beneath"): Decimal("80")})
    assert "beneath it" in error.value.messages[0]
    # … while clearing a default it does not have, and its own targets, are fine.
    assert _set(fed_b, {("coverage", "beneath"): None, ("coverage", "own"): Decimal("80")}) == 1


def test_years_offered_are_this_one_and_the_next(fed_a):
    assert _set(fed_a, {("coverage", "own"): Decimal("85")}, year=YEAR + 1) == 1
    with pytest.raises(ValidationError):
        _set(fed_a, {("coverage", "own"): Decimal("85")}, year=YEAR - 1)


def test_an_unknown_indicator_is_refused(fed_a):
    with pytest.raises(ValidationError):
        _set(fed_a, {("wage_growth", "own"): Decimal("8")})


def test_the_database_refuses_a_target_over_100_too(fed_a):
    from django.db import IntegrityError, transaction

    with context.public(), pytest.raises(IntegrityError), transaction.atomic():
        Target.objects.create(
            federation=fed_a,
            year=YEAR,
            indicator="coverage",
            scope="own",
            value=Decimal("100.5"),
            set_by="x",
            set_at=dt.datetime.now(dt.UTC),
        )
