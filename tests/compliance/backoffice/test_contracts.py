"""The back office in the Wagtail admin: pages render, permissions hold, queries stay flat."""

from tenants import context
from tests.factories import compliance as f


def test_contract_steps_from_the_admin(admin_client, fed_a):
    with context.federation_context(fed_a):
        contract = f.round_at("effective").contract
    page = admin_client.get(f"/admin/contracts/inspect/{contract.pk}/").content.decode()
    assert f"/admin/contracts/step/{contract.pk}/file/" in page
    for step, data in [
        ("publish", {"published_on": "2026-05-08", "publish_publicly": "on"}),
        ("file", {"filed_on": "2026-05-12", "filed_with_department": "on"}),
        ("report", {"year": "2026", "reported_on": "2026-12-20"}),
    ]:
        response = admin_client.post(f"/admin/contracts/step/{contract.pk}/{step}/", data)
        assert response.status_code == 302, (step, response.content.decode()[:500])
    again = admin_client.post(
        f"/admin/contracts/step/{contract.pk}/report/",
        {"year": "2026", "reported_on": "2026-12-21"},
    )
    assert again.status_code == 200 and 'role="alert"' in again.content.decode()
    response = admin_client.post(
        f"/admin/contracts/step/{contract.pk}/amend/",
        {"amended_on": "2026-09-01", "wage_growth_pct": "9.5"},
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        contract.refresh_from_db()
        assert contract.status == "superseded" and contract.filing_number.startswith("甲工集备")
        new = contract.successors.get()
        assert str(new.wage_growth_pct) == "9.50"
    response = admin_client.post(
        f"/admin/contracts/step/{new.pk}/terminate/", {"ended_on": "2026-10-01", "reason": ""}
    )
    assert response.status_code == 200  # the reason is required
