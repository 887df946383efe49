"""Sign-in lockout (OWASP ASVS 5.0 V6.3.1, issue 7 item 1).

Rule: five failed sign-ins of one account within fifteen minutes lock that account's sign-in
on that site until the oldest of those five is fifteen minutes old. A failure is a wrong
password or a wrong second-factor code. The count is per schema (the public schema for platform
operators, each federation's own schema for its users) and per account name as typed, case
folded, whether or not such an account exists: the lockout and its message are the same for an
unknown name, so neither reveals which accounts exist. Attempts refused while locked are not
counted (nobody can extend a lock by more than one window) and a full sign-in, second factor
included, clears the count.

The count lives in the database (`SignInFailure`), not the cache: without CACHE_URL the cache
is per process, and gunicorn's workers would each count their own five. Checking and counting
take a transaction-level advisory lock per schema and account, so parallel guesses queue up
instead of all passing the check before any failure is written.
"""

from __future__ import annotations

import datetime as dt
import logging

from django.db import connection, transaction
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import SignInFailure

MAX_FAILURES = 5
WINDOW = dt.timedelta(minutes=15)

logger = logging.getLogger("accounts.lockout")


def now() -> dt.datetime:
    """The lockout's clock (tests move it instead of sleeping)."""
    return timezone.now()


def account_key(name: str | None) -> str:
    return (name or "").strip().casefold()[:254]


def serialize(*, account: str) -> None:
    """Hold this schema's and account's advisory lock until the transaction ends."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(hashtext(%s))",
            [f"accounts.signin:{connection.schema_name}:{account_key(account)}"],
        )


def _recent(account: str, at: dt.datetime):
    return SignInFailure.objects.filter(account=account_key(account), created_at__gt=at - WINDOW)


def locked_until(*, account: str) -> dt.datetime | None:
    """When the account's sign-in opens again, or None if it is open now."""
    at = now()
    recent = list(
        _recent(account, at)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:MAX_FAILURES]
    )
    if len(recent) < MAX_FAILURES:
        return None
    return recent[-1] + WINDOW


def is_locked(*, account: str) -> bool:
    return locked_until(account=account) is not None


def client_address(request: HttpRequest | None) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def failure_record(
    *, account: str, stage: SignInFailure.Stage, request: HttpRequest | None = None
) -> bool:
    """Count a failed sign-in; True if the account is locked now."""
    key = account_key(account)
    at = now()
    with transaction.atomic():
        serialize(account=key)
        SignInFailure.objects.create(
            account=key, stage=stage, ip_address=client_address(request), created_at=at
        )
        # Rows older than the window can no longer lock anything.
        SignInFailure.objects.filter(account=key, created_at__lte=at - WINDOW).delete()
        count = _recent(key, at).count()
    if count == MAX_FAILURES:
        logger.warning(
            "sign-in locked: schema=%s account=%s failures=%d within %d minutes last_stage=%s "
            "address=%s",
            connection.schema_name,
            key,
            count,
            WINDOW.seconds // 60,
            stage,
            client_address(request),
        )
    return count >= MAX_FAILURES


def refused(*, account: str, request: HttpRequest | None = None) -> bool:
    """Inside a transaction: take the account's lock (until the transaction ends) and say
    whether the attempt is refused because the account is locked, logging the refusal."""
    serialize(account=account)
    if not is_locked(account=account):
        return False
    logger.info(
        "sign-in refused while locked: schema=%s account=%s address=%s",
        connection.schema_name,
        account_key(account),
        client_address(request),
    )
    return True


def failures_clear(*, account: str) -> None:
    """A complete sign-in (password and second factor) starts the count again."""
    SignInFailure.objects.filter(account=account_key(account)).delete()
