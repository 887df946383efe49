"""The back office in the Wagtail admin: pages render, permissions hold, queries stay flat."""


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
