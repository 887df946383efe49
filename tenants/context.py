"""The only module that switches database schemas.

Everything that must run "inside a federation" outside a request (commands, tasks, provisioning)
goes through these helpers, so the schema in force is always explicit and always restored.
Middleware must not use them: django-tenants' schema_context restores the previous schema on
exit, which would undo the request's schema (shared/PITFALLS.md).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection
from django_tenants.utils import get_public_schema_name, schema_context

from tenants.models import Federation


@contextmanager
def federation_context(federation: Federation | str) -> Iterator[Federation]:
    """Run the block in one federation's schema (by instance or schema name)."""
    if isinstance(federation, str):
        with schema_context(get_public_schema_name()):
            federation = Federation.objects.get(schema_name=federation)
    previous = connection.tenant
    connection.set_tenant(federation)
    try:
        yield federation
    finally:
        connection.set_tenant(previous)


@contextmanager
def schema(name: str) -> Iterator[None]:
    """Run the block in a schema that has no Federation row (public, the template)."""
    with schema_context(name):
        yield


@contextmanager
def public() -> Iterator[None]:
    with schema_context(get_public_schema_name()):
        yield


def current_schema() -> str:
    return connection.schema_name


def federations() -> list[Federation]:
    with schema_context(get_public_schema_name()):
        return list(Federation.objects.order_by("schema_name"))


def iter_federations() -> Iterator[Federation]:
    """Yield every federation with its schema active for the body of the loop."""
    for federation in federations():
        with federation_context(federation):
            yield federation
