"""Faults survived (issue 7 item 5): a worker killed with SIGKILL twenty times during imports,
during the supervision reminder runs and during the bargaining reminder runs loses nothing and
does nothing twice; an import whose database sessions are ended is retried to the end;
PostgreSQL restarted under requests makes the site answer 503 meanwhile and recover by itself.

The worker tests need a broker that redelivers an unacknowledged message (Redis, as in CI via
.ci/run): kombu's filesystem transport, the embedded default, removes a message when it is read,
so a worker killed outright loses it whatever the task's settings. Figures are printed (run with
-s to see them) and asserted.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import email
import http.client
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from compliance.models import (
    BargainingRound,
    DeadlineReminder,
    Enterprise,
    ImportJob,
    Letter,
    ReminderNotice,
)
from compliance.services import imports
from compliance.services import supervision as sv
from compliance.services.bargaining import round_offer
from compliance.services.reminders import deadline_reminder_message_id
from compliance.services.supervision.deadlines import reminder_message_id
from compliance.tasks import bargaining_daily_sweep, supervision_daily_sweep
from portal.celery import app
from tenants import context
from tenants.services import FederationSpec, federation_create
from tests.committed import federations_drop
from tests.compliance.excel.helpers import code, enterprise_row, xlsx
from tests.conftest import PASSWORD, SPEC_A
from tests.factories import compliance as factories
from tests.integration import fault_settings
from tests.integration.conftest import database_url_of_this_test_run

pytestmark = pytest.mark.integration

KILLS = 20
WORKER_APPLICATION = "portal-faults-worker"
SPEC_F = FederationSpec(
    schema_name="fed_faults",
    name="丙市总工会",
    name_en="City C Federation of Trade Unions",
    short_name="丙",
    level="city",
    region_code="230800",
    domain="faults.test",
    admin_email="admin@faults.test",
    admin_password=PASSWORD,
)

needs_redis = pytest.mark.skipif(
    not str(settings.ENV["CELERY_BROKER_URL"] or "").startswith("redis"),
    reason="needs a broker that redelivers unacknowledged messages (CELERY_BROKER_URL=redis://…)",
)


# --- A worker that can be killed ------------------------------------------------------------


class Worker:
    """A Celery worker process in its own process group, started again after every kill; each
    incarnation writes its own log, which tells whether a task was running when it was killed."""

    def __init__(self, database_url: str, folder: Path):
        self.database_url, self.folder = database_url, folder
        self.process: subprocess.Popen | None = None
        self.incarnation = 0

    @property
    def log(self) -> Path:
        return self.folder / f"worker-{self.incarnation}.log"

    def start(self) -> None:
        self.incarnation += 1
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.integration.fault_settings",
            "DATABASE_URL": self.database_url,
            "PGAPPNAME": WORKER_APPLICATION,  # libpq's: its sessions can be told apart
        }
        command = [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "-l",
            "info",
            "--concurrency",
            "1",
            "-Q",
            fault_settings.FAULT_QUEUE,
            "--hostname",
            f"faults-{self.incarnation}-{os.getpid()}@%h",
            "--without-mingle",
            "--without-gossip",
        ]
        with self.log.open("wb") as out:
            self.process = subprocess.Popen(
                command,
                env=env,
                cwd=settings.BASE_DIR,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: the parent and the pool child
            )
        deadline = time.monotonic() + 90
        while b" ready." not in self.log.read_bytes():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail("the worker did not start:\n" + self.log.read_text(errors="replace"))
            time.sleep(0.1)

    def kill(self) -> None:
        """SIGKILL to the whole process group: no warm shutdown, no ack, no reject."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def running(self, task: str) -> bool:
        """Whether this incarnation has received `task` more often than it finished one."""
        text = self.log.read_text(errors="replace")
        name = re.escape(task)
        received = len(re.findall(rf"Task {name}\[[^\]]+\] received", text))
        ended = len(re.findall(rf"Task {name}\[[^\]]+\] (succeeded|retry|raised)", text))
        return received > ended

    def durations(self, task: str) -> list[float]:
        """How long each completed run of `task` took, over every incarnation."""
        pattern = rf"Task {re.escape(task)}\[[^\]]+\] succeeded in ([0-9.]+)s"
        return [
            float(seconds)
            for log in self.folder.glob("worker-*.log")
            for seconds in re.findall(pattern, log.read_text())
        ]

    def deliveries(self, task: str) -> Counter:
        """How often each task id was received, over every incarnation."""
        ids = Counter()
        for log in self.folder.glob("worker-*.log"):
            ids.update(re.findall(rf"Task {re.escape(task)}\[([^\]]+)\] received", log.read_text()))
        return ids


