"""Collective contracts in the admin: the steps, and edits that go through the contract services
(history with the user and a reason, Wagtail's action log, the public notice following)."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import ModelLogEntry

from cms_pages.models import ContractNotice
from compliance.backoffice.contracts.forms import RenewsForm
from compliance.models import BargainingRound, Clause, Contract, ModelClause, SupervisionCase
from compliance.services.contracts import (
    contract_amend,
    contract_register_existing,
    contract_renewal_link,
)
from compliance.services.model_texts import model_clause_save
from tenants import context
from tests.factories import compliance as f
from tests.factories.notices import published_contract
from tests.factories.records import expired_contract
from tests.factories.users import user_with_permissions
from tests.signin import sign_in


def test_contract_steps_from_the_admin(admin_client, fed_a):
    with context.federation_context(fed_a):
        contract = f.round_at("effective").contract
    page = admin_client.get(f"/admin/contracts/inspect/{contract.pk}/").content.decode()
    assert f"/admin/contracts/step/{contract.pk}/file/" in page
    for step, data in [
        ("publish", {"published_on": "2026-05-08", "publish_publicly": "on"}),
        ("file", {"filed_on": "2026-05-12", "filed_with_department": "on"}),
        ("report", {"year": "2026", "reported_on": "2026-12-20"}),
    ]:
        response = admin_client.post(f"/admin/contracts/step/{contract.pk}/{step}/", data)
        assert response.status_code == 302, (step, response.content.decode()[:500])
    again = admin_client.post(
        f"/admin/contracts/step/{contract.pk}/report/",
        {"year": "2026", "reported_on": "2026-12-21"},
    )
    assert again.status_code == 200 and 'role="alert"' in again.content.decode()
    response = admin_client.post(
        f"/admin/contracts/step/{contract.pk}/amend/",
        {"amended_on": "2026-09-01", "wage_growth_pct": "9.5"},
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        contract.refresh_from_db()
        assert contract.status == "superseded" and contract.filing_number.startswith("甲工集备")
        new = contract.successors.get()
        assert str(new.wage_growth_pct) == "9.50"
    response = admin_client.post(
        f"/admin/contracts/step/{new.pk}/terminate/", {"ended_on": "2026-10-01", "reason": ""}
    )
    assert response.status_code == 200  # the reason is required


def test_an_edit_in_the_admin_goes_through_contract_update(admin_client, fed_a):
    """The edit form once wrote publish_publicly itself, beside contract_publish."""
    with context.federation_context(fed_a):
        contract = published_contract()
    response = admin_client.post(
        f"/admin/contracts/edit/{contract.pk}/",
        {
            "title": contract.title,
            "covered_employees": contract.covered_employees,
            "wage_growth_pct": "6.0",
            "minimum_wage": "2100",
            "weekly_hours": "40",
            "publish_publicly": "",
            "change_reason": "职工方要求撤下公示",
        },
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        contract.refresh_from_db()
        assert contract.publish_publicly is False
        last = contract.history.order_by("-history_id").first()
        assert last.history_user.username == "admin@a.test"
        assert last.history_change_reason == "职工方要求撤下公示"
        assert ContractNotice.objects.get(contract=contract).withdrawn_at is not None
        assert ModelLogEntry.objects.filter(action="wagtail.edit").exists()


def test_a_contract_is_never_typed_into_a_blank_form(admin_client):
    """Regression: the list offered "add" and a blank contract form, though contracts come from
    a round's signatures or the ledger import."""
    assert "/admin/contracts/new/" not in admin_client.get("/admin/contracts/").content.decode()
    refused = admin_client.get("/admin/contracts/new/")
    assert refused.status_code == 302 and refused["Location"] == "/admin/contracts/"


# --- Clauses on the contract's page ---------------------------------------------------------------


