"""Issue 17 item 7: anyone checks a filing receipt on the federation's public page with its
filing number and verification code. The answer shows only what the receipt shows and whether
the contract is in force today; any other pair, a contract of another federation's included,
gets one neutral message. Checks are rate-limited; the page is never indexed."""

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from compliance.services import contracts as services
from tenants import context
from tests.factories import compliance as f

NEUTRAL_ZH = "没有与该备案编号和验证码相符的备案合同"
NEUTRAL_EN = "No filed contract matches this filing number and verification code"


@pytest.fixture(autouse=True)
def _fresh_budget():
    cache.clear()  # the checks counted per client and minute (the tests share an address)


def _filed(fed, *, name: str):
    with context.federation_context(fed):
        contract = f.round_at("effective").contract
        contract.enterprise.name = name
        contract.enterprise.save()
        contract.clauses.create(order=1, topic="wages", text="职工月最低工资不低于2100元。")
        return services.contract_file(contract_id=contract.pk, filed_on=dt.date(2026, 5, 8))


def _check(client, *, number: str, code: str):
    return client.get("/verify/?" + urlencode({"number": number, "code": code}))


def test_the_page_asks_for_both_and_is_never_indexed(client_a, fed_a):
    response = client_a.get("/verify/")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert '<meta name="robots" content="noindex, nofollow">' in body
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]
    assert 'name="number"' in body and 'name="code"' in body
    assert "甲工集备〔" in body  # the example is this federation's own number
    assert "回执真实有效" not in body and NEUTRAL_ZH not in body


def test_the_right_pair_shows_the_filing_and_that_it_is_in_force(client_a, fed_a):
    contract = _filed(fed_a, name="甲市查验机械有限公司")
    typed = contract.filing_number.replace("〔", "[").replace("〕", "]")
    response = _check(client_a, number=typed, code=contract.verification_code.lower())
    body = response.content.decode()
    assert response.status_code == 200
    assert "回执真实有效" in body
    assert "该合同今日处于有效期内" in body
    assert "甲市查验机械有限公司" in body
    assert contract.filing_number in body
    assert "2026-05-08" in body and "2026-05-01" in body and "2029-04-30" in body
    # Nothing the receipt does not show: no clause, no representative, no title, no coverage.
    assert "2100" not in body and "王立新" not in body and contract.title not in body


def test_a_wrong_code_and_a_wrong_number_get_the_same_neutral_message(client_a, fed_a):
    contract = _filed(fed_a, name="甲市查验电子有限公司")
    other = _filed(fed_a, name="甲市另一家电子有限公司")
    answers = [
        _check(client_a, number=contract.filing_number, code=other.verification_code),
        _check(client_a, number=other.filing_number, code=contract.verification_code),
        _check(client_a, number=contract.filing_number, code="2345-6789-ABCD"),
        _check(client_a, number=contract.filing_number, code="not a code"),
    ]
    for response in answers:
        body = response.content.decode()
        assert response.status_code == 200
        assert NEUTRAL_ZH in body
        assert "甲市查验电子有限公司" not in body and "甲市另一家电子有限公司" not in body


def test_another_federations_receipt_is_no_match_on_this_host(client_a, client_b, fed_a, fed_b):
    theirs = _filed(fed_b, name="乙区查验纺织有限公司")
    mine = _filed(fed_a, name="甲市查验纺织有限公司")
    on_b = _check(client_b, number=theirs.filing_number, code=theirs.verification_code)
    assert "乙区查验纺织有限公司" in on_b.content.decode()  # control: genuine on its own host
    on_a = _check(client_a, number=theirs.filing_number, code=theirs.verification_code)
    assert NEUTRAL_ZH in on_a.content.decode()
    assert "乙区查验纺织有限公司" not in on_a.content.decode()
    # And the other way round.
    on_b = _check(client_b, number=mine.filing_number, code=mine.verification_code)
    assert NEUTRAL_ZH in on_b.content.decode()
    assert "甲市查验纺织有限公司" not in on_b.content.decode()


def test_a_missing_half_is_asked_for_not_looked_up(client_a, fed_a):
    contract = _filed(fed_a, name="甲市查验食品有限公司")
    response = _check(client_a, number="", code=contract.verification_code)
    body = response.content.decode()
    assert "请输入回执上印制的备案编号" in body
    assert "甲市查验食品有限公司" not in body and NEUTRAL_ZH not in body
    assert 'aria-invalid="true"' in body


