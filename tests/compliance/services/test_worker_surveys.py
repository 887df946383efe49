"""Workers' voice (issue 18 item 8): a survey opens only for a contract in force, once at a time;
one-time codes are kept as hashes and answer once; a reused or foreign code, a closed survey or a
contract no longer in force is refused with a message and records nothing; inspections are
checked and keep their history."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from compliance.models import (
    Contract,
    RepresentativeInspection,
    SurveyAnswer,
    SurveyCode,
    WorkerSurvey,
)
from compliance.rules.worker_surveys import code_hash
from compliance.services.contracts import contract_register_existing
from compliance.services.worker_surveys import (
    SurveyRefused,
    inspection_record,
    survey_answer_submit,
    survey_close,
    survey_codes_issue,
    survey_open,
)
from tests.factories.compliance import enterprise
from tests.factories.users import user_with_permissions

pytestmark = pytest.mark.usefixtures("in_a")
TODAY = dt.date(2026, 3, 2)


def _contract(name="甲企业有限公司", ends_on=dt.date(2027, 12, 31)):
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
def clerk():
    return user_with_permissions("clerk@a.test", "change_contract", "view_contract")


def _answer(survey, code, **kwargs):
    values = {
        "token": survey.token,
        "code": code,
        "knows_contract": True,
        "topics": set(),
        "bargaining": "satisfied",
        "result": "basically",
        "today": TODAY,
    }
    values.update(kwargs)
    return survey_answer_submit(**values)


def test_a_survey_opens_for_a_contract_in_force_with_history(clerk):
    contract = _contract()
    survey = survey_open(contract_id=contract.pk, mode="codes", user=clerk, today=TODAY)
    assert survey.status == "open" and survey.token and not survey.shared_code
    row = survey.history.get()
    assert row.history_user == clerk and row.history_change_reason


def test_a_second_open_survey_is_refused(clerk):
    contract = _contract()
    survey_open(contract_id=contract.pk, mode="codes", user=clerk, today=TODAY)
    with pytest.raises(ValidationError, match=r"already has an open survey|已有"):
        survey_open(contract_id=contract.pk, mode="shared", user=clerk, today=TODAY)


def test_a_contract_not_in_force_cannot_be_surveyed(clerk):
    contract = _contract(ends_on=dt.date(2025, 12, 31))
    assert contract.status == Contract.Status.EXPIRED
    with pytest.raises(ValidationError):
        survey_open(contract_id=contract.pk, mode="codes", user=clerk, today=TODAY)
    assert not WorkerSurvey.objects.exists()


def test_codes_are_stored_as_hashes_only(clerk):
    survey = survey_open(contract_id=_contract().pk, mode="codes", user=clerk, today=TODAY)
    codes = survey_codes_issue(survey_id=survey.pk, count=5, user=clerk)
    assert len(set(codes)) == 5
    stored = set(SurveyCode.objects.values_list("code_hash", flat=True))
    assert stored == {code_hash(code=c, survey_key=survey.token) for c in codes}
    assert not stored & set(codes)
    survey.refresh_from_db()
    assert survey.codes_issued == 5


def test_too_many_codes_or_a_shared_survey_take_no_sheet(clerk):
    survey = survey_open(contract_id=_contract().pk, mode="codes", user=clerk, today=TODAY)
    with pytest.raises(ValidationError):
        survey_codes_issue(survey_id=survey.pk, count=2001, user=clerk)
    shared = survey_open(contract_id=_contract("乙企业").pk, mode="shared", user=clerk, today=TODAY)
    with pytest.raises(ValidationError):
        survey_codes_issue(survey_id=shared.pk, count=3, user=clerk)
    assert not SurveyCode.objects.exists()


def test_a_code_answers_once(clerk):
    survey = survey_open(contract_id=_contract().pk, mode="codes", user=clerk, today=TODAY)
    code = survey_codes_issue(survey_id=survey.pk, count=1, user=clerk)[0]
    answer = _answer(survey, code.lower())
    assert answer.knows_contract and answer.answered_on == TODAY
    assert SurveyCode.objects.get().used
    with pytest.raises(SurveyRefused) as refused:
        _answer(survey, code)
    assert refused.value.code == "used_code"
    assert SurveyAnswer.objects.count() == 1


def test_a_foreign_code_is_refused_and_records_nothing(clerk):
    mine = survey_open(contract_id=_contract().pk, mode="codes", user=clerk, today=TODAY)
    other = survey_open(contract_id=_contract("乙企业").pk, mode="codes", user=clerk, today=TODAY)
    foreign = survey_codes_issue(survey_id=other.pk, count=1, user=clerk)[0]
    with pytest.raises(SurveyRefused) as refused:
        _answer(mine, foreign)
    assert refused.value.code == "bad_code"
    with pytest.raises(SurveyRefused):
        _answer(mine, "not a code")
    assert not SurveyAnswer.objects.exists()
    assert not SurveyCode.objects.filter(used=True).exists()


def test_a_closed_survey_takes_no_answer(clerk):
    survey = survey_open(contract_id=_contract().pk, mode="codes", user=clerk, today=TODAY)
    code = survey_codes_issue(survey_id=survey.pk, count=1, user=clerk)[0]
    survey_close(survey_id=survey.pk, user=clerk, today=TODAY, reason="测评结束")
    with pytest.raises(SurveyRefused) as refused:
        _answer(survey, code)
    assert refused.value.code == "closed"
    assert not SurveyAnswer.objects.exists() and not SurveyCode.objects.get().used
    with pytest.raises(ValidationError):
        survey_close(survey_id=survey.pk, user=clerk, today=TODAY, reason="again")


def test_a_contract_no_longer_in_force_takes_no_answer(clerk):
    contract = _contract(ends_on=dt.date(2026, 6, 30))
    survey = survey_open(contract_id=contract.pk, mode="codes", user=clerk, today=TODAY)
    code = survey_codes_issue(survey_id=survey.pk, count=1, user=clerk)[0]
    with pytest.raises(SurveyRefused) as refused:
        _answer(survey, code, today=dt.date(2026, 7, 1))
    assert refused.value.code == "not_in_force"
    assert not SurveyAnswer.objects.exists()


def test_the_shared_code_answers_and_a_wrong_one_does_not(clerk):
    survey = survey_open(contract_id=_contract().pk, mode="shared", user=clerk, today=TODAY)
    _answer(survey, survey.shared_code)
    _answer(survey, survey.shared_code, knows_contract=False)
    with pytest.raises(SurveyRefused):
        _answer(survey, "ABCDE-FGHJK" if survey.shared_code != "ABCDE-FGHJK" else "BBCDE-FGHJK")
    assert SurveyAnswer.objects.count() == 2


def test_the_terms_are_quizzed_against_the_clauses(clerk):
    contract = _contract()
    contract.clauses.create(order=1, topic="wages", text="工资")
    contract.clauses.create(order=2, topic="safety", text="安全")
    survey = survey_open(contract_id=contract.pk, mode="shared", user=clerk, today=TODAY)
    answer = _answer(survey, survey.shared_code, topics={"wages", "hours"})
    # 7 topics asked (all but "other"): wages right, hours wrong, safety missed, 4 right blanks.
    assert (answer.terms_asked, answer.terms_right) == (7, 5)


def test_an_answer_keeps_nothing_that_identifies_the_worker():
    names = {field.name for field in SurveyAnswer._meta.get_fields()}
    assert names == {
        "id",
        "survey",
        "answered_on",
        "knows_contract",
        "terms_asked",
        "terms_right",
        "bargaining",
        "result",
    }
    assert {field.name for field in SurveyCode._meta.get_fields()} == {
        "id",
        "survey",
        "code_hash",
        "used",
    }


def test_an_inspection_is_recorded_with_history(clerk):
    contract = _contract()
    data = {
        "inspected_on": TODAY,
        "representatives": "王芳、李强",
        "subject": "工资支付和加班安排",
        "findings": "二月工资按时足额发放；个别班组加班未经协商。",
        "follow_up": "工会已向企业提出书面意见。",
    }
    inspection = inspection_record(contract_id=contract.pk, data=data, user=clerk, today=TODAY)
    assert inspection.history.get().history_user == clerk
    with pytest.raises(ValidationError):
        inspection_record(
            contract_id=contract.pk,
            data={**data, "inspected_on": TODAY + dt.timedelta(days=1)},
            user=clerk,
            today=TODAY,
        )
    with pytest.raises(ValidationError):
        inspection_record(
            contract_id=contract.pk,
            data={**data, "inspected_on": dt.date(2024, 12, 31)},
            user=clerk,
            today=TODAY,
        )
    assert RepresentativeInspection.objects.count() == 1