@dataclass
class Kills:
    injected: int = 0
    hit: int = 0  # a task of the kind under test was executing at the moment of the kill
    pauses: list[float] = field(default_factory=list)


def kill_while_running(worker: Worker, kills: Kills, *, task: str, guess: float, done) -> None:
    """Wait for `task` to run in the current worker, kill it at a random moment within the
    longest run seen so far (`guess` seconds before one was seen; a redelivery that finds its
    work done is short) and start a new worker. Returns without killing if `done()` comes
    first."""
    deadline = time.monotonic() + 120
    while not worker.running(task):
        if done():
            return
        if time.monotonic() > deadline:
            pytest.fail("no task started:\n" + worker.log.read_text(errors="replace")[-3000:])
        time.sleep(0.05)
    within = max(worker.durations(task), default=guess)
    pause = random.uniform(0.05, max(0.1, 0.9 * within))
    time.sleep(pause)
    hit = worker.running(task)
    worker.kill()
    kills.injected += 1
    kills.hit += hit
    kills.pauses.append(round(pause, 2))
    worker.start()


def wait_until(predicate, *, timeout: float, worker: Worker, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}\n" + worker.log.read_text()[-4000:])
        time.sleep(0.2)


@pytest.fixture(scope="module")
def faults_federation(django_db_setup, django_db_blocker):
    """A federation of its own, committed, dropped afterwards: the other tests' A and B are left
    exactly as they were."""
    with django_db_blocker.unblock():
        with context.public():
            federation_create(spec=SPEC_F)
        yield SPEC_F.schema_name
        federations_drop((SPEC_F.schema_name,))


@pytest.fixture
def worker(faults_federation, django_db_blocker, tmp_path):
    """A killable worker on the fault queue; this process publishes to that queue."""
    with django_db_blocker.unblock():
        connection.ensure_connection()
        url = database_url_of_this_test_run()
    eager, queue = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager, app.conf.task_default_queue = False, fault_settings.FAULT_QUEUE
    process = Worker(url, tmp_path)
    process.start()
    try:
        yield process
    finally:
        process.stop()
        app.conf.task_always_eager, app.conf.task_default_queue = eager, queue


# --- (a) imports ------------------------------------------------------------------------------

ROWS_PER_FILE = 10_000


def _audit_links() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM compliance_auditlink")
        return cursor.fetchone()[0]


@needs_redis
def test_imports_survive_twenty_kills(worker, faults_federation, django_db_blocker):
    """Imports of 10,000 enterprises each, the worker killed twenty times while they run: every
    row once, one history row and one audit link per row, every job done with its true counts."""
    kills = Kills()
    files: list[range] = []
    jobs: list[int] = []
    with django_db_blocker.unblock(), context.federation_context(faults_federation):
        user = get_user_model().objects.create_user(
            username="importer@faults.test", password=PASSWORD
        )
        enterprises_before = Enterprise.objects.count()
        history_before, links_before = Enterprise.history.count(), _audit_links()

        def finished() -> bool:
            states = ImportJob.objects.filter(pk__in=jobs).values_list("status", flat=True)
            return all(status in ("done", "failed") for status in states)

        started = time.monotonic()
        while kills.injected < KILLS:
            if finished():
                serials = range(
                    1 + len(files) * ROWS_PER_FILE, 1 + (len(files) + 1) * ROWS_PER_FILE
                )
                upload = SimpleUploadedFile(
                    f"台账{len(files) + 1}.xlsx",
                    xlsx([enterprise_row(serial) for serial in serials]).getvalue(),
                )
                jobs.append(
                    imports.import_job_create(kind="enterprises", upload=upload, user=user).pk
                )
                files.append(serials)
            kill_while_running(
                worker, kills, task="compliance.tasks.import_run", guess=3.0, done=finished
            )
        wait_until(finished, timeout=300, worker=worker, what="the imports to finish")
        elapsed = time.monotonic() - started

        expected = sum(len(serials) for serials in files)
        job_rows = list(
            ImportJob.objects.filter(pk__in=jobs)
            .order_by("pk")
            .values_list("status", "total", "created", "updated", "unchanged")
        )
        assert job_rows == [("done", ROWS_PER_FILE, ROWS_PER_FILE, 0, 0)] * len(files)
        assert Enterprise.objects.count() - enterprises_before == expected
        imported = Enterprise.objects.filter(
            credit_code__in=[code(serial) for serials in files for serial in serials]
        )
        assert imported.count() == expected
        new_history = Enterprise.history.count() - history_before
        assert new_history == expected, "history rows doubled or missing"
        assert not Enterprise.history.filter(history_type="~").exists()
        assert _audit_links() - links_before == expected, "audit links doubled or missing"
    deliveries = worker.deliveries("compliance.tasks.import_run")
    redeliveries = sum(deliveries.values()) - len(deliveries)
    print(
        f"\nimports: {len(files)} files × {ROWS_PER_FILE} rows = {expected} rows; "
        f"kills injected {kills.injected}, hit a running import {kills.hit}; "
        f"deliveries {sum(deliveries.values())} of {len(deliveries)} tasks "
        f"(redeliveries {redeliveries}); {elapsed:.0f} s; pauses {kills.pauses}"
    )
    assert kills.injected == KILLS
    assert kills.hit >= KILLS // 2, "most kills should land while an import runs"
    assert redeliveries >= kills.hit


