import pytest

from tenants import context


@pytest.fixture
def in_a(fed_a):
    """Run the test body inside federation A's schema."""
    with context.federation_context(fed_a):
        yield fed_a
