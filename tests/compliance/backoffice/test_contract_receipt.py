"""The filing receipt from a contract's page in the admin (issue 17 item 7): whoever may view
the contract downloads it; its QR code points at this federation's own verification page."""

import datetime as dt
import io

import pypdf

from compliance.services.contracts import contract_file
from tenants import context
from tests.factories import compliance as f
from tests.factories.users import user_with_permissions
from tests.signin import sign_in


def _filed(fed):
    with context.federation_context(fed):
        contract = f.round_at("effective").contract
        return contract_file(contract_id=contract.pk, filed_on=dt.date(2026, 5, 8))


def _text(data: bytes) -> str:
    return "".join(pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text().split())


def test_a_viewer_downloads_the_receipt_from_the_contract_page(client_a, fed_a):
    contract = _filed(fed_a)
    with context.federation_context(fed_a):
        user_with_permissions("viewer@a.test", "view_contract")
    sign_in(client_a, "viewer@a.test")
    page = client_a.get(f"/admin/contracts/inspect/{contract.pk}/").content.decode()
    assert f"/admin/contracts/receipt/{contract.pk}/" in page
    assert contract.verification_code in page
    response = client_a.get(f"/admin/contracts/receipt/{contract.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    text = _text(response.content)
    assert contract.filing_number in text and contract.verification_code in text
    assert "http://a.test/verify/" in text  # this federation's own page
    links = pypdf.PdfReader(io.BytesIO(response.content)).pages[0]["/Annots"]
    uri = links[0].get_object()["/A"]["/URI"]
    assert uri == f"http://a.test/verify/?code={contract.verification_code}"


def test_without_permission_to_view_contracts_the_receipt_is_refused(client_a, fed_a):
    contract = _filed(fed_a)
    with context.federation_context(fed_a):
        user_with_permissions("ledger@a.test", "view_enterprise")
    sign_in(client_a, "ledger@a.test")
    response = client_a.get(f"/admin/contracts/receipt/{contract.pk}/")
    # Wagtail turns PermissionDenied into a redirect to the dashboard.
    assert response.status_code in (302, 403)
    assert response["Content-Type"] != "application/pdf"


def test_an_unfiled_contract_has_no_receipt_link_and_no_receipt(admin_client, fed_a):
    with context.federation_context(fed_a):
        contract = f.round_at("effective").contract
    page = admin_client.get(f"/admin/contracts/inspect/{contract.pk}/").content.decode()
    assert "/admin/contracts/receipt/" not in page
    assert admin_client.get(f"/admin/contracts/receipt/{contract.pk}/").status_code == 404
    assert admin_client.get("/admin/contracts/receipt/999999/").status_code == 404
