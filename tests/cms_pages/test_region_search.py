"""Region-wide search (issue 19 item 5): published notices travel through the network channel
(tenants.NetworkNotice) in their redacted form only; a parent's site and the platform search them;
a withdrawn notice leaves every index."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from cms_pages.models import ContractNotice
from cms_pages.search import search_document
from cms_pages.selectors.notices import notices_filter, notices_public
from cms_pages.selectors.region_notices import notice_region, region_list_context
from cms_pages.services.network_notices import (
    COPIED,
    network_notices_push,
    network_notices_resync,
)
from compliance.services import contracts
from tenants import context
from tenants.models import Federation, NetworkNotice
from tests.cms_pages import pages
from tests.factories.notices import published_contract

SECRET = "本企业核心工艺参数及客户名单属于商业秘密。"
PERSONAL = "工会联系人王立新，手机13812345678，身份证号230803198507121234，其月工资为8000元。"
WORD = "潮汐发电"  # in no other test's notice


def _publish(fed, capture, **kwargs) -> ContractNotice:
    """A contract published in `fed`, its transaction's after-commit work (the push) run."""
    with context.federation_context(fed), capture(execute=True):
        contract = published_contract(**kwargs)
    with context.federation_context(fed):
        return ContractNotice.objects.get(contract=contract)


def _channel(public_id) -> NetworkNotice | None:
    with context.public():
        return NetworkNotice.objects.filter(public_id=public_id).first()


def test_the_channel_carries_only_the_notices_public_columns():
    """No column of the contract or its clauses can reach the shared table: its columns are the
    keys and a fixed list copied from the (redacted) notice."""
    columns = {f.name for f in NetworkNotice._meta.concrete_fields}
    assert columns == {"id", "federation", "path", *COPIED}
    notice_columns = {f.name for f in ContractNotice._meta.concrete_fields}
    assert set(COPIED) <= notice_columns
    assert not {"contract", "clauses", "filing_number", "predecessor"} & columns


def test_a_published_notice_reaches_the_channel_redacted(fed_b, django_capture_on_commit_callbacks):
    notice = _publish(
        fed_b,
        django_capture_on_commit_callbacks,
        clauses=(("wages", f"{WORD}岗位津贴每月300元。"), ("other", SECRET), ("other", PERSONAL)),
        secret_orders=(2,),
    )
    row = _channel(notice.public_id)
    assert row is not None and row.federation_id == fed_b.pk
    assert row.path == f"/notices/{notice.public_id}/"
    assert row.title == notice.title and row.body_text == notice.body_text
    assert WORD in row.body_text
    stored = " ".join(str(getattr(row, name)) for name in COPIED)
    for secret in ("核心工艺", "13812345678", "230803198507121234", "8000元"):
        assert secret not in stored
    with context.public():
        assert NetworkNotice.objects.filter(search=WORD).count() == 1


def test_nothing_reaches_the_channel_if_the_transaction_rolls_back(
    fed_b, django_capture_on_commit_callbacks
):
    with context.federation_context(fed_b), django_capture_on_commit_callbacks() as callbacks:
        published_contract()
    # Queued for after the commit, never run before it.
    assert callbacks
    with context.public():
        assert not NetworkNotice.objects.filter(federation=fed_b).exists()


def test_a_withdrawn_notice_leaves_every_index(
    fed_a, fed_b, client_a, platform_client, django_capture_on_commit_callbacks
):
    notice = _publish(fed_b, django_capture_on_commit_callbacks, title=f"{WORD}公司集体合同")
    assert notice.title in pages.html(client_a.get("/notices/region/", {"q": WORD}))
    with context.federation_context(fed_b), django_capture_on_commit_callbacks(execute=True):
        contracts.contract_publish(
            contract_id=notice.contract_id, published_on=dt.date(2025, 1, 1), publish_publicly=False
        )
    assert _channel(notice.public_id) is None
    with context.federation_context(fed_b):
        assert not notices_public().filter(pk=notice.pk).exists()
        assert not notices_filter({"q": WORD}, today=timezone.localdate()).queryset.exists()
    region = pages.html(client_a.get("/notices/region/", {"q": WORD}))
    assert notice.title not in region and "没有符合" in region
    assert notice.title not in pages.html(platform_client.get("/notices/", {"q": WORD}))
    # Published again: back in the channel under the same public id.
    with context.federation_context(fed_b), django_capture_on_commit_callbacks(execute=True):
        contracts.contract_publish(
            contract_id=notice.contract_id, published_on=dt.date(2025, 1, 1), publish_publicly=True
        )
    assert _channel(notice.public_id) is not None


