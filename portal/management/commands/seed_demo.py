"""Provision the two demo federations with their home pages, sign-ins, ledgers and the content of
every procedure (portal/demo/).

Idempotent: running it again (make demo twice) keeps existing data and only adds what is missing.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from portal.demo.seed import seed_demo


class Command(BaseCommand):
    help = "Create (or complete) the demo federations, their administrators and enterprises."

    def handle(self, *args, **options):
        seed_demo(today=timezone.localdate(), report=self.stdout.write)
