"""Load: 50 concurrent readers on the public sites of two federations while a large ledger import
runs in one of them, against the same readers with no import (the baseline), in one run.

The two demo federations (portal/demo's, with their public pages and 24 case studies each) get
BENCH_LOAD_NOTICES generated notices each (bench_public's SQL generator, search vectors as
notice_sync stores them). The portal runs under gunicorn with production settings
(bench/load_settings.py: DEBUG off, the shared cache when one is configured) and a real Celery
worker. Locust (headless, a subprocess, bench/locustfile_public.py) plays the readers: home
page, notice list with and without facets, notices, search, case studies, the API list and a
filtered CSV download, spread over both federations. The import is the admin's path:
import_job_create stores a workbook of BENCH_LOAD_IMPORT_ROWS enterprises and queues
compliance.tasks.import_run, which the worker runs while the readers read.

Any failed request (an error status, a timeout) or a failed import marks the result FAIL and
`python -m bench` exits 1. Throughput and latency are measured, not asserted.
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.harness import BENCH_DB, Row

USERS = int(os.environ.get("BENCH_LOAD_USERS", "50"))
SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "60"))
WARM_UP_SECONDS = 10
NOTICES = int(os.environ.get("BENCH_LOAD_NOTICES", "5000"))  # per federation
ENTERPRISES = 1_000  # of the generated notices, per federation
CASE_STUDY_COPIES = 7  # the demo has 3 case studies per federation: 24 with the copies
IMPORT_ROWS = int(os.environ.get("BENCH_LOAD_IMPORT_ROWS", "100000"))
IMPORT_TIMEOUT_S = 900
GUNICORN_WORKERS, GUNICORN_THREADS = 3, 4
FEDERATIONS = {"jms": "jms.localhost", "gxq": "gxq.localhost"}  # the demo's (portal/demo/)
IMPORTING = "jms"
ROOT = Path(__file__).resolve().parent.parent
QUEUE = f"bench-load-{os.getpid()}"


def _seed() -> None:
    """The demo's two federations with their public content (case studies, legal pages,
    downloads, contacts; not the back office's demo cases, which readers never see), each case
    study also under CASE_STUDY_COPIES other titles, and NOTICES generated notices."""
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone

    from bench.bench_public import _populate
    from cms_pages.models import CaseStudyIndexPage, CaseStudyPage
    from portal.demo.federations import FEDERATIONS as DEMO
    from portal.demo.federations import federation_ensure
    from portal.demo.public import seed_public
    from tenants import context

    call_command("migrate_platform", verbosity=0)
    for spec in DEMO:
        federation_ensure(spec)
        with context.federation_context(spec.schema_name), transaction.atomic():
            seed_public(schema_name=spec.schema_name, today=timezone.localdate())
            index = CaseStudyIndexPage.objects.get()
            for page in list(CaseStudyPage.objects.live()):
                for n in range(1, CASE_STUDY_COPIES + 1):
                    page.copy(
                        to=index,
                        update_attrs={"title": f"{page.title}（{n}）", "slug": f"{page.slug}-{n}"},
                        keep_live=True,
                        log_action=None,
                    )
        _populate(spec.schema_name, notices=NOTICES, enterprises=ENTERPRISES)


def _targets() -> dict[str, dict]:
    """What readers read on each host: notices, case study pages, search terms, facets."""
    import random

    from bench.bench_public import TERMS
    from cms_pages.models import CaseStudyPage
    from cms_pages.selectors import notices_public
    from tenants import context

    rnd = random.Random(2026)
    targets = {}
    for schema, host in FEDERATIONS.items():
        with context.federation_context(schema):
            listed = notices_public()
            ids = [str(i) for i in listed.values_list("public_id", flat=True)]
            cases = [page.get_url_parts()[2] for page in CaseStudyPage.objects.live()]
            targets[host] = {
                "notices": rnd.sample(ids, min(500, len(ids))),
                "cases": cases,
                "terms": TERMS,
                "industries": sorted(set(listed.values_list("industry", flat=True))),
                "years": sorted(set(listed.values_list("year", flat=True))),
                "count": len(ids),
            }
    return targets


def _free_port() -> int:
    from bench.bench_public import _free_port as free_port

    return free_port()


def _server_env() -> dict[str, str]:
    env = dict(os.environ)
    broker = env.get("CELERY_BROKER_URL", "")
    env.update(
        DJANGO_SETTINGS_MODULE="bench.load_settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=",".join([*FEDERATIONS.values(), "127.0.0.1"]),
        SECURE_SSL_REDIRECT="false",
        DEBUG="false",
        LOG_LEVEL="WARNING",
        BENCH_LOAD_QUEUE=QUEUE,
        BENCH_LOAD_CACHE_PREFIX=BENCH_DB,
    )
    if not env.get("CACHE_URL") and broker.startswith("redis://"):
        env["CACHE_URL"] = broker  # production shares one cache between the web workers
    return env


def _wait_until(ready, *, process: subprocess.Popen, what: str, log: Path, timeout: float = 90):
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start:\n{log.read_text(errors='replace')[-3000:]}")
        time.sleep(0.3)


def _start(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen:
    with log.open("wb") as out:
        return subprocess.Popen(
            command, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, stopped as one below
        )  # fmt: skip


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _gunicorn(port: int, env: dict[str, str], log: Path) -> subprocess.Popen:
    from bench.bench_public import _get

    process = _start(
        [sys.executable, "-m", "gunicorn", "portal.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(GUNICORN_WORKERS),
         "--threads", str(GUNICORN_THREADS), "--max-requests", "2000",
         "--max-requests-jitter", "200", "--log-level", "warning"],
        env, log,
    )  # fmt: skip

    def ready() -> bool:
        try:
            return _get(port, FEDERATIONS[IMPORTING], "/healthz") == 200
        except OSError:
            return False

    _wait_until(ready, process=process, what="gunicorn", log=log)
    return process


def _worker(env: dict[str, str], log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "celery", "-A", "portal", "worker", "-l", "info",
               "--concurrency", "1", "-Q", QUEUE, "--hostname", f"{QUEUE}@%h"]  # fmt: skip
    if not env.get("CELERY_BROKER_URL"):
        command += ["--without-mingle", "--without-gossip", "--without-heartbeat"]
    process = _start(command, env, log)
    _wait_until(lambda: b" ready." in log.read_bytes(), process=process, what="worker", log=log)
    return process


def _workbook(path: Path) -> None:
    from bench.bench_excel import _rows, _write_bare

    _write_bare(path, _rows(IMPORT_ROWS))


def _import_start(path: Path) -> int:
    """Upload the workbook the way the admin's import page does; the worker runs it."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from compliance.services.imports import import_job_create
    from portal.celery import app
    from tenants import context

    app.conf.task_default_queue = QUEUE
    upload = SimpleUploadedFile("台账导入.xlsx", path.read_bytes())
    with context.federation_context(IMPORTING):
        return import_job_create(kind="enterprises", upload=upload, user=None).pk


