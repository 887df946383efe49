"""Every direct edit of a record asks why, and the answer is the history row's change reason
(issue 15, item 9); creating a record asks nothing."""

from __future__ import annotations

import datetime as dt
import inspect

import pytest
from django import forms
from django.contrib.auth import get_user_model
from wagtail.admin.viewsets import viewsets
from wagtail.users.models import UserProfile

from compliance.backoffice.common import (
    ChangeReasonMixin,
    InspectRedirectView,
    with_change_reason,
)
from compliance.models import (
    CalendarDay,
    Campaign,
    Clause,
    Enterprise,
    Instructor,
    LetterTemplate,
    ModelClause,
    RuleParameter,
    ViolationRecord,
)
from tenants import context
from tests.conftest import SPEC_A
from tests.factories import awards as a
from tests.factories import compliance as f
from tests.factories.notices import published_contract

REQUIRED = "请填写修改原因：修改原因将记入该记录的历史。"


def _viewset(name: str):
    return next(v for v in viewsets.viewsets if getattr(v, "name", None) == name)


def _posted(form) -> dict:
    """What a browser posts for `form` as it is shown: every field with its current value."""
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        if isinstance(field.widget, forms.CheckboxInput):
            if value:
                data[name] = "on"
            continue
        shown = field.widget.format_value(value)
        if isinstance(shown, list):
            shown = shown[0] if shown else ""
        data[name] = "" if shown is None else shown
    return data


def _edit_form_data(viewset_name: str, obj) -> dict:
    form_class = with_change_reason(_viewset(viewset_name).get_form_class(for_update=True))
    kwargs = {"instance": obj}
    if "for_user" in inspect.signature(form_class.__init__).parameters:
        kwargs["for_user"] = None
    return _posted(form_class(**kwargs))


def _enterprise():
    return f.enterprise(name="甲市松江机械有限公司"), {"employees": "321"}


def _contract():
    return published_contract(), {"title": "修订后的集体合同"}


def _parameter():
    return RuleParameter.objects.get(key="reminder_self_check"), {"source": "省总工会新规定"}


def _award():
    return a.award(name="五一劳动奖章"), {"name": "五一劳动奖状"}


def _violation():
    record = ViolationRecord.objects.create(
        enterprise=f.enterprise(), kind="wage_arrears", occurred_on=dt.date(2026, 2, 1)
    )
    return record, {"description": "拖欠工资三个月"}


def _calendar_day():
    day = CalendarDay.objects.create(date=dt.date(2026, 12, 25), kind="holiday", name="休息日")
    return day, {"name": "调休日"}


def _campaign():
    campaign = Campaign.objects.create(
        name="要约行动", starts_on=dt.date(2027, 3, 1), ends_on=dt.date(2027, 3, 31)
    )
    return campaign, {"name": "春季要约行动"}


def _instructor():
    return Instructor.objects.create(name="张建国"), {"organisation": "市总工会法律部"}


def _department():
    from compliance.models import Department

    return Department.objects.create(name="某区人力资源和社会保障局"), {
        "name": "某区人力资源和社会保障局劳动关系科"
    }


def _model_clause():
    clause = ModelClause.objects.create(
        kind="comprehensive", order=1, topic="wages", text="企业应当建立工资集体协商制度。"
    )
    return clause, {"text": "企业应当建立工资集体协商制度，每年至少协商一次。"}


def _letter_template():
    return LetterTemplate.objects.get(kind="reminder"), {"title": "劳动法律监督提示函（更正）"}


def _visit():
    from compliance.models import InstructorVisit

    visit = InstructorVisit.objects.create(
        instructor=Instructor.objects.create(name="周敏"),
        enterprise=f.enterprise(),
        visited_on=dt.date(2026, 3, 3),
        topic="要约准备",
        outcome="工会已起草要约书",
    )
    return visit, {"topic": "要约准备和职工诉求"}


def _training_given():
    from compliance.models import InstructorTraining

    training = InstructorTraining.objects.create(
        instructor=Instructor.objects.create(name="周敏"),
        held_on=dt.date(2026, 3, 3),
        topic="要约书写作",
        audience="工会主席",
        attendees=20,
    )
    return training, {"attendees": "22"}


def _assessment():
    from compliance.models import InstructorAssessment

    assessment = InstructorAssessment.objects.create(
        instructor=Instructor.objects.create(name="周敏"),
        year=2025,
        grade="competent",
        comment="完成任务",
        assessed_on=dt.date(2026, 1, 5),
    )
    return assessment, {"comment": "完成任务，走访记录完整"}


