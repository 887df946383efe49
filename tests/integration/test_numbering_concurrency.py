"""Document numbers are unique and gap-free when many issuers take them at the same moment."""

import threading

import pytest
from django.db import connection, transaction

from compliance.models import Sequence
from compliance.services.numbering import number_next
from tenants import context
from tests.conftest import SPEC_A

pytestmark = pytest.mark.integration

ISSUERS = 8
PER_ISSUER = 5


def test_concurrent_issuers_get_unique_gap_free_numbers(django_db_setup, django_db_blocker):
    numbers: list[int] = []
    errors: list[BaseException] = []
    start = threading.Barrier(ISSUERS)
    lock = threading.Lock()
    with django_db_blocker.unblock():
        test_database = connection.settings_dict["NAME"]

    def issue(rollback_one: bool) -> None:
        # Each thread has its own connection, built from the settings; point it at the test DB.
        connection.settings_dict["NAME"] = test_database
        try:
            with django_db_blocker.unblock(), context.federation_context(SPEC_A.schema_name):
                start.wait()
                for index in range(PER_ISSUER):
                    try:
                        with transaction.atomic():
                            value = number_next(name="concurrency_test", year=2026)
                            if rollback_one and index == 0:
                                raise RuntimeError("give the number back")
                        with lock:
                            numbers.append(value)
                    except RuntimeError:
                        pass
        except BaseException as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(i % 2 == 0,)) for i in range(ISSUERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert errors == []
        expected = ISSUERS * PER_ISSUER - ISSUERS // 2  # half the issuers rolled one back
        assert sorted(numbers) == list(range(1, expected + 1))  # unique and without gaps
    finally:
        with django_db_blocker.unblock(), context.federation_context(SPEC_A.schema_name):
            Sequence.objects.filter(name="concurrency_test").delete()


def test_number_outside_a_transaction_is_refused(django_db_setup, django_db_blocker):
    with (
        django_db_blocker.unblock(),
        context.federation_context(SPEC_A.schema_name),
        pytest.raises(RuntimeError, match="inside the transaction"),
    ):
        number_next(name="concurrency_test", year=2026)
