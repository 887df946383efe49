"""A real worker process executes tenant-aware tasks in the schema they were queued from."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from cms_pages.models import HomePage
from cms_pages.tasks import publish_scheduled_pages
from tenants import context
from tenants.tasks import fan_out
from tests.conftest import SPEC_A, SPEC_B
from tests.integration.conftest import wait_for

pytestmark = pytest.mark.integration


@pytest.fixture
def scheduled_pages(django_db_setup, django_db_blocker):
    """One committed, scheduled (not yet live) page in each federation; removed afterwards."""
    created = {}
    with django_db_blocker.unblock():
        for spec in (SPEC_A, SPEC_B):
            with context.federation_context(spec.schema_name):
                home = HomePage.objects.get()
                page = home.add_child(
                    instance=Page(
                        title=f"定时发布 {spec.schema_name}", slug="scheduled", live=False
                    )
                )
                revision = page.save_revision()
                revision.approved_go_live_at = timezone.now() - timedelta(seconds=5)
                revision.save()
                created[spec.schema_name] = page.pk
        yield created
        for schema, pk in created.items():
            with context.federation_context(schema):
                Page.objects.get(pk=pk).delete()


def _live(schema: str, pk: int) -> bool:
    with context.federation_context(schema):
        return Page.objects.get(pk=pk).live


def test_worker_runs_a_task_from_a_in_a(celery_worker_process, scheduled_pages, django_db_blocker):
    _process, log = celery_worker_process
    a, b = SPEC_A.schema_name, SPEC_B.schema_name
    with django_db_blocker.unblock():
        with context.federation_context(a):
            publish_scheduled_pages.apply_async()
        wait_for(lambda: _live(a, scheduled_pages[a]), log=log, what="A's page to go live")
        assert not _live(b, scheduled_pages[b]), "a task queued from A touched B"


def test_worker_runs_the_fan_out_in_every_federation(
    celery_worker_process, scheduled_pages, django_db_blocker
):
    _process, log = celery_worker_process
    with django_db_blocker.unblock():
        with context.public():
            fan_out.apply_async(args=("cms_pages.tasks.publish_scheduled_pages", 0.5))
        for schema, pk in scheduled_pages.items():
            wait_for(lambda s=schema, p=pk: _live(s, p), log=log, what=f"{schema}'s page")
