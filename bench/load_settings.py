"""Settings of the load benchmark's gunicorn and Celery worker (bench/bench_load.py): production's,
with only what a run on this machine's loopback needs changed."""

import os

from portal.settings.production import *  # noqa: F403

# Static files are not part of the load, and the manifest storage would need a collectstatic
# of every Wagtail asset before the server could render a page.
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
# As behind the production proxy, which sets it: fifty readers are fifty clients of the open
# data's per-client rate limit, not one address.
OPEN_DATA_CLIENT_HEADER = "X-Real-IP"
# A shared cache may hold an earlier run's pages of federations with the same schema names.
CACHES["default"]["KEY_PREFIX"] = os.environ.get("BENCH_LOAD_CACHE_PREFIX", "")  # noqa: F405
# The benchmark's own queue: no other worker on the broker takes its import.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("BENCH_LOAD_QUEUE", "bench-load")
# The loopback has no TLS: the survey benchmark's workers post forms over plain HTTP, and a
# secure-only CSRF cookie would never come back.
CSRF_COOKIE_SECURE = False
