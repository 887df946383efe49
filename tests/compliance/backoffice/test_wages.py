"""Wage highlights in the back office (issue 19 item 4): the quarters with their last
generation and public link, the administrator's regenerate action with its history, and who
may do what."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import timezone

from tenants import context
from tenants.models import WageGeneration
from tenants.roles import ROLE_BY_KEY
from tests.conftest import PASSWORD, SPEC_A
from tests.factories.wages import wage_contract
from tests.signin import sign_in


def _client_as(role_key):
    with context.federation_context("fed_a"):
        email = f"{role_key}-wages@a.test"
        user = get_user_model().objects.create_user(username=email, email=email, password=PASSWORD)
        user.groups.add(Group.objects.get(name=ROLE_BY_KEY[role_key].name))
    return sign_in(Client(HTTP_HOST="a.test"), email)


def test_an_administrator_regenerates_a_quarter_and_it_enters_the_history(fed_a):
    year = timezone.localdate().year
    with context.federation_context("fed_a"):
        wage_contract(signed_on=dt.date(year, 1, 15), growth="7.5")
    client = sign_in(Client(HTTP_HOST="a.test"), SPEC_A.admin_email)
    page = client.get("/admin/statistics/wages/").content.decode()
    assert "工资集体协商情况" in page and "未生成" in page
    response = client.post(
        "/admin/statistics/wages/generate/", {"year": year, "quarter": 1}, follow=True
    )
    text = response.content.decode()
    assert f"{year}年第1季度" in text and "已重新生成：1 份工资专项集体合同" in text
    assert f"/wages/{year}/q1/" in text
    with context.public():
        generation = WageGeneration.objects.get(federation=fed_a)
    assert (generation.trigger, generation.contracts) == ("manual", 1)
    assert generation.generated_by  # the administrator's name
    # A quarter the page does not offer is refused with a message, nothing generated.
    response = client.post(
        "/admin/statistics/wages/generate/", {"year": year - 3, "quarter": 1}, follow=True
    )
    assert "本年度和上一年度" in response.content.decode()
    with context.public():
        assert WageGeneration.objects.filter(federation=fed_a).count() == 1


def test_statistics_staff_read_but_do_not_regenerate(fed_a):
    client = _client_as("statistics")
    page = client.get("/admin/statistics/wages/").content.decode()
    assert "重新生成" not in page and "历史" in page
    year = timezone.localdate().year
    response = client.post("/admin/statistics/wages/generate/", {"year": year, "quarter": 1})
    assert response.status_code in (302, 403)
    with context.public():
        assert not WageGeneration.objects.filter(federation=fed_a).exists()


def test_an_editor_sees_no_wage_figures(fed_a):
    client = _client_as("editor")
    assert client.get("/admin/statistics/wages/").status_code in (302, 403)
