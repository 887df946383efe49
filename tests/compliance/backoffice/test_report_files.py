"""A performance report submitted by the enterprise on the contract's admin page (issue 17 item
9): named as the enterprise's, its report and congress minutes served privately to staff who may
see contracts, and to nobody else."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile

from compliance.services.contracts import contract_register_existing
from compliance.services.performance_reports import performance_report_submit
from tenants import context
from tests.factories.compliance import enterprise
from tests.factories.enterprise_accounts import enterprise_user
from tests.factories.users import user_with_permissions
from tests.signin import force_sign_in


def _submitted(fed):
    with context.federation_context(fed):
        ent = enterprise(name="甲企业有限公司")
        officer, _device = enterprise_user(ent, side="union")
        contract = contract_register_existing(
            data={
                "enterprise": ent,
                "title": "甲企业集体合同",
                "starts_on": dt.date(2025, 1, 1),
                "ends_on": dt.date(2027, 12, 31),
                "as_of": dt.date(2026, 3, 1),
            }
        )[0]
        report = performance_report_submit(
            user=officer,
            contract_id=contract.pk,
            year=2025,
            reported_on=dt.date(2026, 1, 20),
            document=SimpleUploadedFile("报告.pdf", b"%PDF-1.4 report"),
            minutes=SimpleUploadedFile("纪要.pdf", b"%PDF-1.4 minutes"),
        )
    return contract, report, officer


def test_staff_see_the_enterprises_report_and_open_its_files(admin_client, fed_a):
    contract, report, _officer = _submitted(fed_a)
    page = admin_client.get(f"/admin/contracts/inspect/{contract.pk}/").content.decode()
    assert "由企业报送（王立新）" in page
    minutes_url = f"/admin/contracts/report/{report.pk}/minutes/"
    assert minutes_url in page
    response = admin_client.get(minutes_url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 minutes"
    assert "no-store" in response["Cache-Control"]
    assert admin_client.get(f"/admin/contracts/report/{report.pk}/other/").status_code == 404


def test_people_without_the_contracts_or_the_enterprise_user_get_no_file(client_a, fed_a):
    _contract, report, officer = _submitted(fed_a)
    url = f"/admin/contracts/report/{report.pk}/minutes/"
    with context.federation_context(fed_a):
        clerk = user_with_permissions("clerk@a.test", "view_enterprise")
        force_sign_in(client_a, clerk)
    assert client_a.get(url).status_code in (302, 403)
    with context.federation_context(fed_a):
        force_sign_in(client_a, officer)
    assert client_a.get(url).status_code in (302, 403)
