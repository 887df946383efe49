"""Thin Celery wrappers, each run in one federation's schema (queued by tenants.tasks.fan_out)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from compliance.models import BargainingRound
from compliance.services.audits import audits_close, audits_schedule
from compliance.services.awards import nomination_list_run
from compliance.services.awards.lists import nomination_list_abandon
from compliance.services.bargaining import round_mark_effective, round_mark_no_reply
from compliance.services.contracts import contracts_sweep
from compliance.services.imports import import_job_run
from compliance.services.imports.jobs import RUNNING_ELSEWHERE, import_job_abandon
from compliance.services.network import network_publish_changes, network_publish_nightly
from compliance.services.online_offers import offer_reminders_send
from compliance.services.reminders import bargaining_reminders_record, bargaining_reminders_send
from compliance.services.statistics import statistics_log_compact
from compliance.services.supervision import letters_sweep, reminders_send
from compliance.services.wages import wage_highlights_quarterly
from portal.celery import DATABASE_RETRY, app


@app.task(acks_late=True, **DATABASE_RETRY)
def bargaining_daily_sweep(today: str | None = None) -> dict[str, int]:
    """Mark unanswered offers (R1), make contracts effective by silence (R21), expire contracts
    and open renewal reminders (R29); then record the deadline reminders due today (R1, R16,
    R20/R21, R23, R29), each once, and e-mail those not yet sent. Every step is idempotent: a
    redelivered task is harmless."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    counts = {"no_reply": 0, "effective": 0}
    overdue = BargainingRound.objects.filter(
        status=BargainingRound.Status.OFFERED, reply_due__lt=day
    ).values_list("pk", flat=True)
    for round_id in overdue:
        if round_mark_no_reply(round_id=round_id, today=day):
            counts["no_reply"] += 1
    silent = BargainingRound.objects.filter(
        status=BargainingRound.Status.SUBMITTED, review_due__lt=day
    ).values_list("pk", flat=True)
    for round_id in silent:
        if round_mark_effective(round_id=round_id, today=day):
            counts["effective"] += 1
    counts.update(contracts_sweep(today=day))
    # After the steps above, so that a deadline they met (effect by silence) reminds nobody.
    counts.update(bargaining_reminders_record(today=day))
    counts["reminder_emails"] = bargaining_reminders_send()
    # The enterprise side that owes the answer to an offer (issue 17 item 2), each moment once.
    counts["answer_reminders"] = offer_reminders_send(today=day)
    return counts


# A job or run locked by another connection is retried this often, at most this many times.
LOCKED_RETRY_SECONDS = 10
LOCKED_RETRIES = 60


def _given_up(abandon, argument: str):
    """An on_failure for a task whose one argument names an uploaded job or run: when the task
    fails for good (its retries spent), `abandon` marks it failed so it does not stay
    "running"."""

    def on_failure(task, exc, task_id, args, kwargs, einfo) -> None:
        value = args[0] if args else kwargs[argument]
        abandon(**{argument: value})

    return on_failure


@app.task(
    acks_late=True,
    bind=True,
    max_retries=LOCKED_RETRIES,
    on_failure=_given_up(import_job_abandon, "job_id"),
    **DATABASE_RETRY,
)
def import_run(self, job_id: int) -> str:
    """Import an uploaded ledger workbook (compliance.services.imports). Runs in the schema it was
    queued from; a job already finished is not run again, so a redelivered message is harmless.
    A job whose lock is held (a live worker, or a killed worker's session PostgreSQL has not
    closed yet) is retried later rather than dropped: the holder may never finish it."""
    outcome = import_job_run(job_id=job_id)
    if outcome == RUNNING_ELSEWHERE:
        raise self.retry(countdown=LOCKED_RETRY_SECONDS)
    return outcome


@app.task(acks_late=True, **DATABASE_RETRY)
def supervision_daily_sweep(today: str | None = None) -> dict[str, int]:
    """Record deadline reminders and overdue marks for letters (each once), propose next
    letters, then e-mail the reminders not yet sent."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    counts = letters_sweep(today=day)
    counts["emails"] = reminders_send()
    return counts


@app.task(acks_late=True, **DATABASE_RETRY)
def audits_daily(today: str | None = None) -> dict[str, int]:
    """Schedule the performance checks that fall due and cancel those of ended contracts.
    Idempotent: a unique constraint makes every check exist once."""
    day = dt.date.fromisoformat(today) if today else timezone.localdate()
    return {"scheduled": audits_schedule(today=day), "cancelled": audits_close(today=day)}


@app.task(acks_late=True, **DATABASE_RETRY)
def statistics_compact() -> int:
    """Fold the statistics log (one row per day and figure). Idempotent."""
    return statistics_log_compact()


@app.task(acks_late=True, **DATABASE_RETRY)
def network_publish_changed() -> int:
    """Republish the figures the federation's noted changes moved (compliance.services.network);
    a redelivered or doubled task finds the notes consumed and writes nothing."""
    return network_publish_changes()


@app.task(acks_late=True, **DATABASE_RETRY)
def network_publish_daily() -> int:
    """Yesterday's and today's figures to the network channel. Idempotent."""
    return network_publish_nightly()


@app.task(
    acks_late=True,
    bind=True,
    max_retries=LOCKED_RETRIES,
    on_failure=_given_up(nomination_list_abandon, "run_id"),
    **DATABASE_RETRY,
)
def eligibility_run(self, run_id: int) -> str:
    """Check an uploaded nomination list (compliance.services.awards.lists). A run already
    finished is left alone: redelivery is harmless. A run claimed by another connection is
    retried later, as import_run does."""
    outcome = nomination_list_run(run_id=run_id)
    if outcome == RUNNING_ELSEWHERE:
        raise self.retry(countdown=LOCKED_RETRY_SECONDS)
    return outcome


@app.task(acks_late=True, **DATABASE_RETRY)
def wage_highlights_generate_quarterly(today: str | None = None) -> int:
    """The wage highlights of the quarter just ended (issue 19 item 4). Idempotent: the quarter's
    rows are replaced whole. Returns the wage contracts signed in the quarter."""
    day = dt.date.fromisoformat(today) if today else None
    return wage_highlights_quarterly(today=day).contracts