def test_a_childs_notice_is_in_the_parents_region_and_the_platform_search(
    fed_a, fed_b, client_a, client_b, platform_client, django_capture_on_commit_callbacks
):
    child = _publish(fed_b, django_capture_on_commit_callbacks, title=f"{WORD}乙公司集体合同")
    own = _publish(fed_a, django_capture_on_commit_callbacks, title=f"{WORD}甲公司集体合同")
    region = pages.html(client_a.get("/notices/region/", {"q": WORD}))
    assert child.title in region and own.title in region
    # Each result says who published it and links to the notice on that federation's site.
    assert f'href="http://b.test/notices/{child.public_id}/"' in region
    assert f'href="http://a.test/notices/{own.public_id}/"' in region
    assert "发布单位" in region and "乙区总工会" in region
    assert "共找到 2 份合同" in region
    platform = pages.html(platform_client.get("/notices/", {"q": WORD}))
    assert child.title in platform and own.title in platform
    assert f"http://b.test/notices/{child.public_id}/" in platform
    # Narrowed to one federation of the region.
    only_b = pages.html(client_a.get("/notices/region/", {"q": WORD, "federation": fed_b.pk}))
    assert child.title in only_b and own.title not in only_b
    # A federation with nobody beneath has no region: no page, no switch.
    assert client_b.get("/notices/region/").status_code == 404
    assert "/notices/region/" not in pages.html(client_b.get("/notices/"))
    assert 'href="/notices/region/"' in pages.html(client_a.get("/notices/"))


def test_a_federation_outside_the_subtree_is_refused_with_a_message(fed_a, client_a):
    with context.public():
        outsider = Federation.objects.exclude(pk=fed_a.pk).exclude(parent=fed_a).first()
    params = {"federation": outsider.pk if outsider else 999999}
    html = pages.html(client_a.get("/notices/region/", params))
    assert "请从本辖区的工会中选择" in html


def _sibling_tree(fed_a):
    """Two federations beneath A besides B, without schemas of their own: C, and D beneath C
    (only their rows in the shared schema, which is all a region-wide search reads)."""
    with context.public():
        c, d = Federation.objects.bulk_create(
            [
                Federation(
                    schema_name="fed_sib_c",
                    name="丙区总工会",
                    short_name="丙",
                    level="county",
                    region_code="230804",
                    parent=fed_a,
                ),
                Federation(
                    schema_name="fed_sib_d",
                    name="丁街道总工会",
                    short_name="丁",
                    level="zone",
                    region_code="230805",
                ),
            ]
        )
        d.parent = c
        Federation.objects.filter(pk=d.pk).update(parent=c)
    return c, d


def _channel_row(federation, title: str, **extra) -> NetworkNotice:
    public_id = uuid.uuid4()
    values = {
        "federation": federation,
        "public_id": public_id,
        "path": f"/notices/{public_id}/",
        "title": title,
        "employer": title,
        "union": "工会",
        "scope": "enterprise",
        "kind": "comprehensive",
        "status": "effective",
        "industry": "C",
        "region_code": federation.region_code,
        "year": 2025,
        "starts_on": dt.date(2025, 1, 1),
        "ends_on": dt.date(2027, 12, 31),
        "in_force_from": dt.date(2025, 1, 1),
        "in_force_until": dt.date(2027, 12, 31),
        "published_on": dt.date(2025, 1, 1),
        "covered_employees": 100,
        "body_text": title,
        "search": search_document(title),  # a tsvector's text form: the tokens, space-separated
        "updated_at": timezone.now(),
        **extra,
    }
    return NetworkNotice(**values)


