"""The data migration of issue 15 (item 3): rounds opened before it learn who opened them."""

import importlib

from django.apps import apps
from django.contrib.auth import get_user_model

from compliance.models import BargainingRound
from tests.factories import compliance as f

migration = importlib.import_module("compliance.migrations.0016_deadline_reminders")


def test_rounds_opened_before_learn_their_clerk_from_the_history(in_a):
    users = get_user_model().objects
    clerk = users.create_user(username="clerk", email="clerk@a.test", password="x" * 12)
    gone = users.create_user(username="gone", email="gone@a.test", password="x" * 12)
    by_clerk = f.offered_round(user=clerk)
    by_nobody = f.offered_round()
    by_gone = f.offered_round(user=gone)
    # The state before the migration: no column value yet; one clerk has since been deleted.
    BargainingRound.objects.update(created_by=None)
    gone.delete()

    migration.opened_by_from_history(apps, None)

    opened_by = dict(BargainingRound.objects.values_list("pk", "created_by"))
    assert opened_by == {by_clerk.pk: clerk.pk, by_nobody.pk: None, by_gone.pk: None}
