"""Award eligibility in the admin: awards and criteria, violation records, checking one
enterprise or an uploaded list, the results page and workbook, permissions."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import Workbook, load_workbook

from compliance.models import (
    Award,
    AwardCriterion,
    CongressVote,
    EligibilityRun,
    ImportJob,
    ViolationRecord,
)
from compliance.services.awards import Nominee, eligibility_check
from tenants import context
from tests.conftest import PASSWORD, SPEC_A
from tests.factories import awards as a
from tests.factories import compliance as f
from tests.signin import sign_in

TODAY = dt.date.today()


def _sign_in_as(client, fed, group_name):
    email = f"{group_name}@a.test"
    with context.federation_context(fed):
        user = get_user_model().objects.create_user(username=email, password=PASSWORD)
        user.groups.add(Group.objects.get(name=group_name))
    sign_in(client, email)
    return user


def _xlsx(rows, headers=("统一社会信用代码", "企业名称")) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _workbook(response):
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.parametrize(
    "url",
    [
        "/admin/awards/",
        "/admin/awards/new/",
        "/admin/awards/check/",
        "/admin/eligibility_checks/",
        "/admin/violation_records/",
        "/admin/violation_records/new/",
        "/admin/award_notices/",
        "/admin/compliance/imports/violations/",
    ],
)
def test_pages_render(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_an_award_is_created_then_its_criteria_chosen(admin_client, fed_a):
    response = admin_client.post("/admin/awards/new/", {"name": "五一劳动奖状", "year": 2027})
    with context.federation_context(fed_a):
        award = Award.objects.get()
        assert Award.history.get().history_user.username == SPEC_A.admin_email
    # The new award opens on its own page, whose first step button chooses the criteria.
    assert response["Location"] == f"/admin/awards/inspect/{award.pk}/"
    assert f"/admin/awards/criteria/{award.pk}/" in admin_client.get(response["Location"]).text
    page = admin_client.get(f"/admin/awards/criteria/{award.pk}/").content.decode()
    assert "全总《全国五一劳动奖和全国工人先锋号评选管理工作办法》" in page  # the legal basis
    response = admin_client.post(
        f"/admin/awards/criteria/{award.pk}/",
        {
            "no_union__on": "on",
            "safety_accident__on": "on",
            "safety_accident__lookback": "since",
            "safety_accident__since": "2024-01-01",
            "safety_accident__complete": "on",
            "wage_arrears__lookback": "three_years",  # not ticked: ignored
        },
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        rows = {c.code: c for c in AwardCriterion.objects.all()}
    assert set(rows) == {"no_union", "safety_accident"}
    assert rows["safety_accident"].since == dt.date(2024, 1, 1)
    assert rows["safety_accident"].records_complete
    inspect = admin_client.get(f"/admin/awards/inspect/{award.pk}/").content.decode()
    assert "2024-01-01" in inspect and "/admin/awards/upload/" in inspect


def test_each_control_of_the_criteria_table_is_named(admin_client, fed_a):
    """Regression: the look-back selects, the since dates and the records-complete boxes of the
    criteria table had no name for a screen reader (axe: label, select-name, critical)."""
    with context.federation_context(fed_a):
        award = a.award()
    page = admin_client.get(f"/admin/awards/criteria/{award.pk}/").content.decode()
    for name, column in (("lookback", "追溯期"), ("since", "起始日期"), ("complete", "记录完整")):
        before, after = page.split(f'name="wage_arrears__{name}"')
        control = before.rsplit("<", 1)[1] + after.split(">", 1)[0]
        assert f'aria-label="拖欠工资：{column}"' in control, name


def test_a_since_lookback_without_a_day_returns_to_the_form(admin_client, fed_a):
    with context.federation_context(fed_a):
        award = a.award()
    response = admin_client.post(
        f"/admin/awards/criteria/{award.pk}/",
        {"mass_incident__on": "on", "mass_incident__lookback": "since"},
    )
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    response = admin_client.post(f"/admin/awards/criteria/{award.pk}/", {})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()


def test_violation_records_are_entered_by_credit_code_listed_searched_and_inspected(
    admin_client, fed_a
):
    with context.federation_context(fed_a):
        ent = f.enterprise(name="甲市北方钢铁有限公司")
        other = f.enterprise()
    response = admin_client.post(
        "/admin/violation_records/new/",
        {
            "credit_code": ent.credit_code.lower(),
            "kind": "safety_accident",
            "occurred_on": "2025-04-02",
            "reference": "甲应急罚〔2025〕7号",
            "description": "一般生产安全事故",
            "source": "市应急管理局",
        },
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        record = ViolationRecord.objects.get()
        ViolationRecord.objects.create(
            enterprise=other, kind="wage_arrears", occurred_on=dt.date(2026, 2, 1)
        )
    assert record.enterprise == ent
    edit = admin_client.post(
        f"/admin/violation_records/edit/{record.pk}/",
        {
            "credit_code": ent.credit_code,
            "kind": "safety_accident",
            "occurred_on": "2025-04-02",
            "reference": "甲应急罚〔2025〕7号",
            "description": "一般生产安全事故，1人受伤",
            "source": "市应急管理局",
            "change_reason": "补充伤亡情况",
        },
    )
    assert edit.status_code == 302
    listing = admin_client.get("/admin/violation_records/?q=北方钢铁").content.decode()
    assert "甲市北方钢铁有限公司" in listing and other.name not in listing
    filtered = admin_client.get("/admin/violation_records/?kind=wage_arrears").content.decode()
    assert other.name in filtered and "甲市北方钢铁有限公司" not in filtered
    inspect = admin_client.get(f"/admin/violation_records/inspect/{record.pk}/").content.decode()
    assert "1人受伤" in inspect and SPEC_A.admin_email in inspect  # the history names the user


def test_a_violation_for_an_unknown_enterprise_gets_a_message(admin_client, fed_a):
    response = admin_client.post(
        "/admin/violation_records/new/",
        {"credit_code": f.credit_code(), "kind": "wage_arrears", "occurred_on": "2026-01-05"},
    )
    assert response.status_code == 200
    with context.federation_context(fed_a):
        assert not ViolationRecord.objects.exists()


def test_one_enterprise_is_checked_from_the_admin(admin_client, fed_a):
    with context.federation_context(fed_a):
        award = a.award("no_union", "wage_arrears", complete=("wage_arrears",))
        ent = a.enterprise_with_contract(name="甲市江畔粮油机械有限公司")
        record = ViolationRecord.objects.create(
            enterprise=ent,
            kind="wage_arrears",
            occurred_on=dt.date(TODAY.year, 1, 1),
            description="拖欠两个月工资",
        )
    response = admin_client.post(
        "/admin/awards/check/",
        {"award": award.pk, "enterprise": "甲市江畔粮油机械有限公司", "as_of": TODAY.isoformat()},
    )
    assert response.status_code == 302
    page = admin_client.get(response["Location"]).content.decode()
    assert 'data-outcome="vetoed"' in page and 'data-verdict="vetoed"' in page
    assert f"/admin/violation_records/inspect/{record.pk}/" in page  # the record relied on
    assert f"{TODAY.year + 1}-01-01" in page  # the veto's lapse date


def test_an_ambiguous_or_unknown_enterprise_returns_to_the_form(admin_client, fed_a):
    with context.federation_context(fed_a):
        award = a.award("no_union")
        f.enterprise(name="甲市同名有限公司")
        f.enterprise(name="甲市同名有限公司")
    for typed in ("甲市同名有限公司", "不存在的公司"):
        response = admin_client.post(
            "/admin/awards/check/",
            {"award": award.pk, "enterprise": typed, "as_of": TODAY.isoformat()},
        )
        assert response.status_code == 200 and "error-message" in response.content.decode()
    with context.federation_context(fed_a):
        assert not EligibilityRun.objects.exists()


def test_an_uploaded_list_is_checked_with_unmatched_and_repeated_rows_reported(
    admin_client, fed_a, django_capture_on_commit_callbacks
):
    with context.federation_context(fed_a):
        award = a.award("no_union", "no_effective_contract")
        good = a.enterprise_with_contract()
        no_union = a.enterprise_with_contract(union_established=False, union_members=0)
    unknown = f.credit_code()
    data = _xlsx(
        [
            (good.credit_code, "好企业"),
            (no_union.credit_code.lower(), ""),
            (unknown, "外地企业"),
            ("91230803MA0000000X", "输错代码"),
            (good.credit_code, "重复一行"),
        ]
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/awards/upload/{award.pk}/",
            {"file": SimpleUploadedFile("推荐名单.xlsx", data), "as_of": TODAY.isoformat()},
        )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        run = EligibilityRun.objects.get()
        results = {r.row: r for r in run.results.all()}
    assert run.status == "done" and run.file_name == "推荐名单.xlsx"
    assert (run.eligible, run.vetoed, run.unmatched, run.nominees) == (1, 1, 2, 4)
    assert results[2].outcome == "eligible" and results[2].name == good.name
    assert results[3].outcome == "vetoed"
    assert results[4].outcome == "unmatched" and results[4].credit_code == unknown
    assert results[5].outcome == "unmatched" and results[5].note  # why: a bad check character
    assert 6 not in results and "6" in run.message  # the repeated row, named
    page = admin_client.get(response["Location"]).content.decode()
    assert 'data-status="done"' in page and unknown in page
    unmatched_only = admin_client.get(f"{response['Location']}?outcome=unmatched").content.decode()
    assert unknown in unmatched_only and good.credit_code not in unmatched_only


def test_a_check_that_loses_the_database_is_run_again(
    admin_client, fed_a, django_capture_on_commit_callbacks, monkeypatch
):
    from django.db.utils import OperationalError

    from compliance.services.awards import lists
    from portal.celery import app

    real, calls = lists._run, []

    def lost_once(run):
        calls.append(run.pk)
        if len(calls) == 1:
            raise OperationalError("terminating connection due to administrator command")
        return real(run)

    monkeypatch.setattr(lists, "_run", lost_once)
    # As a worker runs it: the retry is run (eagerly, at once), not raised into the view.
    monkeypatch.setitem(app.conf, "task_eager_propagates", False)
    with context.federation_context(fed_a):
        award = a.award("no_union")
        good = a.enterprise_with_contract()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"/admin/awards/upload/{award.pk}/",
            {
                "file": SimpleUploadedFile("名单.xlsx", _xlsx([(good.credit_code, "")])),
                "as_of": TODAY.isoformat(),
            },
        )
    with context.federation_context(fed_a):
        run = EligibilityRun.objects.get()
    assert len(calls) == 2 and run.status == "done" and run.eligible == 1 and not run.message


def test_a_check_whose_retries_are_spent_is_marked_failed(admin_client, fed_a, monkeypatch):
    from django.db.utils import OperationalError

    from compliance.services.awards import lists
    from compliance.tasks import eligibility_run
    from portal.celery import app

    def always_lost(run):
        raise OperationalError("could not connect to server")

    monkeypatch.setattr(lists, "_run", always_lost)
    monkeypatch.setitem(app.conf, "task_eager_propagates", False)  # retries run, not raised
    with context.federation_context(fed_a):
        award = a.award("no_union")
        run = EligibilityRun.objects.create(
            award=award, as_of=TODAY, file_name="名单.xlsx", language="zh-hans", status="queued"
        )
        result = eligibility_run.apply(args=[run.pk])
        assert result.failed(), (result.state, result.result)
        run.refresh_from_db()
    assert run.status == "failed" and run.finished_at
    assert "无法连接数据库" in run.message


def test_english_headers_are_accepted(admin_client, fed_a, django_capture_on_commit_callbacks):
    with context.federation_context(fed_a):
        award = a.award("no_union")
        ent = f.enterprise()
    data = _xlsx([(ent.credit_code, "x")], headers=("credit_code", "name"))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"/admin/awards/upload/{award.pk}/",
            {"file": SimpleUploadedFile("list.xlsx", data), "as_of": TODAY.isoformat()},
        )
    with context.federation_context(fed_a):
        assert EligibilityRun.objects.get().results.get().outcome == "eligible"


def test_a_hostile_list_fails_the_run_with_a_message_not_a_500(
    admin_client, fed_a, django_capture_on_commit_callbacks
):
    with context.federation_context(fed_a):
        award = a.award("no_union")
    junk = SimpleUploadedFile("名单.xlsx", b"PK\x03\x04" + b"\x00" * 5000)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/awards/upload/{award.pk}/", {"file": junk, "as_of": TODAY.isoformat()}
        )
    page = admin_client.get(response["Location"]).content.decode()
    assert 'data-status="failed"' in page and 'role="alert"' in page
    with context.federation_context(fed_a):
        run = EligibilityRun.objects.get()
        assert run.message and not run.results.exists()


def test_a_list_without_a_credit_code_column_is_refused_naming_it(
    admin_client, fed_a, django_capture_on_commit_callbacks
):
    with context.federation_context(fed_a):
        award = a.award("no_union")
    data = _xlsx([("甲公司",)], headers=("企业名称",))
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"/admin/awards/upload/{award.pk}/",
            {"file": SimpleUploadedFile("名单.xlsx", data), "as_of": TODAY.isoformat()},
        )
    with context.federation_context(fed_a):
        run = EligibilityRun.objects.get()
    assert run.status == "failed" and "统一社会信用代码" in run.message


def test_a_file_that_is_not_xlsx_is_refused_on_upload(admin_client, fed_a):
    with context.federation_context(fed_a):
        award = a.award("no_union")
    response = admin_client.post(
        f"/admin/awards/upload/{award.pk}/",
        {"file": SimpleUploadedFile("名单.csv", b"a,b\n"), "as_of": TODAY.isoformat()},
    )
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    with context.federation_context(fed_a):
        assert not EligibilityRun.objects.exists()


def test_a_queued_run_page_refreshes_itself(admin_client, fed_a):
    with context.federation_context(fed_a):
        award = a.award("no_union")
        ent = f.enterprise()
    response = admin_client.post(  # on_commit never runs: the run stays queued
        f"/admin/awards/upload/{award.pk}/",
        {
            "file": SimpleUploadedFile("名单.xlsx", _xlsx([(ent.credit_code, "")])),
            "as_of": TODAY.isoformat(),
        },
    )
    page = admin_client.get(response["Location"]).content.decode()
    assert 'data-status="queued"' in page and 'http-equiv="refresh"' in page


def test_the_results_workbook_names_every_verdict_reason_and_record(admin_client, fed_a):
    with context.federation_context(fed_a):
        award = a.award("no_union", "safety_accident", complete=("safety_accident",))
        ent = a.enterprise_with_contract(name="甲市北疆造纸股份有限公司")
        record = ViolationRecord.objects.create(
            enterprise=ent,
            kind="safety_accident",
            occurred_on=dt.date(2025, 5, 6),
            description="一般事故",
        )
        with translation.override("en"):  # the snapshot keeps the checker's language
            run = eligibility_check(
                award_id=award.pk,
                nominees=[Nominee(ent.credit_code, row=2), Nominee(f.credit_code(), "外地", 3)],
                as_of=dt.date(2026, 11, 20),
            )
    admin_client.cookies["portal_language"] = "en"
    response = admin_client.get(f"/admin/eligibility_checks/workbook/{run.pk}/")
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    results, reasons = _workbook(response).worksheets
    rows = list(results.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[0] == "Row")
    assert rows[header][5:7] == ("no trade union", "production-safety accident")
    first = rows[header + 1]
    assert first[:4] == (2, ent.credit_code, "甲市北疆造纸股份有限公司", "Vetoed")
    assert first[4].date() == dt.date(2028, 5, 7)  # barred through 2028-05-06 (Art. 202)
    assert first[5:7] == ("Eligible", "Vetoed")
    assert rows[header + 2][3] == "Not in the ledger"
    lines = list(reasons.iter_rows(values_only=True))
    accident = next(line for line in lines if line[3] == "production-safety accident")
    assert f"#{record.pk}" in accident[6] and "2025-05-06" in accident[5]
    assert accident[7] == "2028-05-07"


def test_the_results_page_query_count_does_not_grow(admin_client, fed_a):
    with context.federation_context(fed_a):
        award = a.award("no_union", "wage_arrears")
        few = eligibility_check(
            award_id=award.pk, nominees=[Nominee(f.credit_code())], as_of=dt.date(2026, 11, 20)
        )
        many = eligibility_check(
            award_id=award.pk,
            nominees=[Nominee(a.enterprise_with_contract().credit_code) for _ in range(30)],
            as_of=dt.date(2026, 11, 20),
        )

    def count(run):
        with CaptureQueriesContext(connection) as ctx:
            assert (
                admin_client.get(f"/admin/eligibility_checks/inspect/{run.pk}/").status_code == 200
            )
        return len(ctx.captured_queries)

    assert count(many) == count(few)
    runs_list = admin_client.get(f"/admin/eligibility_checks/?award={award.pk}").content.decode()
    assert f"/admin/eligibility_checks/inspect/{many.pk}/" in runs_list


def test_violation_records_import_through_the_import_page(
    admin_client, fed_a, django_capture_on_commit_callbacks
):
    with context.federation_context(fed_a):
        ent = f.enterprise()
    template = admin_client.get("/admin/compliance/imports/violations/template.xlsx")
    headers = [c.value for c in _workbook(template).worksheets[0][1]]
    assert headers[:3] == ["统一社会信用代码", "记录类型", "发生日期"]
    data = _xlsx(
        [(ent.credit_code, "拖欠工资", "2026-03-01", "甲人社监〔2026〕3号", "拖欠两个月", "")],
        headers=headers,
    )
    for _attempt in range(2):  # the second import changes nothing
        with django_capture_on_commit_callbacks(execute=True):
            admin_client.post(
                "/admin/compliance/imports/violations/",
                {"file": SimpleUploadedFile("违法记录.xlsx", data)},
            )
    with context.federation_context(fed_a):
        jobs = list(ImportJob.objects.order_by("pk"))
        assert jobs[0].status == "done", jobs[0].message
        assert [(j.status, j.created, j.unchanged) for j in jobs] == [
            ("done", 1, 0),
            ("done", 0, 1),
        ]
        assert ViolationRecord.objects.get().kind == "wage_arrears"
        assert ViolationRecord.history.count() == 1


@pytest.mark.parametrize("group_name", ["编辑", "集体协商指导员", "劳动法律监督员"])
def test_only_the_committee_and_administrators_change_awards(client_a, fed_a, group_name):
    with context.federation_context(fed_a):
        award = a.award("no_union")
    _sign_in_as(client_a, fed_a, group_name)
    for url in (
        "/admin/awards/new/",
        f"/admin/awards/criteria/{award.pk}/",
        "/admin/awards/check/",
        f"/admin/awards/upload/{award.pk}/",
        "/admin/violation_records/new/",
        "/admin/compliance/imports/violations/",
    ):
        assert client_a.get(url).status_code in (302, 403), (group_name, url)
    response = client_a.post("/admin/awards/check/", {"award": award.pk, "enterprise": "x"})
    assert response.status_code in (302, 403)
    with context.federation_context(fed_a):
        assert not EligibilityRun.objects.exists()


def test_readers_see_but_editors_do_not(client_a, fed_a):
    with context.federation_context(fed_a):
        award = a.award("no_union")
    _sign_in_as(client_a, fed_a, "劳动法律监督员")
    assert client_a.get(f"/admin/awards/inspect/{award.pk}/").status_code == 200
    client_a.post("/admin/logout/")
    _sign_in_as(client_a, fed_a, "编辑")
    assert client_a.get(f"/admin/awards/inspect/{award.pk}/").status_code in (302, 403)


def test_the_award_committee_does_the_whole_job(
    client_a, fed_a, django_capture_on_commit_callbacks
):
    _sign_in_as(client_a, fed_a, "评审委员会")
    client_a.post("/admin/awards/new/", {"name": "五一劳动奖状", "year": 2027})
    with context.federation_context(fed_a):
        award = Award.objects.get()
        ent = f.enterprise()
    assert (
        client_a.post(f"/admin/awards/criteria/{award.pk}/", {"no_union__on": "on"}).status_code
        == 302
    )
    response = client_a.post(
        "/admin/violation_records/new/",
        {"credit_code": ent.credit_code, "kind": "mass_incident", "occurred_on": "2025-08-08"},
    )
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        response = client_a.post(
            f"/admin/awards/upload/{award.pk}/",
            {
                "file": SimpleUploadedFile("名单.xlsx", _xlsx([(ent.credit_code, "")])),
                "as_of": TODAY.isoformat(),
            },
        )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        run = EligibilityRun.objects.get()
    assert run.eligible == 1
    publish = client_a.get(f"/admin/eligibility_checks/publish/{run.pk}/")
    assert publish.status_code == 200


def test_the_results_page_is_a_row_per_nominee_with_details_on_demand(admin_client, fed_a):
    """Issue 14: every criterion's reason filled each row; now the row names only what decided
    against the nominee, and all reasons and records open on demand."""
    with context.federation_context(fed_a):
        award = a.award("no_union", "wage_arrears", complete=("wage_arrears",))
        good = a.enterprise_with_contract()
        bad = f.enterprise(union_established=False, union_members=0)
        run = eligibility_check(
            award_id=award.pk,
            nominees=[Nominee(good.credit_code), Nominee(bad.credit_code)],
            as_of=dt.date(2026, 11, 20),
        )
    html = admin_client.get(
        f"/admin/eligibility_checks/inspect/{run.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    good_row = html[html.index(f'data-result="{good.credit_code}"') :]
    good_row = good_row[: good_row.index("</tr>")]
    bad_row = html[html.index(f'data-result="{bad.credit_code}"') :]
    bad_row = bad_row[: bad_row.index("</tr>")]
    assert "2 项条件均符合。" in good_row
    upfront, details = bad_row.split("<details>")
    assert "一票否决" in upfront and "data-criterion" not in upfront
    assert details.count("data-criterion=") == 2 and "理由与依据记录" in details


def test_the_violation_form_capitalises_the_credit_code_label_in_english(admin_client, fed_a):
    """Regression (seen in Chromium at 390 px): "enterprise's unified social credit code" in
    lower case above "Kind" and "Occurred on"."""
    from wagtail.users.models import UserProfile

    with context.federation_context(fed_a):
        user = get_user_model().objects.get(username=SPEC_A.admin_email)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
    page = admin_client.get("/admin/violation_records/new/").content.decode()
    assert "Enterprise&#x27;s unified social credit code" in page
    assert "enterprise&#x27;s unified" not in page
    with translation.override("zh-hans"):
        from compliance.backoffice.awards.violations import ViolationForm

        assert str(ViolationForm().fields["credit_code"].label) == "企业统一社会信用代码"


def test_no_workers_congress_is_chosen_and_its_evidence_round_is_linked(admin_client, fed_a):
    """Issue item 7: the veto catalogue lacked 'no workers' congress' (R39)."""
    with context.federation_context(fed_a):
        award = a.award()
    page = admin_client.get(f"/admin/awards/criteria/{award.pk}/").content.decode()
    assert 'name="no_workers_congress__on"' in page and "未建立职代会" in page
    # A ledger criterion: no look-back of its own to choose.
    assert 'name="no_workers_congress__lookback"' not in page
    response = admin_client.post(
        f"/admin/awards/criteria/{award.pk}/", {"no_workers_congress__on": "on"}
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        assert [c.code for c in award.criteria.all()] == ["no_workers_congress"]
        known = f.enterprise(workers_congress=False)
        voted = f.enterprise(workers_congress=None)
        round_ = f.offered_round(voted)
        CongressVote.objects.create(
            round=round_,
            held_on=dt.date(2026, 5, 8),
            total=45,
            present=41,
            in_favour=38,
            passed=True,
        )
        with translation.override("zh-hans"):
            run = eligibility_check(
                award_id=award.pk,
                nominees=[Nominee(known.credit_code, row=2), Nominee(voted.credit_code, row=3)],
                as_of=dt.date(2026, 11, 20),
            )
    html = admin_client.get(
        f"/admin/eligibility_checks/inspect/{run.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert f"/admin/bargaining_rounds/inspect/{round_.pk}/" in html
    assert "台账记载企业未建立职代会" in html
    admin_client.cookies["portal_language"] = "en"
    response = admin_client.get(f"/admin/eligibility_checks/workbook/{run.pk}/")
    results, reasons = _workbook(response).worksheets
    rows = list(results.iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if row[0] == "Row")
    assert rows[header][5] == "未建立职代会"  # the snapshot keeps the checker's language
    assert [row[5] for row in rows[header + 1 : header + 3]] == ["Vetoed", "Eligible"]
    lines = list(reasons.iter_rows(values_only=True))
    assert any(f"#{round_.pk}" in (line[6] or "") for line in lines)
