"""Per-federation jobs of the public site (queued by tenants.tasks.fan_out)."""

from django.core.management import call_command
from django.db import connection

from cms_pages.services import alerts
from cms_pages.services.network_notices import network_notices_push
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
def network_notice_push(notice_id: int) -> tuple[int, int]:
    """Copy a notice to the network channel or remove it from there, as it is now
    (cms_pages.services.network_notices). Idempotent: a repeated or late delivery leaves the
    notice's current state."""
    return network_notices_push(notice_ids=[notice_id])


@app.task(acks_late=True, **DATABASE_RETRY)
def notice_alerts_run() -> dict:
    """Match the notices first published since the last run against the confirmed alerts and
    send what is due (cms_pages.services.alerts), in this schema. Idempotent: a delivery row is
    unique per alert and notice and is claimed before its message is sent."""
    result = alerts.alerts_run()
    return {"matched": result.matched, "messages": result.messages}


@app.task(acks_late=True, **DATABASE_RETRY)
def alert_confirmation_send(alert_id: int, base_url: str) -> bool:
    return alerts.alert_confirmation_send(alert_id=alert_id, base_url=base_url)


@app.task(acks_late=True, **DATABASE_RETRY)
def alert_manage_link_send(recipient_id: int, base_url: str) -> bool:
    return alerts.alert_manage_link_send(recipient_id=recipient_id, base_url=base_url)


@app.task(acks_late=True, **DATABASE_RETRY)
def key_terms_snapshot() -> str:
    """Today's dated bulk download of the key-terms dataset in this schema (idempotent: one per
    codebook version and date)."""
    from django.utils import timezone

    from cms_pages.services.key_terms import key_terms_snapshot_make

    key_terms_snapshot_make(today=timezone.localdate())
    return connection.schema_name