# --- (b) reminder runs ------------------------------------------------------------------------

RECORDS_PER_RUN = 60  # letters or offers each sweep reminds of
SUPERVISION_SWEEP = "compliance.tasks.supervision_daily_sweep"
BARGAINING_SWEEP = "compliance.tasks.bargaining_daily_sweep"

_codes = iter(range(900_000, 999_999))


def _next_code() -> str:
    return code(next(_codes))


def _mails() -> Counter:
    """Message-IDs of every e-mail the worker wrote, complete or not, counted."""
    ids = Counter()
    folder = Path(fault_settings.EMAIL_FILE_PATH)
    for path in folder.glob("*.log"):
        for chunk in path.read_bytes().split(b"-" * 79):
            message = email.message_from_bytes(chunk.strip())
            if message["Message-ID"]:
                ids[message["Message-ID"]] += 1
    return ids


@dataclass
class SweepRuns:
    """Daily sweeps run one after another, the worker killed KILLS times while they execute."""

    task: str
    kills: Kills = field(default_factory=Kills)
    runs: int = 0
    seconds: float = 0.0


def _sweeps_under_kills(worker: Worker, *, task: str, run_start, run_done) -> SweepRuns:
    """Whenever the last sweep is done, `run_start(run)` makes the next run's records and queues
    its sweep; meanwhile the worker is killed while a sweep executes, KILLS times; then the last
    sweep is waited for. The mail folder is emptied first."""
    shutil.rmtree(fault_settings.EMAIL_FILE_PATH, ignore_errors=True)
    sweeps = SweepRuns(task)
    started = time.monotonic()
    while sweeps.kills.injected < KILLS:
        if run_done():
            run_start(sweeps.runs)
            sweeps.runs += 1
        kill_while_running(worker, sweeps.kills, task=task, guess=3.0, done=run_done)
    wait_until(run_done, timeout=300, worker=worker, what="the last sweep to finish")
    sweeps.seconds = time.monotonic() - started
    return sweeps


def _reminder_mails_check(
    worker: Worker, sweeps: SweepRuns, *, label: str, records: str, expected_ids: set[str]
) -> None:
    """Print the run's figures; every reminder e-mailed with its own expected Message-ID, and a
    copy repeated only by a kill that hit a running sweep."""
    mails = _mails()
    duplicates = sum(mails.values()) - len(mails)
    deliveries = worker.deliveries(sweeps.task)
    kills = sweeps.kills
    print(
        f"\n{label}: {sweeps.runs} runs × {RECORDS_PER_RUN} {records} = {len(expected_ids)} "
        f"reminders; kills injected {kills.injected}, hit a running sweep {kills.hit}; "
        f"deliveries {sum(deliveries.values())} of {len(deliveries)} tasks; "
        f"e-mails written {sum(mails.values())}, distinct Message-IDs {len(mails)}, "
        f"repeated copies {duplicates}; {sweeps.seconds:.0f} s"
    )
    assert set(mails) == expected_ids, "a reminder e-mail is missing or unexpected"
    # SMTP is not transactional: only a kill between the hand-over and the commit repeats one.
    assert duplicates <= kills.hit
    assert kills.injected == KILLS
    assert kills.hit >= KILLS // 2


