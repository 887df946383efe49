"""The public check of a filing receipt: the pair must match; the answer says whether the contract
is in force on the day asked and, when it is not, since when (issue 17 item 7)."""

import datetime as dt

import pytest

from compliance.selectors.receipts import ENDED, NOT_YET, REPLACED, TERMINATED, filing_verify
from compliance.services import contracts as services
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")

IN_TERM = dt.date(2026, 11, 20)  # the round's contract runs 2026-05-01 to 2029-04-30


def _filed():
    contract = f.round_at("effective").contract
    return services.contract_file(contract_id=contract.pk, filed_on=dt.date(2026, 5, 8))


def _check(contract, *, today=IN_TERM, number=None, code=None):
    return filing_verify(
        filing_number=contract.filing_number if number is None else number,
        code=contract.verification_code if code is None else code,
        today=today,
    )


def test_the_right_pair_answers_with_what_the_receipt_shows():
    contract = _filed()
    answer = _check(contract)
    assert answer is not None
    assert answer.enterprise_name == contract.enterprise.name
    assert answer.filing_number == contract.filing_number
    assert answer.filed_on == dt.date(2026, 5, 8)
    assert (answer.starts_on, answer.ends_on) == (dt.date(2026, 5, 1), dt.date(2029, 4, 30))
    assert answer.in_force and answer.standing == "" and answer.since is None


def test_the_pair_is_read_as_a_person_types_it():
    contract = _filed()
    number = contract.filing_number.replace("〔", "[").replace("〕", "]")
    code = contract.verification_code.replace("-", " ").lower()
    assert _check(contract, number=number, code=code) is not None


def test_a_wrong_half_or_a_missing_half_answers_nothing():
    contract, other = _filed(), _filed()
    assert _check(contract, code=other.verification_code) is None
    assert _check(contract, number=other.filing_number) is None
    assert _check(contract, number="") is None  # the code alone
    assert _check(contract, code="") is None  # the number alone
    assert _check(contract, code="2345-6789-ABCD") is None


def test_an_unfiled_contract_is_never_found():
    contract = f.round_at("effective").contract
    assert filing_verify(filing_number="", code="", today=IN_TERM) is None
    assert contract.verification_code == ""


def test_a_contract_whose_term_ended_is_not_in_force_with_its_last_day():
    contract = _filed()
    last = dt.date(2029, 4, 30)
    assert _check(contract, today=last).in_force
    services.contracts_sweep(today=last + dt.timedelta(days=1))  # expired by the daily sweep
    answer = _check(contract, today=last + dt.timedelta(days=1))
    assert not answer.in_force
    assert (answer.standing, answer.since) == (ENDED, last)


def test_a_terminated_contract_is_not_in_force_from_its_termination():
    contract = _filed()
    services.contract_terminate(
        contract_id=contract.pk, ended_on=dt.date(2026, 12, 1), reason="企业破产清算"
    )
    assert _check(contract, today=dt.date(2026, 11, 30)).in_force  # until the day it ends
    answer = _check(contract, today=dt.date(2026, 12, 1))
    assert not answer.in_force
    assert (answer.standing, answer.since) == (TERMINATED, dt.date(2026, 12, 1))


def test_a_contract_replaced_by_an_amendment_is_not_in_force_from_the_amendment():
    contract = _filed()
    services.contract_amend(
        contract_id=contract.pk, changes={"wage_growth_pct": 9}, amended_on=dt.date(2026, 9, 1)
    )
    answer = _check(contract, today=IN_TERM)
    assert not answer.in_force
    assert (answer.standing, answer.since) == (REPLACED, dt.date(2026, 9, 1))


def test_before_its_term_a_filed_contract_is_not_yet_in_force():
    contract = _filed()
    answer = _check(contract, today=dt.date(2026, 4, 30))
    assert not answer.in_force
    assert (answer.standing, answer.since) == (NOT_YET, None)
