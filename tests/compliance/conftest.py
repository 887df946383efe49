import pytest

from tenants import context
from tests.conftest import SPEC_A
from tests.signin import sign_in


@pytest.fixture
def in_a(fed_a):
    """Run the test body inside federation A's schema (national rule profile)."""
    with context.federation_context(fed_a):
        yield fed_a


@pytest.fixture
def admin_client(client_a, fed_a):
    """Federation A's administrator, signed in with both factors (replaces pytest-django's)."""
    sign_in(client_a, SPEC_A.admin_email)
    return client_a
