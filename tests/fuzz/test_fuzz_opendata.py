"""Property-based fuzzing of the open-data parameters: any query string gets a 200 or a 400
with a message, never a server error, and reading writes nothing."""

from urllib.parse import quote

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cms_pages.opendata.views import API_PARAMS
from tenants import context
from tests.factories.notices import published_contract

# A cache key built from what a visitor sent must be safe for every backend.
pytestmark = pytest.mark.filterwarnings("error::django.core.cache.backends.base.CacheKeyWarning")
FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
VALUE = st.one_of(
    st.text(max_size=40),  # any Unicode, NUL and control characters included
    st.sampled_from(
        ["2026-05-01", "2026-13-40", "0", "-1", "101", "99999999999999999999", "C", "230800",
         "newest", "relevance", "wages", "effective", "2026-11-01T00:00:00+08:00", "%00", "'"]
    ),
    st.integers().map(str),
)  # fmt: skip
PARAMS = st.dictionaries(
    st.one_of(st.sampled_from(API_PARAMS), st.text(min_size=1, max_size=12)), VALUE, max_size=5
)


@pytest.fixture
def notices(fed_a, settings):
    settings.OPEN_DATA_RATE_LIMIT = 10**9
    with context.federation_context(fed_a):
        published_contract()
        published_contract(kind="wages")
    yield
    cache.clear()  # the rate limiter's counters of this minute: not for the next tests


@given(params=PARAMS, path=st.sampled_from(["/api/v1/notices/", "/api/v1/notices.atom",
                                            "/api/v1/notices.csv"]))  # fmt: skip
@FUZZ
def test_any_parameters_get_an_answer_not_an_error(notices, client_a, params, path):
    response = client_a.get(path, params)
    assert response.status_code in (200, 400), (params, response.status_code)
    if response.status_code == 400:
        assert response.json()["errors"]


@given(ident=st.text(max_size=50))
@FUZZ
def test_any_notice_id_gets_404_or_the_notice(notices, client_a, ident):
    response = client_a.get("/api/v1/notices/" + quote(ident, safe="") + "/")
    assert response.status_code in (200, 404), (ident, response.status_code)
