"""Federations a test module commits (outside the per-test transaction) must be removed by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.conf import settings
from django.db import connection

from tenants import context


def federations_drop(schemas: tuple[str, ...]) -> None:
    """Remove the federations of `schemas` (children last in the tuple): their domains and rows,
    their schemas and their uploads. Those already gone are skipped, so a module can call it
    first to clear what a killed run left behind."""
    from django.db.models import Q

    from tenants.models import Domain, Federation, Referral

    with context.public():
        Referral.objects.filter(
            Q(child__schema_name__in=schemas) | Q(parent__schema_name__in=schemas)
        ).delete()
        for schema in reversed(schemas):
            Domain.objects.filter(tenant__schema_name=schema).delete()
            Federation.objects.filter(schema_name=schema).delete()
            with connection.cursor() as cursor:
                cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    for schema in schemas:
        for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
            shutil.rmtree(Path(root) / schema, ignore_errors=True)
