"""Workers' surveys (issue 18 item 8): 1,000 answers within a minute on one federation, without
error, with the load tool bench_load uses (Locust against gunicorn on production settings,
bench/locustfile_survey.py), against a baseline measured in the same run.

One federation, one contract in force, one survey with 1,000 one-time codes. BENCH_SURVEY_USERS
simulated workers (distinct client addresses, as the production proxy reports them: the survey's
per-address limit stays on) each open the questionnaire and send one answer per code of their
slice, then stop. The baseline is the same workers only opening the questionnaire (a plain public
page) for as long. Printed: answers per second, the seconds the 1,000 took, errors, p95 of an
answer, and the ratios to the baseline's page rate and p95. Any failed request, an answer count
other than 1,000 or more than a minute marks the result FAIL.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from bench.harness import Row, bench_federation

ANSWERS = 1_000
USERS = int(os.environ.get("BENCH_SURVEY_USERS", "125"))
LIMIT_S = 60
HOST = "svy.localhost"
SCHEMA = "svy"


def _seed() -> dict:
    from django.utils import timezone

    from compliance.services.worker_surveys import survey_codes_issue, survey_open
    from portal.demo import builders
    from tenants import context

    bench_federation(schema=SCHEMA, name="测评市总工会", domain=HOST)
    today = timezone.localdate()
    with context.federation_context(SCHEMA):
        contract = builders.registered_contract(
            enterprise=builders.enterprise(name="测评机械制造有限公司", employees=1200),
            title="测评机械制造有限公司集体合同",
            starts_on=today.replace(month=1, day=1),
            ends_on=today.replace(year=today.year + 2, month=12, day=31),
            as_of=today,
            clauses=(("wages", "职工工资年度平均增长幅度不低于8%。"),),
        )
        survey = survey_open(contract_id=contract.pk, mode="codes", user=None, today=today)
        codes = survey_codes_issue(survey_id=survey.pk, count=ANSWERS, user=None)
    return {"host": HOST, "token": survey.token, "codes": codes}


def _answers() -> int:
    from compliance.models import SurveyAnswer
    from tenants import context

    with context.federation_context(SCHEMA):
        return SurveyAnswer.objects.count()


def _locust(port: int, seconds: int, prefix: Path, targets: Path, mode: str):
    import subprocess
    import sys

    from bench.bench_load import ROOT

    env = dict(
        os.environ,
        BENCH_SURVEY_TARGETS=str(targets),
        BENCH_SURVEY_MODE=mode,
        BENCH_SURVEY_USERS=str(USERS),
        BENCH_LOAD_REQUEST_LOG=f"{prefix}.log",
    )
    command = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile_survey.py"),
               "--headless", "-u", str(USERS), "-r", str(USERS), "-t", f"{seconds}s",
               "--host", f"http://127.0.0.1:{port}", "--csv", str(prefix), "--only-summary",
               "--loglevel", "WARNING", "--stop-timeout", "30"]  # fmt: skip
    return subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        start_new_session=True,
    )  # fmt: skip


def _gunicorn(port: int, env: dict[str, str], log: Path):
    """bench_load's server (same workers and threads), ready once this federation answers."""
    import sys

    from bench import bench_load as load
    from bench.bench_public import _get

    process = load._start(
        [sys.executable, "-m", "gunicorn", "portal.wsgi:application",
         "--bind", f"127.0.0.1:{port}", "--workers", str(load.GUNICORN_WORKERS),
         "--threads", str(load.GUNICORN_THREADS), "--log-level", "warning"],
        env, log,
    )  # fmt: skip

    def ready() -> bool:
        try:
            return _get(port, HOST, "/healthz") == 200
        except OSError:
            return False

    try:
        load._wait_until(ready, process=process, what="gunicorn", log=log)
    except BaseException:
        load._stop(process)
        raise
    return process


def run() -> list[Row]:
    from django.db import connection

    from bench import bench_load as load

    started = time.perf_counter()
    targets = _seed()
    seed_s = time.perf_counter() - started
    connection.close()
    folder = Path(tempfile.mkdtemp(prefix="bench-survey-"))
    targets_file = folder / "targets.json"
    targets_file.write_text(json.dumps(targets))
    env = load._server_env()
    env["ALLOWED_HOSTS"] = f"{HOST},127.0.0.1"
    port = load._free_port()
    server = _gunicorn(port, env, folder / "gunicorn.log")
    try:
        # Unmeasured: every gunicorn worker loads and fills its caches, as on a live site.
        load._finish(_locust(port, 5, folder / "warm", targets_file, "page"), 90)
        load._finish(_locust(port, 20, folder / "base", targets_file, "page"), 150)
        answering = _locust(port, LIMIT_S + 30, folder / "answer", targets_file, "answer")
        load._finish(answering, LIMIT_S + 150)
    finally:
        load._stop(server)
    try:
        return _rows(folder, seed_s)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
        connection.close()


def _rows(folder: Path, seed_s: float) -> list[Row]:
    from bench import bench_load as load

    base = load._summary(load._stats(folder / "base")["survey page"])
    stats = load._stats(folder / "answer")
    answered = load._summary(stats["survey answer"])
    with open(folder / "answer.log") as handle:
        posts = [
            (float(start), float(ms) / 1000, failed.strip() == "1")
            for start, name, ms, failed in (line.split(",") for line in handle if line.strip())
            if name == "survey answer"
        ]
    span = max(s + d for s, d, _f in posts) - min(s for s, _d, _f in posts) if posts else 0.0
    stored = _answers()
    errors = load._summary(stats["Aggregated"])["failures"]
    for line in load._failures(folder / "answer")[:20]:
        print(f"  FAIL {line}", flush=True)
    rate = stored / span if span else 0.0
    failed = errors > 0 or stored != ANSWERS or span > LIMIT_S
    note = (
        f"{stored:,} answers stored in {span:.1f} s ({rate:.1f}/s), errors {errors}, "
        f"answer p95 {answered['p95'] * 1000:.0f} ms; baseline page {base['rps']:.1f} req/s "
        f"p95 {base['p95'] * 1000:.0f} ms; answers/s {rate / base['rps']:.2f}x the page's req/s, "
        f"p95 {answered['p95'] / base['p95']:.2f}x"
    )
    print(f"  {note}", flush=True)
    return [
        Row("survey", "seed (federation, contract, survey, 1,000 codes)", 1, seed_s, seed_s),
        Row("survey", f"{USERS} workers, questionnaire page only (baseline)", base["requests"],
            base["mean"], base["min"], f"{base['rps']:.1f} req/s, errors {base['failures']}",
            failed=base["failures"] > 0),
        Row("survey", f"{USERS} workers answering with 1,000 one-time codes", stored,
            answered["mean"], answered["min"], note, failed=failed),
    ]  # fmt: skip
