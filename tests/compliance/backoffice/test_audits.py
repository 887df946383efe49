"""The back office in the Wagtail admin: pages render, permissions hold, queries stay flat."""

import datetime as dt

from tenants import context
from tests.factories import compliance as f


def test_performance_checks_record_and_open_a_case(admin_client, fed_a):
    from compliance.models import AuditCheck
    from compliance.services.audits import audits_schedule
    from compliance.services.contracts import contract_register_existing

    with context.federation_context(fed_a):
        contract_register_existing(
            data={
                "enterprise": f.enterprise(),
                "title": "集体合同",
                "starts_on": dt.date(2026, 1, 1),
                "ends_on": dt.date(2028, 12, 31),
                "as_of": dt.date(2026, 11, 21),
            }
        )
        audits_schedule(today=dt.date(2026, 11, 21))
        check = AuditCheck.objects.first()
    assert admin_client.get("/admin/audit_checks/").status_code == 200
    assert admin_client.get("/admin/audit_checks/?export=xlsx").status_code == 200
    response = admin_client.post(
        f"/admin/audit_checks/record/{check.pk}/",
        {
            "done_on": "2026-11-20",
            "checker": "企业监督小组",
            "parties": 60,
            "procedure": 60,
            "content": 70,
            "performance": 60,
            "effect": 60,
        },
    )
    assert response.status_code == 302
    response = admin_client.post(f"/admin/audit_checks/open-case/{check.pk}/")
    assert (
        response.status_code == 302 and "/admin/supervision_cases/inspect/" in response["Location"]
    )
    with context.federation_context(fed_a):
        check.refresh_from_db()
        assert check.passed is False and check.case_id


def test_the_add_address_of_performance_checks_returns_to_their_list(admin_client):
    """Regression: /admin/audit_checks/new/ (checks schedule themselves; the add view is the
    edit view's redirect to the inspect page) raised KeyError 'pk', a 500."""
    response = admin_client.get("/admin/audit_checks/new/")
    assert response.status_code == 302
    assert response["Location"].endswith("/admin/audit_checks/")


def test_a_recorded_check_names_its_recorder_and_links_its_contract(admin_client, fed_a):
    """Regression (found in Chromium): the check's history read "记录人: — → admin@a.test",
    the recorder's sign-in e-mail address instead of their name, and its contract was plain
    text with no way to it."""
    from django.contrib.auth import get_user_model

    from compliance.models import AuditCheck
    from compliance.services.audits import audit_record, audits_schedule
    from compliance.services.contracts import contract_register_existing
    from tests.conftest import SPEC_A

    with context.federation_context(fed_a):
        contract = contract_register_existing(
            data={
                "enterprise": f.enterprise(),
                "title": "履约检查集体合同",
                "starts_on": dt.date(2026, 1, 1),
                "ends_on": dt.date(2028, 12, 31),
                "as_of": dt.date(2026, 11, 21),
            }
        )[0]
        audits_schedule(today=dt.date(2026, 11, 21))
        check = AuditCheck.objects.first()
        user = get_user_model().objects.get(username=SPEC_A.admin_email)
        user.last_name, user.first_name = "郑", "秀英"
        user.save()
        scores = dict.fromkeys(("parties", "procedure", "content", "performance", "effect"), 50)
        audit_record(
            check_id=check.pk,
            done_on=dt.date(2026, 11, 20),
            checker="小组",
            scores=scores,
            user=user,
        )
    page = admin_client.get(f"/admin/audit_checks/inspect/{check.pk}/").content.decode()
    assert "— → 郑秀英" in page
    assert SPEC_A.admin_email not in page
    assert f'<a href="/admin/contracts/inspect/{contract.pk}/">履约检查集体合同</a>' in page


def test_a_report_check_asks_for_the_year_and_the_contract_shows_the_report(admin_client, fed_a):
    from compliance.models import AuditCheck
    from compliance.services.audits import audits_schedule
    from compliance.services.contracts import contract_register_existing

    with context.federation_context(fed_a):
        contract = contract_register_existing(
            data={
                "enterprise": f.enterprise(),
                "title": "集体合同",
                "starts_on": dt.date(2025, 1, 1),
                "ends_on": dt.date(2027, 12, 31),
                "as_of": dt.date(2026, 11, 21),
            }
        )[0]
        audits_schedule(today=dt.date(2026, 11, 21))
        check = AuditCheck.objects.get(contract=contract, level="report")
    url = f"/admin/audit_checks/record/{check.pk}/"
    form = admin_client.get(url).content.decode()
    assert "报告所涵盖的履约年度" in form and 'name="report_year"' in form
    scores = {"parties": 90, "procedure": 90, "content": 90, "performance": 90, "effect": 90}
    response = admin_client.post(
        url, {"done_on": "2026-01-15", "checker": "职代会", "report_year": 2025, **scores}
    )
    assert response.status_code == 302
    page = admin_client.get(f"/admin/audit_checks/inspect/{check.pk}/").content.decode()
    assert "2025年度履约报告，已于2026-01-15向职工代表大会报告。" in page
    # Regression (seen in Chromium): the history named the report by its id ("— → 1").
    assert "记录的履约报告: — → 集体合同 · 2025" in page
    page = admin_client.get(f"/admin/contracts/inspect/{contract.pk}/").content.decode()
    assert page.count("2025年度报告，2026-01-15作出") == 2  # the check's row and the report list