def test_clauses_are_added_edited_and_deleted_on_the_contract_page(admin_client, fed_a):
    """Issue 14: clauses were edited in a separate list, away from their contract; each edit
    left the contract's page behind."""
    with context.federation_context(fed_a):
        contract = published_contract()
        first = contract.clauses.get(order=1)
    url = f"/admin/contracts/inspect/{contract.pk}/"
    page = admin_client.get(url).content.decode()
    assert f'href="/admin/contracts/clauses/{contract.pk}/add/"' in page
    assert f'href="/admin/contracts/clauses/edit/{first.pk}/"' in page
    assert f'action="/admin/contracts/clauses/delete/{first.pk}/"' in page
    add = f"/admin/contracts/clauses/{contract.pk}/add/"
    assert 'value="4"' in admin_client.get(add).content.decode()  # the next number is offered
    text = "女职工产假期间工资照发，哺乳期每日安排一小时哺乳时间。"
    response = admin_client.post(add, {"order": "4", "topic": "women", "text": text})
    assert response.status_code == 302
    assert response["Location"] == f"{url}#contract-clauses"
    page = admin_client.get(url).content.decode()
    assert text in page and "第4条已添加" in page
    taken = admin_client.post(add, {"order": "1", "topic": "other", "text": "重复序号"})
    assert taken.status_code == 200
    assert "该合同已有此序号的条款，请换一个序号。" in taken.content.decode()
    edit = f"/admin/contracts/clauses/edit/{first.pk}/"
    response = admin_client.post(
        edit,
        {
            "order": "1",
            "topic": "wages",
            "text": "工资年增幅不低于7%。",
            "is_business_secret": "on",
            "change_reason": "按职代会决议调整增幅",
        },
    )
    assert response["Location"] == f"{url}#contract-clauses"
    delete = f"/admin/contracts/clauses/delete/{first.pk}/"
    assert admin_client.get(delete).status_code == 405  # deleting takes a confirmed POST
    assert admin_client.post(delete)["Location"] == f"{url}#contract-clauses"
    with context.federation_context(fed_a):
        history = Clause.history.filter(id=first.pk)
        assert [h.history_type for h in history.order_by("history_id")][-2:] == ["~", "-"]
        assert history.filter(history_type="-").get().history_user.username == "admin@a.test"
        assert [c.order for c in contract.clauses.all()] == [2, 3, 4]
        assert ModelLogEntry.objects.filter(action="wagtail.delete").exists()
        assert ModelLogEntry.objects.filter(action="wagtail.create").exists()
        notice = ContractNotice.objects.get(contract=contract)
        assert text in str(notice.clauses)  # the public notice follows


def test_the_clause_list_sends_its_edits_to_the_contract_page(admin_client, fed_a):
    with context.federation_context(fed_a):
        clause = published_contract().clauses.get(order=2)
    edit = admin_client.get(f"/admin/clauses/edit/{clause.pk}/")
    assert edit["Location"] == f"/admin/contracts/clauses/edit/{clause.pk}/"
    delete = admin_client.post(f"/admin/clauses/delete/{clause.pk}/")
    assert delete["Location"] == f"/admin/contracts/inspect/{clause.contract_id}/#contract-clauses"
    with context.federation_context(fed_a):
        assert Clause.objects.filter(pk=clause.pk).exists()  # deleting is the contract page's
    assert admin_client.get("/admin/clauses/new/")["Location"] == "/admin/contracts/"


@pytest.fixture
def contract_viewer(client_a, fed_a):
    """A federation user who may view contracts and rounds, and change nothing."""
    with context.federation_context(fed_a):
        user_with_permissions("viewer@a.test", "view_contract", "view_bargaininground")
    sign_in(client_a, "viewer@a.test")
    return client_a


