"""Nomination lists uploaded in the admin: stored privately, checked by a Celery task.

A list is read like a ledger workbook (compliance.excel: hostile-file checks, python-calamine,
Chinese or English headers) and needs one column, the unified social credit code. Every row is
reported: a row whose code is malformed or unknown to the ledger is a result "not in the ledger"
with the reason; a code repeated further down is checked once, and the run's message names the
repeated rows. A file-level problem (not a workbook, no credit-code column, too many rows) fails
the run with a message saying what to do, and nothing is stored but that message.

Why a task: reading and checking 50,000 rows takes seconds (bench/bench_awards.py), longer than a
request should hold a web worker, and the file is parsed away from the web process. The run's
page refreshes itself until it is done. A redelivered message does not check a list twice: the
run is claimed under a session-level advisory lock and a finished run is left alone; a run whose
worker died (the lock is free, the status still "running") is checked again, which is safe
because eligibility_check writes its results in one transaction.
"""

from __future__ import annotations

import datetime as dt
import logging
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from compliance.excel.awards import nomination_spec
from compliance.excel.reader import read_workbook
from compliance.excel.safety import WorkbookRefused
from compliance.models import Award, EligibilityRun
from compliance.models.enterprises import USCC_MESSAGES
from compliance.rules.uscc import normalize, uscc_problem
from compliance.services.awards.check import MAX_NOMINEES, Nominee, eligibility_check
from compliance.services.imports import LIMITS, upload_problem
from compliance.services.imports.jobs import RUNNING_ELSEWHERE, unfinished_abandon
from portal.celery import queue_on_commit
from portal.database import UNAVAILABLE_ERRORS

logger = logging.getLogger(__name__)
LISTED_REPEATS = 20


@transaction.atomic
def nomination_list_create(*, award_id: int, upload, as_of: dt.date, user) -> EligibilityRun:
    """Store the upload in the federation's private storage and queue its check."""
    award = Award.objects.get(pk=award_id)
    if not award.criteria.exists():
        raise ValidationError(_("Choose the award's veto criteria first."))
    problem = upload_problem(name=upload.name, size=upload.size)
    if problem:
        raise ValidationError(problem)
    run = EligibilityRun(
        award=award,
        as_of=as_of,
        created_by=user,
        status=EligibilityRun.Status.QUEUED,
        file_name=Path(upload.name).name[:255],
        language=translation.get_language() or "",
    )
    run.file.save("nominations.xlsx", upload, save=False)
    run.save()
    queue_on_commit("compliance.tasks.eligibility_run", run.pk)
    return run


def read_nominees(source) -> tuple[list[Nominee], list[int]]:
    """The nominees of a list, in file order, and the rows that repeat an earlier code.

    Raises WorkbookRefused for a file-level problem."""
    sheet = read_workbook(source, spec=nomination_spec(), limits=LIMITS)
    problems: dict[int, list[str]] = {}
    for error in sheet.errors:
        problems.setdefault(error.row, []).append(error.message)
    nominees: list[Nominee] = []
    seen: set[str] = set()
    repeated: list[int] = []
    for line, values in sheet.rows:
        code = normalize(str(values.get("credit_code") or ""))
        name = values.get("name") or ""
        found = problems.get(line)
        if not found and (issue := uscc_problem(code)):
            found = [str(USCC_MESSAGES[issue])]
        if not found and code in seen:
            repeated.append(line)
            continue
        seen.add(code)
        nominees.append(Nominee(code, name, line, " ".join(found or [])))
    return nominees, repeated


@contextmanager
def _claimed(run_id: int) -> Iterator[bool]:
    key = zlib.crc32(f"{connection.schema_name}:eligibility_run".encode()) - 2**31
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [key, run_id % 2**31])
        taken = cursor.fetchone()[0]
    try:
        yield taken
    finally:
        if taken:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [key, run_id % 2**31])


def nomination_list_run(*, run_id: int) -> str:
    """Check an uploaded list once, in the language of the user who uploaded it."""
    language = EligibilityRun.objects.filter(pk=run_id).values_list("language", flat=True).first()
    with translation.override(language or settings.LANGUAGE_CODE), _claimed(run_id) as taken:
        if not taken:
            return RUNNING_ELSEWHERE
        run = EligibilityRun.objects.filter(pk=run_id).first()
        if run is None or run.is_finished:
            return run.status if run else "missing"
        run.status = EligibilityRun.Status.RUNNING
        run.save(update_fields=["status"])
        try:
            return _run(run)
        except UNAVAILABLE_ERRORS:
            raise  # the run stays running; the task runs it again (portal.celery.DATABASE_RETRY)
        except Exception:
            logger.exception("eligibility run %s failed", run_id)
            return _fail(
                run.pk,
                _(
                    "The check stopped on an unexpected error and nothing was stored. Try "
                    "again; if it happens again, tell the portal's administrator."
                ),
            )


def nomination_list_abandon(*, run_id: int) -> bool:
    return unfinished_abandon(
        model=EligibilityRun,
        pk=run_id,
        message=gettext_lazy(
            "The check could not reach the database and was stopped; nothing was stored. "
            "Upload the list again."
        ),
    )


def _fail(run_id: int, message: str) -> str:
    run = EligibilityRun.objects.get(pk=run_id)
    run.status, run.message, run.finished_at = (
        EligibilityRun.Status.FAILED,
        message,
        timezone.now(),
    )
    run.save(update_fields=["status", "message", "finished_at"])
    return run.status


def _run(run: EligibilityRun) -> str:
    try:
        nominees, repeated = read_nominees(run.file.path)
    except WorkbookRefused as refusal:
        return _fail(run.pk, str(refusal))
    if not nominees:
        return _fail(run.pk, _("The nomination list has no rows below its header."))
    if len(nominees) > MAX_NOMINEES:
        return _fail(
            run.pk,
            _("The list has %(n)s nominees; at most %(max)s can be checked at once. Split it.")
            % {"n": f"{len(nominees):,}", "max": f"{MAX_NOMINEES:,}"},
        )
    # The page shows "checking n nominees" from here on.
    EligibilityRun.objects.filter(pk=run.pk).update(nominees=len(nominees))
    message = ""
    if repeated:
        shown = ", ".join(str(row) for row in repeated[:LISTED_REPEATS])
        if len(repeated) > LISTED_REPEATS:
            shown += " …"
        message = _(
            "%(n)s rows repeat a credit code of an earlier row and were checked once: rows "
            "%(rows)s."
        ) % {"n": len(repeated), "rows": shown}
    try:
        done = eligibility_check(
            award_id=run.award_id,
            nominees=nominees,
            as_of=run.as_of,
            user=run.created_by,
            run_id=run.pk,
        )
    except ValidationError as exc:
        return _fail(run.pk, " ".join(exc.messages))
    if message:
        done.message = message
        done.save(update_fields=["message"])
    return done.status
