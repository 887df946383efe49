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
