"""A task runs in the schema it was queued from (eager mode; the real worker is in integration)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from cms_pages.models import HomePage
from cms_pages.tasks import publish_scheduled_pages
from tenants import context
from tenants.tasks import fan_out

pytestmark = pytest.mark.integration


def _schedule_page(slug: str) -> int:
    home = HomePage.objects.get()
    page = home.add_child(instance=Page(title=slug, slug=slug, live=False))
    revision = page.save_revision()
    revision.approved_go_live_at = timezone.now() - timedelta(minutes=1)
    revision.save()
    return page.pk


def _is_live(pk: int) -> bool:
    return Page.objects.get(pk=pk).live


def test_task_queued_from_a_runs_in_a(fed_a, fed_b):
    with context.federation_context(fed_a):
        page_a = _schedule_page("scheduled-a")
    with context.federation_context(fed_b):
        page_b = _schedule_page("scheduled-b")
    with context.federation_context(fed_a):
        result = publish_scheduled_pages.apply_async()
        assert result.get() == fed_a.schema_name
        assert _is_live(page_a)
    with context.federation_context(fed_b):
        assert not _is_live(page_b)


def test_fan_out_runs_the_task_once_in_every_federation(fed_a, fed_b):
    with context.federation_context(fed_a):
        page_a = _schedule_page("scheduled-a")
    with context.federation_context(fed_b):
        page_b = _schedule_page("scheduled-b")
    with context.public():
        assert fan_out.apply_async(args=("cms_pages.tasks.publish_scheduled_pages", 0)).get() == 2
    with context.federation_context(fed_a):
        assert _is_live(page_a)
    with context.federation_context(fed_b):
        assert _is_live(page_b)
