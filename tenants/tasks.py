"""Fan a periodic job out over every federation: one task per federation, in its own schema."""

from __future__ import annotations

from portal.celery import DATABASE_RETRY, app
from tenants import context
from tenants.models import FigureChange

# Federations are spaced out so a province's hundreds of tenants do not start at one instant.
STAGGER_SECONDS = 2.0


@app.task(acks_late=True, **DATABASE_RETRY)
def fan_out(task_name: str, stagger_seconds: float = STAGGER_SECONDS) -> int:
    """Queue `task_name` once in each federation's schema; return how many were queued."""
    task = app.tasks[task_name]
    count = 0
    for index, _federation in enumerate(context.iter_federations()):
        # apply_async inside the federation's context stamps the message with its schema.
        task.apply_async(countdown=index * stagger_seconds)
        count += 1
    return count


@app.task(acks_late=True, **DATABASE_RETRY)
def fan_out_changed(task_name: str) -> int:
    """Queue `task_name` in each federation whose figures moved (tenants.FigureChange notes, left
    by its schema's triggers); return how many were queued. Run every minute, so figures reach
    the network channel within minutes of a change."""
    task = app.tasks[task_name]
    with context.public():
        schemas = set(FigureChange.objects.values_list("schema_name", flat=True).distinct())
    count = 0
    for federation in context.federations():
        if federation.schema_name in schemas:
            with context.federation_context(federation):
                task.apply_async()
            count += 1
    return count
