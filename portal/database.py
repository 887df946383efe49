"""What counts as the database being unavailable: shared by the 503 page and the task retries."""

from __future__ import annotations

import psycopg
from django.db.utils import InterfaceError, OperationalError

# psycopg reports a refused, lost or restarting server as OperationalError or InterfaceError.
# Django re-raises those as its own classes from cursor.execute, but not from what it passes
# through untouched: COPY (the importers' bulk writes) raises psycopg's own. Deadlocks and
# serialisation failures are OperationalErrors too, and just as worth another try.
UNAVAILABLE_ERRORS = (
    OperationalError,
    InterfaceError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
)


def database_unavailable(error: BaseException | None) -> bool:
    """Whether the error, or one it was raised from, is one of UNAVAILABLE_ERRORS."""
    seen = set()
    while error is not None and id(error) not in seen:
        if isinstance(error, UNAVAILABLE_ERRORS):
            return True
        seen.add(id(error))
        error = error.__cause__ or error.__context__
    return False
