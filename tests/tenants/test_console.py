"""The platform operator's console: creating a federation with its rule preset (issue item 10)."""

import pytest
from django.contrib.auth import get_user_model

from compliance.models import RuleParameter
from compliance.rules.presets import PRESETS, Key
from tenants import context
from tenants.admin import PRESET_LABELS
from tenants.models import Federation
from tests.conftest import PASSWORD, SPEC_A
from tests.signin import force_sign_in

pytestmark = pytest.mark.integration

ADD = "/admin/tenants/federation/add/"
FORM = {
    "schema_name": "fed_console",
    "name": "丁市总工会",
    "name_en": "City D Federation",
    "short_name": "丁",
    "level": "city",
    "region_code": "230400",
    "parent": "",
    "domain": "d.test",
    "admin_email": "",
    "admin_password": "",
    # The domains inline's management form, as the page sends it (no rows: the domain field
    # above creates the primary one).
    "domains-TOTAL_FORMS": "0",
    "domains-INITIAL_FORMS": "0",
    "domains-MIN_NUM_FORMS": "0",
    "domains-MAX_NUM_FORMS": "1000",
}


@pytest.fixture
def operator_client(platform_client):
    with context.public():
        operator = get_user_model().objects.create_superuser(
            username="operator@platform.test", email="operator@platform.test", password=PASSWORD
        )
    force_sign_in(platform_client, operator)
    return platform_client


def test_every_preset_has_a_label_and_national_is_first():
    assert list(PRESET_LABELS) == list(PRESETS) and next(iter(PRESET_LABELS)) == "national"


def test_the_form_offers_every_preset_with_national_chosen(operator_client):
    page = operator_client.get(ADD).content.decode()
    select = page[page.index('name="preset"') :]
    select = select[: select.index("</select>")]
    assert '<option value="national" selected>全国（默认）</option>' in select
    for code, label in (("zhejiang", "浙江"), ("shanghai", "上海"), ("henan_wage", "河南")):
        assert f'value="{code}"' in select and label in select
    assert select.count("<option") == len(PRESETS)


def test_a_federation_created_with_the_zhejiang_preset_has_its_numbers(operator_client):
    """Also a regression: every federation created in the console ended in a 500 ('DomainFormSet'
    object has no attribute 'new_objects'), the admin's change message reading the inline that
    creation skips."""
    response = operator_client.post(ADD, {**FORM, "preset": "zhejiang"})
    body = response.content.decode()
    assert response.status_code == 302, body[body.find("errorlist") - 200 :][:1500]
    with context.public():
        federation = Federation.objects.get(schema_name="fed_console")
    assert federation.rule_preset == "zhejiang"
    with context.federation_context(federation):
        reply = RuleParameter.objects.get(key=Key.OFFER_REPLY)
        assert (reply.value, reply.unit, reply.preset) == ("10", "working_days", "zhejiang")
    page = operator_client.get(
        f"/admin/tenants/federation/{federation.pk}/change/"
    ).content.decode()
    assert "规则预设方案" in page and "浙江" in page
    listing = operator_client.get("/admin/tenants/federation/").content.decode()
    assert "浙江" in listing


def test_the_default_preset_is_national(operator_client):
    response = operator_client.post(ADD, {**FORM, "preset": "national"})
    assert response.status_code == 302
    with context.public():
        federation = Federation.objects.get(schema_name="fed_console")
    assert federation.rule_preset == "national"
    with context.federation_context(federation):
        reply = RuleParameter.objects.get(key=Key.OFFER_REPLY)
        assert (reply.value, reply.unit) == ("20", "calendar_days")


@pytest.mark.parametrize("preset", ["hubei", ""])
def test_an_unknown_or_missing_preset_returns_to_the_form_and_creates_nothing(
    operator_client, preset
):
    response = operator_client.post(ADD, {**FORM, "preset": preset})
    assert response.status_code == 200
    body = response.content.decode()
    assert 'class="errorlist' in body
    with context.public():
        assert not Federation.objects.filter(schema_name="fed_console").exists()


def test_a_federation_created_before_the_preset_was_recorded_says_so(operator_client):
    with context.public():
        federation = Federation.objects.get(schema_name=SPEC_A.schema_name)
        Federation.objects.filter(pk=federation.pk).update(rule_preset="")  # an older row
    page = operator_client.get(
        f"/admin/tenants/federation/{federation.pk}/change/"
    ).content.decode()
    assert "未记录（创建时控制台尚未记录）" in page
