"""The back office in the Wagtail admin: pages render, permissions hold, queries stay flat."""

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tenants import context
from tests.conftest import PASSWORD, SPEC_A
from tests.signin import sign_in


def _user_in(group_name, fed):
    with context.federation_context(fed):
        user = get_user_model().objects.create_user(
            username=f"{group_name}@a.test", password=PASSWORD
        )
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/enterprises/",
        "/admin/bargaining_rounds/",
        "/admin/contracts/",
        "/admin/instructors/",
        "/admin/rule_profile/",
        "/admin/holiday_calendar/",
        "/admin/enterprises/new/",
        "/admin/bargaining_rounds/new/",
    ],
)
def test_back_office_pages_render(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_supervisor_reads_only(client_a, fed_a):
    _user_in("劳动法律监督员", fed_a)
    sign_in(client_a, "劳动法律监督员@a.test")
    assert client_a.get("/admin/enterprises/").status_code == 200
    assert client_a.get("/admin/enterprises/new/").status_code in (302, 403)


def test_each_procedure_has_its_own_short_submenu():
    """Regression: the 集体协商 menu was one flat list of 16 items that ran off a 900-px screen."""
    from compliance.backoffice.menu import PROCEDURES

    groups = [procedure() for procedure in PROCEDURES]
    submenus = [g for g in groups if hasattr(g, "registerables")]
    names = [viewset.name for g in submenus for viewset in g.registerables]
    names += [g.name for g in groups if not hasattr(g, "registerables")]
    # 18 record viewsets (the labour administration's departments the 18th), the imports, the
    # two statistics pages and the upward reports; issue 18's quality evaluations, monthly
    # meetings, baseline survey, intents and funnel, the instructors' work (visits, training
    # given, assessments) and the training and experts (sessions, certificates, experts,
    # consultations)
    assert len(names) == len(set(names)) == 35
    assert all(len(g.registerables) <= 4 for g in submenus)


def test_no_submenu_item_repeats_its_submenus_name():
    """Regression: the 集体协商 submenu held an item also called 集体协商 (the rounds)."""
    from django.utils import translation

    from compliance.backoffice.menu import PROCEDURES

    with translation.override("zh-hans"):
        for group in (procedure() for procedure in PROCEDURES):
            for viewset in getattr(group, "registerables", ()):
                assert str(viewset.menu_label) != str(group.menu_label), viewset.name


def test_the_sidebar_shows_the_procedures_in_chinese(admin_client):
    page = admin_client.get("/admin/").content.decode()
    for label in (
        "企业",
        "集体协商",
        "集体合同",
        "劳动法律监督",
        "履约检查",
        "评选表彰",
        "规则与日历",
    ):
        assert json.dumps(label) in page or f'"{label}"' in page, label


def test_inspect_pages_show_times_in_the_federations_time_zone(admin_client, fed_a):
    """Regression: Wagtail's inspect template printed aware datetimes in UTC (through |localize)
    beside the history in Beijing time: two dates on one page at night."""
    from compliance.models import Award
    from tests.factories import awards

    with context.federation_context(fed_a):
        award = awards.award("no_union")
        late = dt.datetime(2026, 3, 2, 17, 30, tzinfo=dt.UTC)  # 01:30 on 3 March in Beijing
        Award.objects.filter(pk=award.pk).update(created_at=late)  # no history: a test fixture
    page = admin_client.get(f"/admin/awards/inspect/{award.pk}/").content.decode()
    assert "2026-03-03 01:30" in page
    assert "2026年3月2日" not in page and "17:30" not in page


def test_the_chinese_admin_shows_no_english_or_none_on_our_pages(admin_client):
    """Regression: "New: 企业", "There are no … Why not add one?", "Go to the first error" (from
    Wagtail's incomplete catalogue) and "← None" back links on step pages without a record."""
    pages = {
        "/admin/enterprises/new/": "新增企业",
        "/admin/violation_records/": "暂无",
        "/admin/supervision_cases/area-reminder/": "← 返回",
    }
    for url, chinese in pages.items():
        page = admin_client.get(url).content.decode()
        assert chinese in page, url
        for english in ("New: ", "There are no", "Why not", "Go to the first error", "← None"):
            assert english not in page, (url, english)


def _creations(fed):
    """What each create view of the back office is sent: (list URL, form data, model)."""
    from compliance.models import (
        Award,
        BargainingRound,
        CalendarDay,
        Campaign,
        Enterprise,
        Instructor,
        SupervisionCase,
        ViolationRecord,
    )
    from tests.factories import compliance as f

    with context.federation_context(fed):
        ent = f.enterprise()
        code = ent.credit_code
    return [
        (
            "enterprises",
            {
                "name": "新录入有限公司",
                "credit_code": f.credit_code(),
                "industry": "C",
                "region_code": "230803",
                "ownership": "private",
                "employees": "10",
                "union_members": "0",
            },
            Enterprise,
        ),
        (
            "bargaining_rounds",
            {
                "enterprise": ent.pk,
                "kind": "wages",
                "scope": "single",
                "offered_by": "union",
                "offer_date": "2026-03-02",
            },
            BargainingRound,
        ),
        (
            "campaigns",
            {"name": "春季要约行动", "starts_on": "2026-03-01", "ends_on": "2026-05-31"},
            Campaign,
        ),
        ("instructors", {"name": "李指导", "active": "on"}, Instructor),
        (
            "supervision_cases",
            {
                "title": "拖欠工资投诉",
                "enterprise": ent.pk,
                "source": "complaint",
                "opened_on": "2026-03-02",
            },
            SupervisionCase,
        ),
        ("awards", {"name": "五一劳动奖状", "year": 2027}, Award),
        (
            "violation_records",
            {
                "credit_code": code,
                "kind": "wage_arrears",
                "occurred_on": "2025-04-02",
                "reference": "甲人社罚〔2025〕3号",
            },
            ViolationRecord,
        ),
        (
            "holiday_calendar",
            {"date": "2027-10-01", "kind": "holiday", "name": "国庆节", "covers_year": 2027},
            CalendarDay,
        ),
    ]


def test_creating_a_record_lands_on_its_page(admin_client, fed_a):
    """Regression: creating a record went back to the list, away from its step buttons."""
    for name, data, model in _creations(fed_a):
        response = admin_client.post(f"/admin/{name}/new/", data)
        assert response.status_code == 302, (name, response.content.decode()[:1500])
        with context.federation_context(fed_a):
            record = model.objects.latest("pk")
        assert response["Location"] == f"/admin/{name}/inspect/{record.pk}/", name
        assert admin_client.get(response["Location"]).status_code == 200, name


def test_inspect_pages_keep_the_lines_of_a_text(admin_client, fed_a):
    """Regression: a letter's required actions, one per line, read as one run-on line
    ("发出要约 召开职代会") on its page (found in Chromium); the text is still escaped."""
    from compliance.services import supervision as sv
    from tests.factories.supervision import issued_letter

    letter, _token = issued_letter(fed_a)
    with context.federation_context(fed_a):
        sv.letter_record_reply(
            letter_id=letter.pk, replied_on=letter.issued_on, text="已整改。\n<b>附件</b>见后。"
        )
    page = admin_client.get(f"/admin/letters/inspect/{letter.pk}/").content.decode()
    assert "发出要约<br>召开职代会" in page
    assert "已整改。<br>&lt;b&gt;附件&lt;/b&gt;见后。" in page


def test_step_forms_capitalise_their_labels_in_english(admin_client, fed_a):
    """Regression: the English step forms read "delivery method", "delivered on" (the lower-case
    verbose names) under Wagtail's capitalised labels (found in Chromium at 390 px)."""
    from wagtail.users.models import UserProfile

    from tests.factories.supervision import issued_letter

    letter, _token = issued_letter(fed_a)
    with context.federation_context(fed_a):
        profile = UserProfile.get_for_user(
            get_user_model().objects.get(username=SPEC_A.admin_email)
        )
        profile.preferred_language = "en"
        profile.save()
    page = admin_client.get(f"/admin/letters/step/{letter.pk}/delivery/").content.decode()
    assert ">Delivery method<" in page and ">Delivered on<" in page
    assert "delivery method" not in page


def test_forms_built_from_form_fields_date_with_the_browsers_picker(admin_client, fed_a):
    """Regression: the holiday calendar's and the offer campaign's forms (built by Wagtail from
    `form_fields`) showed a date as Django's text box, "2026/12/25" in Chinese with no picker,
    unlike every other date of the back office."""
    from compliance.backoffice.common import DateInput
    from compliance.backoffice.menu import PROCEDURES
    from compliance.models import CalendarDay, Campaign

    groups = [procedure() for procedure in PROCEDURES]
    viewsets = [v for g in groups for v in getattr(g, "registerables", ())]
    dated = 0
    for viewset in viewsets:
        if getattr(viewset, "form_fields", None) is None:
            continue
        form = viewset.get_form_class()()
        for name, field in form.fields.items():
            if type(field).__name__ == "DateField":
                assert isinstance(field.widget, DateInput), (viewset.name, name)
                dated += 1
    assert dated >= 3  # the calendar day's date, the campaign's first and last days

    with context.federation_context(fed_a):
        day = CalendarDay.objects.create(date=dt.date(2026, 12, 25), kind="holiday", name="休息日")
        campaign = Campaign.objects.create(
            name="要约行动", starts_on=dt.date(2027, 3, 1), ends_on=dt.date(2027, 3, 31)
        )
    edit = admin_client.get(f"/admin/holiday_calendar/edit/{day.pk}/").content.decode()
    assert 'type="date" name="date" value="2026-12-25"' in edit
    edit = admin_client.get(f"/admin/campaigns/edit/{campaign.pk}/").content.decode()
    assert 'type="date" name="starts_on" value="2027-03-01"' in edit
    assert 'type="date" name="ends_on" value="2027-03-31"' in edit
