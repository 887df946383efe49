from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone, translation

from tenants import context
from tenants.models import Target, TargetChange
from tests.conftest import SPEC_B
from tests.signin import PASSWORD, sign_in

YEAR = timezone.localdate().year


def _form(**values):
    data = {"year": YEAR, "reason": "年度工作要点"}
    data.update(values)
    return data


def test_the_administrator_sets_targets_and_sees_them_with_progress(admin_client, fed_a):
    response = admin_client.post(
        "/admin/targets/set/", _form(own_coverage="85", beneath_coverage="80")
    )
    assert response.status_code == 302
    with context.public():
        assert {(t.scope, t.value) for t in Target.objects.filter(federation=fed_a)} == {
            ("own", Decimal("85.0")),
            ("beneath", Decimal("80.0")),
        }
    with translation.override("zh-hans"):
        page = admin_client.get("/admin/targets/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    text = page.content.decode()
    assert page.status_code == 200
    assert "85.0 %" in text and "年度工作要点" in text
    assert "<progress" in text or "无数据" in text or "No figures" in text


def test_a_target_over_100_is_refused_with_a_message_and_no_change(admin_client, fed_a):
    response = admin_client.post("/admin/targets/set/", _form(own_coverage="120"))
    assert response.status_code == 400
    assert "目标是 0 到 100 之间的百分数。" in response.content.decode()
    response = admin_client.post("/admin/targets/set/", _form(own_coverage="85", reason=""))
    assert response.status_code == 400
    with context.public():
        assert not Target.objects.exists() and not TargetChange.objects.exists()


def test_the_child_sees_the_default_set_above_and_no_default_inputs(fed_a, fed_b, client_b):
    with context.public():
        Target.objects.create(
            federation=fed_a,
            year=YEAR,
            indicator="coverage",
            scope="beneath",
            value=Decimal("80"),
            set_by="王立新",
            set_at=timezone.now(),
        )
    sign_in(client_b, SPEC_B.admin_email)
    with translation.override("en"):
        text = client_b.get("/admin/targets/").content.decode()
        form = client_b.get("/admin/targets/set/").content.decode()
    assert "80.0 %" in text and fed_a.name in text
    assert 'name="own_coverage"' in form and 'name="beneath_coverage"' not in form
    # The child has nobody beneath it: no children table to link to.
    assert "/admin/targets/beneath/" not in text


def test_the_children_table_lists_the_child_behind_its_target(admin_client, fed_a, fed_b):
    with context.public():
        Target.objects.create(
            federation=fed_b,
            year=YEAR,
            indicator="coverage",
            scope="own",
            value=Decimal("90"),
            set_by="x",
            set_at=timezone.now(),
        )
    text = admin_client.get("/admin/targets/beneath/?indicator=coverage").content.decode()
    assert fed_b.name in text and "90.0 %" in text
    empty = admin_client.get("/admin/targets/beneath/?indicator=nonsense")
    assert empty.status_code == 200


def test_an_editor_sees_progress_but_neither_sets_targets_nor_sees_the_children(client_a, fed_a):
    with context.federation_context(fed_a):
        user = get_user_model().objects.create_user(username="editor@a.test", password=PASSWORD)
        user.groups.add(Group.objects.get(name="编辑"))
    sign_in(client_a, "editor@a.test")
    assert client_a.get("/admin/targets/").status_code == 200
    for url in ("/admin/targets/set/", "/admin/targets/beneath/"):
        response = client_a.get(url)
        assert response.status_code in (302, 403), url
    response = client_a.post("/admin/targets/set/", _form(own_coverage="85"))
    assert response.status_code in (302, 403)
    with context.public():
        assert not Target.objects.exists()


def test_the_children_page_query_count_does_not_grow_with_children(admin_client, fed_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tenants.models import Federation, NetworkFigure

    def add_children(start, n):
        with context.public():
            for i in range(start, start + n):
                child = Federation.objects.bulk_create(
                    [
                        Federation(
                            schema_name=f"x_child{i}",
                            name=f"子{i}区总工会",
                            short_name="子",
                            level="county",
                            region_code="230803",
                            parent=fed_a,
                        )
                    ]
                )[0]
                NetworkFigure.objects.create(
                    federation=child,
                    day=timezone.localdate(),
                    dimension="all",
                    segment="",
                    published_at=timezone.now(),
                    unionised=4,
                    unionised_covered=i % 4,
                )
                Target.objects.create(
                    federation=child,
                    year=YEAR,
                    indicator="coverage",
                    scope="own",
                    value=Decimal("90"),
                    set_by="x",
                    set_at=timezone.now(),
                )

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = admin_client.get("/admin/targets/beneath/")
        assert response.status_code == 200
        return len(queries)

    add_children(0, 1)
    admin_client.get("/admin/targets/beneath/")  # warm the per-session caches
    few = count()
    add_children(1, 6)
    assert count() == few
    text = admin_client.get("/admin/targets/beneath/?indicator=coverage").content.decode()
    # Behind first: 0 of 4 covered (90 points behind) before 3 of 4 (15 behind).
    assert text.index("子4区总工会") < text.index("子3区总工会")
