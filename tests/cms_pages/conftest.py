import pytest

from tenants import context
from tests.signin import sign_in


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rolled-back tests leave cached pages and facets behind in the process's memory cache."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def in_a(fed_a):
    """Run the test body inside federation A's schema."""
    with context.federation_context(fed_a):
        yield fed_a


@pytest.fixture
def in_b(fed_b):
    with context.federation_context(fed_b):
        yield fed_b


@pytest.fixture
def admin_client_a(client_a, fed_a):
    from tests.conftest import SPEC_A

    sign_in(client_a, SPEC_A.admin_email)
    return client_a
