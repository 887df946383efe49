"""R40: the committee publishes a check's shortlist as a public notice on the federation's site
for at least five working days; only published notices whose period has begun are public, and
only on their own federation's host. The page names enterprises, never people."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import timezone

from compliance.models import AwardNotice, CalendarDay
from compliance.services.awards import (
    Nominee,
    eligibility_check,
    notice_publish,
    notice_update,
    notice_withdraw,
)
from tenants import context
from tests.conftest import PASSWORD, SPEC_A
from tests.factories import awards as a
from tests.factories import compliance as f
from tests.signin import sign_in

AS_OF = dt.date(2026, 11, 13)  # the check, the Friday before its notice
MONDAY, FRIDAY = dt.date(2026, 11, 16), dt.date(2026, 11, 20)
CONTACT = "公示期间如有异议，请向本会评审委员会办公室反映。"


def _run(*, vetoed: bool = True, as_of: dt.date = AS_OF):
    """A finished check with one eligible nominee and one without a union (vetoed)."""
    award = a.award("no_union")
    good = f.enterprise(name="甲市江畔粮油机械有限公司")
    nominees = [Nominee(good.credit_code, row=2)]
    if vetoed:
        bad = f.enterprise(name="甲市无工会有限公司", union_established=False, union_members=0)
        nominees.append(Nominee(bad.credit_code, row=3))
    return eligibility_check(award_id=award.pk, nominees=nominees, as_of=as_of), good


def _publish(run, start=MONDAY, end=FRIDAY, **extra):
    """Published on the check's date, as the committee would."""
    data = {
        "title": "2027年度五一劳动奖状拟推荐对象公示",
        "starts_on": start,
        "ends_on": end,
        "contact": CONTACT,
    }
    return notice_publish(run_id=run.pk, data={**data, **extra}, today=run.as_of)


@pytest.mark.usefixtures("english")
def test_a_notice_shorter_than_five_working_days_is_refused_with_the_end_date(in_a):
    run, _good = _run()
    with pytest.raises(ValidationError) as refused:
        _publish(run, end=dt.date(2026, 11, 19))
    assert "2026-11-20" in " ".join(refused.value.messages)
    assert not AwardNotice.objects.exists()


def test_a_notice_over_the_national_day_holidays_must_reach_past_them(in_a):
    run, _good = _run(as_of=dt.date(2026, 9, 25))
    with pytest.raises(ValidationError):
        _publish(run, start=dt.date(2026, 9, 28), end=dt.date(2026, 10, 8))
    notice = _publish(run, start=dt.date(2026, 9, 28), end=dt.date(2026, 10, 9))
    assert notice.history.get().history_type == "+"


def test_a_federation_may_ask_for_a_longer_notice(in_a):
    from compliance.models import RuleParameter

    parameter = RuleParameter.objects.get(key="award_notice")
    parameter.value = "7"
    parameter.save()
    run, _good = _run()
    with pytest.raises(ValidationError):
        _publish(run)  # five working days are not seven


@pytest.mark.usefixtures("english")
def test_a_shortlist_is_published_once_and_only_from_a_finished_check(in_a):
    run, _good = _run()
    _publish(run)
    with pytest.raises(ValidationError, match="already published"):
        _publish(run)
    nobody, _ent = _run(vetoed=False)
    nobody.eligible = 0  # a check where nobody is eligible
    nobody.save()
    with pytest.raises(ValidationError, match="no eligible nominee"):
        _publish(nobody)


