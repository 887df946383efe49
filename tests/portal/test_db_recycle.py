"""Connections are recycled before the catalogue caches they hold grow without bound
(portal.db_backend): counted by schemas used and requests or tasks served, closed at the end of
a request or task once a limit is reached, never inside a transaction. The memory this bounds is
measured by `python -m bench fleet`."""

import pytest
from celery.signals import task_postrun
from django.core.signals import request_finished
from django.db import connections

from portal.db_backend.base import DatabaseWrapper, recycle_if_due

connection = connections["default"]  # the wrapper itself, not the proxy, so it can be patched


@pytest.fixture
def closes(monkeypatch):
    """Record closes instead of closing the test's connection (which holds its transaction), and
    let recycle_if_due see the connection as outside any transaction."""
    closed = []
    monkeypatch.setattr(connection, "close", lambda: closed.append(True))
    monkeypatch.setattr("portal.db_backend.base._in_transaction", lambda connection: False)
    return closed


def _touch(federation=None):
    if federation is None:
        connection.set_schema_to_public()
    else:
        connection.set_tenant(federation)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def test_the_portal_uses_the_counting_backend(db):
    assert isinstance(connection, DatabaseWrapper)


def test_each_schema_queried_is_counted(fed_a, fed_b):
    connection.schemas_used.clear()
    _touch(fed_a)
    _touch(fed_b)
    _touch()
    assert {fed_a.schema_name, fed_b.schema_name, "public"} <= connection.schemas_used


def test_closed_after_a_request_once_the_schemas_limit_is_reached(fed_a, fed_b, settings, closes):
    settings.DB_RECYCLE_SCHEMAS, settings.DB_RECYCLE_REQUESTS = 3, 0
    connection.schemas_used.clear()
    _touch(fed_a)
    _touch(fed_b)
    recycle_if_due()
    assert closes == []  # two schemas
    _touch()
    recycle_if_due()
    assert closes == [True]


def test_closed_after_the_requests_limit_and_after_tasks(db, settings, closes):
    settings.DB_RECYCLE_SCHEMAS, settings.DB_RECYCLE_REQUESTS = 0, 3
    _touch()
    connection.served = 0
    recycle_if_due()
    recycle_if_due()
    assert closes == []
    recycle_if_due()
    assert closes == [True]


def test_counted_at_the_end_of_every_request_and_task(db):
    # Django's own handler must not see the test's transaction as obsolete: the connection
    # stays in its atomic block here, so nothing is closed; only the count moves.
    _touch()
    served = connection.served
    request_finished.send(sender=None)
    task_postrun.send(sender=None, task_id="t", task=None, args=(), kwargs={}, retval=None)
    assert connection.served == served + 2


def test_never_closed_inside_a_transaction(fed_a, fed_b, settings, monkeypatch, closes):
    settings.DB_RECYCLE_SCHEMAS, settings.DB_RECYCLE_REQUESTS = 1, 1
    monkeypatch.setattr("portal.db_backend.base._in_transaction", lambda connection: True)
    _touch(fed_a)
    recycle_if_due()
    assert closes == []


def test_zero_turns_both_limits_off(fed_a, fed_b, settings, closes):
    settings.DB_RECYCLE_SCHEMAS, settings.DB_RECYCLE_REQUESTS = 0, 0
    for _ in range(5):
        _touch(fed_a)
        _touch(fed_b)
        recycle_if_due()
    assert closes == []