def test_a_viewer_gets_no_clause_forms_and_no_renewal_or_case_buttons(contract_viewer, fed_a):
    with context.federation_context(fed_a):
        contract = expired_contract()
        Clause.objects.create(contract=contract, order=1, topic="wages", text="工资条款")
        clause = contract.clauses.get()
    page = contract_viewer.get(f"/admin/contracts/inspect/{contract.pk}/").content.decode()
    assert "工资条款" in page
    for absent in ("添加条款", "发起续签协商", "立案监督", "/clauses/edit/"):
        assert absent not in page, absent
    for url, data in (
        (
            f"/admin/contracts/clauses/{contract.pk}/add/",
            {"order": "2", "topic": "hours", "text": "x"},
        ),
        (f"/admin/contracts/clauses/edit/{clause.pk}/", {}),
        (f"/admin/contracts/clauses/delete/{clause.pk}/", {}),
        (f"/admin/contracts/renew/{contract.pk}/", {}),
        (f"/admin/contracts/open-case/{contract.pk}/", {}),
    ):
        refused = contract_viewer.post(url, data)  # Wagtail answers PermissionDenied so
        assert (refused.status_code, refused["Location"]) == (302, "/admin/"), url
    with context.federation_context(fed_a):
        assert list(contract.clauses.values_list("text", flat=True)) == ["工资条款"]
        assert not BargainingRound.objects.filter(renews=contract).exists()
        assert not SupervisionCase.objects.filter(source_contract=contract).exists()


# --- Notice, checks, versions ---------------------------------------------------------------------


def test_the_contract_page_links_its_notice_and_its_versions_naming_the_relation(
    admin_client, fed_a
):
    with context.federation_context(fed_a):
        old = published_contract()
        public_id = ContractNotice.objects.get(contract=old).public_id
    page = admin_client.get(f"/admin/contracts/inspect/{old.pk}/").content.decode()
    assert f"{public_id}/" in page and "在公众网站查看公示" in page
    with context.federation_context(fed_a):
        new = contract_amend(contract_id=old.pk, changes={}, amended_on=dt.date(2026, 7, 1))
    old_page = admin_client.get(f"/admin/contracts/inspect/{old.pk}/").content.decode()
    assert "其变更：" in old_page and f'href="/admin/contracts/inspect/{new.pk}/"' in old_page
    assert "已被变更取代" in old_page
    new_page = admin_client.get(f"/admin/contracts/inspect/{new.pk}/").content.decode()
    assert "本合同为以下合同的变更：" in new_page
    assert f'href="/admin/contracts/inspect/{old.pk}/"' in new_page
    with context.federation_context(fed_a):
        unpublished = expired_contract()
    page = admin_client.get(f"/admin/contracts/inspect/{unpublished.pk}/").content.decode()
    assert "未在公众网站公示。" in page and "暂无合同条款。" in page and "暂无履约检查。" in page


# --- What an expired contract calls for -----------------------------------------------------------


def test_an_expired_contract_starts_its_renewal_round_once_and_lands_on_it(admin_client, fed_a):
    """Issue 14: an expired contract without a successor offered no way forward."""
    with context.federation_context(fed_a):
        contract = expired_contract()
    url = f"/admin/contracts/inspect/{contract.pk}/"
    page = admin_client.get(url).content.decode()
    assert "发起续签协商" in page and f'action="/admin/contracts/renew/{contract.pk}/"' in page
    assert admin_client.get(f"/admin/contracts/renew/{contract.pk}/").status_code == 405
    response = admin_client.post(f"/admin/contracts/renew/{contract.pk}/")
    with context.federation_context(fed_a):
        round_ = BargainingRound.objects.get(renews=contract)
    assert response["Location"] == f"/admin/bargaining_rounds/inspect/{round_.pk}/"
    assert round_.enterprise_id == contract.enterprise_id and round_.status == "offered"
    round_page = admin_client.get(response["Location"]).content.decode()
    assert "续签协商已发起" in round_page and "续签的合同：" in round_page
    assert f'href="/admin/contracts/inspect/{contract.pk}/"' in round_page
    page = admin_client.get(url).content.decode()
    assert "发起续签协商" not in page and "查看进行中的续签协商" in page
    again = admin_client.post(f"/admin/contracts/renew/{contract.pk}/")
    assert again["Location"] == f"/admin/bargaining_rounds/inspect/{round_.pk}/"
    with context.federation_context(fed_a):
        assert BargainingRound.objects.filter(renews=contract).count() == 1