def test_the_qr_codes_address_fills_in_the_code_without_checking(client_a, fed_a):
    contract = _filed(fed_a, name="甲市扫码查验有限公司")
    response = client_a.get("/verify/?" + urlencode({"code": contract.verification_code}))
    body = response.content.decode()
    assert f'value="{contract.verification_code}"' in body
    assert 'aria-invalid="true"' not in body and "请输入回执上印制的备案编号。" not in body
    assert "甲市扫码查验有限公司" not in body


def test_a_terminated_contract_verifies_as_not_in_force_with_its_end_date(client_a, fed_a):
    contract = _filed(fed_a, name="甲市终止合同有限公司")
    with context.federation_context(fed_a):
        services.contract_terminate(
            contract_id=contract.pk, ended_on=dt.date(2026, 10, 31), reason="企业破产清算"
        )
    body = _check(
        client_a, number=contract.filing_number, code=contract.verification_code
    ).content.decode()
    assert "回执真实有效" in body
    assert "该合同今日不在有效期内" in body
    assert "合同已于2026-10-31终止" in body


def test_an_expired_contract_verifies_as_not_in_force_with_its_last_day(client_a, fed_a):
    with context.federation_context(fed_a):
        contract, _ = services.contract_register_existing(
            data={
                "enterprise": f.enterprise(name="甲市期满合同有限公司"),
                "title": "2022年度集体合同",
                "starts_on": dt.date(2022, 1, 1),
                "ends_on": dt.date(2024, 12, 31),
                "filing_number": "甲工集备〔2022〕5号",
            }
        )
    body = _check(
        client_a, number=contract.filing_number, code=contract.verification_code
    ).content.decode()
    assert "该合同今日不在有效期内" in body
    assert "合同期限已于2024-12-31届满" in body


def test_a_contract_whose_term_has_not_begun_is_not_said_to_be_no_longer_in_force(client_a, fed_a):
    # Filed before its first day (the usual case: approved, filed, in force next month). The
    # Chinese verdict read "已不在有效期内" (no longer in force) before the term had even begun.
    with context.federation_context(fed_a):
        start = timezone.localdate() + dt.timedelta(days=30)
        contract, _ = services.contract_register_existing(
            data={
                "enterprise": f.enterprise(name="甲市未生效合同有限公司"),
                "title": "2027年度集体合同",
                "starts_on": start,
                "ends_on": start + dt.timedelta(days=3 * 365),
                "filing_number": "甲工集备〔2026〕77号",
            }
        )
    body = _check(
        client_a, number=contract.filing_number, code=contract.verification_code
    ).content.decode()
    assert "该合同今日不在有效期内" in body
    assert "合同期限尚未开始" in body
    assert "已不在" not in body


def test_the_page_speaks_english_when_the_visitor_chose_it(client_a, fed_a):
    contract = _filed(fed_a, name="甲市英文查验有限公司")
    client_a.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = _check(
        client_a, number=contract.filing_number, code=contract.verification_code
    ).content.decode()
    assert "The receipt is genuine" in body
    assert "The contract is in force today." in body
    assert "Filing number" in body
    body = _check(client_a, number=contract.filing_number, code="2345-6789-ABCD").content.decode()
    assert NEUTRAL_EN in body


def test_checks_are_limited_per_client_and_federation(client_a, client_b, fed_a, settings):
    settings.FILING_VERIFY_RATE_LIMIT = 2
    contract = _filed(fed_a, name="甲市限流查验有限公司")
    client_a.get("/verify/")  # the empty form is not a check
    answers = [
        _check(client_a, number=contract.filing_number, code=contract.verification_code)
        for _ in range(3)
    ]
    assert [r.status_code for r in answers] == [200, 200, 429]
    assert int(answers[2]["Retry-After"]) >= 1
    refused = answers[2].content.decode()
    assert "查验过于频繁" in refused and "甲市限流查验有限公司" not in refused
    assert _check(client_b, number="乙工集备〔2026〕1号", code="2345-6789-ABCD").status_code == 200
