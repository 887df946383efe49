"""Shared fixtures: a migrated platform with two federations, A and B, for isolation tests.

The two federations are created once per session (committed, cloned from the template schema);
each test runs in a transaction that is rolled back, so tests see them in their initial state.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client

from tenants import context
from tenants.models import Federation
from tenants.services import FederationSpec, federation_create

PASSWORD = "Correct-Horse-2026!"

SPEC_A = FederationSpec(
    schema_name="fed_a",
    name="甲市总工会",
    name_en="City A Federation of Trade Unions",
    short_name="甲",
    level="city",
    region_code="230800",
    domain="a.test",
    admin_email="admin@a.test",
    admin_password=PASSWORD,
)
SPEC_B = FederationSpec(
    schema_name="fed_b",
    name="乙区总工会",
    name_en="District B Federation of Trade Unions",
    short_name="乙",
    level="county",
    region_code="230803",
    domain="b.test",
    parent_schema="fed_a",
    admin_email="admin@b.test",
    admin_password=PASSWORD,
)


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker):
    """Always create the test database, whichever tests were selected.

    pytest-django creates it only when a collected test visibly asks for `db`; integration tests
    that commit through django_db_blocker would otherwise run against the development database.
    """
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        name = connection.settings_dict["NAME"]
        if not name.startswith("test_"):
            pytest.exit(f"refusing to provision test federations into database {name!r}", 2)
        call_command("migrate_platform", verbosity=0)
        with context.public():
            for spec in (SPEC_A, SPEC_B):
                federation_create(spec=spec)
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=0)


@pytest.fixture
def fed_a(db) -> Federation:
    with context.public():
        return Federation.objects.get(schema_name=SPEC_A.schema_name)


@pytest.fixture
def fed_b(db) -> Federation:
    with context.public():
        return Federation.objects.get(schema_name=SPEC_B.schema_name)


@pytest.fixture
def client_a(db) -> Client:
    return Client(HTTP_HOST=SPEC_A.domain)


@pytest.fixture
def client_b(db) -> Client:
    return Client(HTTP_HOST=SPEC_B.domain)


@pytest.fixture
def platform_client(db) -> Client:
    return Client(HTTP_HOST="localhost")


@pytest.fixture
def english():
    """Assert on English messages (the portal defaults to Chinese)."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _back_to_public():
    """Requests leave the connection in the last federation's schema; start each test in public."""
    yield
    connection.set_schema_to_public()
