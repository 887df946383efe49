"""The enterprise ledger in the admin: entering an enterprise by its credit code."""

from tests.compliance.excel.helpers import code as valid_code
from tests.factories import compliance as f


def test_enterprise_with_a_bad_credit_code_gets_a_clear_message(admin_client):
    response = admin_client.post(
        "/admin/enterprises/new/",
        {
            "credit_code": "91230803MA00000019",
            "name": "某公司",
            "industry": "C",
            "region_code": "230803",
            "ownership": "private",
            "employees": "10",
            "union_members": "0",
        },
    )
    assert response.status_code == 200
    assert "校验码" in response.content.decode()


def test_a_credit_code_typed_loosely_is_accepted_and_a_duplicate_names_its_holder(
    admin_client, fed_a
):
    """Regression: a valid code typed in lower case or with spaces was refused, and a code
    already in the ledger got a message that did not say which enterprise holds it."""
    from compliance.models import Enterprise
    from tenants import context

    code = valid_code(987654)
    with context.federation_context(fed_a):
        holder = f.enterprise(name="松花江畔机械有限公司")
        holder_code = holder.credit_code
    form = {
        "name": "新录入有限公司",
        "industry": "C",
        "region_code": "230803",
        "ownership": "private",
        "employees": "10",
        "union_members": "0",
    }
    loose = " ".join([code[:8], code[8:].lower()])
    response = admin_client.post("/admin/enterprises/new/", {**form, "credit_code": loose})
    assert response.status_code == 302, response.content.decode()[:800]
    with context.federation_context(fed_a):
        assert Enterprise.objects.filter(credit_code=code, name="新录入有限公司").exists()
    duplicate = admin_client.post("/admin/enterprises/new/", {**form, "credit_code": holder_code})
    assert "已作为松花江畔机械有限公司录入台账" in duplicate.content.decode()