def test_an_expired_contract_opens_one_supervision_case_and_lands_on_it(admin_client, fed_a):
    with context.federation_context(fed_a):
        contract = expired_contract()
    page = admin_client.get(f"/admin/contracts/inspect/{contract.pk}/").content.decode()
    assert "立案监督" in page
    # The confirmation names what it opens a case about (it said only "the enterprise").
    assert f"将对{contract.enterprise.name}立案监督：其集体合同“{contract.title}”到期未续签" in page
    response = admin_client.post(f"/admin/contracts/open-case/{contract.pk}/")
    with context.federation_context(fed_a):
        case = SupervisionCase.objects.get(source_contract=contract)
        assert case.source == "expired_contract" and case.enterprise_id == contract.enterprise_id
        assert "集体合同到期未续签" in case.title
    assert response["Location"] == f"/admin/supervision_cases/inspect/{case.pk}/"
    again = admin_client.post(f"/admin/contracts/open-case/{contract.pk}/")
    assert again["Location"] == f"/admin/supervision_cases/inspect/{case.pk}/"
    page = admin_client.get(f"/admin/contracts/inspect/{contract.pk}/").content.decode()
    assert "查看监督案件" in page
    assert f'action="/admin/contracts/open-case/{contract.pk}/"' not in page


def test_a_contract_in_force_offers_no_renewal_before_its_window(admin_client, fed_a):
    with context.federation_context(fed_a):
        contract = f.round_at("effective").contract
    page = admin_client.get(f"/admin/contracts/inspect/{contract.pk}/").content.decode()
    assert "发起续签协商" not in page and "立案监督" not in page
    response = admin_client.post(f"/admin/contracts/renew/{contract.pk}/", follow=True)
    assert "续签协商须在续签期开始后或合同期满后发起" in response.content.decode()


# --- The list -------------------------------------------------------------------------------------


def test_the_contract_list_shows_each_status_and_puts_current_contracts_first(admin_client, fed_a):
    """Issue 14: a superseded contract was listed beside its amendment with the same title and
    no status."""
    with context.federation_context(fed_a):
        old = published_contract(title="同名集体合同")
        new = contract_amend(contract_id=old.pk, changes={}, amended_on=dt.date(2026, 7, 1))
        expired = expired_contract(title="已续签的旧合同")
        contract_register_existing(
            data={
                "enterprise": expired.enterprise,
                "title": "续签后的新合同",
                "starts_on": dt.date(2026, 1, 1),
                "ends_on": dt.date(2028, 12, 31),
                "predecessor": expired,
                "relation": Contract.Relation.RENEWAL,
                "as_of": dt.date(2026, 6, 1),
            }
        )
    page = admin_client.get("/admin/contracts/").content.decode()
    columns = [page.index(f"ordering={key}") for key in ("title", "status", "enterprise")]
    assert columns == sorted(columns)  # the status beside the title
    assert "已被变更取代" in page and "已生效" in page and "已被续签" in page
    assert page.index(f"/admin/contracts/edit/{new.pk}/") < page.index(
        f"/admin/contracts/edit/{old.pk}/"
    )
    assert page.index("续签后的新合同") < page.index("已续签的旧合同")


def test_the_contract_list_costs_the_same_queries_for_more_contracts(admin_client, fed_a):
    with context.federation_context(fed_a):
        expired_contract()
    admin_client.get("/admin/contracts/")
    with CaptureQueriesContext(connection) as few:
        admin_client.get("/admin/contracts/")
    with context.federation_context(fed_a):
        for _n in range(5):
            published_contract()
            expired_contract()
    with CaptureQueriesContext(connection) as many:
        assert admin_client.get("/admin/contracts/").status_code == 200
    assert len(many.captured_queries) <= len(few.captured_queries)


