"""Workers answering a survey on a phone, for Locust (bench/bench_survey.py runs it).

Each simulated worker has its own client address (X-Real-IP, as the production proxy writes it:
the survey's rate limit is per address) and its own slice of the one-time codes printed for the
survey (BENCH_SURVEY_TARGETS: {"host", "token", "codes"}). BENCH_SURVEY_MODE chooses the task:
"answer" opens the questionnaire and sends one answer per code, then stops; "page" only opens the
questionnaire (the baseline: a plain public page under the same load). Each request is logged to
BENCH_LOAD_REQUEST_LOG as bench_load's readers log theirs.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, between, events, task
from locust.exception import StopUser

TARGETS = json.loads(Path(os.environ["BENCH_SURVEY_TARGETS"]).read_text())
MODE = os.environ.get("BENCH_SURVEY_MODE", "answer")
USERS = int(os.environ["BENCH_SURVEY_USERS"])
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
_workers = itertools.count()
_LOG_PATH = os.environ.get("BENCH_LOAD_REQUEST_LOG")
_log = open(_LOG_PATH, "a", buffering=1) if _LOG_PATH else None  # noqa: SIM115 - open for the run


@events.request.add_listener
def _record(name, response_time, exception, start_time, **_kwargs) -> None:
    if _log is not None:
        _log.write(f"{start_time:.3f},{name},{response_time:.1f},{int(exception is not None)}\n")


class Worker(FastHttpUser):
    wait_time = between(0.2, 0.8)
    network_timeout = 30.0
    connection_timeout = 10.0

    def on_start(self) -> None:
        n = next(_workers)
        self.codes = list(TARGETS["codes"][n::USERS])
        self.path = f"/survey/{TARGETS['token']}/"
        self.headers = {
            "Host": TARGETS["host"],
            "X-Real-IP": f"10.1.{n // 250}.{n % 250 + 1}",
            "Accept-Language": "zh-CN,zh;q=0.9",
            "User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile",
        }

    @task
    def survey(self) -> None:
        page = self.client.get(self.path, headers=self.headers, name="survey page")
        if MODE == "page":
            return
        if not self.codes:
            raise StopUser()
        match = CSRF.search(page.content or b"")
        if not match:
            return  # the page request failed and was counted
        data = {
            "csrfmiddlewaretoken": match.group(1).decode(),
            "code": self.codes.pop(),
            "knows": random.choice(["yes"] * 9 + ["no"]),
            "topics": ["wages", "hours"],
            "bargaining": random.choice(["satisfied", "basically", "not"]),
            "result": random.choice(["satisfied", "basically"]),
        }
        with self.client.post(
            self.path,
            data=urlencode(data, doseq=True),  # the ticked topics as repeated fields
            headers={
                **self.headers,
                "Content-Type": "application/x-www-form-urlencoded",
                "Referer": f"http://{TARGETS['host']}{self.path}",
            },
            name="survey answer",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"answer refused: {response.status_code}")
