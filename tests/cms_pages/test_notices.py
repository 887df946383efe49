"""Notices follow their contracts: built redacted, without secret clauses, linked, withdrawn."""

import datetime as dt

import pytest

from cms_pages.models import ContractNotice
from cms_pages.redaction import REDACTED
from cms_pages.services.notices import notice_build, notice_sync
from compliance.models import Clause
from compliance.services import contracts
from tests.factories.notices import published_contract

SECRET = "本企业核心工艺岗位津贴标准另行约定，为商业秘密。"
PERSONAL = "工会联系人王立新，手机13812345678，身份证号230803198507121234，其月工资为8000元。"


def test_publishing_publicly_creates_a_listed_notice(in_a):
    contract = published_contract()
    notice = ContractNotice.objects.get(contract=contract)
    assert notice.is_listed
    assert notice.title == contract.title
    assert notice.employer == contract.enterprise.name
    assert notice.union == f"{contract.enterprise.name}工会"
    assert notice.status == "effective"
    assert notice.industry == contract.enterprise.industry
    assert notice.filing_number == contract.filing_number
    assert notice.covered_employees == contract.covered_employees
    assert [c["order"] for c in notice.clauses] == [1, 2, 3]
    assert notice.in_force_from == dt.date(2025, 1, 1)
    assert notice.in_force_until == dt.date(2027, 12, 31)
    assert notice.year == 2025


def test_publishing_only_to_employees_creates_no_notice(in_a):
    contract = published_contract(publish=False)
    assert not ContractNotice.objects.filter(contract=contract).exists()


def test_builder_withholds_secret_clauses_and_redacts_personal_data(in_a):
    contract = published_contract(
        clauses=(("wages", "职工月最低工资不低于2100元。"), ("other", SECRET), ("other", PERSONAL)),
        secret_orders=(2,),
    )
    content = notice_build(contract)
    assert content.withheld_clauses == 1
    assert [c["order"] for c in content.clauses] == [1, 3]
    public = content.body_text + repr(content)
    assert SECRET not in public and "核心工艺" not in public
    for secret in ("13812345678", "230803198507121234", "8000元"):
        assert secret not in public
    assert REDACTED in content.clauses[1]["text"]
    assert "职工月最低工资不低于2100元。" in content.body_text  # a collective standard stays
    stored = ContractNotice.objects.get(contract=contract)
    assert "核心工艺" not in str(stored.clauses) + stored.body_text
    assert "13812345678" not in str(stored.clauses) + stored.body_text


def test_personal_data_in_the_title_and_party_names_is_redacted(in_a):
    contract = published_contract(title="集体合同（联系人13812345678）")
    content = notice_build(contract)
    assert "13812345678" not in content.title


def test_marking_a_clause_secret_after_publication_removes_it(in_a):
    contract = published_contract()
    clause = contract.clauses.get(order=2)
    clause.is_business_secret = True
    clause.save()
    notice_sync(contract=contract)
    notice = ContractNotice.objects.get(contract=contract)
    assert [c["order"] for c in notice.clauses] == [1, 3]
    assert notice.withheld_clauses == 1
    assert "标准工时" not in notice.body_text


def test_withdrawing_publication_hides_the_notice_and_clears_its_content(in_a):
    contract = published_contract()
    public_id = ContractNotice.objects.get(contract=contract).public_id
    contracts.contract_publish(
        contract_id=contract.pk, published_on=dt.date(2025, 1, 1), publish_publicly=False
    )
    notice = ContractNotice.objects.get(contract=contract)
    assert notice.withdrawn_at is not None
    assert notice.clauses == [] and notice.body_text == "" and notice.search is None
    # Published again: the same public id comes back.
    contracts.contract_publish(
        contract_id=contract.pk, published_on=dt.date(2025, 1, 1), publish_publicly=True
    )
    notice.refresh_from_db()
    assert notice.withdrawn_at is None and notice.public_id == public_id and notice.clauses


