"""The tenant-aware Celery app: a task runs in the schema of the federation that queued it.

tenant-schemas-celery stamps every message with the sender's schema and switches the worker's
connection before the task runs. Beat runs in the public schema, so periodic per-federation work
goes through tenants.tasks.fan_out.
"""

import os

from celery.signals import task_postrun
from django.db import transaction
from tenant_schemas_celery.app import CeleryApp

from portal.database import UNAVAILABLE_ERRORS

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.base")

app = CeleryApp("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["tenants", "compliance", "cms_pages"])


def _recycle_connection(**kwargs) -> None:
    # A worker's connection visits every federation the fan-outs reach: close it once it has
    # used DB_RECYCLE_SCHEMAS schemas (portal.db_backend).
    from portal.db_backend.base import recycle_if_due

    recycle_if_due()


task_postrun.connect(_recycle_connection, weak=False)

# Every task takes these: a task that meets a database restart, a lost connection or a deadlock
# runs again with growing pauses (5 s doubling to 10 min, with jitter), 12 times, about an hour
# in all. Every task is idempotent, so running again is harmless; an import job or eligibility
# run is left "running" meanwhile and picked up by the retry.
DATABASE_RETRY = {
    "autoretry_for": UNAVAILABLE_ERRORS,
    "retry_backoff": 5,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "retry_kwargs": {"max_retries": 12},
}


def queue_on_commit(task_name: str, *args) -> None:
    """Queue the registered task `task_name` once the current transaction commits (so the worker
    finds the rows it needs), in the current federation's schema.

    Services name a task rather than import it: the task modules import the services, and every
    app registers its tasks when Django starts (e.g. compliance.apps), so the name resolves in
    the web process, the worker and the tests alike (where always-eager runs it in place)."""
    transaction.on_commit(lambda: app.tasks[task_name].delay(*args))