def test_a_siblings_region_holds_nothing_of_its_sibling(
    fed_a, fed_b, django_capture_on_commit_callbacks
):
    child = _publish(fed_b, django_capture_on_commit_callbacks, title=f"{WORD}乙公司集体合同")
    c, d = _sibling_tree(fed_a)
    with context.public():
        NetworkNotice.objects.bulk_create([_channel_row(d, f"{WORD}丁公司集体合同")])
        sibling = region_list_context(
            params={"q": WORD},
            today=timezone.localdate(),
            region=notice_region(federation=c),
            site_prefix="http://{domain}",
        )
        parent = region_list_context(
            params={"q": WORD},
            today=timezone.localdate(),
            region=notice_region(federation=fed_a),
            site_prefix="http://{domain}",
        )
    titles = [item["notice"].title for item in sibling["items"]]
    assert titles == [f"{WORD}丁公司集体合同"]
    assert child.title not in titles
    # D has no domain yet: listed, named, without a link.
    assert sibling["items"][0]["url"] is None and sibling["items"][0]["federation"] == d
    assert {item["notice"].title for item in parent["items"]} == {
        child.title,
        f"{WORD}丁公司集体合同",
    }


def test_a_region_knows_the_whole_platform_and_reads_its_ids_once(fed_a, fed_b):
    """Regression: every federation's row carried the platform's ids (300 × 300 values at 300
    federations, 16 ms of a 30 ms search; 3,000 × 3,000 on a national platform)."""
    c, d = _sibling_tree(fed_a)
    with context.public():
        everyone = set(Federation.objects.values_list("pk", flat=True))
        platform = notice_region(federation=None)
        region = notice_region(federation=c)
    assert platform.platform_ids == region.platform_ids == everyone
    assert set(platform.member_ids) == everyone and set(region.member_ids) == {c.pk, d.pk}
    assert set(region.outside_ids) == everyone - {c.pk, d.pk}
    carrying = [member for member in platform.members if member.platform_ids is not None]
    assert carrying == [platform.members[0]]


def test_pushing_is_idempotent_and_resync_repairs_the_channel(
    fed_b, django_capture_on_commit_callbacks
):
    notice = _publish(fed_b, django_capture_on_commit_callbacks)
    with context.federation_context(fed_b):
        assert network_notices_push(notice_ids=[notice.pk]) == (1, 0)
        assert network_notices_push(notice_ids=[notice.pk]) == (1, 0)
    with context.public():
        assert NetworkNotice.objects.filter(public_id=notice.public_id).count() == 1
        # A row the federation no longer lists (a lost delivery, say) …
        NetworkNotice.objects.bulk_create([_channel_row(fed_b, "早已撤回的公示")])
        NetworkNotice.objects.filter(public_id=notice.public_id).delete()
    with context.federation_context(fed_b):
        network_notices_resync()
    with context.public():
        assert list(
            NetworkNotice.objects.filter(federation=fed_b).values_list("public_id", flat=True)
        ) == [notice.public_id]


@pytest.mark.parametrize("path,host", [("/notices/region/", "a"), ("/notices/", "platform")])
def test_the_region_list_issues_the_same_queries_whatever_the_rows(
    fed_a, fed_b, client_a, platform_client, path, host
):
    client = client_a if host == "a" else platform_client

    def queries(params) -> int:
        with CaptureQueriesContext(connection) as ctx:
            pages.html(client.get(path, params))
        return len(ctx.captured_queries)

    def add(n: int) -> None:
        with context.public():
            NetworkNotice.objects.bulk_create(
                [
                    _channel_row(fed_b if i % 2 else fed_a, f"{WORD}第{i}号集体合同")
                    for i in range(n)
                ]
            )
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE tenants_networknotice")

    add(3)
    queries({})  # the first request fills the process's caches (site root, facets, chrome)
    few = [queries({}), queries({"q": WORD}), queries({"q": WORD, "industry": "C"})]
    add(60)
    many = [queries({}), queries({"q": WORD}), queries({"q": WORD, "industry": "C"})]
    assert few == many


def test_the_command_resyncs_every_federation(fed_a, fed_b, django_capture_on_commit_callbacks):
    from io import StringIO

    from django.core.management import call_command

    notice = _publish(fed_b, django_capture_on_commit_callbacks)
    with context.public():
        NetworkNotice.objects.filter(public_id=notice.public_id).delete()
    out = StringIO()
    call_command("network_notices", stdout=out)
    assert "fed_b: 1 written" in out.getvalue()
    assert _channel(notice.public_id) is not None