def _letters(batch: int, supervisor) -> tuple[list[int], str]:
    """RECORDS_PER_RUN reminder letters issued on the same day, a month after the last batch's,
    so that the sweep of the day after their deadline finds only them."""
    issued = dt.date(2026, 1, 5) + dt.timedelta(days=30 * batch)
    ids = []
    for _index in range(RECORDS_PER_RUN):
        case = sv.case_open(
            title="未按期续签集体合同",
            source="inspection",
            opened_on=issued,
            enterprise=factories.enterprise(credit_code=_next_code()),
            supervisor=supervisor,
        )
        letter, _token = sv.letter_issue(
            case_id=case.pk,
            kind="reminder",
            issued_on=issued,
            facts="经调查，该企业集体合同已到期，未开展续签协商。",
            legal_basis="《集体合同规定》第三十八条",
            actions=["30日内向工会发出续签要约"],
        )
        ids.append(letter.pk)
    due = Letter.objects.get(pk=ids[0]).due_on
    return ids, (due + dt.timedelta(days=1)).isoformat()


@needs_redis
def test_reminder_runs_survive_twenty_kills(worker, faults_federation, django_db_blocker):
    """The daily supervision sweep over 60 overdue letters per run, the worker killed twenty
    times while it runs: each letter reminded, marked overdue and escalated exactly once, and
    every reminder e-mailed with its own Message-ID."""
    batches: list[list[int]] = []
    with django_db_blocker.unblock(), context.federation_context(faults_federation):
        supervisor = get_user_model().objects.create_user(
            username="supervisor@faults.test", email="supervisor@faults.test", password=PASSWORD
        )

        def run_start(batch: int) -> None:
            letters, day = _letters(batch, supervisor)
            batches.append(letters)
            supervision_daily_sweep.apply_async(args=(day,))

        def run_done() -> bool:
            current = batches[-1] if batches else []
            sent = ReminderNotice.objects.filter(letter_id__in=current, sent_at__isnull=False)
            return sent.count() == len(current)

        sweeps = _sweeps_under_kills(
            worker, task=SUPERVISION_SWEEP, run_start=run_start, run_done=run_done
        )
        letters = [pk for batch in batches for pk in batch]
        notices = ReminderNotice.objects.filter(letter_id__in=letters)
        assert notices.count() == len(letters)
        assert set(notices.values_list("moment", flat=True)) == {"overdue"}
        assert not notices.filter(sent_at__isnull=True).exists()
        statuses = Letter.objects.filter(pk__in=letters).values_list("status", flat=True)
        assert set(statuses) == {"overdue"}
        for letter in Letter.objects.filter(pk__in=letters):
            assert letter.history.filter(status="overdue").count() == 1
            assert letter.case.proposed_next == "opinion"
            assert letter.case.history.filter(proposed_next="opinion").count() == 1
        expected_ids = {reminder_message_id(notice) for notice in notices}
    _reminder_mails_check(
        worker, sweeps, label="reminders", records="letters", expected_ids=expected_ids
    )


def _offers(batch: int, clerk) -> tuple[list[int], str]:
    """RECORDS_PER_RUN offers made by the union on the same day, 45 days after the last batch's:
    the sweep of the day after their reply deadline (R1) finds only them unanswered, and the last
    batch's deadline is past the 30 days within which an overdue one is reminded."""
    offered = dt.date(2026, 1, 5) + dt.timedelta(days=45 * batch)
    ids = [
        round_offer(
            enterprise=factories.enterprise(credit_code=_next_code()),
            offered_by="union",
            offer_date=offered,
            user=clerk,
        ).pk
        for _index in range(RECORDS_PER_RUN)
    ]
    due = BargainingRound.objects.get(pk=ids[0]).reply_due
    return ids, (due + dt.timedelta(days=1)).isoformat()


