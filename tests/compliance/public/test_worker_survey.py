"""The workers' survey on the public site and in the enterprise area (issue 18 item 8): a worker
answers with a code and reads the thank-you page; a reused or foreign code, a flood from one
address, a closed survey or a contract not in force gets a message and records nothing; the
enterprise opens a survey, prints its poster and code sheet (read back from the PDF), and never
reaches another enterprise's contract."""

from __future__ import annotations

import datetime as dt
import io
import re

import pypdf
import pytest
from django.core.cache import cache

from compliance.models import SurveyAnswer, SurveyCode, WorkerSurvey
from compliance.services.contracts import contract_register_existing
from compliance.services.worker_surveys import survey_close, survey_codes_issue, survey_open
from tenants import context
from tests.factories.compliance import enterprise
from tests.factories.enterprise_accounts import enterprise_user
from tests.signin import force_sign_in

USED_ZH = "这个测评码已经使用过"
FOREIGN_ZH = "这不是本次测评的测评码"
CLOSED_ZH = "本次测评已结束"
FLOOD_ZH = "您所在网络的尝试次数过多"


@pytest.fixture(autouse=True)
def _fresh_budget():
    cache.clear()


def _contract(name="甲企业有限公司", ends_on=dt.date(2030, 12, 31)):
    return contract_register_existing(
        data={
            "enterprise": enterprise(name=name),
            "title": f"{name}集体合同",
            "starts_on": dt.date(2025, 1, 1),
            "ends_on": ends_on,
            "as_of": dt.date(2026, 3, 1),
        }
    )[0]


@pytest.fixture
def coded(fed_a):
    with context.federation_context(fed_a):
        contract = _contract()
        survey = survey_open(
            contract_id=contract.pk, mode="codes", user=None, today=contract.starts_on
        )
        codes = survey_codes_issue(survey_id=survey.pk, count=3, user=None)
    return survey, codes


def _post(client, survey, code, **extra):
    data = {"code": code, "knows": "yes", "bargaining": "satisfied", "result": "basically"}
    data.update(extra)
    return client.post(f"/survey/{survey.token}/", data)


def _count(fed):
    with context.federation_context(fed):
        return SurveyAnswer.objects.count()


def test_the_page_is_phone_first_and_never_indexed(client_a, fed_a, coded):
    survey, _codes = coded
    response = client_a.get(f"/survey/{survey.token}/")
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    assert response["Referrer-Policy"] == "same-origin"
    assert "甲企业有限公司集体合同" in response.content.decode()
    assert client_a.get("/survey/no-such-token/").status_code == 404


def test_a_worker_answers_once_with_a_code(client_a, fed_a, coded):
    survey, codes = coded
    response = _post(client_a, survey, codes[0])
    assert response.status_code == 302
    thanks = client_a.get(response["Location"]).content.decode()
    assert "您的回答已记录" in thanks
    assert _count(fed_a) == 1
    again = _post(client_a, survey, codes[0], knows="no")
    assert again.status_code == 400
    assert USED_ZH in again.content.decode()
    assert _count(fed_a) == 1


def test_a_foreign_code_or_another_federations_survey_records_nothing(
    client_a, client_b, fed_a, fed_b, coded
):
    survey, codes = coded
    with context.federation_context(fed_b):
        other = survey_open(contract_id=_contract().pk, mode="codes", user=None,
                            today=dt.date(2026, 3, 2))  # fmt: skip
        foreign = survey_codes_issue(survey_id=other.pk, count=1, user=None)[0]
    response = _post(client_a, survey, foreign)
    assert response.status_code == 400 and FOREIGN_ZH in response.content.decode()
    # B's survey is not on A's site, and A's code does not answer on B's.
    assert client_a.get(f"/survey/{other.token}/").status_code == 404
    assert _post(client_b, other, codes[0]).status_code == 400
    assert _count(fed_a) == 0 and _count(fed_b) == 0


def test_a_flood_from_one_address_is_refused(client_a, fed_a, coded, settings):
    settings.WORKER_SURVEY_RATE_LIMIT = 2
    survey, codes = coded
    assert _post(client_a, survey, "AAAAA-AAAAA").status_code == 400
    assert _post(client_a, survey, "BBBBB-BBBBB").status_code == 400
    flooded = _post(client_a, survey, codes[0])
    assert flooded.status_code == 429 and flooded["Retry-After"]
    assert FLOOD_ZH in flooded.content.decode()
    assert _count(fed_a) == 0
    with context.federation_context(fed_a):
        assert not SurveyCode.objects.filter(used=True).exists()


