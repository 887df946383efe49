"""`make demo`: migrate, seed the demo federations, then serve with a real Celery worker and beat.

Runs the web server, the worker and beat as child processes, prints the addresses and the demo
sign-ins, and on Ctrl-C (or SIGTERM) stops the children and the embedded PostgreSQL it uses.
"""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal import embedded
from portal.demo.enterprise_side import (
    EMPLOYER_CONTACT,
    ENTERPRISE_SIDE_SCHEMA,
    INSTRUCTOR,
    REVIEWER,
    UNION_OFFICER,
)
from portal.demo.federations import FEDERATIONS, OPERATOR, SUPERVISORS, sites_serve_on


class Command(BaseCommand):
    help = "Migrate, seed demo data and serve the portal with a Celery worker and beat."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=settings.ENV["PORT"])

    def handle(self, *args, **options):
        port = options["port"]
        call_command("migrate_platform", verbosity=0)
        call_command("seed_demo")
        sites_serve_on(port)
        children = self._start_children(port)
        self._print_banner(port)
        stop = {"now": False}

        def request_stop(signum, frame):
            stop["now"] = True

        signal.signal(signal.SIGINT, request_stop)
        signal.signal(signal.SIGTERM, request_stop)
        try:
            while not stop["now"]:
                for name, proc in children.items():
                    if proc.poll() is not None:
                        self.stderr.write(f"{name} exited with code {proc.returncode}; stopping.")
                        stop["now"] = True
                time.sleep(0.5)
        finally:
            self._stop_children(children)
            if not settings.ENV["DATABASE_URL"]:
                embedded.stop(settings.DATA_DIR)
            self.stdout.write("Stopped.")

    def _start_children(self, port: int) -> dict[str, subprocess.Popen]:
        python = sys.executable
        env = dict(os.environ)
        worker = [
            python,
            "-m",
            "celery",
            "-A",
            "portal",
            "worker",
            "-l",
            "info",
            "--concurrency",
            "2",
        ]
        if not settings.ENV["CELERY_BROKER_URL"]:
            worker += ["--without-mingle", "--without-gossip", "--without-heartbeat"]
        commands = {
            "web": [python, "manage.py", "runserver", f"0.0.0.0:{port}", "--noreload"],
            "worker": worker,
            "beat": [
                python,
                "-m",
                "celery",
                "-A",
                "portal",
                "beat",
                "-l",
                "info",
                "-s",
                settings.CELERY_BEAT_SCHEDULE_FILENAME,
            ],
        }
        # Own sessions: Ctrl-C reaches this process only, which then stops the children in order.
        return {
            name: subprocess.Popen(cmd, env=env, cwd=settings.BASE_DIR, start_new_session=True)
            for name, cmd in commands.items()
        }

    def _stop_children(self, children: dict[str, subprocess.Popen]) -> None:
        for proc in children.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + 15
        for proc in children.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()

    def _print_banner(self, port: int) -> None:
        lines = [
            "",
            "The portal is running (Ctrl-C stops everything):",
            f"  Platform page      http://localhost:{port}/",
            f"  Operator admin     http://localhost:{port}/admin/   {OPERATOR[0]} / {OPERATOR[1]}",
        ]
        for spec in FEDERATIONS:
            lines += [
                f"  {spec.name}",
                f"    public site      http://{spec.domain}:{port}/",
                f"    back office      http://{spec.domain}:{port}/admin/   "
                f"{spec.admin_email} / {spec.admin_password}",
            ]
            if spec.schema_name in SUPERVISORS:
                lines.append(f"    supervisor       {' / '.join(SUPERVISORS[spec.schema_name])}")
            if spec.schema_name == ENTERPRISE_SIDE_SCHEMA:
                lines += [
                    f"    enterprise area  http://{spec.domain}:{port}/enterprise/   "
                    f"{' / '.join(UNION_OFFICER)} (union), {' / '.join(EMPLOYER_CONTACT)} "
                    "(employer)",
                    f"    instructor       {' / '.join(INSTRUCTOR)} (back office)",
                    f"    人社 reviewer     http://{spec.domain}:{port}/review/   "
                    f"{' / '.join(REVIEWER)}",
                ]
        if settings.SECOND_FACTOR_EXEMPT and settings.DEBUG:
            lines.append(
                "  These demo sign-ins skip the second factor (portal.settings.demo only); any "
                "other account sets up an authenticator app at its first sign-in."
            )
        else:
            lines.append(
                "  Second factor: each account sets up an authenticator app at its first sign-in."
            )
        lines += ["  Celery worker and beat are running.", ""]
        self.stdout.write("\n".join(lines))
