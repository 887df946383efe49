"""Per-federation jobs of the public site (queued by tenants.tasks.fan_out)."""

from django.core.management import call_command
from django.db import connection

from portal.celery import DATABASE_RETRY, app


@app.task(acks_late=True, **DATABASE_RETRY)
def publish_scheduled_pages() -> str:
    """Publish pages whose go-live time has passed and unpublish expired ones, in this schema.

    Wagtail's publish_scheduled command is idempotent: a page already published is skipped, so a
    task delivered twice does no harm.
    """
    call_command("publish_scheduled", verbosity=0)
    return connection.schema_name


@app.task(acks_late=True, **DATABASE_RETRY)
def key_terms_snapshot() -> str:
    """Today's dated bulk download of the key-terms dataset in this schema (idempotent: one per
    codebook version and date)."""
    from django.utils import timezone

    from cms_pages.services.key_terms import key_terms_snapshot_make

    key_terms_snapshot_make(today=timezone.localdate())
    return connection.schema_name
