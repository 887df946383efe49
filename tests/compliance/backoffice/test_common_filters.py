"""The lists' filters name people, family name first, instead of listing sign-in addresses."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from compliance.services import supervision as sv
from tenants import context
from tests.factories import compliance as f
from tests.factories.supervision import DAY


def test_the_supervisor_filter_names_people(admin_client, fed_a):
    with context.federation_context(fed_a):
        person = get_user_model().objects.create_user(
            username="wang.lixin@a.test",
            email="wang.lixin@a.test",
            first_name="立新",
            last_name="王",
        )
        case = sv.case_open(
            title="未签订集体合同", source="inspection", opened_on=DAY, enterprise=f.enterprise()
        )
        case.supervisor = person
        case.save()
    for url in ("/admin/supervision_cases/", "/admin/letters/"):
        html = admin_client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
        assert ">王立新</option>" in html, url
        assert ">wang.lixin@a.test</option>" not in html, url


def test_regions_are_chosen_and_shown_by_name(admin_client, fed_a):
    with context.federation_context(fed_a):
        placed = f.enterprise(name="地区测试有限公司", region_code="230804")
    form = admin_client.get("/admin/enterprises/new/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = form.content.decode()
    assert '<select name="region_code"' in html
    assert '<option value="230804">前进区（230804）</option>' in html
    listing = admin_client.get("/admin/enterprises/", HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = listing.content.decode()
    assert "前进区" in html  # the column and the filter name the region
    assert '<option value="230804">前进区（230804）</option>' in html
    page = admin_client.get(f"/admin/enterprises/inspect/{placed.pk}/").content.decode()
    assert "前进区（230804）" in page

    from django.utils import translation

    from compliance.backoffice.common import region_choices

    with context.federation_context(fed_a), translation.override("en"):
        assert ("230804", "Qianjin District (230804)") in region_choices()


def test_the_ledger_names_its_key_enterprise_column(admin_client, fed_a):
    with context.federation_context(fed_a):
        f.enterprise(employees=1200)
    html = admin_client.get("/admin/enterprises/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "重点企业" in html and "Is key" not in html
