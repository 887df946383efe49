"""manage.py network_notices: put every federation's listed notices in the network channel.

Idempotent (cms_pages.services.network_notices.network_notices_resync): run it after restoring a
federation, or to repair the channel after lost task deliveries."""

from django.core.management.base import BaseCommand

from cms_pages.services.network_notices import network_notices_resync
from tenants import context


class Command(BaseCommand):
    help = "Copy every federation's listed contract notices to the network channel (idempotent)."

    def handle(self, *args, **options):
        for federation in context.iter_federations():
            written, deleted = network_notices_resync()
            self.stdout.write(f"{federation.schema_name}: {written} written, {deleted} removed")