def test_a_contract_entered_without_its_link_records_the_contract_it_renews(admin_client, fed_a):
    """Issue 15: a renewal entered by hand or imported without its link can be linked on its
    page, with a reason kept in the history; the proposal is the same-kind contract that
    expired most recently."""
    with context.federation_context(fed_a):
        ent = f.enterprise()
        older = expired_contract(ent, title="2020年度集体合同")
        Contract.objects.filter(pk=older.pk).update(
            starts_on=dt.date(2020, 1, 1), ends_on=dt.date(2022, 12, 31)
        )
        old = expired_contract(ent, title="2023年度集体合同")
        new = contract_register_existing(
            data={
                "enterprise": ent,
                "title": "2026年度集体合同",
                "starts_on": dt.date(2026, 1, 1),
                "ends_on": dt.date(2028, 12, 31),
            }
        )[0]
    page = admin_client.get(f"/admin/contracts/inspect/{new.pk}/").content.decode()
    url = f"/admin/contracts/step/{new.pk}/renews/"
    assert url in page
    form = admin_client.get(url).content.decode()
    assert f'<option value="{old.pk}" selected>2023年度集体合同（' in form
    assert "2020年度集体合同" in form and "无：不是续签合同" in form
    missing_reason = admin_client.post(url, {"predecessor": old.pk, "reason": ""})
    assert missing_reason.status_code == 200
    response = admin_client.post(url, {"predecessor": old.pk, "reason": "补录续签关系"})
    assert response.status_code == 302
    with context.federation_context(fed_a):
        new.refresh_from_db()
        assert (new.predecessor_id, new.relation) == (old.pk, "renewal")
        assert new.history.first().history_change_reason == "续签“2023年度集体合同”: 补录续签关系"
    old_page = admin_client.get(f"/admin/contracts/inspect/{old.pk}/").content.decode()
    assert f'href="/admin/contracts/inspect/{new.pk}/"' in old_page
    assert "发起续签协商" not in old_page  # renewed: no renewal offered any more


def test_the_renews_form_offers_the_contract_already_linked_and_the_unrenewed_earlier_ones(in_a):
    """The linked predecessor is renewed (by this contract), so only its own term in the filter
    keeps it offered; a contract renewed by another one and one starting later are not."""
    ent = f.enterprise()
    older = expired_contract(ent, title="2020年度集体合同")
    linked = expired_contract(ent, title="2023年度集体合同")
    taken = expired_contract(ent, title="他合同已续签的合同")

    def registered(title, starts_on, predecessor=None):
        contract = contract_register_existing(
            data={
                "enterprise": ent,
                "title": title,
                "starts_on": starts_on,
                "ends_on": starts_on.replace(year=starts_on.year + 2),
            }
        )[0]
        if predecessor is None:
            return contract
        return contract_renewal_link(contract_id=contract.pk, predecessor=predecessor, reason="x")

    new = registered("2026年度集体合同", dt.date(2026, 1, 1), predecessor=linked)
    registered("另一份续签合同", dt.date(2026, 2, 1), predecessor=taken)
    later = registered("2027年度集体合同", dt.date(2027, 1, 1))

    form = RenewsForm(contract=new)
    offered = set(form.fields["predecessor"].queryset)
    assert offered == {older, linked}
    assert form.initial["predecessor"] == linked.pk
    assert set(RenewsForm(contract=later).fields["predecessor"].queryset) >= {older, new}


def test_the_sign_step_proposes_the_contract_the_round_renews(admin_client, fed_a):
    with context.federation_context(fed_a):
        r = f.round_at("voted")
        old = expired_contract(r.enterprise, title="2023年度工资专项集体合同")
        Contract.objects.filter(pk=old.pk).update(kind=r.kind)
    form = admin_client.get(f"/admin/bargaining_rounds/step/{r.pk}/sign/").content.decode()
    assert f'<option value="{old.pk}" selected>2023年度工资专项集体合同（' in form


# --- Model texts and the similarity of a contract's clauses (issue 17, item 4) ----------------

MODEL_WAGES = (
    "企业应当建立工资集体协商制度，每年至少开展一次工资集体协商，协商确定职工年度工资增长幅度。"
)


