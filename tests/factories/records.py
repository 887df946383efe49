"""An enterprise with one record of every kind its ledger page lists, built through the services."""

from __future__ import annotations

import datetime as dt

from compliance.services import supervision as sv
from compliance.services.audits import audits_schedule
from compliance.services.awards import Nominee, eligibility_check, violation_save
from compliance.services.contracts import contract_register_existing
from tests.factories import awards as fa
from tests.factories import compliance as f

TODAY = dt.date(2026, 11, 20)


def expired_contract(ent=None, *, title: str = "2023年度集体合同"):
    """A contract whose term ended before TODAY, without a successor (status expired)."""
    return contract_register_existing(
        data={
            "enterprise": ent or f.enterprise(),
            "title": title,
            "starts_on": dt.date(2023, 1, 1),
            "ends_on": dt.date(2025, 12, 31),
            "covered_employees": 150,
            "as_of": TODAY,
        }
    )[0]


def enterprise_with_records(*, times: int = 1):
    """An enterprise with `times` of each: bargaining round, contract in force (with scheduled
    checks), expired contract, supervision case with a letter, violation record and eligibility
    result."""
    ent = f.enterprise()
    award = fa.award("wage_arrears", complete=("wage_arrears",))
    for n in range(times):
        f.offered_round(ent)
        contract_register_existing(
            data={
                "enterprise": ent,
                "title": f"{2025 + n}年度集体合同",
                "starts_on": dt.date(2025, 1, 1),
                "ends_on": dt.date(2027, 12, 31),
                "as_of": TODAY,
            }
        )
        expired_contract(ent, title=f"{2022 - n}年度集体合同")
        case = sv.case_open(
            title=f"未履行集体合同{n}", source="inspection", opened_on=TODAY, enterprise=ent
        )
        sv.letter_issue(
            case_id=case.pk,
            kind="reminder",
            issued_on=TODAY,
            facts="经查，企业未按合同约定调整工资。",
            legal_basis="《集体合同规定》第六条",
            actions=["按约定调整工资"],
        )
        violation_save(
            record=None,
            data={
                "enterprise": ent,
                "kind": "wage_arrears",
                "occurred_on": dt.date(2026, 3, 1),
                "reference": f"劳监字〔2026〕{n}号",
            },
            reason="test",
        )
        eligibility_check(award_id=award.pk, nominees=[Nominee(ent.credit_code)], as_of=TODAY)
    audits_schedule(today=TODAY)
    return ent
