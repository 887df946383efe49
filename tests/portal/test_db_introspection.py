"""The backend's table listing (portal/db_backend/introspection.py) reaches a schema's relations
through pg_depend instead of asking visibility of every relation in the database: it must list
exactly what django-tenants' (Django's) listing does, views and temporary tables included."""

import pytest
from django.db import connection
from django_tenants.postgresql_backend.introspection import DatabaseSchemaIntrospection

from portal.db_backend.introspection import Introspection


def _both() -> tuple[list, list]:
    with connection.cursor() as cursor:
        library = DatabaseSchemaIntrospection(connection).get_table_list(cursor)
        ours = Introspection(connection).get_table_list(cursor)
    return sorted(library), sorted(ours)


@pytest.mark.parametrize("schema", ["public", "tenant_template", "fed_a"])
def test_the_listing_equals_the_librarys(db, fed_a, schema):
    connection.set_schema(schema)
    try:
        with connection.cursor() as cursor:
            if schema == "fed_a":
                cursor.execute("CREATE VIEW fed_a.listing_check AS SELECT 1 AS one")
                cursor.execute("CREATE TEMP TABLE listing_temp (id int)")
        library, ours = _both()
    finally:
        connection.set_schema_to_public()
    assert ours == library
    names = {row.name for row in ours}
    assert "django_migrations" in names
    if schema == "fed_a":
        assert {"listing_check", "compliance_contract"} <= names


def test_the_connection_uses_it():
    assert isinstance(connection.introspection, Introspection)
