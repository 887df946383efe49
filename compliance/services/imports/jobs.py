"""Import jobs: the admin's uploads, stored in the federation's private storage and run once by
compliance.tasks.import_run, publishing their progress. This module is the only place that sets
an ImportJob's status (tests/compliance/excel/test_package.py checks it). A job runs in the
language of the user who uploaded the file, under a session-level advisory lock so that a
redelivered message does not run it twice.

A job's outcome (status, counts) is saved in the same transaction as the imported rows: a worker
killed after writing the rows but before recording the outcome leaves neither, so the redelivered
message imports the file again from the start and the job reports the counts of the import that
actually wrote the rows (docs/operations.md, "Task delivery")."""

from __future__ import annotations

import logging
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import connection, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from compliance.models import ImportJob
from compliance.services.imports.common import KINDS, LIMITS, ImportResult
from compliance.services.imports.ledger import import_errors_write, ledger_import
from portal.celery import queue_on_commit
from portal.database import UNAVAILABLE_ERRORS

# Logged under the package's name, as before it was split into modules.
logger = logging.getLogger(__package__)


def upload_problem(*, name: str, size: int) -> str | None:
    """Why an upload is refused before it is stored, or None (its content is checked later)."""
    if not name.lower().endswith(".xlsx"):
        return _("Upload an Excel workbook (.xlsx); download the template if you need one.")
    if size > LIMITS.max_bytes:
        return _("The file is larger than %(limit)d MB. Split the rows into smaller files.") % {
            "limit": LIMITS.max_bytes // (1024 * 1024)
        }
    if size == 0:
        return _("The file is empty.")
    return None


@transaction.atomic
def import_job_create(*, kind: str, upload, user) -> ImportJob:
    """Store the upload in the federation's private storage and queue its import."""
    if kind not in KINDS:
        raise ValidationError(_("Unknown import."))
    problem = upload_problem(name=upload.name, size=upload.size)
    if problem:
        raise ValidationError(problem)
    job = ImportJob(
        kind=kind,
        file_name=Path(upload.name).name[:255],
        user=user,
        language=translation.get_language() or "",
    )
    job.file.save(f"{kind}.xlsx", upload, save=False)
    job.save()
    queue_on_commit("compliance.tasks.import_run", job.pk)
    return job


@contextmanager
def _job_lock(job_id: int) -> Iterator[bool]:
    """A session-level advisory lock held while a job runs: a redelivered message finds it taken
    while the first worker lives, and free once that worker's connection is gone."""
    key = zlib.crc32(f"{connection.schema_name}:import_job".encode()) - 2**31
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [key, job_id % 2**31])
        taken = cursor.fetchone()[0]
    try:
        yield taken
    finally:
        if taken:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [key, job_id % 2**31])


def _job_update(job_id: int, **values: Any) -> None:
    # ImportJob has no history: a plain update is the cheap way to publish progress.
    ImportJob.objects.filter(pk=job_id).update(**values)


# What import_job_run (and the awards' nomination_list_run) returns when another connection holds
# the job's lock: a live worker, or the session of a killed one that PostgreSQL has not ended
# yet. The task retries later.
RUNNING_ELSEWHERE = "running elsewhere"


def import_job_run(*, job_id: int) -> str:
    """Run a queued import once; a job already finished (or running elsewhere) is left alone.

    Messages and the error workbook are in the language of the user who uploaded the file."""
    language = ImportJob.objects.filter(pk=job_id).values_list("language", flat=True).first()
    with translation.override(language or settings.LANGUAGE_CODE):
        return _job_run(job_id)


def _job_run(job_id: int) -> str:
    with _job_lock(job_id) as taken:
        if not taken:
            return RUNNING_ELSEWHERE
        job = ImportJob.objects.filter(pk=job_id).first()
        if job is None or job.is_finished:
            return job.status if job else "missing"
        job.status, job.stage, job.started_at = (
            ImportJob.Status.RUNNING,
            ImportJob.Stage.READING,
            timezone.now(),
        )
        job.save(update_fields=["status", "stage", "started_at"])
        last = {"at": 0}

        def progress(done: int, total: int) -> None:
            if done == total or done - last["at"] >= 5_000:
                last["at"] = done
                _job_update(job_id, stage=ImportJob.Stage.CHECKING, processed=done, total=total)

        def stage(name: str) -> None:
            _job_update(job_id, stage=name)

        try:
            result = ledger_import(
                kind=job.kind,
                source=job.file.path,
                user=job.user,
                reason=_("Imported from %(file)s") % {"file": job.file_name},
                progress=progress,
                stage=stage,
                written=lambda written: _job_finish(job, written),
            )
        except UNAVAILABLE_ERRORS:
            raise  # the job stays running; the task runs it again (portal.celery.DATABASE_RETRY)
        except Exception:
            logger.exception("import job %s failed", job_id)
            job.refresh_from_db()
            job.status, job.stage, job.finished_at = (
                ImportJob.Status.FAILED,
                "",
                timezone.now(),
            )
            job.message = _(
                "The import stopped on an unexpected error and nothing was imported. Try "
                "again; if it happens again, tell the portal's administrator."
            )
            job.save()
            return job.status
        if result.ok and not result.dry_run:
            return job.status  # finished inside the write transaction
        return _job_finish(job, result)


def unfinished_abandon(*, model, pk: int, message, **fields: Any) -> bool:
    """Mark a queued or running ImportJob or EligibilityRun failed, with `message` (lazy) in the
    language of the user who uploaded its file: its task gave up (the database stayed
    unreachable through every retry), and it must not show "running" for ever. One finished
    meanwhile is left alone. Returns whether it was marked; if the database is still away, the
    error is logged and nothing more can be done."""
    try:
        language = model.objects.filter(pk=pk).values_list("language", flat=True).first()
        with translation.override(language or settings.LANGUAGE_CODE):
            text = str(message)
        unfinished = [model.Status.QUEUED, model.Status.RUNNING]
        return bool(
            model.objects.filter(pk=pk, status__in=unfinished).update(
                status=model.Status.FAILED, finished_at=timezone.now(), message=text, **fields
            )
        )
    except UNAVAILABLE_ERRORS:
        logger.exception("%s %s could not be marked failed", model._meta.model_name, pk)
        return False


def import_job_abandon(*, job_id: int) -> bool:
    return unfinished_abandon(
        model=ImportJob,
        pk=job_id,
        message=gettext_lazy(
            "The import could not reach the database and was stopped; nothing was imported. "
            "Upload the file again."
        ),
        stage="",
    )


def _job_finish(job: ImportJob, result: ImportResult) -> str:
    job.refresh_from_db()
    job.total, job.invalid = result.total, result.invalid
    job.created, job.updated, job.unchanged = result.created, result.updated, result.unchanged
    job.processed = result.total
    job.stage = ""
    job.finished_at = timezone.now()
    job.status = ImportJob.Status.DONE if result.ok else ImportJob.Status.FAILED
    job.message = "" if result.ok else result.summary()
    if result.errors:
        with tempfile.TemporaryFile() as handle:
            import_errors_write(result=result, target=handle)
            handle.seek(0)
            job.error_file.save(f"{job.kind}-errors.xlsx", File(handle), save=False)
    job.save()
    return job.status
