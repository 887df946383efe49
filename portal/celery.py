"""The tenant-aware Celery app: a task runs in the schema of the federation that queued it.

tenant-schemas-celery stamps every message with the sender's schema and switches the worker's
connection before the task runs. Beat runs in the public schema, so periodic per-federation work
goes through tenants.tasks.fan_out.
"""

import os

from tenant_schemas_celery.app import CeleryApp

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.base")

app = CeleryApp("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["tenants", "compliance", "cms_pages"])