@needs_redis
def test_bargaining_reminder_runs_survive_twenty_kills(
    worker, faults_federation, django_db_blocker
):
    """The daily bargaining sweep over 60 offers per run left unanswered past their reply
    deadline (R1), the worker killed twenty times while it runs: each round marked no_reply once
    (one history row), its overdue reminder recorded once and sent to the clerk who opened it,
    and every reminder e-mailed with its own Message-ID."""
    batches: list[list[int]] = []
    with django_db_blocker.unblock(), context.federation_context(faults_federation):
        clerk = get_user_model().objects.create_user(
            username="clerk@faults.test", email="clerk@faults.test", password=PASSWORD
        )

        def run_start(batch: int) -> None:
            rounds, day = _offers(batch, clerk)
            batches.append(rounds)
            bargaining_daily_sweep.apply_async(args=(day,))

        def run_done() -> bool:
            current = batches[-1] if batches else []
            sent = DeadlineReminder.objects.filter(round_id__in=current, sent_at__isnull=False)
            return sent.count() == len(current)

        sweeps = _sweeps_under_kills(
            worker, task=BARGAINING_SWEEP, run_start=run_start, run_done=run_done
        )
        rounds = [pk for batch in batches for pk in batch]
        statuses = BargainingRound.objects.filter(pk__in=rounds).values_list("status", flat=True)
        assert Counter(statuses) == {"no_reply": len(rounds)}
        history = BargainingRound.history.filter(id__in=rounds)
        marked = Counter(history.filter(status="no_reply").values_list("id", flat=True))
        assert marked == dict.fromkeys(rounds, 1), "a round marked no_reply twice or not at all"
        assert Counter(history.values_list("id", flat=True)) == dict.fromkeys(rounds, 2)
        reminders = DeadlineReminder.objects.filter(round_id__in=rounds)
        assert sorted(reminders.values_list("round_id", flat=True)) == sorted(rounds)
        assert set(reminders.values_list("kind", "moment", "recipient_id", "sent_to")) == {
            ("offer_reply", "overdue", clerk.pk, clerk.email)
        }
        assert not reminders.filter(sent_at__isnull=True).exists()
        expected_ids = {deadline_reminder_message_id(reminder) for reminder in reminders}
    _reminder_mails_check(
        worker,
        sweeps,
        label="bargaining reminders",
        records="offers",
        expected_ids=expected_ids,
    )


NETWORK_PUBLISH = "compliance.tasks.network_publish_changed"


@needs_redis
def test_network_publish_survives_twenty_kills(worker, faults_federation, django_db_blocker):
    """Issue 16: each run back-dates a contract, so that the publisher republishes every day the
    network channel keeps (two calendar years), the worker killed twenty times while it runs:
    afterwards exactly one row per day, dimension and segment, equal to the figures computed
    afresh, and no change note left behind."""
    from django.db.models import Count
    from django.utils import timezone

    from compliance.models import Contract
    from compliance.rules.figures import FIGURE_FIELDS
    from compliance.selectors.segments import segment_figures_on
    from compliance.services.network import earliest_published_day
    from compliance.tasks import network_publish_changed
    from tenants.models import Federation, FigureChange, NetworkFigure

    today = timezone.localdate()
    first = earliest_published_day(today=today)
    with django_db_blocker.unblock(), context.federation_context(faults_federation):
        federation = Federation.objects.get(schema_name=faults_federation)

        def run_start(run: int) -> None:
            enterprise = factories.enterprise(credit_code=_next_code())
            starts = first + dt.timedelta(days=run)
            Contract.objects.create(
                enterprise=enterprise,
                title="合同",
                status="effective",
                starts_on=starts,
                ends_on=starts + dt.timedelta(days=900),
                effective_on=starts,
                signed_on=starts,
                submitted_in_time=True,
            )
            network_publish_changed.apply_async()

        def run_done() -> bool:
            return not FigureChange.objects.filter(schema_name=faults_federation).exists()

        # The module's earlier tests wrote to this federation's ledger and left change notes:
        # with notes pending, no run would start and no publish be queued. The first run
        # republishes every day from `first`, so the old notes can go.
        FigureChange.objects.filter(schema_name=faults_federation).delete()
        sweeps = _sweeps_under_kills(
            worker, task=NETWORK_PUBLISH, run_start=run_start, run_done=run_done
        )
        rows = NetworkFigure.objects.filter(federation=federation)
        doubled = rows.values("day", "dimension", "segment").annotate(n=Count("id")).filter(n__gt=1)
        assert not doubled.exists()
        days = set(rows.values_list("day", flat=True))
        assert days == {first + dt.timedelta(days=n) for n in range((today - first).days + 1)}
        sample = sorted(random.sample(sorted(days), 12))
        expected = segment_figures_on(days=sample)
        for day in sample:
            published = {
                (r.dimension, r.segment): tuple(getattr(r, name) for name in FIGURE_FIELDS)
                for r in rows.filter(day=day)
            }
            assert published == {
                key: tuple(getattr(figures, name) for name in FIGURE_FIELDS)
                for key, figures in expected[day].items()
            }, day
    kills = sweeps.kills
    print(
        f"\nnetwork publish: {sweeps.runs} runs of {len(days)} days; kills injected "
        f"{kills.injected}, hit a running publish {kills.hit}; {sweeps.seconds:.0f} s"
    )
    assert kills.injected == KILLS and kills.hit >= KILLS // 2