def _session():
    from compliance.models import NegotiatorTraining

    session = NegotiatorTraining.objects.create(
        held_on=dt.date(2026, 3, 3), topic="协商代表培训", organiser="市总工会", hours=8
    )
    return session, {"organiser": "市总工会法律工作部"}


def _certificate():
    from compliance.models import Certificate, NegotiatorTraining, TrainingAttendee

    session = NegotiatorTraining.objects.create(
        held_on=dt.date(2026, 3, 3), topic="协商代表培训", organiser="市总工会", hours=8
    )
    attendee = TrainingAttendee.objects.create(training=session, name="孙红梅")
    certificate = Certificate.objects.create(
        attendee=attendee,
        number="XS-1",
        issued_on=dt.date(2026, 3, 10),
        expires_on=dt.date(2029, 3, 9),
    )
    return certificate, {"expires_on": "2029-03-10"}


def _expert():
    from compliance.models import Expert

    expert = Expert.objects.create(name="王立群", expertise="工资分配", organisation="社科院")
    return expert, {"contact": "0454-8660 2231"}


def _consultation():
    from compliance.models import Consultation, Expert

    consultation = Consultation.objects.create(
        expert=Expert.objects.create(name="王立群", expertise="工资分配", organisation="社科院"),
        given_on=dt.date(2026, 3, 3),
        enterprise=f.enterprise(),
        topic="工资增幅",
        advice="不低于6%",
    )
    return consultation, {"advice": "不低于6%，与利润增幅挂钩"}


def _survey():
    from compliance.services.pipeline import survey_save

    survey = survey_save(
        survey=None,
        data={
            "enterprise": f.enterprise(),
            "year": 2026,
            "category": "unwilling",
            "reasons": ["cost"],
            "surveyed_on": dt.date(2026, 3, 2),
            "surveyed_by": "张明",
        },
        reason="test",
    )
    return survey, {"surveyed_by": "李华"}


def _intent():
    from compliance.services.pipeline import intent_save

    intent = intent_save(
        intent=None,
        data={"enterprise": f.enterprise(), "year": 2026, "planned_month": 12},
        reason="test",
    )
    return intent, {"notes": "计划十二月发出要约"}


# Each viewset's edit form: the record it edits and one change to it (the notice's correction
# form: tests/compliance/public/test_award_notices.py).
EDITS = {
    "enterprises": _enterprise,
    "contracts": _contract,
    "rule_profile": _parameter,
    "awards": _award,
    "violation_records": _violation,
    "holiday_calendar": _calendar_day,
    "campaigns": _campaign,
    "instructors": _instructor,
    "letter_templates": _letter_template,
    "model_texts": _model_clause,
    "departments": _department,
    "instructor_visits": _visit,
    "instructor_trainings": _training_given,
    "instructor_assessments": _assessment,
    "negotiator_trainings": _session,
    "certificates": _certificate,
    "experts": _expert,
    "consultations": _consultation,
    "baseline_survey": _survey,
    "bargaining_intents": _intent,
}


def test_every_edit_view_of_the_back_office_asks_for_a_reason():
    """A new edit view that saved without asking would be found here. Views that only send the
    person elsewhere (to the record's page or steps, or to the contract's clause form) ask
    nothing."""
    from compliance.backoffice.menu import PROCEDURES

    registered = [v for group in PROCEDURES for v in getattr(group(), "registerables", ())]
    asking, elsewhere = set(), set()
    for viewset in registered:
        view = getattr(viewset, "edit_view_class", None)
        if view is None:
            continue
        if issubclass(view, ChangeReasonMixin):
            asking.add(viewset.name)
        else:
            assert issubclass(view, InspectRedirectView) or view.__name__ in {
                "OnContractPage",
                "RefuseView",
            }, viewset.name
            elsewhere.add(viewset.name)
    assert asking == {*EDITS, "award_notices"}
    assert "clauses" in elsewhere  # edited on its contract's page (test below)


@pytest.mark.parametrize("name", sorted(EDITS))
def test_an_edit_without_a_reason_is_refused_and_with_one_the_history_keeps_it(
    admin_client, fed_a, name
):
    with context.federation_context(fed_a):
        obj, change = EDITS[name]()
        data = _edit_form_data(name, obj)
        rows = obj.history.count()
    url = f"/admin/{name}/edit/{obj.pk}/"
    page = admin_client.get(url).content.decode()
    assert "修改原因" in page and 'name="change_reason"' in page
    assert 'maxlength="100"' in page.split('name="change_reason"')[1].split(">")[0]

    for empty in ("", "   "):
        refused = admin_client.post(url, {**data, **change, "change_reason": empty})
        assert refused.status_code == 200, name
        assert REQUIRED in refused.content.decode(), name
    with context.federation_context(fed_a):
        assert obj.history.count() == rows  # nothing saved

    reason = "核对原始材料后更正"
    saved = admin_client.post(url, {**data, **change, "change_reason": reason})
    assert saved.status_code == 302, saved.content.decode()[:3000]
    with context.federation_context(fed_a):
        last = obj.history.order_by("-history_id").first()
        assert obj.history.count() == rows + 1
        assert (last.history_type, last.history_change_reason) == ("~", reason)
        assert last.history_user.username == SPEC_A.admin_email
        field, value = next(iter(change.items()))
        assert str(getattr(last, field)) == value
    history = admin_client.get(f"/admin/{name}/inspect/{obj.pk}/").content.decode()
    assert f"已修改: {reason}" in history


