"""The statistics pages (issue 16, items 1 and 3): our figures, the roll-up of the federations
beneath, who may read them, refused federation ids, the XLSX export and flat query counts."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from openpyxl import load_workbook
from wagtail.users.models import UserProfile

from compliance.models import Contract
from tenants import context
from tenants.models import Federation, NetworkFigure
from tenants.roles import ROLE_BY_KEY
from tests.conftest import PASSWORD, SPEC_B
from tests.factories import compliance as f
from tests.signin import sign_in


def _user_in(role_key, fed, *, language=None):
    with context.federation_context(fed):
        email = f"{role_key}@a.test"
        user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
        user.groups.add(Group.objects.get(name=ROLE_BY_KEY[role_key].name))
        if language:
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save()
    return user


def _client_as(role_key, fed, **kwargs):
    user = _user_in(role_key, fed, **kwargs)
    return sign_in(Client(HTTP_HOST="a.test"), user.username)


def _ledger(fed):
    """Two unionised enterprises in 230803 (one covered), one in 230804 (covered)."""
    with context.federation_context(fed):
        covered = [
            f.enterprise(region_code="230803", employees=300, ownership="state"),
            f.enterprise(region_code="230804", employees=40, union_members=10),
        ]
        f.enterprise(region_code="230803", employees=80, union_members=20)
        for enterprise in covered:
            Contract.objects.create(
                enterprise=enterprise,
                title="集体合同",
                status="effective",
                starts_on=dt.date(2025, 1, 1),
                ends_on=dt.date(2027, 12, 31),
                effective_on=dt.date(2025, 1, 1),
                signed_on=dt.date(2024, 12, 20),
                submitted_in_time=True,
            )


def _federation(name, parent, level="county"):
    """A federation row without a schema: the roll-up never enters one."""
    return Federation.objects.bulk_create(
        [
            Federation(
                schema_name=f"x_{abs(hash(name)) % 10**8}",
                name=name,
                short_name=name[:2],
                level=level,
                region_code="230803",
                parent=parent,
            )
        ]
    )[0]


def _publish(federation, day, dimension="all", segment="", **counts):
    NetworkFigure.objects.create(
        federation=federation,
        day=day,
        dimension=dimension,
        segment=segment,
        published_at=timezone.now(),
        **counts,
    )


# --- Our figures --------------------------------------------------------------------------------


def test_our_figures_by_region_with_rates_and_counts(admin_client, fed_a):
    _ledger(fed_a)
    with translation.override("zh-hans"):
        body = admin_client.get("/admin/statistics/?dimension=region").content.decode()
    # 230803: 1 of 2 unionised covered; 230804: 1 of 1; whole: 2 of 3.
    assert "50.0% (1/2)" in body and "100.0% (1/1)" in body and "66.7% (2/3)" in body
    assert "向阳区" in body  # the region's name, not its code alone
    if timezone.localdate().month > 1:  # month ends of the year passed, none published: said
        assert "年各月末尚未发布数据，暂无全年走势图。" in body
    assert "<svg" in body and "<title" in body  # the charts, drawn here
    assert "http://" not in body.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        "http://www.w3.org/2000/svg", ""
    )


def test_a_day_before_last_year_is_refused_in_the_users_language(admin_client, fed_a):
    response = admin_client.get("/admin/statistics/?day=2020-01-01&dimension=size")
    body = response.content.decode()
    assert response.status_code == 200
    assert "当年和上一年" in body  # the message says which days it answers for
    assert "100人及以上" in body  # the rest of the form still applies, for today


def test_a_nonsense_dimension_falls_back_without_error(admin_client, fed_a):
    response = admin_client.get("/admin/statistics/?dimension=salary&period=decade&day=x")
    assert response.status_code == 200


def test_our_figures_export_to_xlsx_with_numbers_and_percentages(admin_client, fed_a):
    _ledger(fed_a)
    today = timezone.localdate()
    response = admin_client.get(f"/admin/statistics/?dimension=region&day={today}&export=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    book = load_workbook(io.BytesIO(response.content))
    sheet = book.active
    rows = list(sheet.iter_rows(values_only=True))
    assert "甲市总工会" in rows[0][0] and today.isoformat() in rows[0][0]
    header = rows[1]
    assert header[0] == "地区" and header[1] == "建制率"
    by_label = {row[0]: row for row in rows[2:]}
    region = by_label["向阳区"]
    assert region[1] == pytest.approx(0.5) and region[2:4] == (1, 2)
    assert sheet.cell(row=3, column=2).number_format == "0.0%"
    assert isinstance(region[-1], int)  # unionised enterprises, a number


def test_xlsx_headers_follow_the_users_language(fed_a):
    client = _client_as("federation_admin", fed_a, language="en")
    response = client.get("/admin/statistics/?export=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert rows[1][0] == "Whole federation" or rows[1][0] == "Dimension"
    assert "Coverage rate (建制率)" in rows[1]


# --- who may read them --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "reads"),
    [("federation_admin", True), ("statistics", True), ("supervisor", False), ("editor", False)],
)
def test_only_administrators_and_statistics_staff_read_the_statistics(fed_a, role, reads):
    client = _client_as(role, fed_a)
    for url in ("/admin/statistics/", "/admin/statistics/network/"):
        response = client.get(url)
        assert (response.status_code == 200) is reads, (role, url, response.status_code)
    menu = client.get("/admin/").content.decode()
    assert ("/admin/statistics/network/" in menu) is reads


def test_the_statistics_role_reads_the_back_office_but_not_award_records(fed_a):
    with context.federation_context(fed_a):
        codenames = set(
            Group.objects.get(name=ROLE_BY_KEY["statistics"].name).permissions.values_list(
                "codename", flat=True
            )
        )
        reads_statistics = {
            key
            for key in ROLE_BY_KEY
            if Group.objects.get(name=ROLE_BY_KEY[key].name)
            .permissions.filter(codename="read_statistics")
            .exists()
        }
    assert "view_enterprise" in codenames and "view_contract" in codenames
    assert "view_violationrecord" not in codenames and "change_enterprise" not in codenames
    assert reads_statistics == {"federation_admin", "statistics"}


def test_the_home_panel_links_to_the_statistics(admin_client, fed_a):
    assert 'href="/admin/statistics/"' in admin_client.get("/admin/").content.decode()


# --- the roll-up --------------------------------------------------------------------------------


@pytest.fixture
def tree(fed_a, fed_b):
    """fed_a → fed_b → street; fed_a → zone (published nothing); stranger under another root."""
    today = timezone.localdate()
    with context.public():
        street = _federation("向阳街道工会", fed_b, level="zone")
        zone = _federation("高新区总工会", fed_a, level="zone")
        province = _federation("某省总工会", None, level="province")
        stranger = _federation("别市总工会", province, level="city")
        _publish(fed_a, today, unionised=10, unionised_covered=9)
        _publish(fed_b, today, unionised=100, unionised_covered=50)
        _publish(street, today, unionised=10, unionised_covered=10)
        _publish(stranger, today, unionised=1000, unionised_covered=1000)
        _publish(fed_b, today, "region", "230803", unionised=100, unionised_covered=50)
        _publish(fed_a, dt.date(today.year, 1, 31), unionised=4, unionised_covered=1)
    return {"a": fed_a, "b": fed_b, "street": street, "zone": zone, "stranger": stranger}


def test_the_roll_up_shows_each_child_summed_and_the_total(admin_client, tree):
    body = admin_client.get("/admin/statistics/network/").content.decode()
    b = tree["b"]
    assert f'href="/admin/statistics/network/{b.pk}/?' in body
    assert "54.5% (60/110)" in body  # fed_b with its street: 2 of 2 published
    assert "2/2" in body and "0/1" in body  # the zone published nothing: visible
    assert "57.5% (69/120)" in body  # the total: summed numerators and denominators
    assert "别市总工会" not in body
    assert "2026-01-31" not in body or "1" in body  # the January month end is a point


def test_drilling_into_a_child_shows_its_children(admin_client, tree):
    b = tree["b"]
    body = admin_client.get(f"/admin/statistics/network/{b.pk}/?dimension=region").content.decode()
    assert "向阳街道工会" in body and "乙区总工会" in body
    assert "50.0% (50/100)" in body  # the region segment over fed_b's subtree
    grandchild = admin_client.get(f"/admin/statistics/network/{tree['street'].pk}/")
    assert grandchild.status_code == 200


def test_a_federation_not_beneath_is_refused(admin_client, tree):
    for key in ("stranger",):
        assert admin_client.get(f"/admin/statistics/network/{tree[key].pk}/").status_code == 404
    assert admin_client.get("/admin/statistics/network/99999999/").status_code == 404
    own = admin_client.get(f"/admin/statistics/network/{tree['a'].pk}/")
    assert own.status_code == 302 and own["Location"].startswith("/admin/statistics/network/")


def test_a_child_cannot_read_its_parent_or_a_sibling(tree, fed_b):
    client = sign_in(Client(HTTP_HOST=SPEC_B.domain), SPEC_B.admin_email)
    for key in ("a", "zone", "stranger"):
        response = client.get(f"/admin/statistics/network/{tree[key].pk}/")
        assert response.status_code == 404, key
    body = client.get("/admin/statistics/network/").content.decode()
    assert "向阳街道工会" in body and "高新区总工会" not in body and "甲市总工会" not in body


def test_the_roll_up_exports_its_table(admin_client, tree):
    response = admin_client.get("/admin/statistics/network/?export=xlsx")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    by_label = {row[0]: row for row in rows if row}
    assert by_label["乙区总工会"][1] == "2/2"
    assert by_label["乙区总工会"][2] == pytest.approx(60 / 110)
    assert by_label["合计"][3:5] == (69, 120)


def test_nothing_published_says_so(admin_client, fed_a, fed_b):
    body = admin_client.get("/admin/statistics/network/").content.decode()
    assert "数据在变更后数分钟内及每晚发布；该日尚无数据。" in body


def test_the_roll_up_query_count_does_not_grow_with_children(admin_client, fed_a):
    today = timezone.localdate()

    def count(n):
        with context.public():
            for i in range(n):
                child = _federation(f"子工会{n}-{i}", fed_a)
                _publish(child, today, unionised=5, unionised_covered=i % 5)
        with CaptureQueriesContext(connection) as queries:
            assert (
                admin_client.get("/admin/statistics/network/?dimension=region").status_code == 200
            )
        return len(queries)

    assert count(2) == count(8)
