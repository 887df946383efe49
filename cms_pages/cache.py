"""Cache of the public site's pages: one version number per federation, bumped on every change.

Keys carry the schema already (django_tenants.cache.make_key); a page's key adds the version, the
active language, the display (portal.display) and the host and path, so a publish invalidates
every page of this federation at once (the old keys expire by themselves) and never another
federation's.
"""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache

VERSION_KEY = "public-pages:version"
PAGE_TIMEOUT = 10 * 60  # also bounds how stale the home page's key figures can be


def public_pages_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh number, never one an evicted counter may have used before.
        cache.add(VERSION_KEY, time.time_ns() // 1000, timeout=None)
        version = cache.get(VERSION_KEY)
    return version


def public_pages_changed(**_signal_kwargs) -> None:
    """Invalidate every cached public page of the current federation (and its facet lists)."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not set yet, or evicted
        cache.set(VERSION_KEY, time.time_ns() // 1000, timeout=None)


def page_key(
    *, version: int, language: str, host: str, path: str, display: str = "standard"
) -> str:
    # Host and path are whatever the visitor sent (any characters, any length): hashed, so a
    # key stays short and safe for every cache backend (found by tests/fuzz).
    where = hashlib.sha256(f"{host}\n{path}".encode()).hexdigest()
    # The display (portal.display: standard, or large type for older readers) renders another
    # <body>, so it is part of the key like the language.
    return f"public-page:{version}:{language}:{display}:{where}"