def test_the_history_page_shows_the_reason_beside_the_change(admin_client, fed_a):
    with context.federation_context(fed_a):
        ent, change = _enterprise()
        data = _edit_form_data("enterprises", ent)
    url = f"/admin/enterprises/edit/{ent.pk}/"
    reason = "年报更新职工人数"
    assert admin_client.post(url, {**data, **change, "change_reason": reason}).status_code == 302
    page = admin_client.get(f"/admin/enterprises/inspect/{ent.pk}/").content.decode()
    history = page[page.index('id="history-heading"') :]
    row = next(row for row in history.split("<tr>") if reason in row)
    assert f"已修改: {reason}" in row and "职工人数: 150 → 321" in row


def test_creating_a_record_asks_no_reason_and_says_it_was_entered(admin_client, fed_a):
    page = admin_client.get("/admin/enterprises/new/").content.decode()
    assert 'name="change_reason"' not in page
    response = admin_client.post(
        "/admin/enterprises/new/",
        {
            "credit_code": f.credit_code(),
            "name": "新录入有限公司",
            "industry": "C",
            "region_code": "230803",
            "ownership": "private",
            "employees": "10",
            "union_members": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:800]
    with context.federation_context(fed_a):
        row = Enterprise.history.get(name="新录入有限公司")
    assert row.history_change_reason == "通过后台录入"


def test_a_clause_edit_asks_why_and_its_history_keeps_it(admin_client, fed_a):
    with context.federation_context(fed_a):
        contract = published_contract()
        clause = contract.clauses.get(order=1)
    url = f"/admin/contracts/clauses/edit/{clause.pk}/"
    page = admin_client.get(url).content.decode()
    assert "修改原因" in page and 'name="change_reason"' in page
    data = {"order": "1", "topic": "wages", "text": "工资年增幅不低于7%。"}
    refused = admin_client.post(url, data)
    assert refused.status_code == 200 and REQUIRED in refused.content.decode()
    with context.federation_context(fed_a):
        assert Clause.objects.get(pk=clause.pk).text != data["text"]
    saved = admin_client.post(url, {**data, "change_reason": "按职代会决议调整增幅"})
    assert saved.status_code == 302
    with context.federation_context(fed_a):
        last = Clause.history.filter(id=clause.pk).latest("history_id")
    assert (last.text, last.history_change_reason) == (data["text"], "按职代会决议调整增幅")
    history = admin_client.get(f"/admin/clauses/inspect/{clause.pk}/").content.decode()
    assert "按职代会决议调整增幅" in history
    add = admin_client.get(f"/admin/contracts/clauses/{contract.pk}/add/").content.decode()
    assert 'name="change_reason"' not in add  # a new clause was entered, not changed


def test_a_reason_longer_than_the_history_holds_is_refused_not_cut(admin_client, fed_a):
    with context.federation_context(fed_a):
        obj, change = _parameter()
        data = _edit_form_data("rule_profile", obj)
    response = admin_client.post(
        f"/admin/rule_profile/edit/{obj.pk}/", {**data, **change, "change_reason": "因" * 101}
    )
    assert response.status_code == 200
    assert "不超过 100 字符" in response.content.decode()


def test_the_reason_is_asked_for_in_english_for_an_english_user(admin_client, fed_a):
    with context.federation_context(fed_a):
        profile = UserProfile.get_for_user(
            get_user_model().objects.get(username=SPEC_A.admin_email)
        )
        profile.preferred_language = "en"
        profile.save()
        obj, change = _instructor()
        data = _edit_form_data("instructors", obj)
    url = f"/admin/instructors/edit/{obj.pk}/"
    assert "Reason for the change" in admin_client.get(url).content.decode()
    refused = admin_client.post(url, {**data, **change, "change_reason": ""})
    assert "Say why you change this record: the reason is kept in its history." in (
        refused.content.decode()
    )