def test_model_texts_are_added_corrected_and_deleted_with_their_history(admin_client, fed_a):
    data = {"kind": "comprehensive", "order": "1", "topic": "wages", "text": MODEL_WAGES}
    added = admin_client.post("/admin/model_texts/new/", data)
    assert added.status_code == 302, added.content.decode()[:2000]
    with context.federation_context(fed_a):
        clause = ModelClause.objects.get()
        assert clause.history.get().history_change_reason == "通过后台录入"
        logged = ModelLogEntry.objects.filter(action="wagtail.create", object_id=str(clause.pk))
        assert logged.exists()

    taken = admin_client.post("/admin/model_texts/new/", {**data, "text": "另一条"})
    assert taken.status_code == 200
    assert "该合同种类的示范文本已有此序号的条款，请另选序号。" in taken.content.decode()

    edited = admin_client.post(
        f"/admin/model_texts/edit/{clause.pk}/",
        {**data, "text": MODEL_WAGES + "增长幅度不低于当地工资指导线。", "change_reason": "新规定"},
    )
    assert edited.status_code == 302
    deleted = admin_client.post(f"/admin/model_texts/delete/{clause.pk}/")
    assert deleted.status_code == 302
    with context.federation_context(fed_a):
        assert not ModelClause.objects.exists()
        rows = ModelClause.history.filter(id=clause.pk).order_by("history_id")
        assert [(r.history_type, r.history_change_reason) for r in rows] == [
            ("+", "通过后台录入"),
            ("~", "新规定"),
            ("-", "通过后台删除"),
        ]
    listing = admin_client.get("/admin/model_texts/").content.decode()
    assert "示范文本" in listing


def test_the_contract_page_shows_what_each_clause_copies_and_from_where(admin_client, fed_a):
    with context.federation_context(fed_a):
        model = model_clause_save(
            clause=None,
            data={"kind": "comprehensive", "order": 3, "topic": "wages", "text": MODEL_WAGES},
            reason="t",
        )
        other = published_contract(
            clauses=(("hours", "实行标准工时制度，每周工作时间不超过四十小时。"),)
        )
        contract = published_contract(
            clauses=(
                ("wages", "每年至少开展一次工资集体协商，工资增长不低于百分之六。"),
                ("hours", "实行标准工时制度，每周工作时间不超过四十小时。"),
                ("safety", "企业每年组织职工进行一次职业健康检查。"),
            )
        )
    page = admin_client.get(f"/admin/contracts/inspect/{contract.pk}/").content.decode()
    section = page[page.index('id="contract-similarity-section"') :]
    section = section[: section.index("</section>")]
    assert "相似度" in section
    # 14 of 25 characters copied from the model text, all 21 of the hours clause, none of 18.
    assert "整份合同有 55% 的文字" in section  # (14 + 21) / (25 + 21 + 18)
    rows = section.split("<tr>")[2:]
    assert "<strong>56%</strong>" in rows[0] and "<strong>100%</strong>" in rows[1]
    assert (
        '<mark><span class="w-sr-only">雷同段落： </span>每年至少开展一次工资集体协商</mark>'
        "<sup>[1]</sup>" in rows[0]
    )
    assert f'href="/admin/model_texts/inspect/{model.pk}/">示范文本第3条</a>' in rows[0]
    assert f'href="/admin/contracts/inspect/{other.pk}/">{other.title}第1条</a>' in rows[1]
    assert "<mark>" not in rows[2] and "未在示范文本或其他合同中发现雷同段落。" in rows[2]


def test_a_contract_reader_sees_the_model_text_source_without_a_link_it_may_not_follow(
    contract_viewer, fed_a
):
    with context.federation_context(fed_a):
        model_clause_save(
            clause=None,
            data={"kind": "comprehensive", "order": 1, "topic": "wages", "text": MODEL_WAGES},
            reason="t",
        )
        contract = published_contract(clauses=(("wages", MODEL_WAGES),))
    page = contract_viewer.get(f"/admin/contracts/inspect/{contract.pk}/").content.decode()
    assert "示范文本第1条" in page and "/admin/model_texts/" not in page
    refused = contract_viewer.post(
        "/admin/model_texts/new/",
        {"kind": "comprehensive", "order": "2", "topic": "wages", "text": "越权"},
    )
    assert refused.status_code == 302 and refused["Location"] == "/admin/"
    with context.federation_context(fed_a):
        assert ModelClause.objects.count() == 1
