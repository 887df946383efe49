"""Gap-free yearly document numbers (e.g. 佳工集备〔2026〕3号), safe under concurrent issuing."""

from __future__ import annotations

from django.db import IntegrityError, connection, transaction

from compliance.models import Sequence


def number_next(*, name: str, year: int) -> int:
    """The next number of `name` in `year`. Must run inside the transaction that uses it: the row
    lock makes concurrent issuers queue, and a rollback returns the number (no gaps)."""
    if not connection.in_atomic_block:
        raise RuntimeError("number_next must run inside the transaction that uses the number")
    try:
        with transaction.atomic():
            Sequence.objects.get_or_create(name=name, year=year)
    except IntegrityError:
        pass  # created by a concurrent transaction meanwhile
    row = Sequence.objects.select_for_update().get(name=name, year=year)
    row.last += 1
    row.save(update_fields=["last"])
    return row.last


def federation_short_name() -> str:
    return getattr(connection.tenant, "short_name", "") or ""
