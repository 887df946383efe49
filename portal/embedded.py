"""Zero-install defaults: an embedded PostgreSQL and a filesystem Celery broker under DATA_DIR.

Used only when DATABASE_URL / CELERY_BROKER_URL are unset. The PostgreSQL server (the `pgserver`
package, which ships the binaries) listens on a Unix socket only, is started by the first process
that needs it and is left running for the next (web, worker, beat and manage.py commands share it);
`python -m portal.embedded stop` (or `make stop`) stops it, and `make demo` does so on Ctrl-C.
"""

from __future__ import annotations

import logging
import os
import sys
import warnings
from pathlib import Path

DATABASE_NAME = "portal"

_logger = logging.getLogger(__name__)


def _quiet_imports():
    # pgserver resolves a runtime folder through platformdirs, which warns when XDG_RUNTIME_DIR
    # is unset (containers, CI); the fallback it picks is fine.
    warnings.filterwarnings("ignore", message=".*XDG_RUNTIME_DIR.*")
    logging.getLogger("pgserver").setLevel(logging.WARNING)
    import pgserver

    return pgserver


def _server(data_dir: Path):
    pgserver = _quiet_imports()
    pgdata = data_dir / "pg"
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None: the server outlives this process, so web, worker and beat can share it.
    return pgserver.get_server(pgdata, cleanup_mode=None)


def _running_socket_dir(data_dir: Path) -> str | None:
    from pgserver.utils import PostmasterInfo

    info = PostmasterInfo.read_from_pgdata(data_dir / "pg")
    if info is not None and info.is_running() and info.status == "ready" and info.socket_dir:
        return str(info.socket_dir)
    return None


def database_settings(data_dir: Path) -> dict[str, str]:
    """Start (or reuse) the embedded server and return Django connection settings for it."""
    _quiet_imports()
    socket_dir = _running_socket_dir(data_dir)
    if socket_dir is None:
        socket_dir = str(_server(data_dir).get_postmaster_info().socket_dir)
    _ensure_database(socket_dir)
    return {"NAME": DATABASE_NAME, "USER": "postgres", "PASSWORD": "", "HOST": socket_dir}


def _ensure_database(socket_dir: str) -> None:
    import psycopg

    with psycopg.connect(host=socket_dir, user="postgres", dbname="postgres", autocommit=True) as c:
        exists = c.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            c.execute(f"CREATE DATABASE \"{DATABASE_NAME}\" ENCODING 'UTF8' TEMPLATE template0")


def stop(data_dir: Path) -> bool:
    """Stop the embedded server if it runs; True when one was stopped."""
    pgserver = _quiet_imports()
    from pgserver._commands import pg_ctl
    from pgserver.utils import PostmasterInfo

    pgdata = data_dir / "pg"
    info = PostmasterInfo.read_from_pgdata(pgdata) if pgdata.exists() else None
    if info is None or not info.is_running():
        return False
    user = "pgserver" if os.geteuid() == 0 else None
    del pgserver
    pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    return True


def broker_folders(data_dir: Path) -> dict[str, str]:
    """Create and return the folders kombu's filesystem transport needs (it won't create them)."""
    queue = data_dir / "broker" / "queue"
    processed = data_dir / "broker" / "processed"
    control = data_dir / "broker" / "control"
    for folder in (queue, processed, control):
        folder.mkdir(parents=True, exist_ok=True)
    return {
        "data_folder_in": str(queue),
        "data_folder_out": str(queue),
        "processed_folder": str(processed),
        "control_folder": str(control),
        "store_processed": False,
    }


def main(argv: list[str]) -> int:
    from portal import env

    data_dir = env.load()["DATA_DIR"]
    command = argv[1] if len(argv) > 1 else "start"
    if command == "stop":
        print(
            "embedded PostgreSQL stopped" if stop(data_dir) else "embedded PostgreSQL not running"
        )
        return 0
    if command == "start":
        print(database_settings(data_dir)["HOST"])
        return 0
    print("usage: python -m portal.embedded [start|stop]", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