def test_a_closed_survey_says_so(client_a, fed_a, coded):
    survey, codes = coded
    with context.federation_context(fed_a):
        survey_close(survey_id=survey.pk, user=None, today=dt.date(2026, 3, 3), reason="结束")
    page = client_a.get(f"/survey/{survey.token}/").content.decode()
    assert CLOSED_ZH in page and 'name="code"' not in page
    response = _post(client_a, survey, codes[0])
    assert response.status_code == 400 and CLOSED_ZH in response.content.decode()
    assert _count(fed_a) == 0


def test_the_shared_code_marks_the_phone_that_answered(client_a, fed_a):
    with context.federation_context(fed_a):
        survey = survey_open(contract_id=_contract().pk, mode="shared", user=None,
                             today=dt.date(2026, 3, 2))  # fmt: skip
    assert _post(client_a, survey, survey.shared_code).status_code == 302
    again = _post(client_a, survey, survey.shared_code)
    assert again.status_code == 400 and "已经从这部手机提交过" in again.content.decode()
    assert _count(fed_a) == 1


def test_a_missing_answer_is_asked_for_and_records_nothing(client_a, fed_a, coded):
    survey, codes = coded
    response = _post(client_a, survey, codes[0], result="")
    assert response.status_code == 400
    assert _count(fed_a) == 0
    with context.federation_context(fed_a):
        assert not SurveyCode.objects.filter(used=True).exists()


# --- the enterprise area ------------------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "".join("".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def two(fed_a):
    with context.federation_context(fed_a):
        out = {}
        for key, name in (("a", "甲企业有限公司"), ("b", "乙企业有限公司")):
            ent = enterprise(name=name)
            out[key] = {
                "user": enterprise_user(ent, side="union")[0],
                "contract": contract_register_existing(
                    data={
                        "enterprise": ent,
                        "title": f"{name}集体合同",
                        "starts_on": dt.date(2025, 1, 1),
                        "ends_on": dt.date(2030, 12, 31),
                        "as_of": dt.date(2026, 3, 1),
                    }
                )[0],
            }
    return out


def test_the_enterprise_opens_a_survey_and_prints_poster_and_codes(client_a, fed_a, two):
    with context.federation_context(fed_a):
        force_sign_in(client_a, two["a"]["user"])
    mine = two["a"]["contract"]
    page = client_a.get("/enterprise/surveys/").content.decode()
    assert mine.title in page and two["b"]["contract"].title not in page
    opened = client_a.post(f"/enterprise/surveys/open/{mine.pk}/", {"mode": "codes"})
    assert opened.status_code == 302
    with context.federation_context(fed_a):
        survey = WorkerSurvey.objects.get(contract=mine)
    poster = client_a.get(f"/enterprise/surveys/{survey.pk}/poster.pdf")
    assert poster["Content-Type"] == "application/pdf"
    text = _pdf_text(poster.content)
    assert f"http://a.test/survey/{survey.token}/" in text and "甲企业有限公司" in text
    sheet = client_a.post(f"/enterprise/surveys/{survey.pk}/codes/", {"count": "30"})
    assert sheet["Content-Type"] == "application/pdf" and "no-store" in sheet["Cache-Control"]
    codes = re.findall(r"[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}", _pdf_text(sheet.content))
    assert len(set(codes)) == 30
    client = client_a.__class__(HTTP_HOST="a.test")
    assert _post(client, survey, codes[7]).status_code == 302
    assert "1" in client_a.get("/enterprise/surveys/").content.decode()


def test_another_enterprises_contract_and_survey_are_404(client_a, fed_a, two):
    with context.federation_context(fed_a):
        force_sign_in(client_a, two["a"]["user"])
        theirs = survey_open(
            contract_id=two["b"]["contract"].pk, mode="codes", user=None,
            today=dt.date(2026, 3, 2),
        )  # fmt: skip
    assert (
        client_a.post(
            f"/enterprise/surveys/open/{two['b']['contract'].pk}/", {"mode": "codes"}
        ).status_code
        == 404
    )
    assert client_a.get(f"/enterprise/surveys/{theirs.pk}/poster.pdf").status_code == 404
    assert (
        client_a.post(f"/enterprise/surveys/{theirs.pk}/codes/", {"count": "3"}).status_code == 404
    )
    with context.federation_context(fed_a):
        assert not SurveyCode.objects.exists()