def _import_job(job_id: int):
    from django.db import connection

    from compliance.models import ImportJob
    from tenants import context

    with context.federation_context(IMPORTING):
        job = ImportJob.objects.get(pk=job_id)
    connection.close()
    return job


def _files_cleanup() -> None:
    """Delete the files this run stored: the demo's documents and the import's workbooks. The
    federations share their schema names, and so their media folders, with the development
    site's demo; the database rows go with the bench database."""
    from wagtail.documents import get_document_model

    from compliance.models import ImportJob
    from tenants import context

    for schema in FEDERATIONS:
        with context.federation_context(schema):
            for document in get_document_model().objects.all():
                document.file.delete(save=False)
            for job in ImportJob.objects.all():
                for field in (job.file, job.error_file):
                    if field:
                        field.delete(save=False)


def _locust(port: int, seconds: int, prefix: Path, targets_file: Path) -> subprocess.Popen:
    env = dict(
        os.environ, BENCH_LOAD_TARGETS=str(targets_file), BENCH_LOAD_REQUEST_LOG=f"{prefix}.log"
    )
    command = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile_public.py"),
               "--headless", "-u", str(USERS), "-r", str(USERS), "-t", f"{seconds}s",
               "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary",
               "--loglevel", "WARNING", "--stop-timeout", "30"]  # fmt: skip
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,
    )  # fmt: skip


