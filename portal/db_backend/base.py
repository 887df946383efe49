"""django-tenants' PostgreSQL backend, counting what a connection has used so it can be recycled.

A PostgreSQL server process caches the catalogue entries (relcache, catcache) of every table it
has touched and never frees them while it lives: with ~750 relations a federation, a connection
that has served every federation of a national network holds hundreds of megabytes
(docs/scaling.md has the measurements). Each connection therefore counts the schemas it has run
queries in and the requests and tasks it has served since it connected; `recycle_if_due`, called
at the end of each request and task, closes it once either passes the operator's limit
(DB_RECYCLE_SCHEMAS, DB_RECYCLE_REQUESTS) and the next one starts with an empty cache.

Its introspection lists a schema's tables without reading the whole catalogue
(portal/db_backend/introspection.py): Django's listing, which every migrate runs, took a second a
call with 1,000 federations on the server.
"""

from __future__ import annotations

from django.conf import settings
from django.db import connections
from django_tenants.postgresql_backend import base

from portal.db_backend.introspection import Introspection


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.introspection = Introspection(self)
        self.schemas_used: set[str] = set()
        self.served = 0

    def connect(self):
        super().connect()
        self.schemas_used = set()
        self.served = 0

    def _cursor(self, name=None):
        cursor = super()._cursor(name)
        self.schemas_used.add(self.schema_name)
        return cursor


def _in_transaction(connection) -> bool:
    return connection.in_atomic_block


def recycle_if_due(**_kwargs) -> None:
    """Close each open connection whose schemas or requests served reached the limits; never
    inside a transaction (a test's, or ATOMIC_REQUESTS')."""
    max_schemas = settings.DB_RECYCLE_SCHEMAS
    max_served = settings.DB_RECYCLE_REQUESTS
    for connection in connections.all(initialized_only=True):
        if not isinstance(connection, DatabaseWrapper) or connection.connection is None:
            continue
        connection.served += 1
        if _in_transaction(connection):
            continue
        if (max_schemas and len(connection.schemas_used) >= max_schemas) or (
            max_served and connection.served >= max_served
        ):
            connection.close()