# --- (b2) the worker's database connections dropped during an import -------------------------

# The job's stage when the worker's sessions are ended: reading the file, checking the rows,
# writing them (inside the transaction that COPYs rows and history and records the outcome).
DROP_STAGES = ("reading", "checking", "writing")
IMPORT_TASK = "compliance.tasks.import_run"


def _retries(worker: Worker) -> int:
    pattern = rf"Task {re.escape(IMPORT_TASK)}\[[^\]]+\] retry"
    return len(re.findall(pattern, worker.log.read_text(errors="replace")))


def _worker_backends_terminate() -> int:
    """End the fault worker's sessions, as a database restart or a network cut does; this
    test's and the other integration worker's sessions are kept."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE datname = current_database() AND application_name = %s",
            [WORKER_APPLICATION],
        )
        return cursor.fetchone()[0]


def test_an_import_whose_connection_drops_is_retried_to_the_end(
    worker, faults_federation, django_db_blocker
):
    """The worker's database sessions are ended while an import reads, checks and writes: each
    time the task meets the error and is retried with backoff (portal.celery.DATABASE_RETRY), and
    the job ends done with every row once, instead of "failed" or left "running"."""
    serials = range(500_001, 500_001 + ROWS_PER_FILE)
    with django_db_blocker.unblock(), context.federation_context(faults_federation):
        user = get_user_model().objects.create_user(
            username="dropped@faults.test", password=PASSWORD
        )
        upload = SimpleUploadedFile(
            "台账-断线.xlsx", xlsx([enterprise_row(serial) for serial in serials]).getvalue()
        )
        history_before = Enterprise.history.count()
        job = imports.import_job_create(kind="enterprises", upload=upload, user=user)

        def finished() -> bool:
            return ImportJob.objects.get(pk=job.pk).is_finished

        ended = []
        for drop, stage in enumerate(DROP_STAGES, start=1):
            # Stages only move forward within a run, so the one left by the previous (dropped)
            # run never matches the next target.
            deadline = time.monotonic() + 120
            while not (
                worker.running(IMPORT_TASK)
                and ImportJob.objects.filter(pk=job.pk, status="running", stage=stage).exists()
            ):
                if time.monotonic() > deadline or finished():
                    pytest.fail(f"the import never reached {stage}:\n{worker.log.read_text()}")
                time.sleep(0.01)
            ended.append(_worker_backends_terminate())
            wait_until(  # the task met it and was retried, before the next drop
                lambda drop=drop: _retries(worker) >= drop,
                timeout=60,
                worker=worker,
                what=f"the task to meet the connection dropped while {stage}",
            )
        wait_until(finished, timeout=300, worker=worker, what="the import to finish")
        job.refresh_from_db()
        assert (job.status, job.total, job.created, job.updated) == (
            "done",
            ROWS_PER_FILE,
            ROWS_PER_FILE,
            0,
        ), job.message
        codes = [code(serial) for serial in serials]
        assert Enterprise.objects.filter(credit_code__in=codes).count() == ROWS_PER_FILE
        assert Enterprise.history.count() - history_before == ROWS_PER_FILE
    retries = _retries(worker)
    print(
        f"\nconnections dropped while {', '.join(DROP_STAGES)}: sessions ended {ended}; "
        f"task retries {retries}"
    )
    assert retries >= len(DROP_STAGES)
    assert all(ended), "every drop ended a session of the worker"


# --- (c) PostgreSQL restarted under requests ------------------------------------------------


def _pg_bin(major: int) -> Path | None:
    """Server and client programs of PostgreSQL `major`, the version of the database the test
    copies from (pg_dump refuses a newer server): Debian's, or the embedded server's own
    (pgserver, which `make test` uses without DATABASE_URL)."""
    import pgserver

    candidates = (
        Path(f"/usr/lib/postgresql/{major}/bin"),
        Path(pgserver.__file__).parent / "pginstall" / "bin",
    )
    for folder in candidates:
        if not (folder / "initdb").exists():
            continue
        version = subprocess.run(
            [str(folder / "pg_dump"), "--version"], capture_output=True, text=True, check=False
        ).stdout
        if re.search(rf"\) {major}\.", version):
            return folder
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_postgres(command: list[str]) -> list[str]:
    # initdb and the server refuse to run as root; the machine's postgres account owns the cluster.
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


class PrivateCluster:
    """A PostgreSQL cluster of this test only, in a temporary folder on a free port: it is
    stopped and started at will, unlike the machine's service that others use."""

    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        self.folder = Path(tempfile.mkdtemp(prefix="pg-faults-"))
        self.data = self.folder / "data"
        self.port = _free_port()
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        self._run(
            [
                str(self.bin / "initdb"),
                "-D",
                str(self.data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--no-locale",
            ]
        )

    def _run(self, command: list[str]) -> None:
        subprocess.run(_as_postgres(command), check=True, capture_output=True, cwd=self.folder)

    def ctl(self, *action: str) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run(
            [
                str(self.bin / "pg_ctl"),
                "-D",
                str(self.data),
                "-l",
                str(self.folder / "server.log"),
                "-o",
                options,
                "-w",
                *action,
            ]
        )

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/portal"

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.ctl("stop", "-m", "immediate")
        shutil.rmtree(self.folder, ignore_errors=True)


def _run(command: list, **kwargs) -> bytes:
    done = subprocess.run([str(part) for part in command], capture_output=True, **kwargs)
    if done.returncode:
        pytest.fail(f"{command[0]} failed: {done.stderr.decode(errors='replace')[-3000:]}")
    return done.stdout


def _copy_federation_into(cluster: PrivateCluster) -> None:
    """The public schema and federation A of this test run's database, by pg_dump/pg_restore."""
    programs = cluster.bin  # the same PostgreSQL version as the cluster
    db = connection.settings_dict
    source = ["-h", db["HOST"], "-p", db["PORT"] or 5432, "-U", db["USER"]]
    target = ["-h", "127.0.0.1", "-p", cluster.port, "-U", "postgres"]
    env = {**os.environ, "PGPASSWORD": db.get("PASSWORD") or ""}
    _run([programs / "createdb", *target, "portal"], env=env)
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'")
        extensions = [row[0] for row in cursor.fetchall()]
    for name in extensions:
        _run(
            [programs / "psql", *target, "-d", "portal", "-c", f'CREATE EXTENSION "{name}"'],
            env=env,
        )
    dump = cluster.folder / "portal.dump"
    _run(
        [programs / "pg_dump", *source, "-d", db["NAME"], "-Fc", "--no-owner", "-f", dump,
         "-n", "public", "-n", SPEC_A.schema_name],
        env=env,
    )  # fmt: skip
    # The new database has its public schema (and the extensions in it) already.
    contents = _run([programs / "pg_restore", "-l", dump]).decode()
    listing = cluster.folder / "portal.list"
    listing.write_text(
        "\n".join(
            line
            for line in contents.splitlines()
            if not re.search(r"SCHEMA - public |COMMENT - SCHEMA public", line)
        )
    )
    _run(
        [programs / "pg_restore", *target, "-d", "portal", "--no-owner", "--exit-on-error",
         "-L", listing, dump],
        env=env,
    )  # fmt: skip


@dataclass
class Answer:
    started: float
    ended: float
    host: str
    path: str
    status: int
    retry_after: str | None
    body: str


def _get(port: int, host: str, path: str) -> Answer:
    started = time.monotonic()
    client = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    try:
        client.request("GET", path, headers={"Host": host, "Connection": "close"})
        response = client.getresponse()
        body = response.read().decode("utf-8", errors="replace")
        return Answer(
            started,
            time.monotonic(),
            host,
            path,
            response.status,
            response.getheader("Retry-After"),
            body,
        )
    finally:
        client.close()


TARGETS = [
    (SPEC_A.domain, "/"),
    (SPEC_A.domain, "/notices/"),
    (SPEC_A.domain, "/healthz"),
    ("localhost", "/healthz"),
    ("localhost", "/"),
]


def test_postgresql_restart_gives_503_then_recovers(django_db_setup, django_db_blocker):
    """Requests go on while a private PostgreSQL is restarted, then stopped and started: every
    answer while it is down is a 503 with Retry-After and a plain message, never a 500 or a
    traceback, and pages answer 200 again within seconds without restarting gunicorn."""
    with django_db_blocker.unblock():
        connection.ensure_connection()
        major = connection.pg_version // 10000
    bin_dir = _pg_bin(major)
    if bin_dir is None:
        pytest.skip(f"no PostgreSQL {major} server programs to run a private cluster with")
    cluster = PrivateCluster(bin_dir)
    web = None
    answers: list[Answer] = []
    failures: list[str] = []
    stop = threading.Event()
    try:
        cluster.ctl("start")
        with django_db_blocker.unblock():
            _copy_federation_into(cluster)
        port = _free_port()
        log = cluster.folder / "gunicorn.log"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.test",
            "DATABASE_URL": cluster.url,
        }
        with log.open("wb") as out:
            web = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "portal.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    "2",
                    "--timeout",
                    "60",
                ],
                env=env,
                cwd=settings.BASE_DIR,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + 90
        while True:
            with contextlib.suppress(OSError):
                if _get(port, SPEC_A.domain, "/").status == 200:
                    break
            if web.poll() is not None or time.monotonic() > deadline:
                pytest.fail("gunicorn did not serve:\n" + log.read_text(errors="replace"))
            time.sleep(0.3)

        def fire() -> None:
            index = 0
            while not stop.is_set():
                host, path = TARGETS[index % len(TARGETS)]
                index += 1
                try:
                    answers.append(_get(port, host, path))
                except OSError as error:
                    failures.append(f"{host}{path}: {error!r}")
                time.sleep(0.02)

        thread = threading.Thread(target=fire, daemon=True)
        thread.start()
        marks: dict[str, float] = {}
        time.sleep(2)
        marks["restart"] = time.monotonic()
        cluster.ctl("restart", "-m", "fast")
        marks["restarted"] = time.monotonic()
        time.sleep(6)
        marks["stop"] = time.monotonic()
        cluster.ctl("stop", "-m", "fast")
        marks["stopped"] = time.monotonic()
        time.sleep(5)
        marks["start"] = time.monotonic()
        cluster.ctl("start")
        marks["started"] = time.monotonic()
        time.sleep(8)
        stop.set()
        thread.join(timeout=30)
        assert web.poll() is None, "gunicorn died"
    finally:
        stop.set()
        if web is not None and web.poll() is None:
            web.terminate()
            web.wait(timeout=30)
        web_log = cluster.folder / "gunicorn.log"
        server_log = web_log.read_text(errors="replace") if web_log.exists() else ""
        cluster.remove()

    assert not failures, f"requests failed at the socket: {failures[:5]}"
    statuses = Counter(answer.status for answer in answers)
    assert set(statuses) <= {200, 503}, f"unexpected statuses: {statuses}"
    down = [a for a in answers if marks["stopped"] <= a.started and a.ended <= marks["start"]]
    assert len(down) >= 20
    for answer in answers:
        if answer.status == 503:
            assert answer.retry_after, answer
            assert "Traceback" not in answer.body and "Error" not in answer.body, answer.body
            if answer.path != "/healthz":  # a probe may get the view's own short answer
                assert "服务暂时不可用" in answer.body, answer.body
                assert "temporarily unavailable" in answer.body, answer.body
    assert all(answer.status == 503 for answer in down), Counter(a.status for a in down)

    def recovery(after: float, until: float) -> float:
        later = [a for a in answers if a.started >= after and a.ended < until]
        first = next(a for a in later if a.status == 200)
        settled = [a for a in later if a.started >= first.ended]
        failed = [
            (round(a.started - after, 2), a.host, a.path, a.status, a.body[:100])
            for a in settled
            if a.status != 200
        ]
        assert not failed, f"{failed}\n{server_log[-6000:]}"
        return first.ended - after

    after_restart = recovery(marks["restarted"], marks["stop"])
    after_start = recovery(marks["started"], float("inf"))
    during_restart = [a for a in answers if marks["restart"] <= a.started < marks["restarted"]]
    print(
        f"\npostgresql: {len(answers)} requests, statuses {dict(statuses)}; restart -m fast took "
        f"{marks['restarted'] - marks['restart']:.1f} s with {len(during_restart)} requests "
        f"({dict(Counter(a.status for a in during_restart))}), first 200 {after_restart:.2f} s "
        f"after it returned; stopped {marks['start'] - marks['stopped']:.1f} s: {len(down)} "
        f"requests, all 503; first 200 {after_start:.2f} s after the start returned"
    )
    assert after_restart < 5 and after_start < 5
