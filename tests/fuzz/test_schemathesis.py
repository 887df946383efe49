"""Schemathesis against the open data's own OpenAPI description, served by the app for a seeded
federation: every generated request (valid and invalid parameters) gets no server error, a status
code the description lists, and a body that matches the description's schema; and no request
writes anything to the federation's schema.

The app is called in-process through its WSGI handler with the federation's host, inside the
test's transaction, so `pg_stat_xact_user_tables` counts every row the requests insert, update or
delete in this transaction: the read-only claim is checked after every case, not sampled.
"""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, connection
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from cms_pages.models import ContractNotice
from cms_pages.opendata.openapi import openapi_document
from compliance.services import contracts
from tenants import context
from tests.conftest import SPEC_A
from tests.factories.notices import published_contract

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Five operations; Schemathesis adds its coverage phase's cases to these per operation.
EXAMPLES_PER_OPERATION = 60
MINIMUM_CASES = 5 * EXAMPLES_PER_OPERATION // 2
CASES: dict[str, int] = {}


def _writes(schema: str) -> dict[str, tuple[int, int, int]]:
    """Rows inserted, updated and deleted in each of the schema's tables by this transaction."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_xact_user_tables "
            "WHERE schemaname = %s",
            [schema],
        )
        return {name: (ins, upd, dele) for name, ins, upd, dele in cursor.fetchall()}


def _notices_fingerprint(schema: str) -> tuple[int, str]:
    """Count and md5 of every notice row as it is now."""
    table = f'"{schema}".cms_pages_contractnotice'
    rows = "coalesce(string_agg(n::text, '|' ORDER BY n.id), '')"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*), md5({rows}) FROM {table} n")  # noqa: S608 - constants
        return cursor.fetchone()


def _is_uuid(value) -> bool:
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


@pytest.fixture
def wsgi_app():
    """Django's WSGI handler, without closing the test's connection at the start and end of each
    request (the test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield schema.app
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def seeded(fed_a, settings):
    """Federation A with listed notices (one with a withheld clause, amended and so with a
    predecessor and a successor; others of other kinds and terms) and a withdrawn one."""
    settings.OPEN_DATA_RATE_LIMIT = 10**9
    with context.federation_context(fed_a):
        first = published_contract(secret_orders=(2,))
        published_contract(kind="wages", starts_on=dt.date(2024, 3, 1))
        published_contract(
            kind="women", ends_on=dt.date(2026, 12, 31), enterprise_data={"industry": "C"}
        )
        withdrawn = published_contract()
        contracts.contract_publish(
            contract_id=withdrawn.pk, published_on=dt.date(2025, 1, 1), publish_publicly=False
        )
        contracts.contract_amend(
            contract_id=first.pk, changes={"weekly_hours": 38}, amended_on=dt.date(2026, 1, 1)
        )
        assert ContractNotice.objects.filter(predecessor__isnull=False).exists()
    yield fed_a
    cache.clear()  # the rate limiter's counters of this minute: not for the next tests


@pytest.fixture
def notice_ids(seeded) -> list[str]:
    with context.federation_context(seeded):
        return [
            str(i)
            for i in ContractNotice.objects.order_by("id").values_list("public_id", flat=True)
        ]


# The description as the app serves it on federation A's host (checked against the served one
# below). Loaded when the module is collected, before any database exists, so it is built by the
# function the view calls; Schemathesis' lazy loader from a fixture fails under pytest 9.
DESCRIPTION = openapi_document(f"http://{SPEC_A.domain}")
schema = schemathesis.openapi.from_dict(DESCRIPTION)
schema.app = get_wsgi_application()


def test_the_fuzzed_description_is_the_one_the_app_serves(fed_a, client_a):
    assert client_a.get("/api/v1/openapi.json").json() == DESCRIPTION


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    derandomize=True,  # the same cases every run: a failure can be replayed
    suppress_health_check=list(HealthCheck),
)
def test_open_data_answers_as_described_and_writes_nothing(case, notice_ids, wsgi_app):
    label = case.operation.label
    if case.operation.path == "/api/v1/notices/{id}/" and _is_uuid(case.path_parameters["id"]):
        # A generated UUID is never a notice's: every other one is swapped for a seeded id
        # (listed, amended, withdrawn), so the 200 and 410 answers are checked too.
        n = CASES.get(label, 0)
        if n % 2 == 0:
            case.path_parameters["id"] = notice_ids[n // 2 % len(notice_ids)]
    schema_name = SPEC_A.schema_name
    before = _writes(schema_name), _notices_fingerprint(schema_name)
    case.call_and_validate(base_url=f"http://{SPEC_A.domain}", checks=CHECKS)
    after = _writes(schema_name), _notices_fingerprint(schema_name)
    assert after == before, f"{case.method} {case.formatted_path} wrote: {before} → {after}"
    CASES[label] = CASES.get(label, 0) + 1


def test_the_write_detector_sees_a_write(seeded):
    """The read-only check above would notice a request that writes: a write in this
    transaction moves both the counters and the fingerprint."""
    schema_name = SPEC_A.schema_name
    before = _writes(schema_name), _notices_fingerprint(schema_name)
    with context.federation_context(seeded):
        notice = ContractNotice.objects.filter(withdrawn_at__isnull=True).first()
        notice.title += "（改）"
        notice.save(update_fields=["title"])
    after = _writes(schema_name), _notices_fingerprint(schema_name)
    assert after[0] != before[0] and after[1] != before[1]


def test_schemathesis_ran_enough_cases(request):
    """Runs after the fuzzing above (pytest keeps the file's order): it fails if the generator
    produced too few cases, e.g. because the description lost its operations."""
    fuzzing = "test_open_data_answers_as_described_and_writes_nothing"
    if not any(item.originalname == fuzzing for item in request.session.items):
        pytest.skip("the fuzzing test was not selected")
    total = sum(CASES.values())
    print(f"\nschemathesis: {total} cases over {len(CASES)} operations: {CASES}")
    assert len(CASES) == len(DESCRIPTION["paths"]), CASES
    assert total >= MINIMUM_CASES, CASES