def _finish(process: subprocess.Popen, timeout: float) -> str:
    try:
        _out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise
    return err.decode(errors="replace")


def _stats(prefix: Path) -> dict[str, dict[str, str]]:
    with open(f"{prefix}_stats.csv", newline="") as handle:
        return {row["Name"]: row for row in csv.DictReader(handle)}


def _summary(row: dict[str, str]) -> dict[str, float]:
    return {
        "requests": int(row["Request Count"]),
        "failures": int(row["Failure Count"]),
        "rps": float(row["Requests/s"]),
        "mean": float(row["Average Response Time"]) / 1000,
        "min": float(row["Min Response Time"]) / 1000,
        "p50": float(row["50%"]) / 1000,
        "p95": float(row["95%"]) / 1000,
        "p99": float(row["99%"]) / 1000,
    }


def _window(prefix: Path, start: float | None = None, end: float | None = None) -> dict:
    """Figures of the requests that started between `start` and `end` (default: all of the run),
    from the readers' request log: one method for the baseline and the import's seconds."""
    with open(f"{prefix}.log") as handle:
        rows = [line.split(",") for line in handle if line.strip()]
    times = [(float(t), float(ms) / 1000, failed.strip() == "1") for t, _n, ms, failed in rows]
    start = min(t for t, _s, _f in times) if start is None else start
    end = max(t for t, _s, _f in times) if end is None else end
    inside = [(s, f) for t, s, f in times if start <= t <= end]
    if len(inside) < 20:
        return {}
    cuts = statistics.quantiles([s for s, _f in inside], n=100)
    return {
        "seconds": end - start,
        "requests": len(inside),
        "failures": sum(f for _s, f in inside),
        "rps": len(inside) / (end - start),
        "mean": statistics.mean(s for s, _f in inside),
        "min": min(s for s, _f in inside),
        "p50": cuts[49],
        "p95": cuts[94],
        "p99": cuts[98],
    }


def _failures(prefix: Path) -> list[str]:
    with open(f"{prefix}_failures.csv", newline="") as handle:
        return [f"{r['Occurrences']}× {r['Name']}: {r['Error']}" for r in csv.DictReader(handle)]


def _print_endpoints(label: str, stats: dict[str, dict[str, str]]) -> None:
    print(f"  {label}:", flush=True)
    for name, row in sorted(stats.items()):
        if name == "Aggregated":
            continue
        s = _summary(row)
        print(f"    {name:<14} {s['requests']:>6} req  {s['rps']:6.1f}/s  p50 {s['p50']:.3f}s  "
              f"p95 {s['p95']:.3f}s  p99 {s['p99']:.3f}s  failures {s['failures']}")  # fmt: skip


def run() -> list[Row]:
    from django.db import connection

    started = time.perf_counter()
    _seed()
    targets = _targets()
    seed_s = time.perf_counter() - started
    connection.close()
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    try:
        return _measure(folder, targets, seed_s)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        _files_cleanup()
        connection.close()


