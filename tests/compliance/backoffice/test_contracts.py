"""Collective contracts in the admin: the steps, and edits that go through the contract services
(history with the user and a reason, Wagtail's action log, the public notice following)."""

from django.utils import translation
from wagtail.models import ModelLogEntry

from cms_pages.models import ContractNotice
from compliance.models import Clause
from tenants import context
from tests.factories import compliance as f
from tests.factories.notices import published_contract


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


def test_an_edit_in_the_admin_goes_through_contract_update(admin_client, fed_a):
    """The edit form once wrote publish_publicly itself, beside contract_publish."""
    with context.federation_context(fed_a):
        contract = published_contract()
    response = admin_client.post(
        f"/admin/contracts/edit/{contract.pk}/",
        {
            "title": contract.title,
            "covered_employees": contract.covered_employees,
            "wage_growth_pct": "6.0",
            "minimum_wage": "2100",
            "weekly_hours": "40",
            "publish_publicly": "",
        },
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        contract.refresh_from_db()
        assert contract.publish_publicly is False
        last = contract.history.order_by("-history_id").first()
        assert last.history_user.username == "admin@a.test"
        with translation.override("zh-hans"):
            assert last.history_change_reason == "通过后台修改"
        assert ContractNotice.objects.get(contract=contract).withdrawn_at is not None
        assert ModelLogEntry.objects.filter(action="wagtail.edit").exists()


def test_a_clause_deleted_in_the_admin_leaves_its_user_and_a_log_entry(admin_client, fed_a):
    with context.federation_context(fed_a):
        clause = published_contract().clauses.get(order=3)
    response = admin_client.post(f"/admin/clauses/delete/{clause.pk}/")
    assert response.status_code == 302
    with context.federation_context(fed_a):
        assert not Clause.objects.filter(pk=clause.pk).exists()
        deleted = Clause.history.filter(id=clause.pk, history_type="-").get()
        assert deleted.history_user.username == "admin@a.test"
        assert ModelLogEntry.objects.filter(action="wagtail.delete").exists()


def test_a_contract_is_never_typed_into_a_blank_form(admin_client):
    """Regression: the list offered "add" and a blank contract form, though contracts come from
    a round's signatures or the ledger import."""
    assert "/admin/contracts/new/" not in admin_client.get("/admin/contracts/").content.decode()
    refused = admin_client.get("/admin/contracts/new/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/contracts/"