def test_the_public_page_lists_eligible_nominees_only_with_the_period(client_a, fed_a):
    with context.federation_context(fed_a):
        run, good = _run()
        _publish(run, contact="联系电话：0454-0000000")
        notice = AwardNotice.objects.get()
    response = client_a.get(f"/notices/awards/{notice.pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert good.name in body and good.credit_code in body
    assert "甲市无工会有限公司" not in body  # vetoed nominees are not on the shortlist
    assert "2026-11-16" in body and "2026-11-20" in body
    assert "2027年度五一劳动奖状拟推荐对象公示" in client_a.get("/notices/awards/").content.decode()


def test_unpublished_future_and_withdrawn_notices_are_not_found(client_a, fed_a):
    with context.federation_context(fed_a):
        run, _good = _run()
        start = dt.date.today() + dt.timedelta(days=60)
        start -= dt.timedelta(days=start.weekday())  # a Monday, about two months ahead
        for year in {start.year, (start + dt.timedelta(days=11)).year}:  # load the calendar
            CalendarDay.objects.get_or_create(
                date=dt.date(year, 1, 1),
                defaults={"kind": "holiday", "name": "元旦", "covers_year": True},
            )
        future = _publish(run, start=start, end=start + dt.timedelta(days=11))
    assert client_a.get(f"/notices/awards/{future.pk}/").status_code == 404  # not begun
    assert "拟推荐对象公示" not in client_a.get("/notices/awards/").content.decode()
    with context.federation_context(fed_a):
        notice_withdraw(notice_id=future.pk)
        run2, _good = _run()
        current = _publish(run2)
    assert client_a.get(f"/notices/awards/{current.pk}/").status_code == 200
    with context.federation_context(fed_a):
        notice_withdraw(notice_id=current.pk)
        assert current.history.count() == 2
    assert client_a.get(f"/notices/awards/{current.pk}/").status_code == 404
    assert client_a.get("/notices/awards/999999/").status_code == 404


def test_another_federations_notice_is_not_found(client_a, client_b, fed_a):
    with context.federation_context(fed_a):
        run, good = _run()
        notice = _publish(run)
    assert client_a.get(f"/notices/awards/{notice.pk}/").status_code == 200
    response = client_b.get(f"/notices/awards/{notice.pk}/")
    assert response.status_code == 404 and good.name not in response.content.decode()
    assert good.name not in client_b.get("/notices/awards/").content.decode()


def test_the_public_page_shows_no_personal_data(client_a, fed_a):
    with context.federation_context(fed_a):
        run, _good = _run()
        user = get_user_model().objects.get(username=SPEC_A.admin_email)
        user.first_name, user.last_name = "晓燕", "刘"
        user.save()
        run.created_by = user
        run.save()
        notice = notice_publish(
            run_id=run.pk,
            data={"title": "公示", "starts_on": MONDAY, "ends_on": FRIDAY, "contact": CONTACT},
            user=user,
            today=MONDAY,
        )
    body = client_a.get(f"/notices/awards/{notice.pk}/").content.decode()
    assert "刘" not in body and SPEC_A.admin_email not in body
    assert "<th" in body and body.count("<tr>") == 2  # the header and one nominee


def _next_week() -> tuple[dt.date, dt.date]:
    """Monday and Friday of next week, with that year's working calendar loaded."""
    monday = timezone.localdate() + dt.timedelta(days=7 - timezone.localdate().weekday())
    CalendarDay.objects.get_or_create(
        date=dt.date(monday.year, 1, 1),
        defaults={"kind": "holiday", "name": "元旦", "covers_year": True},
    )
    return monday, monday + dt.timedelta(days=4)


def test_publishing_from_the_admin_refuses_a_short_period_then_publishes(admin_client, fed_a):
    with context.federation_context(fed_a):
        run, _good = _run()
        monday, friday = _next_week()
    url = f"/admin/eligibility_checks/publish/{run.pk}/"
    form = {"title": "公示", "starts_on": monday.isoformat(), "contact": CONTACT}
    short = admin_client.post(url, {**form, "ends_on": (monday + dt.timedelta(days=2)).isoformat()})
    assert short.status_code == 200 and friday.isoformat() in short.content.decode()
    response = admin_client.post(url, {**form, "ends_on": friday.isoformat()})
    assert response.status_code == 302
    with context.federation_context(fed_a):
        notice = AwardNotice.objects.get()
    page = admin_client.get(response["Location"]).content.decode()
    assert f"/notices/awards/{notice.pk}/" in page
    withdraw = f"/admin/award_notices/withdraw/{notice.pk}/"
    assert admin_client.get(withdraw).status_code == 200  # a confirmation, not a one-click button
    assert admin_client.post(withdraw, {"reason": ""}).status_code == 200  # a reason is required
    with context.federation_context(fed_a):
        notice.refresh_from_db()
        assert notice.status == "published"
    admin_client.post(withdraw, {"reason": "推荐名单有误，重新核查后再公示"})
    with context.federation_context(fed_a):
        notice.refresh_from_db()
        assert notice.status == "withdrawn"
        assert notice.history.first().history_change_reason == "推荐名单有误，重新核查后再公示"
    assert admin_client.get(f"/notices/awards/{notice.pk}/").status_code == 404


@pytest.mark.usefixtures("english")
def test_a_notice_is_published_forward_with_an_objection_contact(in_a):
    """Regression: a notice was accepted with its whole window past, starting before its check,
    and without saying where to object (R40)."""
    run, _good = _run()
    with pytest.raises(ValidationError) as before_check:
        _publish(run, start=dt.date(2026, 11, 9), end=dt.date(2026, 11, 13))
    assert "before its eligibility check's date (2026-11-13)" in str(before_check.value)
    with pytest.raises(ValidationError) as backdated:
        notice_publish(
            run_id=run.pk,
            data={"title": "公示", "starts_on": MONDAY, "ends_on": FRIDAY, "contact": CONTACT},
            today=dt.date(2026, 11, 25),
        )
    assert "cannot start in the past (before 2026-11-25)" in str(backdated.value)
    with pytest.raises(ValidationError) as silent:
        _publish(run, contact="")
    assert "where and how an objection can be raised" in str(silent.value)
    assert not AwardNotice.objects.exists()
    notice = _publish(run)  # from its check's date on, with a contact
    corrected = notice_update(
        notice_id=notice.pk,
        data={"title": "更正后的公示"},
        reason="标题有误",
        today=dt.date(2026, 11, 18),
    )
    assert corrected.title == "更正后的公示"  # a running notice keeps its start when corrected


def test_readers_cannot_publish_or_withdraw(client_a, fed_a):
    from django.contrib.auth.models import Group

    with context.federation_context(fed_a):
        run, _good = _run()
        notice = _publish(run)
        user = get_user_model().objects.create_user(username="sup@a.test", password=PASSWORD)
        user.groups.add(Group.objects.get(name="劳动法律监督员"))
    sign_in(client_a, "sup@a.test")
    assert client_a.get(f"/admin/eligibility_checks/publish/{run.pk}/").status_code in (302, 403)
    client_a.post(f"/admin/award_notices/withdraw/{notice.pk}/")
    with context.federation_context(fed_a):
        notice.refresh_from_db()
    assert notice.status == "published"


def test_the_correction_form_says_the_earliest_end_and_lands_on_the_notice(admin_client, fed_a):
    """Regression: correcting a notice gave no hint of the earliest lawful end (the publish form
    does) and then landed on the list, away from the notice just corrected."""
    with context.federation_context(fed_a):
        run, _good = _run()
        monday, friday = _next_week()
        notice = notice_publish(
            run_id=run.pk,
            data={"title": "公示", "starts_on": monday, "ends_on": friday, "contact": CONTACT},
        )
    url = f"/admin/award_notices/edit/{notice.pk}/"
    page = admin_client.get(url).content.decode()
    assert f"自{monday.isoformat()}起公示的，最早截止日期为{friday.isoformat()}。" in page
    form = {
        "title": "公示（更正）",
        "starts_on": monday.isoformat(),
        "ends_on": (friday + dt.timedelta(days=7)).isoformat(),
        "contact": CONTACT,
        "change_reason": "延长公示期",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302
    assert response["Location"] == f"/admin/award_notices/inspect/{notice.pk}/"


def test_a_backdated_correction_returns_to_the_form_in_chinese(admin_client, fed_a):
    """Regression: a correction the service refused (a start in the past) was a server error
    (500): Wagtail's form_invalid read an attribute set only for an invalid form."""
    with context.federation_context(fed_a):
        run, _good = _run()
        monday, friday = _next_week()
        notice = notice_publish(
            run_id=run.pk,
            data={"title": "公示", "starts_on": monday, "ends_on": friday, "contact": CONTACT},
        )
    today = timezone.localdate()
    form = {
        "title": "公示",
        "starts_on": (today - dt.timedelta(days=1)).isoformat(),
        "ends_on": friday.isoformat(),
        "contact": CONTACT,
        "change_reason": "调整公示日期",
    }
    response = admin_client.post(f"/admin/award_notices/edit/{notice.pk}/", form)
    assert response.status_code == 200
    assert f"公示开始日期不得早于今天（{today.isoformat()}）" in response.content.decode()
