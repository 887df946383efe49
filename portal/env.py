"""The one typed schema of the environment variables the portal reads.

Every setting that comes from the environment is declared here once, with its type, its default
and whether production requires it. Settings modules call `load()` and never read os.environ
themselves. README.md's table of variables is checked against VARIABLES by a test.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def _parse_bool(raw: str) -> bool:
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ValueError("expected one of 1/0, true/false, yes/no, on/off")


def _parse_list(raw: str) -> list[str]:
    return [item.strip() for item in raw.split(",") if item.strip()]


def _parse_int(raw: str) -> int:
    return int(raw.strip())


def _parse_path(raw: str) -> Path:
    path = Path(raw.strip())
    return path if path.is_absolute() else BASE_DIR / path


def _parse_str(raw: str) -> str:
    return raw.strip()


@dataclass(frozen=True)
class Variable:
    name: str
    parse: Callable[[str], Any]
    default: str | None
    description: str
    required_in_production: bool = False
    secret: bool = False


VARIABLES: tuple[Variable, ...] = (
    Variable(
        "SECRET_KEY",
        _parse_str,
        None,
        "Django's signing key. Development and tests use a fixed insecure key; production has no "
        "default.",
        required_in_production=True,
        secret=True,
    ),
    Variable("DEBUG", _parse_bool, "false", "Django debug mode (never in production)."),
    Variable(
        "ALLOWED_HOSTS",
        _parse_list,
        None,
        "Comma-separated host names served. Development default: localhost, *.localhost, "
        "127.0.0.1; production has no default.",
        required_in_production=True,
    ),
    Variable(
        "DATABASE_URL",
        _parse_str,
        None,
        "PostgreSQL URL (postgres://user:pass@host:5432/name). Unset: an embedded PostgreSQL "
        "under DATA_DIR/pg is started and reused. Production requires it.",
        required_in_production=True,
        secret=True,
    ),
    Variable(
        "CELERY_BROKER_URL",
        _parse_str,
        None,
        "Celery broker (redis://…). Unset: kombu's filesystem transport under DATA_DIR/broker.",
        secret=True,
    ),
    Variable(
        "CACHE_URL",
        _parse_str,
        None,
        "redis://… for a shared cache. Unset: a per-process in-memory cache.",
        secret=True,
    ),
    Variable(
        "PLATFORM_HOSTS",
        _parse_list,
        "localhost,127.0.0.1",
        "Comma-separated hosts that serve the platform landing page and operator admin (public "
        "schema).",
    ),
    Variable(
        "DATA_DIR",
        _parse_path,
        ".data",
        "Folder for the embedded PostgreSQL, broker, beat schedule and (by default) media.",
    ),
    Variable(
        "MEDIA_ROOT",
        _parse_path,
        None,
        "Uploaded files; one sub-folder per federation schema. Default: DATA_DIR/media.",
    ),
    Variable(
        "PRIVATE_MEDIA_ROOT",
        _parse_path,
        None,
        "Back-office files never served by /media/ (uploaded workbooks, error workbooks); one "
        "sub-folder per federation schema. Default: DATA_DIR/private.",
    ),
    Variable(
        "STATIC_ROOT",
        _parse_path,
        None,
        "Where collectstatic writes. Default: DATA_DIR/static.",
    ),
    Variable(
        "CSRF_TRUSTED_ORIGINS",
        _parse_list,
        "",
        "Comma-separated https:// origins trusted for CSRF (production behind a proxy).",
    ),
    Variable(
        "SECURE_SSL_REDIRECT",
        _parse_bool,
        "true",
        "Production only: redirect http to https (set false when a proxy terminates TLS and "
        "redirects itself).",
    ),
    Variable("PORT", _parse_int, "8000", "Port `make demo` serves on."),
    Variable(
        "FLEET_MIGRATION_WORKERS",
        _parse_int,
        "2",
        "Processes `migrate_platform` migrates federations with, side by side (docs/scaling.md).",
    ),
    Variable(
        "DB_RECYCLE_SCHEMAS",
        _parse_int,
        "100",
        "Close a web or worker database connection after a request or task once it has used this "
        "many schemas: each schema's catalogue stays cached in the server process "
        "(docs/scaling.md). 0: never.",
    ),
    Variable(
        "DB_RECYCLE_REQUESTS",
        _parse_int,
        "5000",
        "Close a web or worker database connection after this many requests and tasks. 0: never.",
    ),
    Variable("LOG_LEVEL", _parse_str, "INFO", "Root log level."),
)


class Env(dict[str, Any]):
    """The parsed values, by variable name; unset optional variables map to None."""


def load(*, production: bool = False, environ: Mapping[str, str] | None = None) -> Env:
    """Parse every declared variable; in production, missing required ones stop start-up."""
    source = os.environ if environ is None else environ
    values = Env()
    missing: list[str] = []
    invalid: list[str] = []
    for var in VARIABLES:
        raw = source.get(var.name)
        if raw is None or (raw.strip() == "" and var.required_in_production):
            if production and var.required_in_production:
                missing.append(f"{var.name} ({var.description})")
                continue
            raw = var.default
        if raw is None:
            values[var.name] = None
            continue
        try:
            values[var.name] = var.parse(raw)
        except ValueError as exc:
            shown = "***" if var.secret else repr(raw)
            invalid.append(f"{var.name}={shown}: {exc}")
    problems = []
    if missing:
        problems.append("missing required environment variables:\n  - " + "\n  - ".join(missing))
    if invalid:
        problems.append("invalid environment variables:\n  - " + "\n  - ".join(invalid))
    if problems:
        raise ImproperlyConfigured("Cannot start the portal: " + "\n".join(problems))
    return values
