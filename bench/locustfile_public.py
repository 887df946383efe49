"""Readers of the public sites of two federations, for Locust (bench/bench_load.py runs it).

Each simulated reader stays on one federation (readers alternate between them), sends the
federation's host name in the Host header (the server listens on 127.0.0.1) and its own client
address in X-Real-IP, as the production proxy would: the open data's rate limit is per client,
and fifty readers are fifty clients. What to read comes from the JSON file named by
BENCH_LOAD_TARGETS (written by bench_load from the seeded data):
{"<host>": {"notices": [public ids], "cases": [paths], "terms": [...], "industries": [...],
"years": [...]}}. Each request is logged to BENCH_LOAD_REQUEST_LOG when set.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from pathlib import Path
from urllib.parse import quote

from locust import FastHttpUser, between, events, task

TARGETS: dict[str, dict] = json.loads(Path(os.environ["BENCH_LOAD_TARGETS"]).read_text())
HOSTS = sorted(TARGETS)
THINK_MIN, THINK_MAX = (float(s) for s in os.environ.get("BENCH_LOAD_THINK", "0.5-1.5").split("-"))
_readers = itertools.count()
# Every request as "start time,name,milliseconds,failed", so the bench can take the figures of
# exactly the seconds the import ran.
_LOG_PATH = os.environ.get("BENCH_LOAD_REQUEST_LOG")
_log = open(_LOG_PATH, "a", buffering=1) if _LOG_PATH else None  # noqa: SIM115 - open for the run


@events.request.add_listener
def _record(name, response_time, exception, start_time, **_kwargs) -> None:
    if _log is not None:
        _log.write(f"{start_time:.3f},{name},{response_time:.1f},{int(exception is not None)}\n")


class Reader(FastHttpUser):
    wait_time = between(THINK_MIN, THINK_MAX)
    # A download or a search may queue behind others on a busy machine; a reader gives up (and
    # the run counts an error) after this long.
    network_timeout = 30.0
    connection_timeout = 10.0

    def on_start(self) -> None:
        n = next(_readers)
        self.site_host = HOSTS[n % len(HOSTS)]
        self.site = TARGETS[self.site_host]
        self.headers = {
            "Host": self.site_host,
            "X-Real-IP": f"10.0.{n // 250}.{n % 250 + 1}",
            "Accept-Language": "zh-CN,zh;q=0.9",
        }

    def _get(self, path: str, name: str) -> None:
        self.client.get(path, headers=self.headers, name=name)

    @task(3)
    def home(self) -> None:
        self._get("/", "home")

    @task(3)
    def notice_list(self) -> None:
        industry = random.choice(self.site["industries"])
        path = random.choice(
            ["/notices/", f"/notices/?industry={industry}", "/notices/?status=effective&page=2"]
        )
        self._get(path, "notice list")

    @task(4)
    def notice(self) -> None:
        self._get(f"/notices/{random.choice(self.site['notices'])}/", "notice")

    @task(2)
    def search(self) -> None:
        self._get(f"/notices/?q={quote(random.choice(self.site['terms']))}", "search")

    @task(1)
    def case_studies(self) -> None:
        self._get("/cases/", "case studies")

    @task(2)
    def case_study(self) -> None:
        self._get(random.choice(self.site["cases"]), "case study")

    @task(2)
    def api_list(self) -> None:
        industry = random.choice(self.site["industries"])
        self._get(f"/api/v1/notices/?industry={industry}&limit=20", "api list")

    @task(1)
    def csv_download(self) -> None:
        industry = random.choice(self.site["industries"])
        year = random.choice(self.site["years"])
        self._get(f"/api/v1/notices.csv?industry={industry}&year={year}", "csv download")