def test_termination_and_expiry_update_the_status(in_a):
    first = published_contract()
    contracts.contract_terminate(contract_id=first.pk, ended_on=dt.date(2026, 3, 1), reason="破产")
    notice = ContractNotice.objects.get(contract=first)
    assert notice.status == "terminated" and notice.in_force_until == dt.date(2026, 3, 1)
    second = published_contract(ends_on=dt.date(2026, 5, 31))
    contracts.contracts_sweep(today=dt.date(2026, 6, 1))
    assert ContractNotice.objects.get(contract=second).status == "expired"


def test_an_amendment_gets_its_own_notice_linked_to_the_old_one(in_a):
    old = published_contract()
    new = contracts.contract_amend(
        contract_id=old.pk, changes={"weekly_hours": 38}, amended_on=dt.date(2026, 1, 1)
    )
    old_notice = ContractNotice.objects.get(contract=old)
    new_notice = ContractNotice.objects.get(contract=new)
    assert old_notice.status == "superseded"
    assert old_notice.in_force_until == dt.date(2025, 12, 31)
    assert new_notice.predecessor == old_notice and new_notice.relation == "amendment"
    assert new_notice.public_id != old_notice.public_id
    assert list(old_notice.successors.all()) == [new_notice]


def test_a_renewal_published_first_is_linked_when_its_predecessor_is_published(in_a):
    old = published_contract(publish=False)
    renewal = published_contract(
        predecessor=old,
        relation="renewal",
        starts_on=dt.date(2028, 1, 1),
        ends_on=dt.date(2030, 12, 31),
        as_of=dt.date(2028, 2, 1),
    )
    assert ContractNotice.objects.get(contract=renewal).predecessor is None
    contracts.contract_publish(
        contract_id=old.pk, published_on=dt.date(2025, 1, 2), publish_publicly=True
    )
    old_notice = ContractNotice.objects.get(contract=old)
    assert ContractNotice.objects.get(contract=renewal).predecessor == old_notice


def test_sync_is_idempotent(in_a):
    contract = published_contract()
    first = ContractNotice.objects.get(contract=contract)
    notice_sync(contract=contract)
    notice_sync(contract=contract)
    assert ContractNotice.objects.filter(contract=contract).count() == 1
    again = ContractNotice.objects.get(contract=contract)
    assert again.public_id == first.public_id and again.clauses == first.clauses


@pytest.mark.parametrize("field", ["title", "text"])
def test_admin_edits_reach_the_notice(in_a, admin_client_a, field):
    contract = published_contract()
    if field == "title":
        url = f"/admin/contracts/edit/{contract.pk}/"
        data = {
            "title": "修订后的集体合同",
            "covered_employees": contract.covered_employees,
            "wage_growth_pct": "6.0",
            "minimum_wage": "2100",
            "weekly_hours": "40",
            "publish_publicly": "on",
            "change_reason": "更正合同名称",
        }
    else:
        clause = contract.clauses.get(order=1)
        url = f"/admin/contracts/clauses/edit/{clause.pk}/"  # on the contract's page
        data = {
            "order": 1,
            "topic": "wages",
            "text": "修订后的工资条款",
            "is_business_secret": "",
            "change_reason": "更正工资条款",
        }
    response = admin_client_a.post(url, data)
    assert response.status_code == 302, response.content[:2000]
    notice = ContractNotice.objects.get(contract=contract)
    assert "修订后的" in notice.body_text


def test_deleting_a_clause_in_the_admin_removes_it(in_a, admin_client_a):
    contract = published_contract()
    clause = contract.clauses.get(order=3)
    response = admin_client_a.post(f"/admin/contracts/clauses/delete/{clause.pk}/")
    assert response.status_code == 302
    assert not Clause.objects.filter(pk=clause.pk).exists()
    assert "职业健康检查" not in ContractNotice.objects.get(contract=contract).body_text
