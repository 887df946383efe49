"""The contract edit form's key-term fields (issue 19 part 2): saved through contract_update,
refused with the codebook's reason beside the field, shown again when the form is opened."""

from cms_pages.models import ContractNotice
from tenants import context
from tests.factories.notices import published_contract


def _form(contract, **key_terms):
    data = {
        "title": contract.title,
        "covered_employees": contract.covered_employees,
        "wage_growth_pct": "6.0",
        "minimum_wage": "2100",
        "weekly_hours": "40",
        "publish_publicly": "on",
        "change_reason": "补录关键条款",
    }
    data.update({f"kt_{code}": value for code, value in key_terms.items()})
    return data


def test_key_terms_are_saved_and_reach_the_notice(admin_client, fed_a):
    with context.federation_context(fed_a):
        contract = published_contract()
    url = f"/admin/contracts/edit/{contract.pk}/"
    page = admin_client.get(url).content.decode()
    assert 'name="kt_night_shift_allowance"' in page and "夜班津贴（元/班）" in page
    response = admin_client.post(
        url,
        _form(
            contract,
            night_shift_allowance="35",
            enterprise_annuity="yes",
            safety_commitment="plan",
            paid_annual_leave_days="",
        ),
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        contract.refresh_from_db()
        assert contract.key_terms == {
            "night_shift_allowance": "35.00",
            "enterprise_annuity": True,
            "safety_commitment": "plan",
        }
        assert contract.history.first().history_change_reason == "补录关键条款"
        notice = ContractNotice.objects.get(contract=contract)
        assert notice.key_terms["night_shift_allowance"] == "35.00"
    again = admin_client.get(url).content.decode()
    assert 'value="35.00"' in again


def test_an_invalid_value_is_refused_beside_its_field(admin_client, fed_a):
    with context.federation_context(fed_a):
        contract = published_contract()
    response = admin_client.post(
        f"/admin/contracts/edit/{contract.pk}/",
        _form(contract, overtime_restday_pct="150", night_shift_allowance="30元/天"),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "150超出范围：休息日加班工资标准应在200至600（% 工资）之间。" in page
    assert "单位“元/天”不正确：夜班津贴的单位是元/班，请只填写数字。" in page
    with context.federation_context(fed_a):
        contract.refresh_from_db()
        assert contract.key_terms == {}