def _measure(folder: Path, targets: dict[str, dict], seed_s: float) -> list[Row]:
    targets_file = folder / "targets.json"
    targets_file.write_text(json.dumps(targets, ensure_ascii=False))
    workbook = folder / "enterprises.xlsx"
    _workbook(workbook)
    env = _server_env()
    port = _free_port()
    server = _gunicorn(port, env, folder / "gunicorn.log")
    worker = None
    try:
        worker = _worker(env, folder / "worker.log")
        # Unmeasured: every gunicorn worker loads jieba and fills its caches, as on a live site.
        _finish(_locust(port, WARM_UP_SECONDS, folder / "warm", targets_file), WARM_UP_SECONDS + 60)
        print("  baseline: readers only …", flush=True)
        _finish(_locust(port, SECONDS, folder / "base", targets_file), SECONDS + 120)
        print("  readers while the import runs …", flush=True)
        readers = _locust(port, SECONDS, folder / "load", targets_file)
        window_start = time.time()
        time.sleep(2)  # every reader has started
        job_id = _import_start(workbook)
        _finish(readers, SECONDS + 120)
        window_end = time.time()
        deadline = time.monotonic() + IMPORT_TIMEOUT_S
        job = _import_job(job_id)
        while not job.is_finished and time.monotonic() < deadline:
            time.sleep(1)
            job = _import_job(job_id)
    finally:
        _stop(server)
        if worker is not None:
            _stop(worker)
    base_stats, load_stats = _stats(folder / "base"), _stats(folder / "load")
    base_failed = _summary(base_stats["Aggregated"])["failures"] > 0
    load_failed = _summary(load_stats["Aggregated"])["failures"] > 0
    failures = _failures(folder / "base") + _failures(folder / "load")
    for host, target in targets.items():
        print(f"  {host}: {target['count']:,} listed notices, {len(target['cases'])} case studies")
    _print_endpoints("baseline, per endpoint", base_stats)
    _print_endpoints("with the import, per endpoint", load_stats)
    for line in failures[:20]:
        print(f"  FAIL {line}", flush=True)

    import_ok = job.status == job.Status.DONE and job.created == IMPORT_ROWS
    import_s = (
        (job.finished_at - job.started_at).total_seconds()
        if job.finished_at and job.started_at
        else float("nan")
    )
    within = bool(job.finished_at) and job.finished_at.timestamp() <= window_end
    import_note = (
        f"{job.status}, {job.created:,} created; "
        + ("finished within the readers' window" if within else "finished after the window")
        + f" ({window_end - window_start:.0f} s)"
    )
    if not import_ok:
        print(f"  FAIL import: {job.status} {job.message[:500]}", flush=True)
    base, load = _window(folder / "base"), _window(folder / "load")
    during = {}
    if job.started_at:
        end = min(job.finished_at.timestamp() if job.finished_at else window_end, window_end)
        during = _window(folder / "load", job.started_at.timestamp(), end)

    def figures(s: dict[str, float]) -> str:
        p50, p95, p99 = (round(s[k] * 1000) for k in ("p50", "p95", "p99"))
        return (
            f"{s['rps']:.1f} req/s, p50 {p50} ms, p95 {p95} ms, p99 {p99} ms, "
            f"errors {s['failures']}"
        )

    def versus(s: dict[str, float]) -> str:
        rps, p95 = s["rps"] / base["rps"], s["p95"] / base["p95"]
        return f"; {rps:.2f}x the baseline's req/s, p95 {p95:.2f}x"

    readers = f"{USERS} readers, 2 federations"
    rows = [
        Row("load", f"seed 2 federations (demo pages + {NOTICES:,} notices each)", 1, seed_s,
            seed_s),
        Row("load", f"{readers}, {SECONDS} s, no import (baseline)", base["requests"],
            base["mean"], base["min"], figures(base), failed=base_failed),
        Row("load", f"{readers}, {SECONDS} s with a {IMPORT_ROWS:,}-row import queued",
            load["requests"], load["mean"], load["min"], figures(load) + versus(load),
            failed=load_failed),
    ]  # fmt: skip
    if during:
        rows.append(
            Row("load", f"{readers}, the {during['seconds']:.0f} s the import ran",
                during["requests"], during["mean"], during["min"],
                figures(during) + versus(during), failed=during["failures"] > 0)
        )  # fmt: skip
    rows.append(
        Row("load", f"the import ({IMPORT_ROWS:,} enterprises, Celery worker)", 1, import_s,
            import_s, import_note, failed=not import_ok)
    )  # fmt: skip
    return rows
