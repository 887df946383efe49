"""Issue 16 item 7: the platform page shows the federations as a tree with their coverage and
the whole platform's figures; a parent's public home shows its region's figures. Both read the
network channel only."""

import datetime as dt

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from compliance.models import Contract
from compliance.services.network import network_publish
from tenants import context
from tests.factories import compliance as f


def _covered(federation, *, covered: bool):
    with context.federation_context(federation):
        ent = f.enterprise()
        if covered:
            Contract.objects.create(
                enterprise=ent,
                title="合同",
                status="effective",
                starts_on=dt.date(2020, 1, 1),
                ends_on=dt.date(2099, 12, 31),
                effective_on=dt.date(2020, 1, 1),
            )
        network_publish(days=[timezone.localdate()])


def test_platform_page_shows_the_tree_with_coverage_and_the_total(platform_client, fed_a, fed_b):
    _covered(fed_a, covered=True)
    _covered(fed_b, covered=False)
    with CaptureQueriesContext(connection) as queries:
        body = platform_client.get("/").content.decode()
    # The child under its parent, marked as such; own and subtree coverage.
    assert body.index("甲市总工会") < body.index("乙区总工会")
    assert "└" in body
    assert "100.0%" in body and "50.0%" in body and "0.0%" in body
    assert "整个平台" in body
    assert len(queries) <= 5


def test_platform_page_says_when_nothing_is_published(platform_client, fed_a):
    body = platform_client.get("/").content.decode()
    assert "整个平台" not in body and "未报送" in body


def test_a_parent_home_shows_its_region_and_a_child_home_does_not(client_a, client_b, fed_a, fed_b):
    cache.clear()
    _covered(fed_a, covered=True)
    _covered(fed_b, covered=False)
    body = client_a.get("/").content.decode()
    assert "本区域（含下级工会）数据" in body
    assert "50.0%" in body  # one of two unionised enterprises of the region is covered
    child = client_b.get("/").content.decode()
    assert "region-figures-title" not in child
