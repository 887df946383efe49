"""The enterprise ledger in the admin: entering an enterprise by its credit code."""

from tenants import context
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


def test_an_enterprise_page_links_every_record_it_touches_with_its_next_action(admin_client, fed_a):
    """Issue 14: the enterprise's page showed its fields only; its rounds, contracts, cases,
    letters, checks, violations and eligibility results had to be searched for one by one."""
    from compliance.models import AuditCheck, Contract, EligibilityResult, Letter
    from tests.factories.records import enterprise_with_records

    with context.federation_context(fed_a):
        ent = enterprise_with_records()
        round_ = ent.rounds.get()
        expired = Contract.objects.get(enterprise=ent, status="expired")
        effective = Contract.objects.get(enterprise=ent, status="effective")
        case = ent.supervision_cases.get()
        letter = Letter.objects.get(case=case)
        check = AuditCheck.objects.filter(contract=effective).first()
        violation = ent.violations.get()
        result = EligibilityResult.objects.get(enterprise=ent)
    page = admin_client.get(f"/admin/enterprises/inspect/{ent.pk}/").content.decode()
    for href in (
        f"/admin/bargaining_rounds/inspect/{round_.pk}/",
        f"/admin/bargaining_rounds/step/{round_.pk}/reply/",  # the step it waits for
        f"/admin/contracts/inspect/{expired.pk}/",
        f"/admin/contracts/inspect/{effective.pk}/",
        f"/admin/supervision_cases/inspect/{case.pk}/",
        f"/admin/letters/inspect/{letter.pk}/",
        f"/admin/audit_checks/inspect/{check.pk}/",
        f"/admin/audit_checks/record/{check.pk}/",
        f"/admin/violation_records/inspect/{violation.pk}/",
        f"/admin/eligibility_checks/inspect/{result.run_id}/",
    ):
        assert f'href="{href}' in page, href
    assert round_.reply_due.isoformat() in page  # the reply deadline of the offer
    assert letter.due_on.isoformat() in page  # the case's open letter deadline
    assert "发起续签协商" in page  # the expired contract without a successor
    for heading in ("协商轮次", "集体合同", "监督案件", "履约检查", "违法违规记录", "评选资格"):
        assert heading in page


def test_an_enterprise_page_without_records_says_so_in_each_section(admin_client, fed_a):
    with context.federation_context(fed_a):
        ent = f.enterprise()
    page = admin_client.get(f"/admin/enterprises/inspect/{ent.pk}/").content.decode()
    for empty in (
        "暂无协商轮次",
        "暂无集体合同",
        "暂无监督案件",
        "暂无文书",
        "暂无履约检查",
        "暂无违法违规记录",
        "暂无评选资格核查结果",
    ):
        assert empty in page, empty


def test_an_enterprise_page_costs_the_same_queries_for_many_records(
    admin_client, fed_a, django_assert_max_num_queries
):
    """One query per kind of record, not one per row (N+1)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.records import enterprise_with_records

    with context.federation_context(fed_a):
        one = enterprise_with_records(times=1)
        many = enterprise_with_records(times=4)
    admin_client.get(f"/admin/enterprises/inspect/{one.pk}/")  # warm the caches
    with CaptureQueriesContext(connection) as baseline:
        assert admin_client.get(f"/admin/enterprises/inspect/{one.pk}/").status_code == 200
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        page = admin_client.get(f"/admin/enterprises/inspect/{many.pk}/").content.decode()
    assert page.count("/admin/letters/inspect/") == 4


def test_an_enterprise_page_hides_the_records_a_user_may_not_see(client_a, fed_a):
    """A ledger clerk who may view enterprises but not supervision sees no case section."""
    from tests.factories.users import user_with_permissions
    from tests.signin import sign_in

    with context.federation_context(fed_a):
        ent = f.enterprise()
        user_with_permissions("ledger@a.test", "view_enterprise", "view_contract")
    sign_in(client_a, "ledger@a.test")
    page = client_a.get(f"/admin/enterprises/inspect/{ent.pk}/").content.decode()
    assert "暂无集体合同" in page
    assert "监督案件" not in page and "暂无文书" not in page


def test_the_workers_congress_is_entered_on_the_form_and_shown_on_the_page(admin_client, fed_a):
    """Issue item 7: the ledger records whether the enterprise has a workers' congress (yes, no,
    or not known) and when it last met; the date needs a congress."""
    from compliance.models import Enterprise

    form = {
        "credit_code": valid_code(987001),
        "name": "职代会测试有限公司",
        "industry": "C",
        "region_code": "230803",
        "ownership": "private",
        "employees": "10",
        "union_members": "0",
        "workers_congress": "false",
        "workers_congress_last_held": "2026-03-15",
    }
    page = admin_client.get("/admin/enterprises/new/").content.decode()
    assert "职工代表大会（职代会）" in page and 'name="workers_congress_last_held"' in page
    refused = admin_client.post("/admin/enterprises/new/", form)
    assert refused.status_code == 200
    assert "须同时登记企业已建立职代会" in refused.content.decode()
    response = admin_client.post("/admin/enterprises/new/", {**form, "workers_congress": "true"})
    assert response.status_code == 302, response.content.decode()[:800]
    with context.federation_context(fed_a):
        ent = Enterprise.objects.get(name="职代会测试有限公司")
        assert (ent.workers_congress, str(ent.workers_congress_last_held)) == (True, "2026-03-15")
        unknown = f.enterprise(workers_congress=None)
    shown = admin_client.get(f"/admin/enterprises/inspect/{ent.pk}/").content.decode()
    assert "职工代表大会（职代会）" in shown and "2026年3月15日" in shown  # as other dates there
    shown = admin_client.get(f"/admin/enterprises/inspect/{unknown.pk}/").content.decode()
    assert "未登记（评优一票否决核查时" in shown
