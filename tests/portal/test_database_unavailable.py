"""A database that cannot be reached is a 503 with Retry-After, not a 500 (issue 7 item 5).

The whole path, PostgreSQL stopped under gunicorn, is tests/integration/test_faults.py; here the
handler meets a real connection failure: a connection to a port nothing listens on."""

import socket

import pytest
from django.db import connection
from django.test import RequestFactory

from portal.views import server_error


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _unreachable():
    broken = connection.copy()
    broken.settings_dict = {
        **connection.settings_dict,
        "HOST": "127.0.0.1",
        "PORT": _closed_port(),
        "OPTIONS": {**connection.settings_dict.get("OPTIONS", {}), "connect_timeout": 2},
    }
    return broken


def test_a_database_that_refuses_connections_is_a_503(django_db_blocker):
    request = RequestFactory().get("/", HTTP_HOST="a.test")
    broken = _unreachable()
    try:
        with django_db_blocker.unblock():
            broken.ensure_connection()
    except Exception:
        response = server_error(request)
    else:  # pragma: no cover - something listens on a port that was free a moment ago
        broken.close()
        pytest.skip("the closed port accepted a connection")
    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    body = response.content.decode()
    assert "服务暂时不可用" in body and "temporarily unavailable" in body
    assert "Traceback" not in body and "OperationalError" not in body


def test_other_errors_stay_500():
    request = RequestFactory().get("/", HTTP_HOST="a.test")
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500
    assert "Retry-After" not in response


def test_lost_connections_are_recognised_whoever_raises_them():
    """Django's wrapped errors, psycopg's own (COPY raises those unwrapped) and errors raised
    while handling one; a programming error is not a lost database."""
    import psycopg
    from django.db.utils import InterfaceError, OperationalError, ProgrammingError

    from portal.database import database_unavailable

    for error in (
        OperationalError("server closed the connection unexpectedly"),
        InterfaceError("connection already closed"),
        psycopg.OperationalError("sending copy data failed"),
        psycopg.InterfaceError("the connection is closed"),
    ):
        assert database_unavailable(error), error
    try:
        try:
            raise psycopg.OperationalError("lost")
        except psycopg.OperationalError as lost:
            raise RuntimeError("while saving") from lost
    except RuntimeError as chained:
        assert database_unavailable(chained)
    assert not database_unavailable(ProgrammingError("relation does not exist"))
    assert not database_unavailable(ValueError("x"))
    assert not database_unavailable(None)
