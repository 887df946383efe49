"""A real Celery worker process for integration tests, on the configured broker and database."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection

from portal.celery import app


def database_url_of_this_test_run() -> str:
    """The URL of the test database pytest-django created, for a process started from here."""
    db = connection.settings_dict
    host = quote(str(db["HOST"]), safe="")
    port = f":{db['PORT']}" if db.get("PORT") else ""
    password = quote(db.get("PASSWORD") or "", safe="")
    return f"postgres://{db['USER']}:{password}@{host}{port}/{db['NAME']}"


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        connection.ensure_connection()
        database_url = database_url_of_this_test_run()
    log = Path(tempfile.mkstemp(prefix="celery-worker-", suffix=".log")[1])
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.integration.worker_settings",
        "DATABASE_URL": database_url,
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
        settings.CELERY_TASK_DEFAULT_QUEUE,
        "--hostname",
        f"integration-{os.getpid()}@%h",
    ]
    if not settings.ENV["CELERY_BROKER_URL"]:
        command += ["--without-mingle", "--without-gossip", "--without-heartbeat"]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, env=env, cwd=settings.BASE_DIR, stdout=out, stderr=subprocess.STDOUT
        )
    deadline = time.monotonic() + 60
    while b" ready." not in log.read_bytes():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail("the Celery worker did not start:\n" + log.read_text(errors="replace"))
        time.sleep(0.2)
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = False
    try:
        yield process, log
    finally:
        app.conf.task_always_eager = previous
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
        log.unlink(missing_ok=True)


def wait_for(predicate, *, timeout: float = 60.0, log: Path | None = None, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.25)
    detail = log.read_text(errors="replace")[-4000:] if log else ""
    pytest.fail(f"timed out waiting for {what}\n{detail}")
